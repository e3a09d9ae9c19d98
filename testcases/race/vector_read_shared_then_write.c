// Both threads read a shared array through 16-byte vectors aligned to 8
// (not to 16: the pass hands these to read_range), which makes its granules
// read-shared.  Main then posts a semaphore; the worker waits for it and
// writes one element (ordered after both reads: no race there), and main,
// without synchronizing again, reads it once more through a vector: that
// read races with the write.  Main's second read is in the same epoch as
// its first, so the read-shared fast path must not take it as already
// checked.  Sibling: norace/vector_read_shared_after_join.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

#include <semaphore.h>

typedef double v2d __attribute__((vector_size(16), aligned(8)));

double table[9]; // table + 1 is 8- but not 16-aligned

static __attribute__((noinline)) double sum_pairs(const double *p, int n) {
  v2d acc = {0, 0};
  for (int i = 0; i < n; i += 2) acc += *(const v2d *)(p + i);
  return acc[0] + acc[1];
}

sem_t go;

static void *worker(void *arg) {
  double s = sum_pairs(table + 1, 8);
  test_step_set(1);
  sem_wait(&go);
  table[4] = 7.0; // line 32
  test_step_set(3);
  return (void *)(long)s;
}

int main(void) {
  for (int i = 0; i < 9; i++) table[i] = i;
  sem_init(&go, 0, 0);
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  double s = sum_pairs(table + 1, 8);
  sem_post(&go);
  test_step_wait(3);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size {{8|16}} at {{0x[0-9a-f]+}} by main thread:
  // CHECK-NEXT:     #0 sum_pairs {{.*}}vector_read_shared_then_write.c:22
  // CHECK-NEXT:     #1 main {{.*}}vector_read_shared_then_write.c:[[#@LINE+1]]
  s += sum_pairs(table + 1, 8);
  // CHECK:        Previous write of size 8 at {{0x[0-9a-f]+}} by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}vector_read_shared_then_write.c:32
  test_join(t);
  printf("sum = %g\n", s);
  return 0;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}vector_read_shared_then_write.c:22:{{[0-9]+}} in sum_pairs
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}vector_read_shared_then_write.c:22:{{[0-9]+}} in sum_pairs
