// Two threads increment the same counter with atomic read-modify-writes
// (C11 atomic_fetch_add and the __atomic builtin), and main reads it with
// an atomic load while they run.  Atomic accesses never race with each
// other.  Sibling of race/atomic_vs_plain_write.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

atomic_int hits;
int plain_hits;

static void *worker(void *arg) {
  for (int i = 0; i < 1000; i++) {
    if ((long)arg)
      atomic_fetch_add_explicit(&hits, 1, memory_order_relaxed);
    else
      __atomic_fetch_add(&plain_hits, 1, __ATOMIC_SEQ_CST);
  }
  return NULL;
}

int main(void) {
  pthread_t a = test_spawn(worker, (void *)1L);
  pthread_t b = test_spawn(worker, (void *)1L);
  pthread_t c = test_spawn(worker, (void *)0L);
  int peek = atomic_load(&hits) + __atomic_load_n(&plain_hits, __ATOMIC_RELAXED);
  test_join(a);
  test_join(b);
  test_join(c);
  printf("hits = %d, plain_hits = %d, peek ok = %d\n", atomic_load(&hits),
         plain_hits, peek >= 0 && peek <= 3000);
  return 0;
}
// CHECK: hits = 2000, plain_hits = 1000, peek ok = 1
