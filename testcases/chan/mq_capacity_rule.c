// Go's rule for buffered channels, on a queue of capacity 1: the k-th
// receive happens-before the (k+1)-th send completes.  The consumer writes
// `ack` and then receives message 0; the producer sends message 0 and
// message 1 (which can only complete once message 0 was received, the
// queue being full) and then reads `ack`: ordered by the capacity rule, so
// nothing to report.  ThreadSanitizer reports a false race (it does not
// model message queues).
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <fcntl.h>
#include <mqueue.h>
#include "../test.h"

mqd_t q;
int ack;

static void *consumer(void *arg) {
  char m;
  test_step_wait(1); // the producer's first send is done
  ack = 1;
  if (mq_receive(q, &m, 1, NULL) != 1)
    abort();
  if (mq_receive(q, &m, 1, NULL) != 1)
    abort();
  return NULL;
}

int main(void) {
  char name[64];
  snprintf(name, sizeof(name), "/tangle-mq-cap-%d", getpid());
  struct mq_attr attr = {.mq_maxmsg = 1, .mq_msgsize = 1};
  q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  if (q == (mqd_t)-1)
    return 1;
  mq_unlink(name);
  pthread_t t = test_spawn(consumer, NULL);
  if (mq_send(q, "0", 1, 0) != 0)
    return 1;
  test_step_set(1);
  if (mq_send(q, "1", 1, 0) != 0) // waits for the consumer's first receive
    return 1;
  printf("ack %d\n", ack);
  test_join(t);
  mq_close(q);
  return 0;
}
// TSAN:  WARNING: ThreadSanitizer: data race
// CHECK: ack 1
