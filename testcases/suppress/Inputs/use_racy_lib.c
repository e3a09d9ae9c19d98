/* Calls the racy library from two threads; the second thread is made by
 * start_counter_thread.  The step barrier (test.h) orders the calls without
 * happens-before. */
#include "test.h"

void count_event(void);
int event_count(void);

static void *worker(void *arg) {
  count_event();
  test_step_set(1);
  return arg;
}

static __attribute__((noinline)) pthread_t start_counter_thread(void) {
  return test_spawn(worker, NULL);
}

int main(void) {
  pthread_t t = start_counter_thread();
  test_step_wait(1);
  count_event();
  test_join(t);
  return event_count() == 2 ? 0 : 1;
}
