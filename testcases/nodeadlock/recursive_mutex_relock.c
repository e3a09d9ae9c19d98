// A recursive mutex relocked while another lock is held: both threads take
// rec_lock then list_lock, and the worker then calls a helper that locks
// rec_lock again.  The worker already owns rec_lock, so that lock cannot
// block: it is no acquisition "while holding list_lock" and makes no edge
// list_lock -> rec_lock.  The only order is rec_lock -> list_lock: no
// cycle, no report.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_mutex_t rec_lock;
pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
int items;

static void count_item(void) {
  pthread_mutex_lock(&rec_lock);
  items++;
  pthread_mutex_unlock(&rec_lock);
}

static void *worker(void *arg) {
  test_step_wait(1);
  pthread_mutex_lock(&rec_lock);
  pthread_mutex_lock(&list_lock);
  count_item();
  pthread_mutex_unlock(&list_lock);
  pthread_mutex_unlock(&rec_lock);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&rec_lock, &attr);
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&rec_lock);
  pthread_mutex_lock(&rec_lock);
  pthread_mutex_lock(&list_lock);
  items++;
  pthread_mutex_unlock(&list_lock);
  pthread_mutex_unlock(&rec_lock);
  pthread_mutex_unlock(&rec_lock);
  test_step_set(1);
  test_join(t);
  printf("items = %d\n", items);
  return 0;
}
// CHECK: items = 2
