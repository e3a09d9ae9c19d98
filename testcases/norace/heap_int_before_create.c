// main allocates and fills a heap block before creating the worker that
// updates it, then reads it after the join: create and join order every
// access, so nothing races.  Sibling of race/heap_int_after_create.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

static void *worker(void *arg) {
  int *slots = arg;
  for (int i = 0; i < 4; i++)
    slots[i] *= 2;
  return NULL;
}

int main(void) {
  int *slots = malloc(4 * sizeof(int));
  for (int i = 0; i < 4; i++)
    slots[i] = i + 1;
  pthread_t t = test_spawn(worker, slots);
  test_join(t);
  /* A second round on the same block, ordered the same way. */
  slots[0] = 100;
  t = test_spawn(worker, slots);
  test_join(t);
  printf("slots = %d %d %d %d\n", slots[0], slots[1], slots[2], slots[3]);
  free(slots);
  return 0;
}
// CHECK: slots = 200 8 12 16
