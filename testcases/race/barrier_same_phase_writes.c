// A pthread barrier separates phases, but both threads write the shared
// slot in the *same* phase (before the barrier), so the writes race; the
// barrier only orders them against what comes after it.  Sibling:
// norace/barrier_phase_separated_writes.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

pthread_barrier_t phase;
int slot;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}barrier_same_phase_writes.c:[[#CUR:@LINE+1]]
  slot = 2;
  pthread_barrier_wait(&phase);
  return NULL;
}

int main(void) {
  pthread_barrier_init(&phase, NULL, 2);
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}barrier_same_phase_writes.c:[[#@LINE+1]]
  slot = 1;
  test_step_set(1);
  pthread_barrier_wait(&phase);
  printf("slot = %d\n", slot);
  test_join(t);
  pthread_barrier_destroy(&phase);
  return 0;
}
// CHECK:        Location is global 'slot' of size 4 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}barrier_same_phase_writes.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}barrier_same_phase_writes.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
