// Accesses of different sizes that overlap only in part: main writes a
// whole 8-byte word, the worker reads a 2-byte piece from its middle
// through a union.  The race must be found from the overlap, with each
// side's own size and address.  Sibling: norace/int_halves_of_granule.c.
//
// RUN: %tangle_cc -O0 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O0 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

union word {
  unsigned long whole;
  unsigned short parts[4];
} word;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 2 at {{0x[0-9a-f]+}} by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}partial_overlap_sizes.c:[[#CUR:@LINE+1]]
  unsigned short part = word.parts[2];
  return (void *)(unsigned long)part;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 8 at [[BASE:0x[0-9a-f]+]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}partial_overlap_sizes.c:[[#@LINE+1]]
  word.whole = 0x1111222233334444UL;
  test_step_set(1);
  printf("part = %#lx\n", (unsigned long)test_join(t));
  return 0;
}
// CHECK:        Location is global 'word' of size 8 at [[BASE]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}partial_overlap_sizes.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}partial_overlap_sizes.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
