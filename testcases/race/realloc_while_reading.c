// main grows a buffer with realloc while a worker reads the old block
// without synchronization.  The growth moves the block, so realloc frees
// the old one: a write of the whole old block that races with the read.
// The worker reads first; main's realloc is the current access.  Sibling:
// norace/realloc_after_join.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

static void *worker(void *arg);

int main(void) {
  int *items = malloc(4 * sizeof(int));
  for (int i = 0; i < 4; i++)
    items[i] = i;
  pthread_t t = test_spawn(worker, items);
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size {{[0-9]+}} at {{0x[0-9a-f]+}} by main thread:
  // CHECK-NEXT:     #0 realloc
  // CHECK-NEXT:     #1 main {{.*}}realloc_while_reading.c:[[#@LINE+1]]
  int *grown = realloc(items, 1 << 20);
  test_step_set(2);
  printf("sum = %ld, grown[3] = %d\n", (long)test_join(t), grown[3]);
  free(grown);
  return 0;
}

static void *worker(void *arg) {
  int *items = arg;
  // CHECK:        Previous read of size 4 at {{0x[0-9a-f]+}} by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}realloc_while_reading.c:[[#@LINE+1]]
  long sum = items[0];
  test_step_set(1);
  test_step_wait(2);
  return (void *)sum;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}} in realloc
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
