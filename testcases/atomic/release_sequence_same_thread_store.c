// C11 §5.1.2.4 keeps the thread that headed a release sequence in it: a
// later store by that thread, even a relaxed one, continues the sequence.
// Main writes the payload, stores flag = 1 with release, then flag = 2
// relaxed; a reader that reads 2 with acquire synchronizes with the
// release store, so its payload read is ordered.  Silent for both tools
// (TSan never ends a sequence at a relaxed store).  C++20 dropped this
// same-thread rule (P0982R1); Tangle follows C11.  Siblings:
// release_sequence_broken_by_other_store.c,
// release_sequence_owner_store_drops_rmw.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

int payload;
atomic_int flag;

static void *reader(void *arg) {
  test_step_wait(1);
  int f = atomic_load_explicit(&flag, memory_order_acquire);
  int p = payload;
  payload = p + 1;
  printf("flag = %d, payload = %d\n", f, p);
  return NULL;
}

int main(void) {
  pthread_t r = test_spawn(reader, NULL);
  payload = 42;
  atomic_store_explicit(&flag, 1, memory_order_release);
  atomic_store_explicit(&flag, 2, memory_order_relaxed);
  test_step_set(1);
  test_join(r);
  printf("after = %d\n", payload);
  return 0;
}
// CHECK: flag = 2, payload = 42
// CHECK: after = 43
