// A real deadlock through the model-declared spinlock: main holds `a` and
// spins on `b`, the worker holds `b` and spins on `a`.  A declared lock's
// blocking call registers its wait, so the wait-for cycle is found at once
// and reported as a deadlock (then the process exits 66).  Built without
// the model Tangle would see two threads spinning on relaxed atomics; so
// does ThreadSanitizer, which is not run: the program would hang until the
// test watchdog killed it.
//
// RUN: %clang -O1 -g -c %S/Inputs/model_spinlock.c -o %t.spin.o
// RUN: %tangle_cc -O1 --model=%S/Inputs/model_spinlock.model %s %t.spin.o -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
#include "../test.h"
#include "Inputs/model_spinlock.h"

spinlock_t a = SPINLOCK_INIT("a");
spinlock_t b = SPINLOCK_INIT("b");

static void *worker(void *arg) {
  spin_lock(&b);
  test_step_set(1);
  test_step_wait(2);
  spin_lock(&a); // the worker's wait, checked in main below
  return NULL;
}

int main(void) {
  // CHECK: WARNING: Tangle: deadlock
  // CHECK-DAG: Thread T1 is blocked in spin_lock on spinlock a held by main thread:
  // CHECK-DAG: Main thread is blocked in spin_lock on spinlock b held by thread T1:
  // CHECK-DAG: #0 spin_lock {{.*}}model_spinlock.c
  // CHECK-DAG: #1 worker {{.*}}model_spinlock_deadlock.c:[[#@LINE-9]]
  spin_lock(&a);
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  test_step_set(2);
  spin_lock(&b); // CHECK-DAG: #1 main {{.*}}model_spinlock_deadlock.c:[[#@LINE]]
  test_join(t);
  printf("not reached\n");
  return 0;
}
// CHECK: SUMMARY: Tangle: deadlock
