// Message passing through a 4-byte flag (atomic_int) with release/acquire: main writes
// the payload, then stores the flag with release; the worker loads it with
// acquire and, once set, reads and updates the payload.  The release store
// synchronizes with the acquire load that reads it (C11 §5.1.2.4), so both
// accesses are ordered after main's writes.  Silent for both tools.
// Sibling of flag4_relaxed_race.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

struct msg {
  char tag;
  int payload;
} m;
atomic_int state;

static void *worker(void *arg) {
  while (atomic_load_explicit(&state, memory_order_acquire) != 1)
    sched_yield();
  m.tag = (char)(m.tag + 1);
  return (void *)(long)m.payload;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  for (int i = 0; i < 100; i++)
    sched_yield();
  m.tag = 1;
  m.payload = 42;
  atomic_store_explicit(&state, 1, memory_order_release);
  long payload = (long)test_join(t);
  printf("payload = %ld, tag = %d\n", payload, m.tag);
  return 0;
}
// CHECK: payload = 42, tag = 2
