// The worker writes its result and then posts a semaphore; main waits on it
// and reads the result.  The post happens-before the wait it wakes, so the
// write is ordered before the read: no race, even though main never joins
// before reading.  Sibling of race/sem_write_after_post.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <semaphore.h>
#include "../test.h"

sem_t done;
int result;

static void *worker(void *arg) {
  test_step_wait(1);
  result = 42;
  sem_post(&done);
  test_step_wait(2);
  return NULL;
}

int main(void) {
  sem_init(&done, 0, 0);
  pthread_t t = test_spawn(worker, NULL);
  test_step_set(1);
  sem_wait(&done);
  int seen = result;
  test_step_set(2);
  test_join(t);
  sem_destroy(&done);
  printf("seen %d\n", seen);
  return 0;
}
// CHECK: seen 42
