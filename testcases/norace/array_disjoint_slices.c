// Two threads fill disjoint slices of one global array, arr[0..32) and
// arr[32..64), interleaved with the step barrier so both run at once; the
// slices meet inside no element, so nothing races.  main sums the array
// after the join.  Sibling of race/array_overlapping_slices.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

int arr[64];

static void fill(int from, int to) {
  for (int i = from; i < to; i++)
    arr[i] = i;
}

static void *worker(void *arg) {
  test_step_wait(1);
  fill(0, 32);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  fill(32, 64);
  test_step_set(1);
  fill(32, 64);
  test_join(t);
  long sum = 0;
  for (int i = 0; i < 64; i++)
    sum += arr[i];
  printf("sum = %ld\n", sum);
  return 0;
}
// CHECK: sum = 2016
