// T1 and T2 deadlock on lock_a/lock_b (each holds one and waits for the
// other; the step barrier makes both hold first) while main keeps running:
// it sleeps in a loop that never ends.  A wait-for cycle needs no global
// stall to be certain, so Tangle reports the two deadlocked threads at
// once although main is still alive, and exits with 66; main, not being
// part of the cycle, is not listed.  Without a tool, and under
// ThreadSanitizer, the program runs forever (no TSan run here).
//
// RUN: %tangle_cc -O1 %s -o %t && timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='data race' --implicit-check-not='Main thread is blocked'
// CHECK: {{^}}WARNING: Tangle: deadlock{{$}}
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;

static void *left(void *arg) {
  pthread_mutex_lock(&lock_a);
  test_step_set(1);
  test_step_wait(2);
  // CHECK-DAG: {{^}}  Thread T1 is blocked in pthread_mutex_lock on mutex lock_b held by thread T2:
  // CHECK-DAG: {{^}}    #1 left {{.*}}hold_and_wait_while_another_thread_runs.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_b);
  return NULL;
}

static void *right(void *arg) {
  test_step_wait(1);
  pthread_mutex_lock(&lock_b);
  test_step_set(2);
  // CHECK-DAG: {{^}}  Thread T2 is blocked in pthread_mutex_lock on mutex lock_a held by thread T1:
  // CHECK-DAG: {{^}}    #1 right {{.*}}hold_and_wait_while_another_thread_runs.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_a);
  return NULL;
}

int main(void) {
  test_spawn(left, NULL);
  test_spawn(right, NULL);
  for (;;)
    usleep(100000);
}
// CHECK: SUMMARY: Tangle: deadlock {{.*}}hold_and_wait_while_another_thread_runs.c:{{[0-9]+}}:{{[0-9]+}} in {{left|right}}
// CHECK: Tangle: reported {{[0-9]+}} report(s)
