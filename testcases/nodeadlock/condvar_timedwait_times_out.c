// The worker waits on a condition variable with a 200 ms timeout and
// nobody ever signals it, while main waits in pthread_join: for 200 ms
// every thread is blocked.  But a timed wait ends by itself, so this is no
// deadlock: the wait times out, the worker returns, main joins it, and
// nothing is reported.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <errno.h>
#include <time.h>
#include "../test.h"

pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
int ready;

static void *worker(void *arg) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 200 * 1000000L;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000L;
  }
  int rc = 0;
  pthread_mutex_lock(&mu);
  while (!ready && rc != ETIMEDOUT)
    rc = pthread_cond_timedwait(&cv, &mu, &deadline);
  pthread_mutex_unlock(&mu);
  return (void *)(long)rc;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  long rc = (long)test_join(t);
  printf("timed wait: %s\n", rc == ETIMEDOUT ? "ETIMEDOUT" : "??");
  return 0;
}
// CHECK: timed wait: ETIMEDOUT
