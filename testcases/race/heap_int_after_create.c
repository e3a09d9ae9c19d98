// A heap block allocated by main and handed to a thread: both write the same
// int in it after pthread_create, unsynchronized.  The report must name the
// heap block and where it was allocated.  main writes first, the worker
// second.  Sibling: norace/heap_int_before_create.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

static void *worker(void *arg) {
  int *slots = arg;
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}heap_int_after_create.c:[[#CUR:@LINE+1]]
  slots[2] = 20;
  return NULL;
}

int main(void) {
  int *slots = malloc(4 * sizeof(int));
  pthread_t t = test_spawn(worker, slots);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}heap_int_after_create.c:[[#@LINE+1]]
  slots[2] = 10;
  test_step_set(1);
  test_join(t);
  printf("slots[2] = %d\n", slots[2]);
  free(slots);
  return 0;
}
// CHECK:        Location is heap block of size 16 at {{0x[0-9a-f]+}} allocated by main thread:
// CHECK:          #[[#]] main {{.*}}heap_int_after_create.c:[[#@LINE-12]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}heap_int_after_create.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}heap_int_after_create.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
