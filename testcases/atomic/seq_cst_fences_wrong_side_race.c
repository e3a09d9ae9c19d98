// seq_cst fences on the wrong sides of the flag accesses.  The worker
// writes the payload, stores the flag relaxed, *then* issues a seq_cst
// fence; main issues a seq_cst fence, *then* polls the flag with relaxed
// loads and reads the payload.  A fence releases only through stores after
// it and acquires only what loads before it read (C11 §7.17.4); the total
// order S of seq_cst fences restricts which values are read (§7.17.3) but
// creates no happens-before.  So main's read races with the worker's
// write.  Both tools report.  Sibling: dekker_seq_cst_fences.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int payload;
atomic_int ready;

static void *worker(void *arg);

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  atomic_thread_fence(memory_order_seq_cst);
  while (!atomic_load_explicit(&ready, memory_order_relaxed))
    sched_yield();
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}seq_cst_fences_wrong_side_race.c:[[#CUR:@LINE+1]]
  int p = payload;
  test_join(t);
  printf("payload = %d\n", p);
  return 0;
}

static void *worker(void *arg) {
  // CHECK:        Previous write of size 4 at [[ADDR]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}seq_cst_fences_wrong_side_race.c:[[#@LINE+1]]
  payload = 42;
  atomic_store_explicit(&ready, 1, memory_order_relaxed);
  atomic_thread_fence(memory_order_seq_cst);
  return NULL;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}seq_cst_fences_wrong_side_race.c:[[#CUR]]:{{[0-9]+}} in main
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}seq_cst_fences_wrong_side_race.c:[[#CUR]]:{{[0-9]+}} in main
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
