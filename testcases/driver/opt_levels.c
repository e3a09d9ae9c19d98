// The race is found at every optimization level a build may use: the pass
// runs in the -O0 pipeline too, and optimized code keeps the line tables
// tangle-cc adds, so both sides still show their file:line.
//
// RUN: %tangle_cc -O0 %s -o %t.O0 && %expect_exit 66 %t.O0 2>&1 | FileCheck %s
// RUN: %tangle_cc -O1 %s -o %t.O1 && %expect_exit 66 %t.O1 2>&1 | FileCheck %s
// RUN: %tangle_cc -O2 %s -o %t.O2 && %expect_exit 66 %t.O2 2>&1 | FileCheck %s
// RUN: %tangle_cc -O3 %s -o %t.O3 && %expect_exit 66 %t.O3 2>&1 | FileCheck %s
// RUN: %tangle_cc -Os %s -o %t.Os && %expect_exit 66 %t.Os 2>&1 | FileCheck %s
// RUN: %tangle_cc -Oz %s -o %t.Oz && %expect_exit 66 %t.Oz 2>&1 | FileCheck %s
#include "../test.h"

long total;

static void *worker(void *arg) {
  test_step_wait(1);
  // CHECK:      WARNING: Tangle: data race
  // CHECK-NEXT:   Write of size 8 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}opt_levels.c:[[#CUR:@LINE+1]]
  total = 7;
  return NULL;
}

int main(void) {
  // CHECK:        Previous read of size 8 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}opt_levels.c:[[#@LINE+2]]
  pthread_t t = test_spawn(worker, NULL);
  printf("total before = %ld\n", total);
  test_step_set(1);
  test_join(t);
  printf("total after = %ld\n", total);
  return 0;
}
// CHECK: SUMMARY: Tangle: data race {{.*}}opt_levels.c:[[#CUR]]:{{[0-9]+}} in worker
// CHECK: Tangle: reported 1 report(s)
