// main holds busy_lock and joins the worker; the worker waits for
// busy_lock with pthread_mutex_timedlock and a 200 ms timeout.  For 200 ms
// the two wait for each other, a wait-for cycle, but the worker's wait
// ends by itself: the timed lock fails with ETIMEDOUT, the worker returns,
// and the join completes.  A timed wait must never be taken for a
// deadlock, and no lock-order edge arises (only one lock): no report.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <errno.h>
#include <time.h>
#include "../test.h"

pthread_mutex_t busy_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 200 * 1000000L;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000L;
  }
  int rc = pthread_mutex_timedlock(&busy_lock, &deadline);
  if (rc == 0)
    pthread_mutex_unlock(&busy_lock);
  return (void *)(long)rc;
}

int main(void) {
  pthread_mutex_lock(&busy_lock);
  pthread_t t = test_spawn(worker, NULL);
  long rc = (long)test_join(t);
  pthread_mutex_unlock(&busy_lock);
  printf("timedlock: %s\n", rc == ETIMEDOUT ? "ETIMEDOUT" : "??");
  return 0;
}
// CHECK: timedlock: ETIMEDOUT
