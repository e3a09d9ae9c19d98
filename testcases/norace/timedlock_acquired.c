// The worker takes the lock with pthread_mutex_timedlock and a generous
// deadline while main still holds it; main unlocks soon, the timed lock
// succeeds and is ordered after main's unlock: no race.  Sibling of
// race/timedlock_timed_out_write_anyway.c.
//
// RUN: %tangle_cc -O0 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O0 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <time.h>
#include "../test.h"

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int guarded;

static void *worker(void *arg) {
  struct timespec deadline;
  test_step_wait(1);
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 30;
  int rc = pthread_mutex_timedlock(&lock, &deadline);
  if (rc == 0) {
    guarded = guarded + 2;
    pthread_mutex_unlock(&lock);
  }
  return (void *)(long)rc;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&lock);
  test_step_set(1);
  for (int i = 0; i < 1000; i++)
    sched_yield();
  guarded = 1;
  pthread_mutex_unlock(&lock);
  long rc = (long)test_join(t);
  printf("timedlock rc = %ld, guarded = %d\n", rc, guarded);
  return 0;
}
// CHECK: timedlock rc = 0, guarded = 3
