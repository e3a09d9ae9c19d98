// Both threads write under the *read* side of an rwlock.  Read locks are
// shared: a read-unlock orders nothing for the next read-lock, so the two
// writes race.  Sibling: norace/rwlock_rdlock_reads_wrlock_writes.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
long last_update;

static void *worker(void *arg) {
  test_step_wait(1);
  pthread_rwlock_rdlock(&rw);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 8 at [[ADDR:0x[0-9a-f]+]] by thread T1{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 worker {{.*}}rwlock_writes_under_rdlock.c:[[#CUR:@LINE+1]]
  last_update = 2;
  pthread_rwlock_unlock(&rw);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_rwlock_rdlock(&rw);
  // CHECK:        Previous write of size 8 at [[ADDR]] by main thread{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 main {{.*}}rwlock_writes_under_rdlock.c:[[#@LINE+1]]
  last_update = 1;
  pthread_rwlock_unlock(&rw);
  test_step_set(1);
  test_join(t);
  printf("last_update = %ld\n", last_update);
  return 0;
}
// CHECK:        Location is global 'last_update' of size 8 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}rwlock_writes_under_rdlock.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}rwlock_writes_under_rdlock.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
