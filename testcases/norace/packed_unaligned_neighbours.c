// A packed struct: `tag` at offset 0, `value` at offsets 1..4 (unaligned,
// inside the same 8-byte word as tag), `pad` after it.  One thread writes
// only `tag` and `pad`, the other only `value`: the unaligned range touches
// neither neighbour, so nothing races.  Sibling of
// race/packed_unaligned_field.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

struct __attribute__((packed)) record {
  char tag;
  int value;
  char pad[3];
} rec;

static void *worker(void *arg) {
  test_step_wait(1);
  rec.value = 0x01020304;
  test_step_set(2);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  rec.tag = 'r';
  rec.pad[0] = 'x';
  test_step_set(1);
  test_step_wait(2);
  rec.tag = 'R';
  rec.pad[0] = 'X';
  test_join(t);
  printf("tag = %c, value = %#x, pad = %c\n", rec.tag, rec.value, rec.pad[0]);
  return 0;
}
// CHECK: tag = R, value = 0x1020304, pad = X
