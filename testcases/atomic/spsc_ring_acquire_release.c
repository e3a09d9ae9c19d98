// A single-producer/single-consumer ring buffer passing structs.  The
// producer owns tail, the consumer owns head; each publishes its index with
// a release store and reads the other's with an acquire load.  Writing a
// slot happens before the tail store that covers it, which synchronizes
// with the consumer's tail load; reading a slot happens before the head
// store that frees it, which synchronizes with the producer's head load
// before it reuses the slot.  Silent for both tools.  Sibling:
// spsc_ring_relaxed_race.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#define CAP 8
#define ITEMS 1000

struct item {
  int seq;
  int vals[3];
};
static struct item ring[CAP];
static atomic_uint head, tail;

static void *producer(void *arg) {
  for (unsigned i = 0; i < ITEMS; i++) {
    unsigned t = atomic_load_explicit(&tail, memory_order_relaxed);
    while (t - atomic_load_explicit(&head, memory_order_acquire) == CAP)
      sched_yield();
    ring[t % CAP] = (struct item){(int)i, {(int)i, 2 * (int)i, 3 * (int)i}};
    atomic_store_explicit(&tail, t + 1, memory_order_release);
  }
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(producer, NULL);
  long sum = 0, bad = 0;
  for (unsigned i = 0; i < ITEMS; i++) {
    unsigned h = atomic_load_explicit(&head, memory_order_relaxed);
    while (atomic_load_explicit(&tail, memory_order_acquire) == h)
      sched_yield();
    struct item it = ring[h % CAP];
    bad += it.seq != (int)i || it.vals[2] != 3 * it.vals[0];
    sum += it.vals[1];
    atomic_store_explicit(&head, h + 1, memory_order_release);
  }
  test_join(t);
  printf("sum = %ld, bad = %ld\n", sum, bad);
  return 0;
}
// CHECK: sum = 999000, bad = 0
