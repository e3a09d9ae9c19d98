// A spinlock built on the legacy __sync builtins: __sync_lock_test_and_set
// takes it (an acquire barrier per GCC's manual; clang emits a seq_cst
// exchange) and __sync_lock_release drops it (a release store of 0).  Two
// workers move money between two plain balances under it; the total is
// invariant.  Each release synchronizes with the exchange that next reads
// 0, so the critical sections are ordered.  Silent for both tools.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

static int lock;
static struct {
  long a, b;
} balance = {1000, 1000};

static void *worker(void *arg) {
  long amount = (long)arg;
  for (int i = 0; i < 1000; i++) {
    while (__sync_lock_test_and_set(&lock, 1))
      sched_yield();
    balance.a -= amount;
    balance.b += amount;
    __sync_lock_release(&lock);
  }
  return NULL;
}

int main(void) {
  pthread_t x = test_spawn(worker, (void *)3L);
  pthread_t y = test_spawn(worker, (void *)-2L);
  test_join(x);
  test_join(y);
  printf("a = %ld, b = %ld, total = %ld\n", balance.a, balance.b,
         balance.a + balance.b);
  return 0;
}
// CHECK: a = 0, b = 2000, total = 2000
