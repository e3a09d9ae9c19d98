// A nonblocking pipe: the consumer polls with read() and gets EAGAIN until
// the producer has written.  A read that failed acquired nothing, and the
// read that got the message acquires its write: the data filled before it
// is read safely.  A short-circuit in the runtime that treated EAGAIN as a
// receive, or recorded a write as sent before it was, would go wrong here.
// ThreadSanitizer is silent too.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include "../test.h"

int fds[2];
int data[4];

static void *producer(void *arg) {
  test_step_wait(1); // the consumer has seen EAGAIN
  for (int i = 0; i < 4; i++)
    data[i] = i + 1;
  char go = 'g';
  while (write(fds[1], &go, 1) != 1)
    if (errno != EAGAIN)
      abort();
  return NULL;
}

int main(void) {
  if (pipe2(fds, O_NONBLOCK) != 0)
    return 1;
  pthread_t t = test_spawn(producer, NULL);
  char c;
  int eagain = 0;
  for (;;) {
    ssize_t n = read(fds[0], &c, 1);
    if (n == 1)
      break;
    if (n < 0 && errno == EAGAIN) {
      eagain++;
      test_step_set(1);
      sched_yield();
      continue;
    }
    return 1;
  }
  printf("EAGAIN seen: %s, data %d %d %d %d\n", eagain > 0 ? "yes" : "no", data[0],
         data[1], data[2], data[3]);
  test_join(t);
  return 0;
}
// CHECK: EAGAIN seen: yes, data 1 2 3 4
