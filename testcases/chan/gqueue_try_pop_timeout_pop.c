// REQUIRES: glib
// A consumer that never blocks for good: it polls with
// g_async_queue_try_pop (NULL while the queue is empty) and waits with
// g_async_queue_timeout_pop (NULL on timeout).  Every non-NULL result
// acquires the push of that item, a NULL one acquires nothing: the items
// are read after they were filled, nothing to report.  ThreadSanitizer
// reports a false race (GAsyncQueue's futex-based lock is invisible to it).
//
// RUN: %tangle_cc -O1 %s -o %t %glib && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan %glib && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <glib.h>
#include "../test.h"

GAsyncQueue *queue;

static void *producer(void *arg) {
  test_step_wait(1); // the consumer has seen the queue empty
  for (int i = 0; i < 6; i++) {
    int *v = g_new(int, 1);
    *v = i * 7;
    g_async_queue_push(queue, v);
  }
  return NULL;
}

int main(void) {
  queue = g_async_queue_new();
  pthread_t th = test_spawn(producer, NULL);
  int got = 0, sum = 0, empty_tries = 0, timeouts = 0;
  if (g_async_queue_try_pop(queue) == NULL)
    empty_tries++;
  test_step_set(1);
  while (got < 6) {
    int *v = got % 2 ? g_async_queue_try_pop(queue)
                     : g_async_queue_timeout_pop(queue, 10000 /* us */);
    if (v == NULL) {
      timeouts++;
      continue;
    }
    sum += *v;
    got++;
    g_free(v);
  }
  test_join(th);
  g_async_queue_unref(queue);
  printf("got %d sum %d, empty at first: %d\n", got, sum, empty_tries);
  return 0;
}
// TSAN:  WARNING: ThreadSanitizer: data race
// CHECK: got 6 sum 105, empty at first: 1
