// Per message, not per channel: main sends message A, then writes `late`,
// then sends message B.  The worker receives only A — after both sends,
// forced by the step barrier — and reads `late`.  Receiving A acquires A's
// send and nothing later, so the read races with the write (Go memory
// model).  A detector that orders a receive after everything sent on the
// channel so far would miss it.  ThreadSanitizer reports it (it orders
// nothing across this channel).
//
// RUN: %clang -O1 -g -c %S/Inputs/model_gochan.c -o %t.chan.o
// RUN: %tangle_cc -O1 --model=%S/Inputs/model_gochan.model %s %t.chan.o -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s %t.chan.o -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include "Inputs/model_gochan.h"

int msg_a = 1, msg_b = 2;
int late;
gochan_t *ch;

static void *worker(void *arg) {
  test_step_wait(1);
  int *m = gochan_recv(ch);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at {{.*}} by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}model_gochan_per_message.c:[[#@LINE+1]]
  int v = late;
  int *m2 = gochan_recv(ch);
  return (void *)(long)(*m * 100 + *m2 * 10 + v);
}

int main(void) {
  ch = gochan_new(2);
  pthread_t t = test_spawn(worker, NULL);
  gochan_send(ch, &msg_a);
  // CHECK:        Previous write of size 4 at {{.*}} by main thread:
  // CHECK-NEXT:     #0 main {{.*}}model_gochan_per_message.c:[[#@LINE+1]]
  late = 3;
  gochan_send(ch, &msg_b);
  test_step_set(1);
  printf("got %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: got 123
