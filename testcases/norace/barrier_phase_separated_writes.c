// Three threads take turns writing a shared slot, one per phase of a
// pthread barrier; every arrival happens-before every departure, so each
// write is ordered after the previous phase's.  Sibling of
// race/barrier_same_phase_writes.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#define PARTIES 3
pthread_barrier_t phase;
long slot;

static void run_phases(long me) {
  for (long p = 0; p < PARTIES; p++) {
    if (p == me)
      slot = slot * 10 + me + 1;
    pthread_barrier_wait(&phase);
  }
}

static void *worker(void *arg) {
  run_phases((long)arg);
  return NULL;
}

int main(void) {
  pthread_barrier_init(&phase, NULL, PARTIES);
  pthread_t a = test_spawn(worker, (void *)1L);
  pthread_t b = test_spawn(worker, (void *)2L);
  run_phases(0);
  printf("slot = %ld\n", slot);
  test_join(a);
  test_join(b);
  pthread_barrier_destroy(&phase);
  return 0;
}
// CHECK: slot = 123
