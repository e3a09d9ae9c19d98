// Two threads fill different fields of the same array of structs at the
// same time, each in a loop the pass checks once before it: 4 bytes every
// 8.  The check covers the bytes each iteration touches and not the gaps
// between them, so the neighbour's field is not taken as written.
// Sibling: race/loop_write_then_element_read.c.
//
// RUN: %tangle_cc -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %tangle_cc -O2 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

// IR: define {{.*}} @set_x(
// IR: call void @__tangle_write_strided(
// IR-NOT: call void @__tangle_write4(
// IR: ret void

struct pair {
  int x, y;
} pairs[1000];
int n_items = 1000; // not a constant: the loops keep their run-time count

static __attribute__((noinline)) void set_x(struct pair *p, int n, int v) {
  for (int i = 0; i < n; i++) p[i].x = v + i;
}
static __attribute__((noinline)) void set_y(struct pair *p, int n, int v) {
  for (int i = 0; i < n; i++) p[i].y = v - i;
}

static void *worker(void *arg) {
  test_step_wait(1);
  set_y(pairs, n_items, 7);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_set(1);
  set_x(pairs, n_items, 3);
  test_join(t);
  long sx = 0, sy = 0;
  for (int i = 0; i < n_items; i++) {
    sx += pairs[i].x;
    sy += pairs[i].y;
  }
  printf("x %ld y %ld\n", sx, sy);
  // CHECK: x 502500 y -492500
  return 0;
}
