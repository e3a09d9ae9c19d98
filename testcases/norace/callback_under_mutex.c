// The worker runs a job's callback through a function pointer; the
// callback updates the shared total under a mutex, as main does.  Calling
// through a pointer changes nothing about the locking: no race.  Sibling of
// race/callback_through_fn_pointer.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

struct job {
  void (*run)(int amount);
  int amount;
};

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int total;

__attribute__((noinline)) static void add_to_total(int amount) {
  pthread_mutex_lock(&lock);
  total += amount;
  pthread_mutex_unlock(&lock);
}

static void *worker(void *arg) {
  struct job *job = arg;
  test_step_wait(1);
  for (int i = 0; i < 10; i++)
    job->run(job->amount);
  return NULL;
}

int main(void) {
  static struct job job = {add_to_total, 5};
  pthread_t t = test_spawn(worker, &job);
  add_to_total(1);
  test_step_set(1);
  add_to_total(1);
  test_join(t);
  printf("total = %d\n", total);
  return 0;
}
// CHECK: total = 52
