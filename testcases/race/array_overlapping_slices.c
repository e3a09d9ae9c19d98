// Two threads fill overlapping slices of a global array, arr[0..32) and
// arr[24..56): the eight shared elements race.  main fills its slice first,
// so the worker's first write into the overlap, arr[24], is the current
// access.  -O1 keeps the loops scalar.  Sibling:
// norace/array_disjoint_slices.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int arr[64];

static void *worker(void *arg) {
  test_step_wait(1);
  for (int i = 0; i < 32; i++)
    // TANGLE:     WARNING: Tangle: data race
    // TSAN:       WARNING: ThreadSanitizer: data race
    // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
    // CHECK-NEXT:     #0 worker {{.*}}array_overlapping_slices.c:[[#CUR:@LINE+1]]
    arr[i] = i * 3;
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  for (int i = 24; i < 56; i++)
    // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
    // CHECK-NEXT:     #0 main {{.*}}array_overlapping_slices.c:[[#@LINE+1]]
    arr[i] = i * 5;
  test_step_set(1);
  test_join(t);
  printf("arr[24] = %d, arr[40] = %d\n", arr[24], arr[40]);
  return 0;
}
// CHECK:        Location is global 'arr' of size 256 at {{0x[0-9a-f]+}}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}array_overlapping_slices.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}array_overlapping_slices.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
