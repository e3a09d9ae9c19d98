// main publishes a shared work description under a mutex and wakes four
// waiting workers with pthread_cond_broadcast; each worker re-acquires the
// mutex on wake-up, so all of them read the description after it was
// written, and each writes only its own result slot.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#define WORKERS 4
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t go = PTHREAD_COND_INITIALIZER;
int started, waiting;
int base, stride;
int results[WORKERS];

static void *worker(void *arg) {
  long me = (long)arg;
  pthread_mutex_lock(&m);
  waiting++;
  while (!started)
    pthread_cond_wait(&go, &m);
  pthread_mutex_unlock(&m);
  results[me] = base + stride * (int)me;
  return NULL;
}

int main(void) {
  pthread_t t[WORKERS];
  for (long i = 0; i < WORKERS; i++)
    t[i] = test_spawn(worker, (void *)i);
  for (int all = 0; !all; sched_yield()) {
    pthread_mutex_lock(&m);
    all = waiting == WORKERS;
    pthread_mutex_unlock(&m);
  }
  pthread_mutex_lock(&m);
  base = 100;
  stride = 10;
  started = 1;
  pthread_cond_broadcast(&go);
  pthread_mutex_unlock(&m);
  for (int i = 0; i < WORKERS; i++)
    test_join(t[i]);
  printf("results %d %d %d %d\n", results[0], results[1], results[2], results[3]);
  return 0;
}
// CHECK: results 100 110 120 130
