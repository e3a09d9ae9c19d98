// The worker writes under a recursive mutex taken twice; main writes the
// same variable without taking it at all.  Holding a lock protects nothing
// against a thread that does not take it.  Sibling:
// norace/mutex_recursive_nested.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

pthread_mutex_t lock;
int depth_seen;

static void *worker(void *arg) {
  test_step_wait(1);
  pthread_mutex_lock(&lock);
  pthread_mutex_lock(&lock);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 worker {{.*}}mutex_recursive_write_outside.c:[[#CUR:@LINE+1]]
  depth_seen = 2;
  pthread_mutex_unlock(&lock);
  pthread_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&lock, &attr);
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 main {{.*}}mutex_recursive_write_outside.c:[[#@LINE+1]]
  depth_seen = 1;
  test_step_set(1);
  test_join(t);
  printf("depth_seen = %d\n", depth_seen);
  return 0;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}mutex_recursive_write_outside.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}mutex_recursive_write_outside.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
