// Two threads each write their own int half of one aligned 8-byte word, at
// the same time and many times over.  The halves are separate locations:
// shadow state kept per 8 bytes must still tell them apart.  Sibling of
// race/partial_overlap_sizes.c.
//
// RUN: %tangle_cc -O0 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O0 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

struct pair {
  int lo;
  int hi;
} __attribute__((aligned(8))) pair;

static void *worker(void *arg) {
  test_step_wait(1);
  for (int i = 0; i < 1000; i++)
    pair.hi = pair.hi + 1;
  test_step_set(2);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pair.lo = 1;
  test_step_set(1);
  for (int i = 0; i < 1000; i++)
    pair.lo = pair.lo + 2;
  test_step_wait(2);
  pair.lo = pair.lo + 1;
  test_join(t);
  printf("lo = %d, hi = %d\n", pair.lo, pair.hi);
  return 0;
}
// CHECK: lo = 2002, hi = 1000
