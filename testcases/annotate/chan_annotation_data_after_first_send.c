// Per message, not per channel: main sends message 1, then writes `late`,
// then sends message 2.  The consumer receives only message 1 (keyed by the
// item's address) — after main has sent both, forced by the step barrier —
// and reads `late`.  Receiving message 1 orders only what came before its
// send, so the read races with the write.  (A per-channel model, or
// ThreadSanitizer's pipe model, would take message 2's clock too and miss
// it; here TSan sees no annotation at all and reports it as well, after
// a false report on the message's own field.)
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 -I%S/../../runtime/include %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include <tangle/annotations.h>

struct item { int value; } m1, m2;
struct item *_Atomic box;
int late;
int q;

static void *consumer(void *arg) {
  test_step_wait(1);
  struct item *it = atomic_load_explicit(&box, memory_order_relaxed);
  TANGLE_CHAN_RECV(&q, it);
  int v = it->value;
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK:          #0 consumer {{.*}}chan_annotation_data_after_first_send.c:[[#@LINE+1]]
  return (void *)(long)(v + late);
}

int main(void) {
  pthread_t t = test_spawn(consumer, NULL);
  m1.value = 1;
  TANGLE_CHAN_SEND(&q, &m1);
  atomic_store_explicit(&box, &m1, memory_order_relaxed);
  // CHECK:        Previous write of size 4 at {{.*}} by main thread:
  // CHECK-NEXT:     #0 main {{.*}}chan_annotation_data_after_first_send.c:[[#@LINE+1]]
  late = 10;
  m2.value = 2;
  TANGLE_CHAN_SEND(&q, &m2);
  test_step_set(1);
  printf("got %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: got 11
