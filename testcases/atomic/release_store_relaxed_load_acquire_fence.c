// A release store synchronizes with an acquire fence that follows a
// relaxed load reading it (C11 §7.17.4p3).  Main writes the payload and
// stores the flag with release; the worker polls the flag with relaxed
// loads, then issues one acquire fence and reads the payload: ordered,
// Tangle stays silent.  ThreadSanitizer does not model standalone fences
// and a relaxed load acquires nothing for it, so it reports a race that
// does not exist; the TSan run asserts that false report.  Sibling:
// relaxed_load_without_fence_race.c.
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
  // TSAN-NEXT:     #0 worker {{.*}}release_store_relaxed_load_acquire_fence.c:[[#CUR:@LINE+1]]
  return (void *)(long)payload;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // TSAN:        Previous write of size 4 at [[ADDR]] by main thread:
  // TSAN-NEXT:     #0 main {{.*}}release_store_relaxed_load_acquire_fence.c:[[#@LINE+1]]
  payload = 42;
  atomic_store_explicit(&ready, 1, memory_order_release);
  printf("payload = %ld\n", (long)test_join(t));
  return 0;
}
// TANGLE: payload = 42
// TSAN:   SUMMARY: ThreadSanitizer: data race {{.*}}release_store_relaxed_load_acquire_fence.c:[[#CUR]]:{{[0-9]+}} in worker
