// main lends the address of one of its locals to a worker, which fills it
// in; main reads it only after the join, which orders the worker's writes
// first.  Sibling of race/stack_var_shared_with_thread.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

struct progress {
  int done;
  int total;
};

static void *worker(void *arg) {
  struct progress *p = arg;
  for (int i = 0; i < 10; i++)
    p->done++;
  return NULL;
}

int main(void) {
  struct progress progress = {0, 10};
  pthread_t t = test_spawn(worker, &progress);
  test_join(t);
  progress.total += 5;
  /* The same stack slot lent again: the first join orders it all. */
  t = test_spawn(worker, &progress);
  test_join(t);
  printf("progress = %d/%d\n", progress.done, progress.total);
  return 0;
}
// CHECK: progress = 20/15
