// A race through the model-declared channel: main sends a job and only then
// fills in its result slot; the worker receives it and reads the slot.
// The send orders only what came before it, so the write after it races
// with the read: reported with both sides.  ThreadSanitizer reports it too
// (it reports every access across this channel: the ordered read of
// `input` first, falsely).
//
// RUN: %clang -O1 -g -c %S/Inputs/model_gochan.c -o %t.chan.o
// RUN: %tangle_cc -O1 --model=%S/Inputs/model_gochan.model %s %t.chan.o -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s %t.chan.o -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include "Inputs/model_gochan.h"

struct job { int input; _Alignas(64) int extra; } job; // a line each: TSan
                                                      // reports one race per 8 bytes
gochan_t *ch;

static void *worker(void *arg) {
  struct job *j = gochan_recv(ch);
  int in = j->input;
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK:          #0 worker {{.*}}model_gochan_write_after_send.c:[[#@LINE+1]]
  return (void *)(long)(in + j->extra);
}

int main(void) {
  ch = gochan_new(1);
  pthread_t t = test_spawn(worker, NULL);
  job.input = 1;
  gochan_send(ch, &job);
  // CHECK:        Previous write of size 4 at {{.*}} by main thread:
  // CHECK-NEXT:     #0 main {{.*}}model_gochan_write_after_send.c:[[#@LINE+1]]
  job.extra = 10;
  test_step_set(1);
  printf("got %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: got 11
