// main writes a global and only then creates the thread that reads it:
// pthread_create orders everything main did before it ahead of the child's
// first instruction, so the read does not race.  Sibling of
// race/global_read_after_create.c.
//
// RUN: %tangle_cc -O0 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O0 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

int config_value;
char config_name[16];

static void *worker(void *arg) {
  int v = config_value;
  printf("worker saw %s = %d\n", config_name, v);
  return NULL;
}

int main(void) {
  pthread_t t;
  config_value = 7;
  snprintf(config_name, sizeof config_name, "threads");
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  /* Rewritten after the join, then read by a new thread: ordered again. */
  config_value = 8;
  snprintf(config_name, sizeof config_name, "workers");
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
// CHECK: worker saw threads = 7
// CHECK: worker saw workers = 8
