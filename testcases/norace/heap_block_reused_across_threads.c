// A worker writes and frees eight small blocks main allocated; later, with
// no synchronization with the worker, main allocates one more block of the
// same size and fills it.  With glibc the worker's eighth free overflows its
// per-thread cache into main's arena, so main's malloc gets that very block
// back.  Memory handed out again starts clean: main's writes must not be
// compared with the worker's writes (or its free) of the old block.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <string.h>
#include "../test.h"

#define BLOCKS 8
#define SIZE 48
char *blocks[BLOCKS];

static void *worker(void *arg) {
  for (int i = 0; i < BLOCKS; i++) {
    memset(blocks[i], 'w', SIZE);
    free(blocks[i]);
  }
  test_step_set(1);
  test_step_wait(2);
  return NULL;
}

int main(void) {
  for (int i = 0; i < BLOCKS; i++)
    blocks[i] = malloc(SIZE);
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  char *block = malloc(SIZE);
  memset(block, 'm', SIZE);
  block[SIZE - 1] = '\0';
  int reused = 0;
  for (int i = 0; i < BLOCKS; i++)
    reused |= block == blocks[i];
  test_step_set(2);
  test_join(t);
  printf("%.8s (%s)\n", block, reused ? "reused" : "fresh");
  free(block);
  return 0;
}
// CHECK: mmmmmmmm ({{reused|fresh}})
