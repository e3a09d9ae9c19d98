// Sibling of race/vector_read_shared_then_write.c: both threads read a
// shared array through 8-aligned 16-byte vectors (read-shared granules),
// main posts a semaphore, the worker waits for it and writes one element,
// and main reads the array again only after joining the worker.  The
// semaphore orders main's first read before the write, and the join orders
// the write before main's second read: silent.
//
// RUN: %tangle_cc -O2 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
// CHECK: sum = 75
#include "../test.h"

#include <semaphore.h>

typedef double v2d __attribute__((vector_size(16), aligned(8)));

double table[9]; // table + 1 is 8- but not 16-aligned

static __attribute__((noinline)) double sum_pairs(const double *p, int n) {
  v2d acc = {0, 0};
  for (int i = 0; i < n; i += 2) acc += *(const v2d *)(p + i);
  return acc[0] + acc[1];
}

sem_t go;

static void *worker(void *arg) {
  double s = sum_pairs(table + 1, 8);
  test_step_set(1);
  sem_wait(&go);
  table[4] = 7.0;
  return (void *)(long)s;
}

int main(void) {
  for (int i = 0; i < 9; i++) table[i] = i;
  sem_init(&go, 0, 0);
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  double s = sum_pairs(table + 1, 8);
  sem_post(&go);
  test_join(t);
  s += sum_pairs(table + 1, 8);
  printf("sum = %g\n", s);
  return 0;
}
