// The worker updates a cache through an always_inline helper; main reads the
// cache only after joining it.  Inlining moves the store into the worker's
// code but changes nothing about ordering: no race.  Sibling of
// race/inlined_helper_write.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

struct cache {
  long hits;
  long last_key;
} cache;

static inline __attribute__((always_inline)) void record_hit(long key) {
  cache.hits++;
  cache.last_key = key;
}

static void *worker(void *arg) {
  for (long key = 1; key <= 10; key++)
    record_hit(key * 7);
  return NULL;
}

int main(void) {
  record_hit(1);
  pthread_t t = test_spawn(worker, NULL);
  test_join(t);
  record_hit(cache.last_key + 1);
  printf("hits = %ld, last_key = %ld\n", cache.hits, cache.last_key);
  return 0;
}
// CHECK: hits = 12, last_key = 71
