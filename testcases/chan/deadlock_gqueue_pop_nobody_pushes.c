// REQUIRES: glib
// main pops a result from a GAsyncQueue that only the worker would push
// to, but the worker failed and returned without pushing.  The worker has
// ended and main is blocked in g_async_queue_pop on an empty queue nobody
// can push to: after deadlock_timeout_ms Tangle reports it and exits 66.
// The queue is not at a global, so it is named M<n>.  Without a tool, and
// under ThreadSanitizer, the program hangs (no TSan run here).
//
// RUN: %tangle_cc -O1 %s -o %t %glib && env TANGLE_OPTIONS=deadlock_timeout_ms=500 timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='data race'
#include <glib.h>
#include "../test.h"

int input_ok;

static void *worker(void *q) {
  if (!input_ok)
    return NULL; // the bug: no result pushed on this path
  g_async_queue_push(q, g_strdup("result"));
  return NULL;
}

int main(void) {
  GAsyncQueue *results = g_async_queue_new();
  pthread_t t = test_spawn(worker, results);
  test_join(t);
  // CHECK:      {{^}}WARNING: Tangle: deadlock{{$}}
  // CHECK-NEXT: {{^}}  Main thread is blocked in g_async_queue_pop on channel M{{[0-9]+}}:
  // CHECK-NEXT: {{^}}    #0 g_async_queue_pop
  // CHECK-NEXT: {{^}}    #1 main {{.*}}deadlock_gqueue_pop_nobody_pushes.c:[[#POP:@LINE+1]]:
  char *r = g_async_queue_pop(results);
  printf("not reached: %s\n", r);
  return 0;
}
// CHECK: SUMMARY: Tangle: deadlock {{.*}}deadlock_gqueue_pop_nobody_pushes.c:[[#POP]]:{{[0-9]+}} in main
// CHECK: Tangle: reported 1 report(s)
