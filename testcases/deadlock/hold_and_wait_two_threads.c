// A real deadlock: the worker holds lock_b and waits for lock_a, main holds
// lock_a and waits for lock_b.  The step barrier makes both take their
// first lock before either asks for the second, so the program hangs on
// every run without a tool, and under ThreadSanitizer too (it may print a
// lock-order warning, then hangs: no TSan run here).  Tangle finds the
// cycle in the wait-for graph when the second thread blocks, reports both
// threads (in either order) and exits with 66 instead of hanging.
//
// RUN: %tangle_cc -O1 %s -o %t && timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='data race'
// CHECK: {{^}}WARNING: Tangle: deadlock{{$}}
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock_b);
  test_step_set(1);
  test_step_wait(2);
  // CHECK-DAG: {{^}}  Thread T1 is blocked in pthread_mutex_lock on mutex lock_a held by main thread:
  // CHECK-DAG: {{^}}    #1 worker {{.*}}hold_and_wait_two_threads.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_a);
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  return NULL;
}

int main(void) {
  pthread_mutex_lock(&lock_a);
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  test_step_set(2);
  // CHECK-DAG: {{^}}  Main thread is blocked in pthread_mutex_lock on mutex lock_b held by thread T1:
  // CHECK-DAG: {{^}}    #1 main {{.*}}hold_and_wait_two_threads.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_b);
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  test_join(t);
  printf("not reached\n");
  return 0;
}
// CHECK: SUMMARY: Tangle: deadlock {{.*}}hold_and_wait_two_threads.c:{{[0-9]+}}:{{[0-9]+}} in {{worker|main}}
// CHECK: Tangle: reported {{[0-9]+}} report(s)
