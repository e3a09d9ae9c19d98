// Heap items passed from a producer thread to main through a blocking queue
// library that is compiled without instrumentation (plain clang, shared
// library) and locks internally with a mutex and condition variables.  Its
// pthread calls still reach the detector's interceptors, so a push
// happens-before the pop that returns the item: the items' contents need no
// other synchronization.  Sibling of race/mailbox_without_sync.c.
//
// RUN: %clang -O1 -fPIC -shared %S/Inputs/queue.c -o %t.queue.so
// RUN: %tangle_cc -O1 %s %t.queue.so -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s %t.queue.so -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"
#include "Inputs/queue.h"

#define ITEMS 100

struct item {
  int seq;
  int square;
};

static void *producer(void *arg) {
  struct queue *q = arg;
  for (int i = 1; i <= ITEMS; i++) {
    struct item *it = malloc(sizeof *it);
    it->seq = i;
    it->square = i * i;
    queue_push(q, it);
  }
  queue_push(q, NULL);
  return NULL;
}

int main(void) {
  struct queue *q = queue_new(4);
  pthread_t t = test_spawn(producer, q);
  long sum = 0;
  int count = 0;
  for (struct item *it; (it = queue_pop(q)) != NULL; count++) {
    sum += it->square;
    it->square = 0;
    free(it);
  }
  test_join(t);
  queue_free(q);
  printf("%d items, sum of squares = %ld\n", count, sum);
  return 0;
}
// CHECK: 100 items, sum of squares = 338350
