// main frees a block the worker read, but only after joining the worker:
// the read happens-before the join, so free()'s write of the block does not
// race with it.  Sibling of race/free_while_reading.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

struct node {
  long key;
  long value;
};

static void *worker(void *arg) {
  struct node *n = arg;
  long v = n->key + n->value;
  return (void *)v;
}

int main(void) {
  struct node *n = malloc(sizeof *n);
  n->key = 1;
  n->value = 100;
  pthread_t t = test_spawn(worker, n);
  long v = (long)test_join(t);
  free(n);
  printf("value was %ld\n", v);
  return 0;
}
// CHECK: value was 101
