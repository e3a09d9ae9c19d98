// A thread that exits holding a mutex: nothing happens unless someone
// locks it again ("abandon" mode: no report, the program's own exit).
// A lock of it then waits for ever without Tangle (the mutex is not
// robust); with Tangle that is reported as the deadlock it is, naming the
// finished holder, and the process exits with exitcode instead of hanging —
// also while another thread keeps running ("busy": no global stall, the
// abandoned lock alone is the deadlock).
// ThreadSanitizer hangs there, so it runs only the abandon mode.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: %expect_exit 0 %t abandon 2>&1 | FileCheck --check-prefix=ABANDON %s --implicit-check-not='WARNING:'
// RUN: %expect_exit 66 %t relock 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %expect_exit 66 %t busy 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan %}
// RUN: %if tsan %{ %expect_exit 0 %t.tsan abandon 2>&1 | FileCheck --check-prefix=ABANDON %s --implicit-check-not='WARNING:' %}
// ABANDON: abandoned
// CHECK: about to lock
// CHECK: WARNING: Tangle: deadlock
// CHECK-NEXT: Main thread is blocked in pthread_mutex_lock on mutex held held by thread T1:
// CHECK-NEXT: #0 pthread_mutex_lock
// CHECK-NEXT: #1 main {{.*}}exit_holding_lock.c:[[#LINE:]]
// CHECK: Thread T1 (tid={{[0-9]+}}, finished) created by main thread at:
// CHECK: SUMMARY: Tangle: deadlock {{.*}}exit_holding_lock.c:[[#LINE]]
// CHECK: Tangle: reported 1 report(s)
#include <string.h>

#include "../test.h"

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static int data;

static void *locker(void *arg) {
  pthread_mutex_lock(&held);
  data = 1;
  return arg; // still holding it
}

static void *busy(void *arg) {
  for (;;) usleep(1000);
  return arg;
}

int main(int argc, char **argv) {
  test_join(test_spawn(locker, NULL));
  if (strcmp(argv[1], "busy") == 0) test_spawn(busy, NULL);
  if (strcmp(argv[1], "abandon") == 0) {
    printf("abandoned %d\n", data);
    return 0;
  }
  printf("about to lock\n");
  fflush(stdout);
  pthread_mutex_lock(&held);
  printf("never printed\n");
  return 0;
}
