// The synchronized sibling of relaxed_store_after_first_release_race.c:
// the storer's first store is relaxed (count has no clock yet), then main
// writes the payload and stores count = 1 with release, then the storer's
// second store is a release too, after it acquire-read main's 1 (so its
// clock holds main's write).  A reader that acquire-reads 2 reads the
// payload after main's write: no race.  Tangle must see the object main's
// release made, though the storer found none at its first store.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

int payload;
atomic_int count;

static void *storer(void *arg) {
  atomic_store_explicit(&count, 7, memory_order_relaxed);
  test_step_set(1);
  while (atomic_load_explicit(&count, memory_order_acquire) != 1)
    sched_yield();
  atomic_store_explicit(&count, 2, memory_order_release);
  test_step_set(3);
  return NULL;
}

static void *reader(void *arg) {
  test_step_wait(3);
  int c = atomic_load_explicit(&count, memory_order_acquire);
  int p = payload;
  printf("count = %d, payload = %d\n", c, p);
  return NULL;
}

int main(void) {
  pthread_t s = test_spawn(storer, NULL);
  pthread_t r = test_spawn(reader, NULL);
  test_step_wait(1);
  payload = 42;
  atomic_store_explicit(&count, 1, memory_order_release);
  test_join(s);
  test_join(r);
  return 0;
}
// CHECK: count = 2, payload = 42
