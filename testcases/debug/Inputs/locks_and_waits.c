/* For the gdb extension's test: when the race on `shared` is reported, main
 * holds lock_a, the worker holds lock_b and is blocked waiting for lock_a.
 * The step barrier (test.h) orders the threads without happens-before. */
#include "test.h"

#include <unistd.h>

static pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
static int shared;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock_b); /* line 13 */
  shared = 1;                  /* line 14: the earlier write */
  test_step_set(1);
  pthread_mutex_lock(&lock_a); /* line 16: blocks until main unlocks */
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  return arg;
}

int main(void) {
  pthread_mutex_lock(&lock_a); /* line 23 */
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  usleep(300 * 1000); /* the worker is now blocked on lock_a */
  shared = 2;         /* line 27: the race, reported here */
  pthread_mutex_unlock(&lock_a);
  test_join(t);
  return 0;
}
