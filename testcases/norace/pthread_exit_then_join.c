// A worker leaves through pthread_exit from a nested call instead of
// returning, after writing its results; main joins it and reads them.  The
// exit happens-before the join however the thread ended.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

long results[4];

__attribute__((noinline)) static void finish(long code) {
  results[3] = code;
  pthread_exit((void *)code);
}

static void *worker(void *arg) {
  for (int i = 0; i < 3; i++)
    results[i] = (i + 1) * 11;
  finish(99);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  long code = (long)test_join(t);
  printf("exit code %ld, results %ld %ld %ld %ld\n", code, results[0],
         results[1], results[2], results[3]);
  return 0;
}
// CHECK: exit code 99, results 11 22 33 99
