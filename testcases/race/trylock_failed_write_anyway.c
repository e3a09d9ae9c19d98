// The worker ignores a failed pthread_mutex_trylock (EBUSY: main holds the
// lock again) and writes the protected variable anyway.  main wrote it in
// an earlier critical section that it did release; a failed trylock must
// not acquire that release, so the write races with main's.  Sibling:
// norace/trylock_retry_until_locked.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <errno.h>
#include "../test.h"

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int guarded;

static void *worker(void *arg) {
  test_step_wait(1);
  int rc = pthread_mutex_trylock(&lock);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 worker {{.*}}trylock_failed_write_anyway.c:[[#CUR:@LINE+1]]
  guarded = 2;
  test_step_set(2);
  return (void *)(long)rc;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&lock);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 main {{.*}}trylock_failed_write_anyway.c:[[#@LINE+1]]
  guarded = 1;
  pthread_mutex_unlock(&lock);
  pthread_mutex_lock(&lock);
  test_step_set(1);
  test_step_wait(2);
  pthread_mutex_unlock(&lock);
  long rc = (long)test_join(t);
  printf("trylock %s\n", rc == EBUSY ? "failed with EBUSY" : "did not fail");
  return 0;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}trylock_failed_write_anyway.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE-DAG:   Tangle: reported 1 report(s)
// TSAN-DAG:     ThreadSanitizer: reported 1 warnings
// CHECK-DAG:    trylock failed with EBUSY
