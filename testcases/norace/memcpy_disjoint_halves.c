// Two threads memcpy into the two halves of one shared buffer at the same
// time: the ranges [0, 32) and [32, 64) touch but do not overlap, so the
// copies do not race.  main prints the buffer after the join.  Sibling of
// race/memcpy_into_shared_buffer.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <string.h>
#include "../test.h"

char buf[65];
char left[32], right[32];

static void *worker(void *arg) {
  test_step_wait(1);
  memcpy(buf + 32, right, sizeof right);
  test_step_set(2);
  return NULL;
}

int main(void) {
  memset(left, 'L', sizeof left);
  memset(right, 'R', sizeof right);
  pthread_t t = test_spawn(worker, NULL);
  memcpy(buf, left, sizeof left);
  test_step_set(1);
  test_step_wait(2);
  memcpy(buf, left, sizeof left);
  test_join(t);
  printf("%s\n", buf);
  return 0;
}
// CHECK: LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR
