// A compare-exchange that fails is a load with its *failure* order
// (C11 §7.17.7.4).  The worker writes the payload and stores state = 1
// with release; main tries to swap state from 0 to 2 with success order
// acquire but failure order relaxed.  The exchange fails (it reads 1), so
// it is a relaxed load and acquires nothing: main's read of the payload
// races with the worker's write.  Both tools report.  Sibling:
// cmpxchg_fail_acquire.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int payload;
atomic_int state;

static void *worker(void *arg);

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  int expected = 0;
  if (!atomic_compare_exchange_strong_explicit(&state, &expected, 2,
                                               memory_order_acquire,
                                               memory_order_relaxed)) {
    // TANGLE:     WARNING: Tangle: data race
    // TSAN:       WARNING: ThreadSanitizer: data race
    // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
    // CHECK-NEXT:     #0 main {{.*}}cmpxchg_fail_relaxed_race.c:[[#CUR:@LINE+1]]
    printf("failed, saw %d, payload = %d\n", expected, payload);
  }
  test_join(t);
  return 0;
}

static void *worker(void *arg) {
  // CHECK:        Previous write of size 4 at [[ADDR]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}cmpxchg_fail_relaxed_race.c:[[#@LINE+1]]
  payload = 42;
  atomic_store_explicit(&state, 1, memory_order_release);
  test_step_set(1);
  return NULL;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}cmpxchg_fail_relaxed_race.c:[[#CUR]]:{{[0-9]+}} in main
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}cmpxchg_fail_relaxed_race.c:[[#CUR]]:{{[0-9]+}} in main
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
