// A mutex annotated with TSan's __tsan_mutex_* API (Inputs/tsan_mutex.h:
// relaxed atomics and a racy contention counter inside the brackets)
// guards a counter two threads increment: silent under both tools — the
// brackets give the happens-before, and hide the mutex's own internals.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"
#include "Inputs/tsan_mutex.h"

tmutex_t mu;
long counter;

static void *worker(void *arg) {
  for (int i = 0; i < 2000; i++) {
    tmutex_lock(&mu);
    counter++;
    tmutex_unlock(&mu);
  }
  return NULL;
}

int main(void) {
  tmutex_init(&mu, "mu");
  pthread_t t[2] = {test_spawn(worker, NULL), test_spawn(worker, NULL)};
  test_join(t[0]);
  test_join(t[1]);
  tmutex_destroy(&mu);
  printf("counter %ld\n", counter);
  return 0;
}
// CHECK: counter 4000
