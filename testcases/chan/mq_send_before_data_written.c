// The producer sends the pointer to its job and only then fills the job.
// The consumer receives the message and reads the job: the send orders
// nothing that came after it, so the read races with the fill.  Both
// tools report it (ThreadSanitizer knows no message queue edges at all).
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <fcntl.h>
#include <mqueue.h>
#include "../test.h"

mqd_t q;
int job;
static void *producer(void *arg);

int main(void) {
  char name[64];
  snprintf(name, sizeof(name), "/tangle-mq-early-%d", getpid());
  struct mq_attr attr = {.mq_maxmsg = 2, .mq_msgsize = sizeof(void *)};
  q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  if (q == (mqd_t)-1)
    return 1;
  mq_unlink(name);
  pthread_t t = test_spawn(producer, NULL);
  int *p;
  if (mq_receive(q, (char *)&p, sizeof(p), NULL) != sizeof(p))
    return 1;
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}mq_send_before_data_written.c:[[#READ:@LINE+1]]
  int v = *p;
  test_join(t);
  mq_close(q);
  printf("job %d\n", v);
  return 0;
}

static void *producer(void *arg) {
  int *p = &job;
  if (mq_send(q, (const char *)&p, sizeof(p), 0) != 0)
    abort();
  // CHECK:        Previous write of size 4 at [[ADDR]] by thread T1:
  // CHECK-NEXT:     #0 producer {{.*}}mq_send_before_data_written.c:[[#@LINE+1]]
  job = 5;
  test_step_set(1);
  return NULL;
}
// TANGLE: SUMMARY: Tangle: data race {{.*}}mq_send_before_data_written.c:[[#READ]]:{{[0-9]+}} in main
// TSAN:   SUMMARY: ThreadSanitizer: data race {{.*}}mq_send_before_data_written.c:[[#READ]]:{{[0-9]+}} in main
// CHECK:  job 5
