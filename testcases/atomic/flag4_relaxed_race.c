// Message passing through a 4-byte flag (atomic_int) with relaxed atomics: the worker
// sees the flag set, but a relaxed store read by a relaxed load creates no
// happens-before (C11 §5.1.2.4), so its read of the payload races with main's
// write of it.  The flag itself is atomic and never races.  Both tools
// report.  Sibling: flag4_release_acquire.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

struct msg {
  char tag;
  int payload;
} m;
atomic_int state;

static void *worker(void *arg) {
  while (atomic_load_explicit(&state, memory_order_relaxed) != 1)
    sched_yield();
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}flag4_relaxed_race.c:[[#CUR:@LINE+1]]
  return (void *)(long)m.payload;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}flag4_relaxed_race.c:[[#@LINE+1]]
  m.payload = 42;
  atomic_store_explicit(&state, 1, memory_order_relaxed);
  printf("payload = %ld\n", (long)test_join(t));
  return 0;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}flag4_relaxed_race.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}flag4_relaxed_race.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
