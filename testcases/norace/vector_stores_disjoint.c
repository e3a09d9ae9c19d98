// Each thread loads and stores its own 16-byte vector in a shared array of
// two vectors; the vectors are adjacent but do not overlap, so the 16-byte
// accesses do not race.  main combines both after the join.  Sibling of
// race/vector_store_vs_vector_load.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

typedef int v4si __attribute__((vector_size(16)));

v4si vecs[2];

static void scale(int which, int times) {
  for (int i = 0; i < times; i++)
    vecs[which] = vecs[which] * 2 + 1;
}

static void *worker(void *arg) {
  test_step_wait(1);
  scale(1, 3);
  test_step_set(2);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  vecs[0] = (v4si){1, 2, 3, 4};
  test_step_set(1);
  scale(0, 2);
  test_step_wait(2);
  test_join(t);
  v4si sum = vecs[0] + vecs[1];
  printf("sum = %d %d %d %d\n", sum[0], sum[1], sum[2], sum[3]);
  return 0;
}
// CHECK: sum = 14 18 22 26
