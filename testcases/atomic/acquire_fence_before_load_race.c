// An acquire fence orders only the loads sequenced *before* it
// (C11 §7.17.4p3): here the worker issues it first and then polls the flag
// with relaxed loads, so nothing it reads afterwards is acquired and its
// read of the payload races with main's write, although main published
// with a release store.  Both tools report.  Sibling:
// release_store_relaxed_load_acquire_fence.c (the fence after the loads).
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int payload;
atomic_int ready;

static void *worker(void *arg) {
  atomic_thread_fence(memory_order_acquire);
  while (!atomic_load_explicit(&ready, memory_order_relaxed))
    sched_yield();
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}acquire_fence_before_load_race.c:[[#CUR:@LINE+1]]
  return (void *)(long)payload;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}acquire_fence_before_load_race.c:[[#@LINE+1]]
  payload = 42;
  atomic_store_explicit(&ready, 1, memory_order_release);
  printf("payload = %ld\n", (long)test_join(t));
  return 0;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}acquire_fence_before_load_race.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}acquire_fence_before_load_race.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
