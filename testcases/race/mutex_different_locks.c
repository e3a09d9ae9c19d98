// Each thread "protects" the shared counter with a lock, but not the same
// one: unlocking m1 orders nothing for a later lock of m2, so the writes
// race.  Sibling: norace/mutex_one_lock_two_workers.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;
int shared_count;

static void *worker(void *arg) {
  test_step_wait(1);
  pthread_mutex_lock(&m2);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 worker {{.*}}mutex_different_locks.c:[[#CUR:@LINE+1]]
  shared_count = 2;
  pthread_mutex_unlock(&m2);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&m1);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 main {{.*}}mutex_different_locks.c:[[#@LINE+1]]
  shared_count = 1;
  pthread_mutex_unlock(&m1);
  test_step_set(1);
  test_join(t);
  printf("shared_count = %d\n", shared_count);
  return 0;
}
// CHECK:        Location is global 'shared_count' of size 4 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}mutex_different_locks.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}mutex_different_locks.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
