// main frees a heap block that a worker read without synchronizing with
// main: free() counts as a write to the whole block, so it races with the
// read.  The worker reads first; main's free is the current access and its
// stack starts with the free frame.  Sibling: norace/free_after_join.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

struct node {
  long key;
  long value;
};

static void *worker(void *arg);

int main(void) {
  struct node *n = malloc(sizeof *n);
  n->key = 1;
  n->value = 100;
  pthread_t t = test_spawn(worker, n);
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size {{[0-9]+}} at {{0x[0-9a-f]+}} by main thread:
  // CHECK-NEXT:     #0 free
  // CHECK-NEXT:     #1 main {{.*}}free_while_reading.c:[[#@LINE+1]]
  free(n);
  test_step_set(2);
  printf("value was %ld\n", (long)test_join(t));
  return 0;
}

static void *worker(void *arg) {
  struct node *n = arg;
  // CHECK:        Previous read of size 8 at {{0x[0-9a-f]+}} by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}free_while_reading.c:[[#@LINE+1]]
  long v = n->value;
  test_step_set(1);
  test_step_wait(2);
  return (void *)v;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}} in free
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
