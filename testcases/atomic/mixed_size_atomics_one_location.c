// Atomic accesses of different sizes to one location (outside C11, which
// gives an atomic object one type, but common with the __atomic builtins
// on unions and packed words).  The worker writes the payload and stores
// the whole 8-byte word with release; main polls its low 4 bytes (the same
// address) with acquire loads; a third thread keeps flipping a bit in the
// high half with 2-byte relaxed fetch_or/fetch_and.  Atomic accesses never
// race with each other, whatever their sizes, and the acquire load at the
// release store's address synchronizes with it.  Silent for both tools
// (both key an atomic's clock by its address, so an acquire at another
// address inside the word would not synchronize: docs/atomics.md).
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"
#include <stdint.h>

static int payload;
static union {
  uint64_t whole;
  uint32_t half[2];
  uint16_t quarter[4];
} word;
static atomic_int stop;

static void *writer(void *arg) {
  payload = 42;
  __atomic_store_n(&word.whole, (uint64_t)1, __ATOMIC_RELEASE);
  return NULL;
}

static void *flipper(void *arg) {
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
    __atomic_fetch_or(&word.quarter[2], 0x100, __ATOMIC_RELAXED);
    __atomic_fetch_and(&word.quarter[2], 0xff, __ATOMIC_RELAXED);
    sched_yield();
  }
  return NULL;
}

int main(void) {
  pthread_t f = test_spawn(flipper, NULL);
  pthread_t w = test_spawn(writer, NULL);
  while (__atomic_load_n(&word.half[0], __ATOMIC_ACQUIRE) == 0)
    sched_yield();
  printf("payload = %d\n", payload);
  atomic_store_explicit(&stop, 1, memory_order_relaxed);
  test_join(w);
  test_join(f);
  printf("low half = %u\n", word.half[0]);
  return 0;
}
// CHECK: payload = 42
// CHECK: low half = 1
