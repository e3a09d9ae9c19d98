// A SIGUSR1 handler leaves by siglongjmp, 100 times.  The handler runs as
// main's handler context (a thread of its own for the race engine); the
// jump must give main its own context back, ordered after the handler:
// main then reads what the handler wrote (silent), and a later race with a
// worker names main as one side, with main's own stack.  Left as the
// handler context, main's accesses would be charged to that context.
//
// ThreadSanitizer runs handlers as part of the interrupted thread: the
// same race, named the same way (the worker is T1 there, T2 in Tangle
// after main's handler context).
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s %}
#include "../test.h"

#include <setjmp.h>
#include <signal.h>

static sigjmp_buf env;
static int from_handler;
int value;

static void on_usr1(int sig) {
  from_handler++;
  siglongjmp(env, 1);
}

static void *worker(void *arg);

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, NULL);
  int jumps = 0;
  for (int i = 0; i < 100; i++) {
    if (sigsetjmp(env, 1) == 0)
      raise(SIGUSR1);
    else
      jumps++;
  }
  // CHECK: jumps 100 handled 100
  printf("jumps %d handled %d\n", jumps, from_handler);
  fflush(stdout);
  pthread_t t = test_spawn(worker, NULL);
  test_step_set(1);
  test_step_wait(2);
  // CHECK: WARNING: {{.*}}: data race
  // CHECK-NEXT: Write of size 4 at {{.*}} by main thread:
  // CHECK-NEXT: #0 main {{.*}}siglongjmp_out_of_handler.c:[[#@LINE+1]]
  value = 1;
  test_join(t);
  return 0;
}

static void *worker(void *arg) {
  test_step_wait(1);
  // CHECK: Previous write of size 4 at {{.*}} by thread T{{[12]}}:
  // CHECK-NEXT: #0 worker {{.*}}siglongjmp_out_of_handler.c:[[#@LINE+1]]
  value = 2;
  test_step_set(2);
  return arg;
}
