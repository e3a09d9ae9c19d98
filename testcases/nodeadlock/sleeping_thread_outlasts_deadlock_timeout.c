// deadlock_timeout_ms is set to 50 ms, far shorter than the 300 ms the
// worker sleeps before it posts the semaphore main is waiting on.  A
// stall is only confirmed if *every* thread stays blocked for that long;
// the worker is sleeping, not blocked on anything, so even a long quiet
// period with main stuck in sem_wait is no deadlock: nothing is reported.
//
// RUN: %tangle_cc -O1 %s -o %t && env TANGLE_OPTIONS=deadlock_timeout_ms=50 %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <semaphore.h>
#include "../test.h"

sem_t done;
int result;

static void *worker(void *arg) {
  usleep(300000);
  result = 7;
  sem_post(&done);
  return NULL;
}

int main(void) {
  sem_init(&done, 0, 0);
  pthread_t t = test_spawn(worker, NULL);
  sem_wait(&done);
  printf("result = %d\n", result);
  test_join(t);
  return 0;
}
// CHECK: result = 7
