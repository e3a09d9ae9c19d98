// The classic deadlock-avoidance idiom: main locks lock_a then lock_b; the
// worker holds lock_b and only *tries* lock_a, and on failure releases
// lock_b, backs off and starts over.  The worker never waits for lock_a
// while holding lock_b, so the "inversion" cannot deadlock: a trylock
// creates no edge, the graph has only lock_a -> lock_b, and nothing is
// reported.  The step barrier makes the first try fail, so the backoff
// path really runs.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
int moves;

static void *worker(void *arg) {
  int attempts = 0;
  test_step_wait(1);
  for (;;) {
    attempts++;
    pthread_mutex_lock(&lock_b);
    if (pthread_mutex_trylock(&lock_a) == 0)
      break;
    pthread_mutex_unlock(&lock_b);
    test_step_set(2);
    sched_yield();
  }
  moves++;
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  return (void *)(long)attempts;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&lock_a);
  test_step_set(1);
  test_step_wait(2);
  pthread_mutex_lock(&lock_b);
  moves++;
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  long attempts = (long)test_join(t);
  printf("moves = %d, worker backed off: %s\n", moves, attempts > 1 ? "yes" : "no");
  return 0;
}
// CHECK: moves = 2, worker backed off: yes
