// A single-producer ring of pointers over relaxed atomics, invisible to
// both tools, annotated as a channel: TANGLE_CHAN_SEND before the push,
// TANGLE_CHAN_RECV after the pop (msg 0: messages arrive in FIFO order).
// Each received item's fields were written before its send: silent.
// ThreadSanitizer (macros compiled out) reports the first item's field.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 -I%S/../../runtime/include %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include <tangle/annotations.h>

#define N 8
struct item { int value; } items[N];
struct item *_Atomic slot[N];
int q; // the channel's name

static void *consumer(void *arg) {
  long sum = 0;
  for (int i = 0; i < N; i++) {
    struct item *it;
    while (!(it = atomic_load_explicit(&slot[i], memory_order_relaxed)))
      sched_yield();
    TANGLE_CHAN_RECV(&q, 0);
    // TSAN:      WARNING: ThreadSanitizer: data race
    // TSAN-NEXT:   Read of size 4 at {{.*}} by thread T1:
    // TSAN-NEXT:     #0 consumer {{.*}}chan_annotations_fifo_handoff.c:[[#@LINE+1]]
    sum += it->value;
  }
  return (void *)sum;
}

int main(void) {
  pthread_t t = test_spawn(consumer, NULL);
  for (int i = 0; i < N; i++) {
    // TSAN:        Previous write of size 4 at {{.*}} by main thread:
    // TSAN-NEXT:     #0 main {{.*}}chan_annotations_fifo_handoff.c:[[#@LINE+1]]
    items[i].value = i + 1;
    TANGLE_CHAN_SEND(&q, 0);
    atomic_store_explicit(&slot[i], &items[i], memory_order_relaxed);
  }
  printf("sum %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: sum 36
