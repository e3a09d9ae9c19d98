// main takes lock_a then lock_b, the worker later (relaxed step barrier)
// lock_b then lock_a, but both do it while holding `gate`.  Only one thread
// at a time can be inside the gate, so the inversion can never deadlock:
// the gate lock is held on every edge of the cycle (GoodLock), and nothing
// is reported.  ThreadSanitizer does not know gate locks and reports an
// inversion here (a false positive), so no TSan run.  Compare
// deadlock/gate_lock_held_on_one_side_only.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
#include "../test.h"

pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
int moves;

static void *worker(void *arg) {
  test_step_wait(1);
  pthread_mutex_lock(&gate);
  pthread_mutex_lock(&lock_b);
  pthread_mutex_lock(&lock_a);
  moves++;
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&gate);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&gate);
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  moves++;
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&gate);
  test_step_set(1);
  test_join(t);
  printf("moves = %d\n", moves);
  return 0;
}
// CHECK: moves = 2
