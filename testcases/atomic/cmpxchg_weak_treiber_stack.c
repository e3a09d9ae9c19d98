// A lock-free (Treiber) stack: the producer fills a node, then pushes it
// with a weak compare-exchange loop (release on success); the consumer
// pops with a weak compare-exchange loop (acquire on success and on
// failure, since a failed pop retries with the head it read) and reads the
// node.  Each successful push synchronizes with the pop that reads its
// head value, so every node's contents are ordered.  Only one consumer
// exists, so the classic ABA problem cannot arise.  Silent for both tools.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#define N 200

struct node {
  struct node *next;
  int value, square;
};
static struct node nodes[N];
static _Atomic(struct node *) head;

static void *producer(void *arg) {
  for (int i = 0; i < N; i++) {
    struct node *n = &nodes[i];
    n->value = i;
    n->square = i * i;
    n->next = atomic_load_explicit(&head, memory_order_relaxed);
    while (!atomic_compare_exchange_weak_explicit(&head, &n->next, n,
                                                  memory_order_release,
                                                  memory_order_relaxed))
      ;
  }
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(producer, NULL);
  long sum = 0, bad = 0;
  for (int popped = 0; popped < N;) {
    struct node *n = atomic_load_explicit(&head, memory_order_acquire);
    while (n != NULL &&
           !atomic_compare_exchange_weak_explicit(&head, &n, n->next,
                                                  memory_order_acquire,
                                                  memory_order_acquire))
      ;
    if (n == NULL) {
      sched_yield();
      continue;
    }
    sum += n->value;
    bad += n->square != n->value * n->value;
    popped++;
  }
  test_join(t);
  printf("sum = %ld, bad = %ld\n", sum, bad);
  return 0;
}
// CHECK: sum = 19900, bad = 0
