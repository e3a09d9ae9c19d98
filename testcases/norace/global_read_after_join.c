// main reads the worker's result only after pthread_join: the child's exit
// happens-before join returns, so the read does not race, however late the
// worker wrote.  The worker writes after main reached the join (step
// barrier), so the join is what orders them.  Sibling of
// race/global_read_before_join.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

long result;
int *history;

static void *worker(void *arg) {
  test_step_wait(1);
  for (int i = 0; i < 4; i++)
    history[i] = i * 10;
  result = 42;
  return NULL;
}

int main(void) {
  history = malloc(4 * sizeof(int));
  pthread_t t = test_spawn(worker, NULL);
  test_step_set(1);
  test_join(t);
  printf("result = %ld, history = %d %d %d %d\n", result, history[0],
         history[1], history[2], history[3]);
  free(history);
  return 0;
}
// CHECK: result = 42, history = 0 10 20 30
