// main grows a buffer with realloc (which moves it and frees the old
// block) only after joining the worker that read the old block: the read
// happens-before the realloc, so nothing races.  The new block is then
// handed to a second worker.  Sibling of race/realloc_while_reading.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

static void *sum4(void *arg) {
  int *items = arg;
  long sum = 0;
  for (int i = 0; i < 4; i++)
    sum += items[i];
  return (void *)sum;
}

int main(void) {
  int *items = malloc(4 * sizeof(int));
  for (int i = 0; i < 4; i++)
    items[i] = i;
  long before = (long)test_join(test_spawn(sum4, items));
  items = realloc(items, 1 << 20);
  for (int i = 0; i < 4; i++)
    items[i] += 10;
  long after = (long)test_join(test_spawn(sum4, items));
  printf("sum before = %ld, after = %ld\n", before, after);
  free(items);
  return 0;
}
// CHECK: sum before = 6, after = 46
