// Three threads read a global concurrently (a read set of two pairs, the
// second one chained); main joins all three and then writes.  Every read
// happens-before the write, so nothing is reported: the write must check
// the readers in both pairs and find each ordered before it.  Sibling of
// write_vs_third_reader.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

int limit = 10;

static void *reader(void *arg) {
  long i = (long)arg;
  int seen = limit;
  test_step_set((int)i + 1);
  if (i == 0) test_step_wait(3);
  return (void *)(long)seen;
}

int main(void) {
  pthread_t t[3];
  for (long i = 0; i < 3; i++) {
    t[i] = test_spawn(reader, (void *)i);
    test_step_wait((int)i + 1);
  }
  long sum = 0;
  for (int i = 2; i >= 0; i--) sum += (long)test_join(t[i]);
  limit = 20;
  printf("readers saw %ld in all, limit = %d\n", sum, limit);
  return 0;
}
// CHECK: readers saw 30 in all, limit = 20
