// The classic rwlock discipline: a writer updates under the write lock,
// readers only read under the read lock.  The writer writes first, the
// readers read, then the writer writes again: write-unlock happens-before
// every later lock, and read-unlock happens-before the next write-lock, so
// nothing races.  Sibling of race/rwlock_writes_under_rdlock.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
long last_update;
long reads_sum;

static void *reader(void *arg) {
  test_step_wait(1);
  pthread_rwlock_rdlock(&rw);
  long seen = last_update;
  pthread_rwlock_unlock(&rw);
  return (void *)seen;
}

static void write_update(long v) {
  pthread_rwlock_wrlock(&rw);
  last_update = v;
  pthread_rwlock_unlock(&rw);
}

int main(void) {
  pthread_t a = test_spawn(reader, NULL);
  pthread_t b = test_spawn(reader, NULL);
  write_update(5);
  test_step_set(1);
  for (int i = 0; i < 100; i++)
    sched_yield();
  write_update(6);
  reads_sum = (long)test_join(a) + (long)test_join(b);
  printf("last_update = %ld, reads ok = %d\n", last_update,
         reads_sum >= 10 && reads_sum <= 12);
  return 0;
}
// CHECK: last_update = 6, reads ok = 1
