// main locks an error-checking mutex and, through a helper, tries to lock
// it again.  Unlike a default mutex this does not hang: glibc returns
// EDEADLK at once, the program notices and carries on.  The failed relock
// is neither a deadlock nor an acquisition, so nothing is reported, and
// the worker that later takes the mutex sees it free.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <errno.h>
#include "../test.h"

pthread_mutex_t state_lock;
int state;

static int update_state(int v) {
  int rc = pthread_mutex_lock(&state_lock);
  if (rc != 0)
    return rc;
  state = v;
  pthread_mutex_unlock(&state_lock);
  return 0;
}

static void *worker(void *arg) {
  return (void *)(long)update_state(2);
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&state_lock, &attr);
  pthread_mutex_lock(&state_lock);
  int rc = update_state(1);
  pthread_mutex_unlock(&state_lock);
  pthread_t t = test_spawn(worker, NULL);
  long worker_rc = (long)test_join(t);
  printf("relock %s, worker rc %ld, state %d\n", rc == EDEADLK ? "EDEADLK" : "??", worker_rc, state);
  return 0;
}
// CHECK: relock EDEADLK, worker rc 0, state 2
