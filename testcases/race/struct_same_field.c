// Two threads write the same field of a shared struct: a race on that field
// only.  The access is at the field's offset inside the struct; the location
// is the whole global.  Sibling: norace/struct_different_fields.c, where
// each thread writes its own field of the same 8-byte word.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

struct stats {
  int hits;
  int misses;
  long bytes;
} stats;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}struct_same_field.c:[[#CUR:@LINE+1]]
  stats.misses = 2;
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}struct_same_field.c:[[#@LINE+1]]
  stats.misses = 1;
  test_step_set(1);
  test_join(t);
  printf("misses = %d\n", stats.misses);
  return 0;
}
// CHECK:        Location is global 'stats' of size 16 at {{0x[0-9a-f]+}}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}struct_same_field.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}struct_same_field.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
