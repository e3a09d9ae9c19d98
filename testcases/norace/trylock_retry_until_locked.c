// The worker polls with pthread_mutex_trylock until it succeeds (main holds
// the lock at first, so the first attempts fail with EBUSY) and only then
// writes.  Only the successful trylock acquires, and it is ordered after
// main's unlock: no race.  Sibling of race/trylock_failed_write_anyway.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <errno.h>
#include "../test.h"

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int guarded;

static void *worker(void *arg) {
  long busy = 0;
  test_step_wait(1);
  while (pthread_mutex_trylock(&lock) == EBUSY) {
    if (busy++ == 0)
      test_step_set(2);
    sched_yield();
  }
  guarded = guarded + 2;
  pthread_mutex_unlock(&lock);
  return (void *)busy;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&lock);
  guarded = 1;
  test_step_set(1);
  test_step_wait(2);
  pthread_mutex_unlock(&lock);
  long busy = (long)test_join(t);
  printf("guarded = %d after %s\n", guarded, busy > 0 ? "EBUSY" : "no EBUSY");
  return 0;
}
// CHECK: guarded = 3 after EBUSY
