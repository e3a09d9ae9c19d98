// A compare-exchange that fails is a load with its failure order
// (C11 §7.17.7.4); with failure order acquire it synchronizes with the
// release store whose value it read.  The worker writes the payload and
// stores state = 1 with release; main's exchange from 0 fails (it reads 1)
// and acquires, so main's read of the payload is ordered.  A second,
// weak exchange from 1 then succeeds with acq_rel.  Silent for both tools.
// Sibling of cmpxchg_fail_relaxed_race.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

int payload;
atomic_int state;

static void *worker(void *arg) {
  payload = 42;
  atomic_store_explicit(&state, 1, memory_order_release);
  test_step_set(1);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  int expected = 0;
  if (!atomic_compare_exchange_strong_explicit(&state, &expected, 2,
                                               memory_order_relaxed,
                                               memory_order_acquire))
    printf("failed, saw %d, payload = %d\n", expected, payload);
  while (!atomic_compare_exchange_weak_explicit(&state, &expected, 3,
                                                memory_order_acq_rel,
                                                memory_order_relaxed))
    expected = 1;
  payload = payload + 1;
  test_join(t);
  printf("state = %d, payload = %d\n", atomic_load(&state), payload);
  return 0;
}
// CHECK: failed, saw 1, payload = 42
// CHECK: state = 3, payload = 43
