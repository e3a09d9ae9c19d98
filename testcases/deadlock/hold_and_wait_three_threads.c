// A real three-way deadlock: T1 holds lock_a and waits for lock_b, T2
// holds lock_b and waits for lock_c, main holds lock_c and waits for
// lock_a.  The step barrier makes all three take their first lock before
// anyone asks for a second, so the program always hangs, without a tool
// and under ThreadSanitizer alike (no TSan run here).  Tangle closes the
// 3-cycle in the wait-for graph, reports all three threads and exits 66.
//
// RUN: %tangle_cc -O1 %s -o %t && timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='data race'
// CHECK: {{^}}WARNING: Tangle: deadlock{{$}}
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_c = PTHREAD_MUTEX_INITIALIZER;

static void *first(void *arg) {
  pthread_mutex_lock(&lock_a);
  test_step_set(1);
  test_step_wait(3);
  // CHECK-DAG: {{^}}  Thread T1 is blocked in pthread_mutex_lock on mutex lock_b held by thread T2:
  // CHECK-DAG: {{^}}    #1 first {{.*}}hold_and_wait_three_threads.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_b);
  return NULL;
}

static void *second(void *arg) {
  test_step_wait(1);
  pthread_mutex_lock(&lock_b);
  test_step_set(2);
  test_step_wait(3);
  // CHECK-DAG: {{^}}  Thread T2 is blocked in pthread_mutex_lock on mutex lock_c held by main thread:
  // CHECK-DAG: {{^}}    #1 second {{.*}}hold_and_wait_three_threads.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_c);
  return NULL;
}

int main(void) {
  pthread_t t1 = test_spawn(first, NULL);
  pthread_t t2 = test_spawn(second, NULL);
  test_step_wait(2);
  pthread_mutex_lock(&lock_c);
  test_step_set(3);
  // CHECK-DAG: {{^}}  Main thread is blocked in pthread_mutex_lock on mutex lock_a held by thread T1:
  // CHECK-DAG: {{^}}    #1 main {{.*}}hold_and_wait_three_threads.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_a);
  test_join(t1);
  test_join(t2);
  printf("not reached\n");
  return 0;
}
// CHECK: SUMMARY: Tangle: deadlock {{.*}}hold_and_wait_three_threads.c:{{[0-9]+}}:{{[0-9]+}} in {{first|second|main}}
// CHECK: Tangle: reported {{[0-9]+}} report(s)
