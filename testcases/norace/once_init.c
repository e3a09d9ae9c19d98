// Every thread that uses the configuration first calls pthread_once with the
// same initializer: the initializer's writes happen-before every
// pthread_once return, in the thread that ran it and in the ones that found
// it done.  Sibling of race/once_init_bypassed.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_once_t once = PTHREAD_ONCE_INIT;
int max_connections;
int init_calls;

static void init_config(void) {
  init_calls++;
  max_connections = 64;
}

static int get_max_connections(void) {
  pthread_once(&once, init_config);
  return max_connections;
}

static void *worker(void *arg) {
  long n = get_max_connections();
  test_step_set(1);
  return (void *)n;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  int n = get_max_connections();
  long m = (long)test_join(t);
  printf("max_connections = %d/%ld, init_calls = %d\n", n, m, init_calls);
  return 0;
}
// CHECK: max_connections = 64/64, init_calls = 1
