// Publication through a pointer loaded with memory_order_consume: the
// worker builds a record and publishes its address with a release store;
// main loads the pointer with consume and reads the record through it.
// The reads carry a dependency on the load, so they are ordered after the
// record's construction (dependency-ordered-before, C11 §5.1.2.4).  Clang
// (like every compiler) emits consume as acquire and both tools treat it
// as acquire, which covers the dependent reads and more.  Silent for both
// tools.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

struct record {
  int key;
  char name[12];
};
static struct record storage;
static _Atomic(struct record *) published;

static void *worker(void *arg) {
  storage.key = 17;
  snprintf(storage.name, sizeof storage.name, "seventeen");
  atomic_store_explicit(&published, &storage, memory_order_release);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  struct record *r;
  while ((r = atomic_load_explicit(&published, memory_order_consume)) == NULL)
    sched_yield();
  printf("key = %d, name = %s\n", r->key, r->name);
  test_join(t);
  return 0;
}
// CHECK: key = 17, name = seventeen
