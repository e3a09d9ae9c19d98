// trylock with success=ret!=0: a failed spin_trylock acquires nothing.
// main holds the model-declared spinlock while it writes `data`; the
// worker's trylock fails and it reads `data` anyway: a race, reported with
// both sides.  Its later successful trylock (after main unlocked) orders
// its read of `data2`: only one report.  ThreadSanitizer, blind to the
// lock, reports both reads.
//
// RUN: %clang -O1 -g -c %S/Inputs/model_spinlock.c -o %t.spin.o
// RUN: %tangle_cc -O1 --model=%S/Inputs/model_spinlock.model %s %t.spin.o -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s %t.spin.o -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include "Inputs/model_spinlock.h"

spinlock_t lock = SPINLOCK_INIT("lock");
_Alignas(64) int data;
_Alignas(64) int data2;

static void *worker(void *arg) {
  test_step_wait(1);
  int got = spin_trylock(&lock);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at {{.*}} by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}model_spinlock_failed_trylock.c:[[#@LINE+1]]
  int v = data;
  test_step_set(2);
  test_step_wait(3);
  while (!spin_trylock(&lock))
    sched_yield();
  v += data2;
  spin_unlock(&lock);
  return (void *)(long)(got * 100 + v);
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  spin_lock(&lock);
  // CHECK:        Previous write of size 4 at {{.*}} by main thread:
  // CHECK-NEXT:     #0 main {{.*}}model_spinlock_failed_trylock.c:[[#@LINE+1]]
  data = 1;
  data2 = 2;
  test_step_set(1);
  test_step_wait(2);
  spin_unlock(&lock);
  test_step_set(3);
  printf("worker got %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: worker got 3
