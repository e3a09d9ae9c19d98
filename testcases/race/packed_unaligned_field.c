// A packed struct puts `value` at offset 1, so every access to it is an
// unaligned 4-byte access spanning two aligned words.  Both threads write
// it: the race must be found at the unaligned address with size 4.  Sibling:
// norace/packed_unaligned_neighbours.c (the byte before it is not part of
// the race).
//
// RUN: %tangle_cc -O2 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

struct __attribute__((packed)) record {
  char tag;
  int value;
  char pad[3];
} rec;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]*[13579bdf]]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}packed_unaligned_field.c:[[#CUR:@LINE+1]]
  rec.value = 2;
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}packed_unaligned_field.c:[[#@LINE+1]]
  rec.value = 1;
  test_step_set(1);
  test_join(t);
  printf("value = %d\n", rec.value);
  return 0;
}
// CHECK:        Location is global 'rec' of size 8 at {{0x[0-9a-f]+}}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}packed_unaligned_field.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}packed_unaligned_field.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
