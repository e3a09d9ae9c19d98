// A thread that acquired a release store may then access the same variable
// non-atomically: the store happens before the acquire load that read it,
// and so before everything after that load (C11 §5.1.2.4).  The worker
// writes the payload and sets a status word with a release store; main
// polls it with acquire loads, then reads and rewrites the word with plain
// accesses.  Silent for both tools.  (Tangle records an atomic store at
// the clock it released, so the plain read is not mistaken for a
// concurrent one.)  Sibling of atomic_store_vs_plain_read_race.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

int payload;
int status;

static void *worker(void *arg) {
  payload = 42;
  __atomic_store_n(&status, 3, __ATOMIC_RELEASE);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  while (__atomic_load_n(&status, __ATOMIC_ACQUIRE) == 0)
    sched_yield();
  int s = status;
  status = s + 1;
  printf("status = %d, payload = %d\n", s, payload);
  test_join(t);
  printf("final = %d\n", status);
  return 0;
}
// CHECK: status = 3, payload = 42
// CHECK: final = 4
