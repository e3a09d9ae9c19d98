// Two threads each write their own byte of a char[2]: adjacent bytes in one
// word are separate memory locations (unlike bitfields sharing a byte), so
// there is no race.  Both write many times while the other does too.
// Sibling of race/bitfields_same_byte.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

volatile char flags[2];

static void *worker(void *arg) {
  test_step_wait(1);
  for (int i = 0; i < 1000; i++)
    flags[1] = (char)i;
  test_step_set(2);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  flags[0] = 1;
  test_step_set(1);
  for (int i = 0; i < 1000; i++)
    flags[0] = (char)(i + 1);
  test_step_wait(2);
  flags[0] = 'a';
  test_join(t);
  printf("flags = %d %d\n", flags[0], flags[1]);
  return 0;
}
// CHECK: flags = 97 -25
