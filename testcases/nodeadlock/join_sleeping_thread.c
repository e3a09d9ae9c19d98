// A slow critical section: the writer holds results_lock and sleeps 300 ms
// inside it, the reader waits for results_lock, and main waits in
// pthread_join for the writer.  Two of three threads are blocked, and both
// (directly or through the lock) on the sleeper, but the sleeper is not
// blocked on anything: it wakes up, unlocks and ends, and everyone moves
// on.  A detector that counted the sleeper as stuck would report a false
// deadlock; nothing is reported and the program exits 0.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_mutex_t results_lock = PTHREAD_MUTEX_INITIALIZER;
int results;

static void *writer(void *arg) {
  pthread_mutex_lock(&results_lock);
  test_step_set(1);
  usleep(300000);
  results = 42;
  pthread_mutex_unlock(&results_lock);
  return NULL;
}

static void *reader(void *arg) {
  test_step_wait(1);
  pthread_mutex_lock(&results_lock);
  long seen = results;
  pthread_mutex_unlock(&results_lock);
  return (void *)seen;
}

int main(void) {
  pthread_t w = test_spawn(writer, NULL);
  pthread_t r = test_spawn(reader, NULL);
  test_join(w);
  long seen = (long)test_join(r);
  printf("reader saw %ld\n", seen);
  return 0;
}
// CHECK: reader saw 42
