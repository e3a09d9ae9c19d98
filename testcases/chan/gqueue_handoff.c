// REQUIRES: glib
// A producer fills heap tasks and hands them to a consumer through a GLib
// GAsyncQueue.  g_async_queue_pop acquires the push of the task it
// returned: nothing to report.  ThreadSanitizer reports a false race:
// GAsyncQueue locks a GMutex, which is a futex in uninstrumented libglib,
// so it sees no synchronization.
//
// RUN: %tangle_cc -O1 %s -o %t %glib && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan %glib && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <glib.h>
#include "../test.h"

typedef struct {
  int n;
  long fib;
} task_t;

GAsyncQueue *queue;

static void *producer(void *arg) {
  for (int i = 1; i <= 10; i++) {
    task_t *t = g_new(task_t, 1);
    t->n = i;
    long a = 0, b = 1;
    for (int k = 0; k < i; k++) {
      long c = a + b;
      a = b;
      b = c;
    }
    t->fib = a;
    g_async_queue_push(queue, t);
  }
  return NULL;
}

int main(void) {
  queue = g_async_queue_new();
  pthread_t th = test_spawn(producer, NULL);
  long sum = 0;
  for (int i = 0; i < 10; i++) {
    task_t *t = g_async_queue_pop(queue);
    sum += t->fib;
    g_free(t);
  }
  test_join(th);
  g_async_queue_unref(queue);
  printf("sum of fib(1..10) = %ld\n", sum);
  return 0;
}
// TSAN:  WARNING: ThreadSanitizer: data race
// CHECK: sum of fib(1..10) = 143
