// exit() and _exit() called by a thread while others run (accessing,
// locking, allocating): no crash and no hang, the program's buffered output
// is flushed as exit() flushes it, a race reported before is on disk, and
// the exit status is the program's own (exitcode, 66, for exit() after a
// report: the runtime's exit handler; _exit skips every handler).
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %expect_exit 3 %t exit clean 2>&1 | FileCheck --check-prefix=CLEAN %s --implicit-check-not='WARNING:'
// RUN: env TANGLE_OPTIONS=report_path=%t.dir/exit %expect_exit 66 %t exit race > %t.exit.out 2>&1
// RUN: FileCheck --check-prefixes=CHECK,EXIT %s < %t.exit.out
// RUN: env TANGLE_OPTIONS=report_path=%t.dir/_exit %expect_exit 4 %t _exit race > %t._exit.out 2>&1
// RUN: FileCheck %s < %t._exit.out
// RUN: for m in exit _exit; do %expect_exit 66 %tangle report %t.dir/$m.*.json; done | FileCheck --check-prefix=FILES %s
// CLEAN: buffered output
// CHECK: WARNING: Tangle: data race
// CHECK-NEXT: Write of size 4 at {{.*}} by thread T3:
// CHECK-NEXT: #0 exiter {{.*}}exit_from_thread.c:[[#LINE:]]
// CHECK: Previous write of size 4 at {{.*}} by main thread:
// CHECK-NEXT: #0 main {{.*}}exit_from_thread.c:[[#LINE + 12]]
// EXIT: buffered output
// EXIT: Tangle: reported 1 report(s)
// FILES-COUNT-2: Tangle: 1 finding(s) from 1 report(s)
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../test.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static int use_exit, racy_mode;
int value;

static void *busy(void *arg) {
  for (;;) {
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
    free(malloc(32));
  }
  return arg;
}

static void *exiter(void *arg) {
  test_step_wait(1);
  if (racy_mode) value = 2;
  if (use_exit) exit(3);
  _exit(4);
}

int main(int argc, char **argv) {
  use_exit = strcmp(argv[1], "exit") == 0;
  racy_mode = strcmp(argv[2], "race") == 0;
  printf("buffered output\n"); // stdout is a pipe: flushed by exit() only
  test_spawn(busy, NULL);
  test_spawn(busy, NULL);
  test_spawn(exiter, NULL);
  value = 1;
  test_step_set(1);
  for (;;) {
    pthread_mutex_lock(&mu);
    counter--;
    pthread_mutex_unlock(&mu);
  }
}
