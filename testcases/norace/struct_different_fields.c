// Each thread writes its own field of a shared struct; the two int fields
// share one 8-byte word, so the detector must track accesses finer than a
// word.  Different fields are different memory locations: no race.
// Sibling of race/struct_same_field.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

struct stats {
  int hits;
  int misses;
  long bytes;
} stats;

static void *worker(void *arg) {
  test_step_wait(1);
  for (int i = 0; i < 100; i++)
    stats.misses = stats.misses + 2;
  test_step_set(2);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  for (int i = 0; i < 100; i++)
    stats.hits = stats.hits + 1;
  test_step_set(1);
  test_step_wait(2);
  stats.hits = stats.hits + 1;
  test_join(t);
  printf("hits = %d, misses = %d\n", stats.hits, stats.misses);
  return 0;
}
// CHECK: hits = 101, misses = 200
