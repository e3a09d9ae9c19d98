// Two producers each fill 200 heap items and send their pointers through
// one pipe, as fast as they can, while the consumer reads them one by one
// (8 bytes per read, many messages in flight, the two producers' writes
// interleaved).  Each read acquires the write of the pointer it got, so
// the consumer reads every item after it was filled: nothing to report.
// ThreadSanitizer is silent too.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#define PER_PRODUCER 200

typedef struct {
  long producer, seq, square;
} item_t;

static int fds[2];

static void *producer(void *arg) {
  long me = (long)arg;
  for (long i = 0; i < PER_PRODUCER; i++) {
    item_t *it = malloc(sizeof(*it));
    it->producer = me;
    it->seq = i;
    it->square = i * i;
    if (write(fds[1], &it, sizeof(it)) != sizeof(it))
      abort();
  }
  return NULL;
}

int main(void) {
  if (pipe(fds) != 0)
    return 1;
  pthread_t a = test_spawn(producer, (void *)1);
  pthread_t b = test_spawn(producer, (void *)2);
  long sum = 0, bad = 0;
  for (int i = 0; i < 2 * PER_PRODUCER; i++) {
    item_t *it;
    if (read(fds[0], &it, sizeof(it)) != sizeof(it))
      return 1;
    bad += it->square != it->seq * it->seq;
    sum += it->producer;
    free(it);
  }
  test_join(a);
  test_join(b);
  printf("items %d sum %ld bad %ld\n", 2 * PER_PRODUCER, sum, bad);
  return 0;
}
// CHECK: items 400 sum 600 bad 0
