// REQUIRES: glib
// The _unlocked variants under g_async_queue_lock: a producer queues a
// normal job with push_unlocked and an urgent one with push_front_unlocked
// (which the consumer pops first), both under the queue's lock; the
// consumer pops with pop_unlocked while holding the lock, which GLib
// releases while it waits.  Each pop acquires the push of the job it got,
// and the queue's lock orders what was done under it: nothing to report.
// The lock is also what makes reading `pushed` under it safe.
// ThreadSanitizer reports a false race (GLib's futex-based lock is
// invisible to it).
//
// RUN: %tangle_cc -O1 %s -o %t %glib && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan %glib && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <glib.h>
#include "../test.h"

typedef struct {
  const char *name;
  int cost;
} job_t;

GAsyncQueue *queue;
int pushed;

static void *producer(void *arg) {
  job_t *normal = g_new(job_t, 1), *urgent = g_new(job_t, 1);
  normal->name = "normal";
  normal->cost = 3;
  urgent->name = "urgent";
  urgent->cost = 1;
  g_async_queue_lock(queue);
  g_async_queue_push_unlocked(queue, normal);
  g_async_queue_push_front_unlocked(queue, urgent);
  pushed = 2;
  g_async_queue_unlock(queue);
  return NULL;
}

int main(void) {
  queue = g_async_queue_new();
  pthread_t th = test_spawn(producer, NULL);
  g_async_queue_lock(queue);
  job_t *first = g_async_queue_pop_unlocked(queue); // may wait, lock released
  job_t *second = g_async_queue_pop_unlocked(queue);
  int seen = pushed;
  g_async_queue_unlock(queue);
  printf("%s (%d) then %s (%d), pushed %d\n", first->name, first->cost, second->name,
         second->cost, seen);
  g_free(first);
  g_free(second);
  test_join(th);
  g_async_queue_unref(queue);
  return 0;
}
// TSAN:  WARNING: ThreadSanitizer: data race
// CHECK: urgent (1) then normal (3), pushed 2
