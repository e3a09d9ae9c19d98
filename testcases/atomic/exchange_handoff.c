// Hand-off through atomic_exchange: the producer fills a buffer and swaps
// its pointer into the mailbox with release; the consumer swaps NULL in
// with acquire until it gets a buffer, reads it and gives it back through
// a second mailbox (exchange with release; the producer takes it back
// with acquire) so the producer can refill it.  Each exchange that reads
// a pointer synchronizes with the exchange that stored it.  Silent for
// both tools.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#define ROUNDS 100

struct buffer {
  int round;
  int data[8];
};
static struct buffer buf;
static _Atomic(struct buffer *) full, empty;

static void *producer(void *arg) {
  struct buffer *b = &buf;
  for (int r = 0; r < ROUNDS; r++) {
    b->round = r;
    for (int i = 0; i < 8; i++)
      b->data[i] = r + i;
    atomic_exchange_explicit(&full, b, memory_order_release);
    while ((b = atomic_exchange_explicit(&empty, NULL, memory_order_acquire)) == NULL)
      sched_yield();
  }
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(producer, NULL);
  long sum = 0;
  for (int r = 0; r < ROUNDS; r++) {
    struct buffer *b;
    while ((b = atomic_exchange_explicit(&full, NULL, memory_order_acquire)) == NULL)
      sched_yield();
    for (int i = 0; i < 8; i++)
      sum += b->data[i] - b->round;
    b->round = -1;
    atomic_exchange_explicit(&empty, b, memory_order_release);
  }
  test_join(t);
  printf("sum = %ld\n", sum);
  return 0;
}
// CHECK: sum = 2800
