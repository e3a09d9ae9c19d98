// Main fills an array in a loop that the pass checks once, before the loop
// (read/write_strided); the worker, with no synchronization, reads one
// element.  The report names the element and the line of the store in the
// loop, as if each iteration had been checked where it ran.  The IR RUN
// line makes sure the loop really got the strided check.  Sibling:
// race/loop_read_after_element_write.c (the loop's access is the later one).
//
// RUN: %tangle_cc -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %tangle_cc -O2 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

// IR: define {{.*}} @fill(
// IR: call void @__tangle_write_strided(
// IR-NOT: call void @__tangle_write4(
// IR: ret void

int data[100];
int n_items = 100; // not a constant: fill's loop keeps its run-time count

static __attribute__((noinline)) void fill(int *a, int n) {
  for (int i = 0; i < n; i++) a[i] = 3 * i; // line 22
}

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}loop_write_then_element_read.c:[[#READ:@LINE+1]]
  int v = *(volatile int *)&data[37];
  return (void *)(long)v;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size {{4|8|16}} at {{0x[0-9a-f]+}} by main thread:
  // CHECK-NEXT:     #0 fill {{.*}}loop_write_then_element_read.c:22
  // CHECK-NEXT:     #1 main {{.*}}loop_write_then_element_read.c:[[#@LINE+1]]
  fill(data, n_items);
  test_step_set(1);
  long v = (long)test_join(t);
  fprintf(stderr, "data[37] = %ld\n", v);
  return 0;
}
// CHECK:        Location is global 'data' of size 400 at {{0x[0-9a-f]+}}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}loop_write_then_element_read.c:[[#READ]]:{{[0-9]+}} in worker
// CHECK:        data[37] = 111
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
