/* A counter written by two threads with nothing ordering the writes: one
 * data race.  The step barrier (test.h: relaxed atomics, no happens-before)
 * makes the worker write first, so every run reports the same way. */
#include "test.h"

static int counter;

static void *worker(void *arg) {
  counter = 1; /* line 9: the earlier write */
  test_step_set(1);
  return arg;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  counter = 2; /* line 17: the racing write */
  test_join(t);
  printf("counter %d\n", counter);
  return 0;
}
