// Each thread updates its own copy of a _Thread_local counter and its own
// stack array many times; nothing is shared, so nothing races, although the
// same code and the same variable name run on every thread.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

_Thread_local long calls;

__attribute__((noinline)) static void count_call(void) { calls++; }

static void *worker(void *arg) {
  long scratch[16];
  long n = (long)arg;
  for (long i = 0; i < n; i++) {
    count_call();
    scratch[i % 16] = calls;
  }
  return (void *)(calls + scratch[(n - 1) % 16]);
}

int main(void) {
  pthread_t a = test_spawn(worker, (void *)100L);
  pthread_t b = test_spawn(worker, (void *)200L);
  worker((void *)50L);
  long ra = (long)test_join(a);
  long rb = (long)test_join(b);
  printf("a = %ld, b = %ld, main calls = %ld\n", ra, rb, calls);
  return 0;
}
// CHECK: a = 200, b = 400, main calls = 50
