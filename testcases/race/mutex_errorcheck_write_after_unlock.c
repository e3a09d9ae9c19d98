// The worker takes and releases an error-checking mutex, then writes the
// shared state after unlocking it.  main's later critical section is
// ordered after the worker's unlock, but the worker's write comes after
// main's unlock with no lock in between: a race.  Sibling:
// norace/mutex_errorcheck_relock_fails.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

pthread_mutex_t lock;
long state;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock);
  pthread_mutex_unlock(&lock);
  test_step_set(1);
  test_step_wait(2);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 8 at [[ADDR:0x[0-9a-f]+]] by thread T1{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 worker {{.*}}mutex_errorcheck_write_after_unlock.c:[[#CUR:@LINE+1]]
  state = 2;
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&lock, &attr);
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  pthread_mutex_lock(&lock);
  // CHECK:        Previous write of size 8 at [[ADDR]] by main thread{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 main {{.*}}mutex_errorcheck_write_after_unlock.c:[[#@LINE+1]]
  state = 1;
  pthread_mutex_unlock(&lock);
  test_step_set(2);
  test_join(t);
  printf("state = %ld\n", state);
  return 0;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}mutex_errorcheck_write_after_unlock.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
