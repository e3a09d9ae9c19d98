// The single-producer/single-consumer ring buffer of
// spsc_ring_acquire_release.c with relaxed index accesses.  The consumer
// still waits until tail covers a slot, but a relaxed load of tail orders
// nothing (C11 §5.1.2.4), so its read of the slot races with the producer's
// write of it.  Only CAP items pass, so the producer never reuses a slot and
// the one race reported is that one.  Both tools report.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

#define CAP 8

struct item {
  int seq;
  int vals[3];
};
static struct item ring[CAP];
static atomic_uint head, tail;

static void *producer(void *arg);

int main(void) {
  pthread_t t = test_spawn(producer, NULL);
  long sum = 0;
  for (unsigned i = 0; i < CAP; i++) {
    unsigned h = atomic_load_explicit(&head, memory_order_relaxed);
    while (atomic_load_explicit(&tail, memory_order_relaxed) == h)
      sched_yield();
    // TANGLE:     WARNING: Tangle: data race
    // TSAN:       WARNING: ThreadSanitizer: data race
    // CHECK-NEXT:   Read of size {{[0-9]+}} at {{0x[0-9a-f]+}} by main thread:
    // CHECK-NEXT:     #0 main {{.*}}spsc_ring_relaxed_race.c:[[#CUR:@LINE+1]]
    sum += ring[h % CAP].vals[1];
    atomic_store_explicit(&head, h + 1, memory_order_relaxed);
  }
  test_join(t);
  printf("sum = %ld\n", sum);
  return 0;
}

static void *producer(void *arg) {
  for (unsigned i = 0; i < CAP; i++) {
    unsigned t = atomic_load_explicit(&tail, memory_order_relaxed);
    // CHECK:        Previous write of size {{[0-9]+}} at {{0x[0-9a-f]+}} by thread T1:
    // CHECK-NEXT:     #0 producer {{.*}}spsc_ring_relaxed_race.c:[[#@LINE+1]]
    ring[t % CAP] = (struct item){(int)i, {(int)i, 2 * (int)i, 3 * (int)i}};
    atomic_store_explicit(&tail, t + 1, memory_order_relaxed);
  }
  return NULL;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}spsc_ring_relaxed_race.c:[[#CUR]]:{{[0-9]+}} in main
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}spsc_ring_relaxed_race.c:[[#CUR]]:{{[0-9]+}} in main
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
