// The worker increments a counter atomically, but main wrote it with a
// plain store: an atomic access does not protect against a concurrent
// non-atomic one, so the two race.  The current access is the atomic
// read-modify-write and is reported as an atomic write.  Sibling:
// norace/atomic_increments.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int hits;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Atomic write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}atomic_vs_plain_write.c:[[#CUR:@LINE+1]]
  __atomic_fetch_add(&hits, 1, __ATOMIC_SEQ_CST);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}atomic_vs_plain_write.c:[[#@LINE+1]]
  hits = 100;
  test_step_set(1);
  test_join(t);
  printf("hits = %d\n", hits);
  return 0;
}
// CHECK:        Location is global 'hits' of size 4 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}atomic_vs_plain_write.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
