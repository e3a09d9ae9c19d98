// The worker's pthread_mutex_timedlock times out (main holds the lock again)
// and the worker writes the protected variable anyway.  main wrote it in an
// earlier critical section that it did release; a timed-out lock must not
// acquire that release, so the write races with main's.  Sibling:
// norace/timedlock_acquired.c.
//
// RUN: %tangle_cc -O0 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O0 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <errno.h>
#include <time.h>
#include "../test.h"

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int guarded;

static void *worker(void *arg) {
  struct timespec deadline;
  test_step_wait(1);
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 20 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000000000) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000;
  }
  int rc = pthread_mutex_timedlock(&lock, &deadline);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 worker {{.*}}timedlock_timed_out_write_anyway.c:[[#CUR:@LINE+1]]
  guarded = 2;
  test_step_set(2);
  return (void *)(long)rc;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&lock);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 main {{.*}}timedlock_timed_out_write_anyway.c:[[#@LINE+1]]
  guarded = 1;
  pthread_mutex_unlock(&lock);
  pthread_mutex_lock(&lock);
  test_step_set(1);
  test_step_wait(2);
  pthread_mutex_unlock(&lock);
  long rc = (long)test_join(t);
  printf("timedlock %s\n", rc == ETIMEDOUT ? "timed out" : "did not time out");
  return 0;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}timedlock_timed_out_write_anyway.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE-DAG:   Tangle: reported 1 report(s)
// TSAN-DAG:     ThreadSanitizer: reported 1 warnings
// CHECK-DAG:    timedlock timed out
