// REQUIRES: glib
// The producer fills a message's `header`, pushes it on a GAsyncQueue and
// then (the planted bug) still writes its `trailer`.  The consumer pops the
// message and reads both fields: `header` is ordered by the push/pop, the
// read of `trailer` races with the write made after the push.  Tangle
// reports that one race, with the producer's stack of the late write and
// the consumer's stack of the read.  ThreadSanitizer reports the race on
// `trailer` too, and a false one on `header` (GAsyncQueue's futex-based
// lock is invisible to it).
//
// RUN: %tangle_cc -O1 %s -o %t %glib && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan %glib && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=TSAN %}
#include <glib.h>
#include "../test.h"

typedef struct {
  int header;
  int pad[15]; // another cache line: the fields are two separate races
  int trailer;
} msg_t;

GAsyncQueue *queue;
static void *producer(void *arg);

static int consume(msg_t *m) {
  int h = m->header;
  // TANGLE:      WARNING: Tangle: data race
  // TANGLE-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // TANGLE-NEXT:     #0 consume {{.*}}gqueue_planted_race.c:[[#READ:@LINE+2]]
  // TANGLE-NEXT:     #1 main {{.*}}gqueue_planted_race.c:[[#CALL:@LINE+9]]
  return h + m->trailer;
}

int main(void) {
  queue = g_async_queue_new();
  pthread_t th = test_spawn(producer, NULL);
  msg_t *m = g_async_queue_pop(queue);
  test_step_wait(1);
  int v = consume(m);
  test_join(th);
  g_free(m);
  g_async_queue_unref(queue);
  printf("value %d\n", v);
  return 0;
}

static void *producer(void *arg) {
  msg_t *m = g_new0(msg_t, 1);
  m->header = 40;
  g_async_queue_push(queue, m);
  // TANGLE:      Previous write of size 4 at [[ADDR]] by thread T1:
  // TANGLE-NEXT:   #0 producer {{.*}}gqueue_planted_race.c:[[#@LINE+1]]
  m->trailer = 2;
  test_step_set(1);
  return NULL;
}
// TANGLE: Location is heap block of size 68 at {{.*}} allocated by thread T1:
// TANGLE: SUMMARY: Tangle: data race {{.*}}gqueue_planted_race.c:[[#READ]]:{{[0-9]+}} in consume
// CHECK:  value 42
// TANGLE: Tangle: reported 1 report(s)
// TSAN: WARNING: ThreadSanitizer: data race
// TSAN: WARNING: ThreadSanitizer: data race
// TSAN: value 42
