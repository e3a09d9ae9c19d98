// Atomics on heap memory racing with a plain access: main allocates a
// connection with a reference count, the worker takes a reference with an
// atomic fetch_add, and main, thinking it is alone, resets the count with a
// plain store.  A plain write and an atomic RMW of the same object race
// (C11 §5.1.2.4); the earlier access is the atomic one.  The report names
// the heap block and where main allocated it.  Both tools report.  Sibling:
// heap_flag_publish.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

struct conn {
  int fd;
  int refs;
};

static void *worker(void *arg);

int main(void) {
  struct conn *c = calloc(1, sizeof *c);
  pthread_t t = test_spawn(worker, c);
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}heap_atomic_vs_plain_reset_race.c:[[#CUR:@LINE+1]]
  c->refs = 1;
  test_join(t);
  printf("refs = %d\n", c->refs);
  free(c);
  return 0;
}

static void *worker(void *arg) {
  struct conn *c = arg;
  // CHECK:        Previous atomic write of size 4 at [[ADDR]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}heap_atomic_vs_plain_reset_race.c:[[#@LINE+1]]
  __atomic_fetch_add(&c->refs, 1, __ATOMIC_ACQ_REL);
  test_step_set(1);
  return NULL;
}
// CHECK:        Location is heap block of size 8 at {{0x[0-9a-f]+}} allocated by main thread:
// CHECK:          #{{[0-9]+}} main {{.*}}heap_atomic_vs_plain_reset_race.c:{{[0-9]+}}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}heap_atomic_vs_plain_reset_race.c:[[#CUR]]:{{[0-9]+}} in main
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}heap_atomic_vs_plain_reset_race.c:[[#CUR]]:{{[0-9]+}} in main
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
