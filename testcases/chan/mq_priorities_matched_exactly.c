// A queue delivers the highest priority first, FIFO within a priority.
// The producer fills `low_data`, sends a priority-1 message, fills
// `high_data`, sends a priority-9 message.  The consumer's first receive
// gets the priority-9 message (though sent last) and acquires its send,
// which came after both fills: reading both is fine.  Matching receives to
// sends in plain FIFO order would pair it with the priority-1 send and
// report a false race on high_data.  The program passes NULL for the
// priority; the runtime asks the real call for it anyway.
// ThreadSanitizer reports false races (it does not model message queues).
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <fcntl.h>
#include <mqueue.h>
#include "../test.h"

mqd_t q;
int low_data, high_data;

static void *producer(void *arg) {
  low_data = 1;
  if (mq_send(q, "low", 3, 1) != 0)
    abort();
  high_data = 9;
  if (mq_send(q, "high", 4, 9) != 0)
    abort();
  test_step_set(1);
  return NULL;
}

int main(void) {
  char name[64], buf[16];
  snprintf(name, sizeof(name), "/tangle-mq-prio-%d", getpid());
  struct mq_attr attr = {.mq_maxmsg = 4, .mq_msgsize = sizeof(buf)};
  q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  if (q == (mqd_t)-1)
    return 1;
  mq_unlink(name);
  pthread_t t = test_spawn(producer, NULL);
  test_step_wait(1); // both messages are queued
  ssize_t n = mq_receive(q, buf, sizeof(buf), NULL);
  printf("first: %.*s, high_data %d low_data %d\n", (int)n, buf, high_data, low_data);
  unsigned prio;
  n = mq_receive(q, buf, sizeof(buf), &prio);
  printf("second: %.*s (priority %u)\n", (int)n, buf, prio);
  test_join(t);
  mq_close(q);
  return 0;
}
// TSAN:  WARNING: ThreadSanitizer: data race
// CHECK: first: high, high_data 9 low_data 1
// CHECK: second: low (priority 1)
