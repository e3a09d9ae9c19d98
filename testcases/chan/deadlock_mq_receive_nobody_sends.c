// Two consumers wait in mq_receive on a queue the program created and
// unlinked (so no other process can open it), while main waits for them
// in pthread_join; the producer that should have sent was never started.
// Every thread is blocked and nothing in the process can send: after
// deadlock_timeout_ms Tangle reports the three waits, naming the queue,
// and exits 66.  Without a tool, and under ThreadSanitizer, the program
// hangs (no TSan run here).
//
// RUN: %tangle_cc -O1 %s -o %t && env TANGLE_OPTIONS=deadlock_timeout_ms=500 timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='data race'
#include <fcntl.h>
#include <mqueue.h>
#include "../test.h"

mqd_t q;

static void *consumer(void *arg) {
  char buf[8];
  if (mq_receive(q, buf, sizeof(buf), NULL) >= 0)
    printf("got a job\n");
  return NULL;
}

int main(void) {
  char name[64];
  snprintf(name, sizeof(name), "/tangle-mq-stall-%d", getpid());
  struct mq_attr attr = {.mq_maxmsg = 4, .mq_msgsize = 8};
  q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  if (q == (mqd_t)-1)
    return 1;
  mq_unlink(name);
  pthread_t a = test_spawn(consumer, NULL);
  pthread_t b = test_spawn(consumer, NULL);
  test_join(a);
  test_join(b);
  return 0;
}
// CHECK:     {{^}}WARNING: Tangle: deadlock{{$}}
// CHECK-DAG: {{^}}  Thread T1 is blocked in mq_receive on message queue /tangle-mq-stall-{{[0-9]+}}:
// CHECK-DAG: {{^}}  Thread T2 is blocked in mq_receive on message queue /tangle-mq-stall-{{[0-9]+}}:
// CHECK-DAG: {{^}}  Main thread is blocked in pthread_join on thread T1:
// CHECK:     SUMMARY: Tangle: deadlock {{.*}}deadlock_mq_receive_nobody_sends.c:{{[0-9]+}}:{{[0-9]+}} in consumer
// CHECK:     Tangle: reported 1 report(s)
