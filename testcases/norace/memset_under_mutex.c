// main clears a shared line buffer with memset and the worker reads it,
// both while holding the same mutex: the range write is ordered with the
// read by the lock, so nothing races.  The worker reads after main cleared
// (step barrier) to make the lock the only thing that orders them.  Sibling
// of race/memset_vs_read.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <string.h>
#include "../test.h"

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  char *line = arg;
  test_step_wait(1);
  pthread_mutex_lock(&lock);
  long c = line[10];
  pthread_mutex_unlock(&lock);
  return (void *)c;
}

int main(void) {
  size_t len = 100;
  char *line = malloc(len);
  pthread_t t = test_spawn(worker, line);
  pthread_mutex_lock(&lock);
  memset(line, '-', len);
  pthread_mutex_unlock(&lock);
  test_step_set(1);
  long c = (long)test_join(t);
  printf("line[10] = %c\n", (char)c);
  free(line);
  return 0;
}
// CHECK: line[10] = -
