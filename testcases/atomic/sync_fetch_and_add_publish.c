// The legacy __sync read-modify-writes are full barriers (seq_cst): a
// worker fills a record and announces it with __sync_fetch_and_add; main
// polls with __sync_fetch_and_add(&x, 0) and __sync_val_compare_and_swap
// until it sees the announcement, then reads the record.  The RMW that
// reads the announced value synchronizes with the one that wrote it.
// Silent for both tools.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

static struct {
  int id;
  char name[16];
} record;
static long announced, taken;

static void *worker(void *arg) {
  record.id = 7;
  snprintf(record.name, sizeof record.name, "seven");
  __sync_fetch_and_add(&announced, 1);
  while (__sync_val_compare_and_swap(&taken, 1, 2) != 1)
    sched_yield();
  record.id = 8; /* main is done with it: it said so through taken */
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  while (__sync_fetch_and_add(&announced, 0) == 0)
    sched_yield();
  printf("id = %d, name = %s\n", record.id, record.name);
  __sync_synchronize();
  __sync_bool_compare_and_swap(&taken, 0, 1);
  test_join(t);
  printf("id = %d\n", record.id);
  return 0;
}
// CHECK: id = 7, name = seven
// CHECK: id = 8
