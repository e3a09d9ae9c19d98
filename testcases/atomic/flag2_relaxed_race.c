// Message passing through a 2-byte flag (an unsigned short with the __atomic builtins) with relaxed atomics: the worker
// sees the flag set, but a relaxed store read by a relaxed load creates no
// happens-before (C11 §5.1.2.4), so its read of the payload races with main's
// write of it.  The flag itself is atomic and never races.  Both tools
// report.  Sibling: flag2_release_acquire.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

struct msg {
  char tag;
  int payload;
} m;
unsigned short seq;

static void *worker(void *arg) {
  while (__atomic_load_n(&seq, __ATOMIC_RELAXED) != 1)
    sched_yield();
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}flag2_relaxed_race.c:[[#CUR:@LINE+1]]
  return (void *)(long)m.payload;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}flag2_relaxed_race.c:[[#@LINE+1]]
  m.payload = 42;
  __atomic_store_n(&seq, 1, __ATOMIC_RELAXED);
  printf("payload = %ld\n", (long)test_join(t));
  return 0;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}flag2_relaxed_race.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}flag2_relaxed_race.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
