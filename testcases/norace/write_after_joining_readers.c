// Two readers read a global concurrently; main joins both and then writes.
// Both reads happen-before the write through the joins, so it races with
// neither: the read-shared state must be checked against every reader.
// Sibling of race/write_after_two_readers.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

int limit = 10;

static void *reader(void *arg) {
  int seen = limit;
  if ((long)arg == 1) {
    test_step_set(1);
    test_step_wait(2);
  }
  return (void *)(long)seen;
}

int main(void) {
  pthread_t t1 = test_spawn(reader, (void *)1L);
  test_step_wait(1);
  pthread_t t2 = test_spawn(reader, (void *)2L);
  long s2 = (long)test_join(t2);
  test_step_set(2);
  long s1 = (long)test_join(t1);
  limit = 20;
  printf("readers saw %ld and %ld, limit = %d\n", s1, s2, limit);
  return 0;
}
// CHECK: readers saw 10 and 10, limit = 20
