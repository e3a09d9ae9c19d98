// The worker takes lock_a then lock_b, releases both and posts a
// semaphore; main waits on the semaphore and only then takes lock_b then
// lock_a.  The post/wait pair orders the worker's acquisitions before
// main's (happens-before through something other than create or join), so
// the two orders can never overlap: no report.  ThreadSanitizer's
// deadlock detector ignores happens-before and reports an inversion here
// (a false positive), so no TSan run.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
#include <semaphore.h>
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
sem_t handoff;
int moves;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  moves++;
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  sem_post(&handoff);
  usleep(100000); /* still alive while main takes the other order */
  return NULL;
}

int main(void) {
  sem_init(&handoff, 0, 0);
  pthread_t t = test_spawn(worker, NULL);
  sem_wait(&handoff);
  pthread_mutex_lock(&lock_b);
  pthread_mutex_lock(&lock_a);
  moves++;
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  test_join(t);
  printf("moves = %d\n", moves);
  return 0;
}
// CHECK: moves = 2
