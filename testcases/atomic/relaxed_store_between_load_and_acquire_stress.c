// A relaxed store by another thread ends every release sequence on the
// variable (C11 §5.1.2.4) and empties its clock, while other threads keep
// loading it: an acquire load must get exactly the clock of the value it
// read, never the empty clock of a later relaxed store (a false race) nor
// the clock of a later release (which would hide races).  Main publishes
// payload[i] with a release store of flag = i + 1; a worker keeps storing
// flag = 0 relaxed; a reader acquire-loads flag in a loop and reads
// payload[v - 1] for every v > 0 it sees: each such v came from main's
// release store, so every read is ordered after its write.  Stressed over
// many rounds so the stores land between loads and their acquires.
// Sibling (the real race in the same loop): relaxed_store_between_load_and_acquire_race.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#define ROUNDS 20000
int payload[ROUNDS];
atomic_int flag, done;

static void *resetter(void *arg) {
  while (!atomic_load_explicit(&done, memory_order_relaxed))
    atomic_store_explicit(&flag, 0, memory_order_relaxed);
  return NULL;
}

static void *reader(void *arg) {
  long seen = 0, sum = 0;
  while (!atomic_load_explicit(&done, memory_order_relaxed)) {
    int v = atomic_load_explicit(&flag, memory_order_acquire);
    if (v > 0) {
      sum += payload[v - 1] - v;
      seen++;
    }
  }
  printf("reader: mismatches %ld\n", sum);
  return NULL;
}

int main(void) {
  pthread_t z = test_spawn(resetter, NULL);
  pthread_t r = test_spawn(reader, NULL);
  for (int i = 0; i < ROUNDS; i++) {
    payload[i] = i + 1;
    atomic_store_explicit(&flag, i + 1, memory_order_release);
  }
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  test_join(z);
  test_join(r);
  return 0;
}
// CHECK: reader: mismatches 0
