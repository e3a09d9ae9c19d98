// At -O2 the racy store sits in an always_inline helper inlined into the
// worker.  Inlined frames count as frames: the current stack must show the
// helper (#0) at its own line and the worker (#1) at the call site, both
// from one machine pc.  Sibling: norace/inlined_helper_after_join.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

struct cache {
  long hits;
  long last_key;
} cache;

static inline __attribute__((always_inline)) void record_hit(long key) {
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 8 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 record_hit {{.*}}inlined_helper_write.c:[[#CUR:@LINE+1]]
  cache.last_key = key;
}

static void *worker(void *arg) {
  test_step_wait(1);
  // CHECK-NEXT:     #1 worker {{.*}}inlined_helper_write.c:[[#@LINE+1]]
  record_hit(42);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 8 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}inlined_helper_write.c:[[#@LINE+1]]
  cache.last_key = 7;
  test_step_set(1);
  test_join(t);
  printf("last_key = %ld\n", cache.last_key);
  return 0;
}
// CHECK:        Location is global 'cache' of size 16 at {{0x[0-9a-f]+}}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}inlined_helper_write.c:[[#CUR]]:{{[0-9]+}} in record_hit
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}inlined_helper_write.c:[[#CUR]]:{{[0-9]+}} in record_hit
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
