// A spinlock built on relaxed atomics orders nothing by itself; annotated
// with TANGLE_LOCK_ACQUIRED/RELEASED it is a lock like a pthread mutex, so
// the counter it guards is race-free: silent.  ThreadSanitizer (macros
// compiled out) sees unordered increments and reports them.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 -I%S/../../runtime/include %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include <tangle/annotations.h>

typedef struct { const char *name; atomic_int held; } spin_t;
spin_t lock = {"lock", 0};
long counter;

static void spin_lock(spin_t *l) {
  while (atomic_exchange_explicit(&l->held, 1, memory_order_relaxed))
    sched_yield();
  atomic_signal_fence(memory_order_seq_cst); // keeps the compiler out
  TANGLE_LOCK_ACQUIRED(l, 1);
}

static void spin_unlock(spin_t *l) {
  TANGLE_LOCK_RELEASED(l, 1);
  atomic_signal_fence(memory_order_seq_cst);
  atomic_store_explicit(&l->held, 0, memory_order_relaxed);
}

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
