/* Two locks taken in both orders by two threads, one after the other (so
 * the program never hangs; the step barrier orders them without
 * happens-before): a lock-order inversion. */
#include "test.h"

static pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  test_step_wait(1);
  pthread_mutex_lock(&lock_b);
  pthread_mutex_lock(&lock_a); /* line 12: b => a */
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  return arg;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b); /* line 21: a => b */
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  test_step_set(1);
  test_join(t);
  puts("done");
  return 0;
}
