// The other receive of the model-declared channel, gochan_recv2(ch, &out):
// the message is what the second argument points to after the call
// (msg=*arg2), and a return of 0 means closed (closed=ret==0).  Workers
// sum the messages; main writes a total before closing, which each worker
// reads after seeing the channel closed: the close orders it.  Silent.
// ThreadSanitizer knows neither edge and reports falsely.
//
// RUN: %clang -O1 -g -c %S/Inputs/model_gochan.c -o %t.chan.o
// RUN: %tangle_cc -O1 --model=%S/Inputs/model_gochan.model %s %t.chan.o -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s %t.chan.o -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include "Inputs/model_gochan.h"

#define N 20
int values[N];
int expected_total;
gochan_t *ch;

static void *worker(void *arg) {
  long sum = 0;
  void *m;
  while (gochan_recv2(ch, &m))
    sum += *(int *)m;
  // TSAN: WARNING: ThreadSanitizer: data race
  return (void *)(sum - expected_total);
}

int main(void) {
  ch = gochan_new(3);
  pthread_t t[2] = {test_spawn(worker, NULL), test_spawn(worker, NULL)};
  int total = 0;
  for (int i = 0; i < N; i++) {
    values[i] = i;
    total += i;
    gochan_send(ch, &values[i]);
  }
  expected_total = total;
  gochan_close(ch);
  long a = (long)test_join(t[0]), b = (long)test_join(t[1]);
  printf("sum %ld\n", a + b + 2L * total);
  return 0;
}
// CHECK: sum 190
