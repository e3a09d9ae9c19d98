// Message passing through a flag with release/acquire atomics: main writes
// the payload and stores the flag with release; the worker loads the flag
// with acquire and, once set, reads the payload.  The release store
// synchronizes with the acquire load that reads it, so the payload is
// ordered.  Sibling of race/relaxed_flag_publish.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

struct message {
  int kind;
  int payload;
} msg;
atomic_int published;

static void *worker(void *arg) {
  while (!atomic_load_explicit(&published, memory_order_acquire))
    sched_yield();
  msg.kind = msg.kind + 1;
  return (void *)(long)msg.payload;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  for (int i = 0; i < 100; i++)
    sched_yield();
  msg.kind = 1;
  msg.payload = 1234;
  atomic_store_explicit(&published, 1, memory_order_release);
  long payload = (long)test_join(t);
  printf("payload = %ld, kind = %d\n", payload, msg.kind);
  return 0;
}
// CHECK: payload = 1234, kind = 2
