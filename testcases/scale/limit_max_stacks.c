// max_stacks sizes the table of calling contexts (every distinct stack,
// prefixes included, that an access or a lock was recorded with).  Main
// fills it with the stacks of a 200-deep recursion, then a worker and main
// write counter unsynchronized.  With max_stacks=50 the table fills during
// the recursion: one line names the limit and the option, race detection
// stays on (the race is reported), and the worker's write, recorded after,
// is reported with an empty stack.  With max_stacks=100000 the report has
// its file:line.  Not run under TSan: the table is Tangle's.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: env TANGLE_OPTIONS=max_stacks=50 %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,SMALL --implicit-check-not=tangle: --implicit-check-not=WARNING:
// RUN: env TANGLE_OPTIONS=max_stacks=100000 %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,LARGE --implicit-check-not=tangle: --implicit-check-not=WARNING:
// SMALL: tangle: more than 50 distinct stacks; stacks recorded from here on may lack frames (raise max_stacks in TANGLE_OPTIONS)
#include "../test.h"

int seen[201];
int counter;

__attribute__((noinline)) static void dive(int n) {
  if (n > 0) dive(n - 1);
  seen[n] = n; /* after the call: not a tail call, each level a frame */
}

static void *worker(void *arg) {
  counter = 1;
  test_step_set(1);
  return arg;
}

int main(void) {
  dive(200);
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  // CHECK: WARNING: Tangle: data race
  // CHECK-NEXT: Write of size 4 at {{.*}} by main thread:
  // CHECK-NEXT: #0 main {{.*}}limit_max_stacks.c:[[#@LINE+5]]:
  // CHECK: Previous write of size 4 at {{.*}} by thread T1:
  // LARGE-NEXT: #0 worker {{.*}}limit_max_stacks.c:[[#@LINE-13]]:
  // SMALL-NEXT: <empty stack>
  // CHECK: SUMMARY: Tangle: data race {{.*}}limit_max_stacks.c:[[#@LINE+1]]:{{.*}} in main
  counter = 2;
  test_join(t);
  printf("seen %d, counter %d\n", seen[200], counter);
  return 0;
}
// CHECK: seen 200, counter 2
// CHECK: Tangle: reported 1 report(s)
