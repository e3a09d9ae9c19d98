// A producer fills heap orders and sends their pointers through a POSIX
// message queue; the consumer receives them and reads the orders.  Each
// mq_receive acquires the mq_send of the message it got: nothing to
// report.  ThreadSanitizer reports a false race: it does not model
// message queues at all (mq_send/mq_receive are plain syscalls to it).
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <fcntl.h>
#include <mqueue.h>
#include "../test.h"

typedef struct {
  int id, qty;
} order_t;

mqd_t q;

static void *producer(void *arg) {
  for (int i = 1; i <= 3; i++) {
    order_t *o = malloc(sizeof(*o));
    o->id = i;
    o->qty = 10 * i;
    if (mq_send(q, (const char *)&o, sizeof(o), 0) != 0)
      abort();
  }
  return NULL;
}

int main(void) {
  char name[64];
  snprintf(name, sizeof(name), "/tangle-mq-handoff-%d", getpid());
  struct mq_attr attr = {.mq_maxmsg = 4, .mq_msgsize = sizeof(void *)};
  q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  if (q == (mqd_t)-1)
    return 1;
  mq_unlink(name);
  pthread_t t = test_spawn(producer, NULL);
  int total = 0;
  for (int i = 0; i < 3; i++) {
    order_t *o;
    if (mq_receive(q, (char *)&o, sizeof(o), NULL) != sizeof(o))
      return 1;
    total += o->id * o->qty;
    free(o);
  }
  test_join(t);
  mq_close(q);
  printf("total %d\n", total);
  return 0;
}
// TSAN:  WARNING: ThreadSanitizer: data race
// CHECK: total 140
