// The worker takes lock_a then lock_b in phase 1; main takes lock_b then
// lock_a in phase 2.  The phases are separated by a pthread_barrier, which
// orders everything before it ahead of everything after it in every
// thread: the two orders can never overlap, so nothing is reported.
// ThreadSanitizer's deadlock detector ignores happens-before and reports
// an inversion here (a false positive), so no TSan run.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
pthread_barrier_t phase;
int moves;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  moves++;
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  pthread_barrier_wait(&phase);
  return NULL;
}

int main(void) {
  pthread_barrier_init(&phase, NULL, 2);
  pthread_t t = test_spawn(worker, NULL);
  pthread_barrier_wait(&phase);
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
