// A spinlock built on atomic_flag: test_and_set with acquire takes it,
// clear with release drops it.  Two workers increment a plain counter and
// update a plain history under it.  Each clear synchronizes with the
// test_and_set that next reads the cleared flag, so the critical sections
// are ordered.  Silent for both tools.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

static atomic_flag lock = ATOMIC_FLAG_INIT;
static long counter;
static int last_owner;

static void spin_lock(void) {
  while (atomic_flag_test_and_set_explicit(&lock, memory_order_acquire))
    sched_yield();
}

static void spin_unlock(void) {
  atomic_flag_clear_explicit(&lock, memory_order_release);
}

static void *worker(void *arg) {
  for (int i = 0; i < 1000; i++) {
    spin_lock();
    counter++;
    last_owner = (int)(long)arg;
    spin_unlock();
  }
  return NULL;
}

int main(void) {
  pthread_t a = test_spawn(worker, (void *)1L);
  pthread_t b = test_spawn(worker, (void *)2L);
  spin_lock();
  counter += 100;
  spin_unlock();
  test_join(a);
  test_join(b);
  printf("counter = %ld, owner ok = %d\n", counter,
         last_owner == 1 || last_owner == 2 || last_owner == 0);
  return 0;
}
// CHECK: counter = 2100, owner ok = 1
