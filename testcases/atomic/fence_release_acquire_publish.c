// Fence-based publication (C11 §7.17.4): main writes the payload, issues a
// release fence, then stores the flag *relaxed*; the worker loads the flag
// relaxed and, once set, issues an acquire fence and reads the payload.
// The release fence synchronizes with the acquire fence because a store
// after the one was read by a load before the other, so the payload is
// ordered: Tangle stays silent.  ThreadSanitizer does not model standalone
// fences (its fence hook only issues the hardware fence) and sees only
// relaxed accesses, so it reports a race here that does not exist; the
// TSan run asserts that false report.  Sibling:
// fence_release_no_acquire_fence_race.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --check-prefix=TANGLE --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefix=TSAN %}
#include "../test.h"

int payload;
atomic_int ready;

static void *worker(void *arg) {
  while (!atomic_load_explicit(&ready, memory_order_relaxed))
    sched_yield();
  atomic_thread_fence(memory_order_acquire);
  // TSAN:      WARNING: ThreadSanitizer: data race
  // TSAN-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // TSAN-NEXT:     #0 worker {{.*}}fence_release_acquire_publish.c:[[#CUR:@LINE+1]]
  return (void *)(long)payload;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // TSAN:        Previous write of size 4 at [[ADDR]] by main thread:
  // TSAN-NEXT:     #0 main {{.*}}fence_release_acquire_publish.c:[[#@LINE+1]]
  payload = 42;
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&ready, 1, memory_order_relaxed);
  printf("payload = %ld\n", (long)test_join(t));
  return 0;
}
// TANGLE: payload = 42
// TSAN:   SUMMARY: ThreadSanitizer: data race {{.*}}fence_release_acquire_publish.c:[[#CUR]]:{{[0-9]+}} in worker
