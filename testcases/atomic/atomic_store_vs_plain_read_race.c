// An atomic write racing with a plain read: the worker sets a status word
// with a release store; main, told by the step barrier (which orders
// nothing), reads it with an ordinary load.  One side is non-atomic, so
// they race (C11 §5.1.2.4); the earlier access is the atomic one and is
// reported as "Previous atomic write".  Both tools report.  Sibling:
// plain_write_vs_atomic_load_race.c; plain_read_after_acquiring_store.c
// is the ordered version.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int status;

static void *worker(void *arg);

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}atomic_store_vs_plain_read_race.c:[[#CUR:@LINE+1]]
  int s = status;
  test_join(t);
  printf("status = %d\n", s);
  return 0;
}

static void *worker(void *arg) {
  // CHECK:        Previous atomic write of size 4 at [[ADDR]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}atomic_store_vs_plain_read_race.c:[[#@LINE+1]]
  __atomic_store_n(&status, 3, __ATOMIC_RELEASE);
  test_step_set(1);
  return NULL;
}
// CHECK:        Location is global 'status' of size 4 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}atomic_store_vs_plain_read_race.c:[[#CUR]]:{{[0-9]+}} in main
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}atomic_store_vs_plain_read_race.c:[[#CUR]]:{{[0-9]+}} in main
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
