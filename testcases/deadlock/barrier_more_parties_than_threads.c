// phase_barrier is initialized for 3 parties, but only main and one worker
// ever wait on it: both block forever.  With every thread stuck in
// pthread_barrier_wait and nobody left to arrive, Tangle reports the stall
// after deadlock_timeout_ms (shortened here to 200 ms through
// TANGLE_OPTIONS) and exits with 66.  Without a tool, and under
// ThreadSanitizer, the program just hangs (no TSan run here).
//
// RUN: %tangle_cc -O1 %s -o %t && env TANGLE_OPTIONS=deadlock_timeout_ms=200 timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='data race'
// CHECK: {{^}}WARNING: Tangle: deadlock{{$}}
#include "../test.h"

pthread_barrier_t phase_barrier;

static void *worker(void *arg) {
  // CHECK-DAG: {{^}}  Thread T1 is blocked in pthread_barrier_wait on barrier phase_barrier:
  // CHECK-DAG: {{^}}    #1 worker {{.*}}barrier_more_parties_than_threads.c:[[#@LINE+1]]:
  pthread_barrier_wait(&phase_barrier);
  return NULL;
}

int main(void) {
  pthread_barrier_init(&phase_barrier, NULL, 3);
  pthread_t t = test_spawn(worker, NULL);
  // CHECK-DAG: {{^}}  Main thread is blocked in pthread_barrier_wait on barrier phase_barrier:
  // CHECK-DAG: {{^}}    #1 main {{.*}}barrier_more_parties_than_threads.c:[[#@LINE+1]]:
  pthread_barrier_wait(&phase_barrier);
  test_join(t);
  printf("not reached\n");
  return 0;
}
// CHECK: SUMMARY: Tangle: deadlock {{.*}}barrier_more_parties_than_threads.c:{{[0-9]+}}:{{[0-9]+}} in {{worker|main}}
// CHECK: Tangle: reported {{[0-9]+}} report(s)
