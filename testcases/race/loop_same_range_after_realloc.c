// Main fills a heap block in a loop, frees it, gets a block of the same
// size (the allocator hands back the same memory) and fills that in the
// same loop, in the same epoch: the same strided check as the first time.
// The runtime remembers the checks a thread made in its epoch to skip
// repeats, but malloc clears the block's shadow, so that memory must not
// count as checked: the worker's unsynchronized read of the new block has
// to race with the second fill, at the fill's line.  ThreadSanitizer names
// the malloc as the earlier write instead (it records an allocation as a
// write of the block, and that is the record its report finds).
//
// RUN: %tangle_cc -O2 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

#include <stdatomic.h>
#include <stdlib.h>

int n_items = 64; // not a constant: the loop keeps its run-time count
_Atomic(int *) shared;

static __attribute__((noinline)) void fill(int *a, int n, int v) {
  for (int i = 0; i < n; i++) a[i] = v; // line 22
}

static void *worker(void *arg) {
  test_step_wait(1);
  int *p = atomic_load_explicit(&shared, memory_order_relaxed);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at {{0x[0-9a-f]+}} by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}loop_same_range_after_realloc.c:[[#@LINE+1]]
  return (void *)(long)*(volatile int *)&p[5];
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  int *first = malloc(sizeof(int) * n_items);
  fill(first, n_items, 1);
  free(first);
  int *second = malloc(sizeof(int) * n_items);
  // CHECK:        Previous write of size {{4|8|16}} at {{0x[0-9a-f]+}} by main thread:
  // TSAN-NEXT:      #0 malloc
  // TANGLE-NEXT:    #0 fill {{.*}}loop_same_range_after_realloc.c:22
  // TANGLE-NEXT:    #1 main {{.*}}loop_same_range_after_realloc.c:[[#@LINE+1]]
  fill(second, n_items, 2);
  atomic_store_explicit(&shared, second, memory_order_relaxed);
  test_step_set(1);
  long v = (long)test_join(t);
  fprintf(stderr, "same block %d, read %ld\n", first == second, v);
  free(second);
  return 0;
}

// CHECK:        same block 1, read 2
