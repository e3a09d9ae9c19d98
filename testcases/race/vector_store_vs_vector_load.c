// 16-byte vector accesses: main stores a whole v4si, the worker loads it.
// Each is one 16-byte access spanning two 8-byte words; the race must be
// reported once, with the vector's size on the current side (TSan reports
// the 8-byte part that raced first).  Sibling: norace/vector_stores_disjoint.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

typedef int v4si __attribute__((vector_size(16)));

v4si vecs[2], copy;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // TANGLE-NEXT:  Read of size 16 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // TSAN-NEXT:    Read of size 8 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}vector_store_vs_vector_load.c:[[#CUR:@LINE+1]]
  copy = vecs[1];
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size {{8|16}} at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}vector_store_vs_vector_load.c:[[#@LINE+1]]
  vecs[1] = (v4si){1, 2, 3, 4};
  test_step_set(1);
  test_join(t);
  printf("copy[3] = %d\n", copy[3]);
  return 0;
}
// CHECK:        Location is global 'vecs' of size 32 at {{0x[0-9a-f]+}}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}vector_store_vs_vector_load.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}vector_store_vs_vector_load.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
