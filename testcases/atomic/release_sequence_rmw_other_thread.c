// C11 §5.1.2.4: a release sequence headed by a release store goes on through
// read-modify-writes by any thread.  Main writes the payload and stores
// count = 1 with release; a worker bumps the count with a *relaxed*
// fetch_add (it publishes nothing of its own); a reader that reads the
// bumped value 2 with acquire has read a value in main's release sequence,
// so it synchronizes with main's store and its payload read is ordered.
// Silent for both tools.  Siblings: release_sequence_broken_by_other_store.c
// (a plain store instead of the RMW ends the sequence).
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

int payload;
atomic_int count;

static void *bumper(void *arg) {
  test_step_wait(1);
  atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
  test_step_set(2);
  return NULL;
}

static void *reader(void *arg) {
  test_step_wait(2);
  int c = atomic_load_explicit(&count, memory_order_acquire);
  int p = payload;
  printf("count = %d, payload = %d\n", c, p);
  return NULL;
}

int main(void) {
  pthread_t b = test_spawn(bumper, NULL);
  pthread_t r = test_spawn(reader, NULL);
  payload = 42;
  atomic_store_explicit(&count, 1, memory_order_release);
  test_step_set(1);
  test_join(b);
  test_join(r);
  return 0;
}
// CHECK: count = 2, payload = 42
