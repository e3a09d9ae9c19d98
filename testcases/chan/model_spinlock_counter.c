// A spinlock implemented in a separate translation unit compiled without
// Tangle (Inputs/model_spinlock.c: relaxed atomics, nothing a detector can
// see) guards a counter.  Declared in a model file (tangle-cc --model),
// its calls are a lock like a pthread mutex: silent.  ThreadSanitizer,
// with no way to learn about the lock, reports the increments falsely.
//
// RUN: %clang -O1 -g -c %S/Inputs/model_spinlock.c -o %t.spin.o
// RUN: %tangle_cc -O1 --model=%S/Inputs/model_spinlock.model %s %t.spin.o -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s %t.spin.o -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include "Inputs/model_spinlock.h"

spinlock_t lock = SPINLOCK_INIT("lock");
long counter;

static void *worker(void *arg) {
  for (int i = 0; i < 1000; i++) {
    spin_lock(&lock);
    counter++; // TSAN: WARNING: ThreadSanitizer: data race
    spin_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  pthread_t t[2] = {test_spawn(worker, NULL), test_spawn(worker, NULL)};
  test_join(t[0]);
  test_join(t[1]);
  printf("counter %ld\n", counter);
  return 0;
}
// CHECK: counter 2000
