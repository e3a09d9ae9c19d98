// A producer fills a heap buffer, then sets `ready` under the mutex and
// signals; the consumer waits on the condition variable until `ready` and
// reads the buffer.  The wait re-acquires the mutex the producer released,
// so the buffer and the flag are ordered: no race.  Sibling of
// race/condvar_flag_outside_mutex.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
int ready;
int *buffer;

static void *producer(void *arg) {
  test_step_wait(1);
  int *b = malloc(8 * sizeof(int));
  for (int i = 0; i < 8; i++)
    b[i] = i * i;
  pthread_mutex_lock(&m);
  buffer = b;
  ready = 1;
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(producer, NULL);
  pthread_mutex_lock(&m);
  test_step_set(1);
  while (!ready)
    pthread_cond_wait(&cv, &m);
  int *b = buffer;
  pthread_mutex_unlock(&m);
  int sum = 0;
  for (int i = 0; i < 8; i++)
    sum += b[i];
  test_join(t);
  free(b);
  printf("sum = %d\n", sum);
  return 0;
}
// CHECK: sum = 140
