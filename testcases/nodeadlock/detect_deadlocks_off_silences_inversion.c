// The same AB/BA inversion as deadlock/abba_two_threads.c (main a->b, the
// worker later b->a through the relaxed step barrier), run with
// TANGLE_OPTIONS=detect_deadlocks=0: the lock-order detector is off at run
// time, so nothing is reported and the exit status is the program's own.
// ThreadSanitizer's equivalent switch, detect_deadlocks=0, does the same.
//
// RUN: %tangle_cc -O1 %s -o %t && env TANGLE_OPTIONS=detect_deadlocks=0 %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && env TSAN_OPTIONS="$TSAN_OPTIONS:detect_deadlocks=0" %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
int moves;

static void *worker(void *arg) {
  test_step_wait(1);
  pthread_mutex_lock(&lock_b);
  pthread_mutex_lock(&lock_a);
  moves++;
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  moves++;
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  test_step_set(1);
  test_join(t);
  printf("moves = %d\n", moves);
  return 0;
}
// CHECK: moves = 2
