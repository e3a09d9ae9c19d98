// move() updates the three coordinates of a body in an unrolled loop (SLP
// vectorization off, so they stay three 8-byte accesses): the
// pass checks the three neighbouring 8-byte accesses as one range (one
// strided call with count 1), which the IR RUN line makes sure of.  The
// worker writes the middle coordinate with no synchronization: the report
// names that coordinate, 8 bytes at its own address, on both sides, and
// the line of the update in move().
//
// RUN: %tangle_cc -O2 -fno-slp-vectorize -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %tangle_cc -O2 -fno-slp-vectorize %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 -fno-slp-vectorize %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

// IR: define {{.*}} @move(
// IR: call void @__tangle_write_strided(ptr {{.*}}, i64 1, i64 0, i64 34359738392)
// IR: ret void

struct body {
  long x[3];
  long mass;
} b;

static __attribute__((noinline)) void move(struct body *p, long dx) {
  for (int k = 0; k < 3; k++) p->x[k] += dx * (k + 1); // line 24
}

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 8 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}neighbour_fields_one_check.c:[[#@LINE+1]]
  b.x[1] = 5;
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 8 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 move {{.*}}neighbour_fields_one_check.c:24
  // CHECK-NEXT:     #1 main {{.*}}neighbour_fields_one_check.c:[[#@LINE+1]]
  move(&b, 1);
  test_step_set(1);
  test_join(t);
  fprintf(stderr, "x = %ld %ld %ld\n", b.x[0], b.x[1], b.x[2]);
  return 0;
}
// CHECK:        Location is global 'b' of size 32 at {{0x[0-9a-f]+}}
// CHECK:        x = 1 5 3
