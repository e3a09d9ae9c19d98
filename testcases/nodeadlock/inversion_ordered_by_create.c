// main takes lock_a then lock_b, releases both, and only then creates the
// worker, which takes lock_b then lock_a.  Thread creation orders
// everything main did before it ahead of everything the worker does, so
// the two orders can never overlap: no report.  ThreadSanitizer's
// deadlock detector ignores happens-before and reports an inversion here
// (a false positive), so no TSan run.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
int moves;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock_b);
  pthread_mutex_lock(&lock_a);
  moves++;
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  return NULL;
}

int main(void) {
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  moves++;
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  pthread_t t = test_spawn(worker, NULL);
  test_join(t);
  printf("moves = %d\n", moves);
  return 0;
}
// CHECK: moves = 2
