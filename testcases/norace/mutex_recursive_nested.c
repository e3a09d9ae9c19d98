// A recursive mutex taken twice by each thread.  Each thread writes inside
// the inner section and again after the inner unlock while still holding
// the outer one; only the last unlock releases the mutex.  Every write is
// under the lock, so nothing races.  Sibling of
// race/mutex_recursive_write_outside.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_mutex_t lock;
int depth_seen, updates;

static void update(int depth) {
  pthread_mutex_lock(&lock);
  pthread_mutex_lock(&lock);
  depth_seen = depth;
  pthread_mutex_unlock(&lock);
  updates++;
  pthread_mutex_unlock(&lock);
}

static void *worker(void *arg) {
  test_step_wait(1);
  update(2);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&lock, &attr);
  pthread_t t = test_spawn(worker, NULL);
  update(1);
  test_step_set(1);
  test_join(t);
  printf("depth_seen = %d, updates = %d\n", depth_seen, updates);
  pthread_mutex_destroy(&lock);
  return 0;
}
// CHECK: depth_seen = 2, updates = 2
