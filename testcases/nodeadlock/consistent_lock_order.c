// Three threads nest the same three locks, always in the order lock_a ->
// lock_b -> lock_c, many times and at once: the lock-order graph is a
// chain without a cycle, so nothing can deadlock and nothing is reported.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_c = PTHREAD_MUTEX_INITIALIZER;
long total;

static void *worker(void *arg) {
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&lock_a);
    pthread_mutex_lock(&lock_b);
    if (i % 2)
      pthread_mutex_lock(&lock_c);
    total++;
    if (i % 2)
      pthread_mutex_unlock(&lock_c);
    pthread_mutex_unlock(&lock_b);
    pthread_mutex_unlock(&lock_a);
    if (i % 3 == 0) { /* sometimes skip the middle lock: a -> c directly */
      pthread_mutex_lock(&lock_a);
      pthread_mutex_lock(&lock_c);
      total++;
      pthread_mutex_unlock(&lock_c);
      pthread_mutex_unlock(&lock_a);
    }
  }
  return NULL;
}

int main(void) {
  pthread_t t1 = test_spawn(worker, NULL);
  pthread_t t2 = test_spawn(worker, NULL);
  worker(NULL);
  test_join(t1);
  test_join(t2);
  printf("total = %ld\n", total);
  return 0;
}
// CHECK: total = 4002
