// main holds job_lock (an error-checking mutex) while the worker, by
// mistake, unlocks it.  The worker does not hold the mutex, so this is an
// unlock of a mutex not held, reported like any unlock of an unlocked
// mutex, naming the worker, its unlock and main's lock.  glibc refuses it
// with EPERM and main still owns the lock; the run ends with exit 66.
// ThreadSanitizer reports it as "unlock of an unlocked mutex (or by a
// wrong thread)".
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
#include <errno.h>
#include "../test.h"

pthread_mutex_t job_lock;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:      {{^}}WARNING: Tangle: unlock of an unlocked mutex{{$}}
  // TANGLE-NEXT: {{^}}  Mutex job_lock {{.*}}by thread T1:
  // TSAN:        {{^}}WARNING: ThreadSanitizer: unlock of an unlocked mutex (or by a wrong thread)
  // CHECK-NEXT:  {{^}}    #0 pthread_mutex_unlock
  // CHECK-NEXT:  {{^}}    #1 worker {{.*}}misuse_unlock_by_non_owner.c:[[#UNLOCK:@LINE+1]]:
  int rc = pthread_mutex_unlock(&job_lock);
  test_step_set(2);
  return (void *)(long)rc;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&job_lock, &attr);
  pthread_t t = test_spawn(worker, NULL);
  // TANGLE:      {{^}}  Mutex job_lock is held by main thread, locked here:
  // TANGLE-NEXT: {{^}}    #0 pthread_mutex_lock
  // TANGLE-NEXT: {{^}}    #1 main {{.*}}misuse_unlock_by_non_owner.c:[[#@LINE+1]]:
  pthread_mutex_lock(&job_lock);
  test_step_set(1);
  test_step_wait(2);
  pthread_mutex_unlock(&job_lock);
  long rc = (long)test_join(t);
  printf("worker's unlock: %s\n", rc == EPERM ? "EPERM" : "??");
  return 0;
}
// TANGLE: SUMMARY: Tangle: unlock of an unlocked mutex {{.*}}misuse_unlock_by_non_owner.c:[[#UNLOCK]]:{{[0-9]+}} in worker
// TSAN:   SUMMARY: ThreadSanitizer: unlock of an unlocked mutex (or by a wrong thread)
// TANGLE: Tangle: reported 1 report(s)
// TSAN:   ThreadSanitizer: reported 1 warnings
