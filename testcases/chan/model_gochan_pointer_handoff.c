// A Go-style channel implemented in a separate translation unit compiled
// without Tangle (Inputs/model_gochan.c: a ring under a relaxed lock,
// invisible to a detector), declared in a model file: each job is filled
// in, sent, and its fields read by the receiver — every read is ordered
// after its job's send: silent.  ThreadSanitizer, knowing nothing about
// the channel, reports the handoff falsely.
//
// RUN: %clang -O1 -g -c %S/Inputs/model_gochan.c -o %t.chan.o
// RUN: %tangle_cc -O1 --model=%S/Inputs/model_gochan.model %s %t.chan.o -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s %t.chan.o -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include "Inputs/model_gochan.h"

#define JOBS 16
struct job { int n, square; };
gochan_t *jobs;

static void *worker(void *arg) {
  long sum = 0;
  struct job *j;
  while ((j = gochan_recv(jobs)) != NULL) {
    // TSAN: WARNING: ThreadSanitizer: data race
    sum += j->square;
    free(j);
  }
  return (void *)sum;
}

int main(void) {
  jobs = gochan_new(4);
  pthread_t t = test_spawn(worker, NULL);
  for (int i = 1; i <= JOBS; i++) {
    struct job *j = malloc(sizeof *j);
    j->n = i;
    j->square = i * i;
    gochan_send(jobs, j);
  }
  gochan_close(jobs);
  printf("sum %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: sum 1496
