// main and a worker both update a global counter, each time under the same
// mutex: every unlock happens-before the next lock, so nothing races.  Many
// iterations on both sides exercise lock handoff in both directions.
// Sibling of race/global_write_write.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int counter;

static void add(int n) {
  for (int i = 0; i < n; i++) {
    pthread_mutex_lock(&lock);
    counter = counter + 1;
    pthread_mutex_unlock(&lock);
  }
}

static void *worker(void *arg) {
  add(1000);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  add(1000);
  test_join(t);
  printf("counter = %d\n", counter);
  return 0;
}
// CHECK: counter = 2000
