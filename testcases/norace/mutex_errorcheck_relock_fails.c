// An error-checking mutex: the worker locks it, tries to lock it again
// (EDEADLK: the failed relock must not count as a second acquisition),
// writes the shared state and unlocks once, which really releases it.
// main then locks it and writes: ordered by the one unlock, no race.
// Sibling of race/mutex_errorcheck_write_after_unlock.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <errno.h>
#include "../test.h"

pthread_mutex_t lock;
long state;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock);
  int rc = pthread_mutex_lock(&lock);
  state = 2;
  pthread_mutex_unlock(&lock);
  test_step_set(1);
  return (void *)(long)rc;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&lock, &attr);
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  pthread_mutex_lock(&lock);
  state = state * 10 + 1;
  pthread_mutex_unlock(&lock);
  long rc = (long)test_join(t);
  printf("relock %s, state = %ld\n", rc == EDEADLK ? "EDEADLK" : "??", state);
  return 0;
}
// CHECK: relock EDEADLK, state = 21
