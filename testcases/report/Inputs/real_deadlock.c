/* Two threads that really deadlock: each holds one lock and waits for the
 * other's.  Tangle reports the deadlock and ends the process. */
#include "test.h"

static pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock_b);
  test_step_set(1);
  test_step_wait(2);
  pthread_mutex_lock(&lock_a); /* line 12: waits for main */
  return arg;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&lock_a);
  test_step_wait(1);
  test_step_set(2);
  pthread_mutex_lock(&lock_b); /* line 21: waits for the worker */
  test_join(t);
  return 0;
}
