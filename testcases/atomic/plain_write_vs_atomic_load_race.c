// A plain write racing with an atomic load: main initializes a status word
// with an ordinary store after the worker started; the worker reads it with
// an acquire load.  An atomic access does not protect against a concurrent
// non-atomic one to the same object (C11 §5.1.2.4: a race needs only one of
// the two to be non-atomic), so they race; the current access is the
// atomic side and is reported as "Atomic read".  Both tools report.
// Sibling: atomic_store_vs_plain_read_race.c (the other order).
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int status;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Atomic read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}plain_write_vs_atomic_load_race.c:[[#CUR:@LINE+1]]
  return (void *)(long)__atomic_load_n(&status, __ATOMIC_ACQUIRE);
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}plain_write_vs_atomic_load_race.c:[[#@LINE+1]]
  status = 3;
  test_step_set(1);
  printf("status = %ld\n", (long)test_join(t));
  return 0;
}
// CHECK:        Location is global 'status' of size 4 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}plain_write_vs_atomic_load_race.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}plain_write_vs_atomic_load_race.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
