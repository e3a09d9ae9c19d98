// Two readers hold the read lock at the same time (each waits inside its
// read section until the other is in too) and read what main wrote under
// the write lock before they started.  Reads never race with reads, and
// main's write-unlock happens-before each read-lock.  Sibling of
// race/rwlock_reader_vs_unlocked_writer.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
int table_size;
atomic_int inside;

static void *reader(void *arg) {
  test_step_wait(1);
  pthread_rwlock_rdlock(&rw);
  atomic_fetch_add_explicit(&inside, 1, memory_order_relaxed);
  while (atomic_load_explicit(&inside, memory_order_relaxed) < 2)
    sched_yield();
  long seen = table_size;
  pthread_rwlock_unlock(&rw);
  return (void *)seen;
}

int main(void) {
  pthread_t a = test_spawn(reader, NULL);
  pthread_t b = test_spawn(reader, NULL);
  pthread_rwlock_wrlock(&rw);
  table_size = 64;
  pthread_rwlock_unlock(&rw);
  test_step_set(1);
  long sa = (long)test_join(a);
  long sb = (long)test_join(b);
  printf("readers saw %ld and %ld\n", sa, sb);
  return 0;
}
// CHECK: readers saw 64 and 64
