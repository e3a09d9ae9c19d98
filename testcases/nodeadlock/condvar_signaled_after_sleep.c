// The worker waits on a condition variable (no timeout) while main sleeps
// 300 ms and only then sets `ready` and signals.  For 300 ms the worker is
// blocked with nobody signalling, but main is sleeping, not blocked, and
// may still wake it, which it does: not every thread is stuck, so there
// is no deadlock, even with deadlock_timeout_ms shortened to 50 ms.
//
// RUN: %tangle_cc -O1 %s -o %t && env TANGLE_OPTIONS=deadlock_timeout_ms=50 %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
int ready;

static void *worker(void *arg) {
  pthread_mutex_lock(&mu);
  while (!ready)
    pthread_cond_wait(&cv, &mu);
  int seen = ready;
  pthread_mutex_unlock(&mu);
  return (void *)(long)seen;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  usleep(300000);
  pthread_mutex_lock(&mu);
  ready = 5;
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&mu);
  long seen = (long)test_join(t);
  printf("worker saw ready = %ld\n", seen);
  return 0;
}
// CHECK: worker saw ready = 5
