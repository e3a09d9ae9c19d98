// The worker writes one element; main, with no synchronization, sums the
// array in a descending loop, which the pass checks once before the loop
// with a negative stride.  The loop's read is the current access and is
// reported at the line of the load in the loop, with its caller below it.
// Sibling: race/loop_write_then_element_read.c.
//
// RUN: %tangle_cc -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %tangle_cc -O2 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

// IR: define {{.*}} @sum_down(
// IR: call void @__tangle_read_strided(ptr {{.*}}, i64 {{.*}}, i64 -{{[0-9]+}},
// IR: ret i64

int data[100];
int n_items = 100; // not a constant: the loop keeps its run-time count

static __attribute__((noinline)) long sum_down(const int *a, int n) {
  long s = 0;
  for (int i = n - 1; i >= 0; i--) s += a[i]; // line 21
  return s;
}

static void *worker(void *arg);

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size {{4|8|16}} at {{0x[0-9a-f]+}} by main thread:
  // CHECK-NEXT:     #0 sum_down {{.*}}loop_read_after_element_write.c:21
  // CHECK-NEXT:     #1 main {{.*}}loop_read_after_element_write.c:[[#@LINE+1]]
  long s = sum_down(data, n_items);
  test_join(t);
  fprintf(stderr, "sum = %ld\n", s);
  return 0;
}

static void *worker(void *arg) {
  // CHECK:        Previous write of size 4 at {{0x[0-9a-f]+}} by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}loop_read_after_element_write.c:[[#@LINE+1]]
  data[61] = 5;
  test_step_set(1);
  return NULL;
}
// CHECK:        Location is global 'data' of size 400 at {{0x[0-9a-f]+}}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}loop_read_after_element_write.c:21:{{[0-9]+}} in sum_down
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}loop_read_after_element_write.c:21:{{[0-9]+}} in sum_down
// CHECK:        sum = 5
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
