// A reader-writer lock built on relaxed atomics, annotated with TSan's
// AnnotateRWLockCreate/Acquired/Released/Destroy: readers and a writer
// share a table; every access is ordered by the annotations.  Silent under
// both tools.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"
#include "Inputs/dynamic_annotations.h"

typedef struct { const char *name; atomic_int state; } rw_t; // -1 writer, n readers
rw_t rw = {"rw", 0};
int table[4];

static void rd_lock(rw_t *l) {
  int s;
  do {
    while ((s = atomic_load_explicit(&l->state, memory_order_relaxed)) < 0)
      sched_yield();
  } while (!atomic_compare_exchange_weak_explicit(&l->state, &s, s + 1,
                                                  memory_order_relaxed, memory_order_relaxed));
  AnnotateRWLockAcquired(__FILE__, __LINE__, l, 0);
}
static void rd_unlock(rw_t *l) {
  AnnotateRWLockReleased(__FILE__, __LINE__, l, 0);
  atomic_fetch_sub_explicit(&l->state, 1, memory_order_relaxed);
}
static void wr_lock(rw_t *l) {
  int z = 0;
  while (!atomic_compare_exchange_weak_explicit(&l->state, &z, -1, memory_order_relaxed,
                                                memory_order_relaxed)) {
    z = 0;
    sched_yield();
  }
  AnnotateRWLockAcquired(__FILE__, __LINE__, l, 1);
}
static void wr_unlock(rw_t *l) {
  AnnotateRWLockReleased(__FILE__, __LINE__, l, 1);
  atomic_store_explicit(&l->state, 0, memory_order_relaxed);
}

static void *reader(void *arg) {
  long sum = 0;
  for (int i = 0; i < 500; i++) {
    rd_lock(&rw);
    sum += table[i % 4];
    rd_unlock(&rw);
  }
  return (void *)sum;
}

int main(void) {
  AnnotateRWLockCreate(__FILE__, __LINE__, &rw);
  pthread_t t[2] = {test_spawn(reader, NULL), test_spawn(reader, NULL)};
  for (int i = 0; i < 500; i++) {
    wr_lock(&rw);
    table[i % 4] = i;
    wr_unlock(&rw);
  }
  test_join(t[0]);
  test_join(t[1]);
  AnnotateRWLockDestroy(__FILE__, __LINE__, &rw);
  printf("table %d\n", table[3]);
  return 0;
}
// CHECK: table 499
