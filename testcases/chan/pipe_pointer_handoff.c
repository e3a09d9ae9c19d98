// A producer fills a heap job and passes the pointer through a pipe; the
// consumer reads the pointer and uses the job.  The write of the pointer
// happens-before the read that returns its bytes, so everything the
// producer did before the write is visible: nothing to report.  TSan is
// silent too (its pipe model acquires everything written to the fd).
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

typedef struct {
  int id;
  long payload[4];
} job_t;

static int fds[2];

static void *producer(void *arg) {
  for (int i = 0; i < 3; i++) {
    job_t *j = malloc(sizeof(*j));
    j->id = i;
    for (int k = 0; k < 4; k++)
      j->payload[k] = i * 10 + k;
    if (write(fds[1], &j, sizeof(j)) != sizeof(j))
      abort();
  }
  return NULL;
}

int main(void) {
  if (pipe(fds) != 0)
    return 1;
  pthread_t t = test_spawn(producer, NULL);
  long sum = 0;
  for (int i = 0; i < 3; i++) {
    job_t *j;
    if (read(fds[0], &j, sizeof(j)) != sizeof(j))
      return 1;
    sum += j->id + j->payload[0] + j->payload[3];
    free(j);
  }
  test_join(t);
  printf("sum %ld\n", sum);
  return 0;
}
// CHECK: sum 72
