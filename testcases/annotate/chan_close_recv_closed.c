// TANGLE_CHAN_CLOSE / TANGLE_CHAN_RECV_CLOSED: main writes a summary, closes
// the (hand-written, relaxed-atomic) channel; the worker sees it closed and
// reads the summary.  The close orders the write before the read: silent.
// ThreadSanitizer (macros compiled out) reports the read.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 -I%S/../../runtime/include %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include <tangle/annotations.h>

struct chan { const char *name; atomic_int closed; } ch = {"ch", 0};
int total;

static void *worker(void *arg) {
  while (!atomic_load_explicit(&ch.closed, memory_order_relaxed))
    sched_yield();
  TANGLE_CHAN_RECV_CLOSED(&ch);
  // TSAN:      WARNING: ThreadSanitizer: data race
  // TSAN-NEXT:   Read of size 4 at {{.*}} by thread T1:
  // TSAN-NEXT:     #0 worker {{.*}}chan_close_recv_closed.c:[[#@LINE+1]]
  return (void *)(long)total;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // TSAN:        Previous write of size 4 at {{.*}} by main thread:
  // TSAN-NEXT:     #0 main {{.*}}chan_close_recv_closed.c:[[#@LINE+1]]
  total = 7;
  TANGLE_CHAN_CLOSE(&ch);
  atomic_store_explicit(&ch.closed, 1, memory_order_relaxed);
  printf("total %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: total 7
