// Main copies a prefix of an array, stopping at the first negative value
// (element 10), while a worker fills the back half of the destination.
// The copy loop has an exit before its latch, so how many elements it
// touches is not known before it runs: the pass leaves its accesses to the
// per-access hooks, and only the ten elements it copies are checked.
// Checking the whole loop up front would report a race with the worker's
// elements 50..99.  Sibling: norace/loop_strided_fields.c.
//
// RUN: %tangle_cc -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %tangle_cc -O2 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

// IR: define {{.*}} @copy_until_negative(
// IR-NOT: _strided
// IR: call void @__tangle_write4(
// IR: ret i32

int src[100], dst[100];
int n_items = 100; // not a constant: the loops keep their run-time count

static __attribute__((noinline)) int copy_until_negative(const int *from, int *to,
                                                         int n) {
  int i;
  for (i = 0; i < n; i++) {
    if (from[i] < 0) break;
    to[i] = from[i];
  }
  return i;
}

static void *worker(void *arg) {
  for (int i = n_items / 2; i < n_items; i++) dst[i] = 1;
  return NULL;
}

int main(void) {
  for (int i = 0; i < n_items; i++) src[i] = i == 10 ? -1 : i;
  pthread_t t = test_spawn(worker, NULL);
  int copied = copy_until_negative(src, dst, n_items);
  test_join(t);
  long sum = 0;
  for (int i = 0; i < n_items; i++) sum += dst[i];
  printf("copied %d sum %ld\n", copied, sum);
  // CHECK: copied 10 sum 95
  return 0;
}
