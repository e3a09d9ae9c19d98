// Atomics on heap memory: main allocates a job with an atomic state word
// and a plain result, the worker computes the result and stores the state
// with release, main waits for it with acquire, reads the result and frees
// the job.  It does this for many jobs, so freed blocks (and the runtime's
// state for the atomics in them) are handed out again; a new job at an old
// address must start with no clock and no history.  Silent for both tools.
// Sibling: heap_atomic_vs_plain_reset_race.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#define JOBS 50

struct job {
  atomic_int state;
  int input;
  long result;
};
static _Atomic(struct job *) current;

static void *worker(void *arg) {
  for (int n = 0; n < JOBS; n++) {
    struct job *j;
    while ((j = atomic_exchange_explicit(&current, NULL, memory_order_acquire)) == NULL)
      sched_yield();
    j->result = (long)j->input * j->input;
    atomic_store_explicit(&j->state, 1, memory_order_release);
  }
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  long sum = 0;
  for (int n = 0; n < JOBS; n++) {
    struct job *j = malloc(sizeof *j);
    atomic_init(&j->state, 0);
    j->input = n;
    atomic_store_explicit(&current, j, memory_order_release);
    while (atomic_load_explicit(&j->state, memory_order_acquire) == 0)
      sched_yield();
    sum += j->result;
    free(j);
  }
  test_join(t);
  printf("sum = %ld\n", sum);
  return 0;
}
// CHECK: sum = 40425
