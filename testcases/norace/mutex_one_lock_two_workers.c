// Two workers increment a shared counter, both under the same mutex, while
// main waits for them: lock handoff between two non-main threads orders
// every increment.  Sibling of race/mutex_different_locks.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int shared_count;
int per_worker[2];

static void *worker(void *arg) {
  long id = (long)arg;
  for (int i = 0; i < 500; i++) {
    pthread_mutex_lock(&lock);
    shared_count++;
    pthread_mutex_unlock(&lock);
    per_worker[id]++;
  }
  return NULL;
}

int main(void) {
  pthread_t a = test_spawn(worker, (void *)0L);
  pthread_t b = test_spawn(worker, (void *)1L);
  test_join(a);
  test_join(b);
  printf("shared_count = %d (%d + %d)\n", shared_count, per_worker[0],
         per_worker[1]);
  return 0;
}
// CHECK: shared_count = 1000 (500 + 500)
