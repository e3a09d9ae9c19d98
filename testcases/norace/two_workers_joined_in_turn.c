// Two workers write the same global, but main joins the first before it
// creates the second: T1's exit happens-before the join, which
// happens-before T2's creation, so the writes are ordered (transitively)
// and do not race.  Sibling of race/two_workers_same_global.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <string.h>
#include "../test.h"

const char *owner;
char history[64];

static void *worker(void *arg) {
  owner = arg;
  strcat(history, arg);
  strcat(history, " ");
  return NULL;
}

int main(void) {
  pthread_t first = test_spawn(worker, "first");
  test_join(first);
  pthread_t second = test_spawn(worker, "second");
  test_join(second);
  strcat(history, "main");
  printf("owner = %s, history = %s\n", owner, history);
  return 0;
}
// CHECK: owner = second, history = first second main
