// Two threads increment a counter 1000 times each, always under a pthread
// spinlock: spin-unlock happens-before the next spin-lock, so nothing
// races.  Sibling of race/spinlock_write_outside.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_spinlock_t spin;
int packets;

static void count(int n) {
  for (int i = 0; i < n; i++) {
    pthread_spin_lock(&spin);
    packets++;
    pthread_spin_unlock(&spin);
  }
}

static void *worker(void *arg) {
  count(1000);
  return NULL;
}

int main(void) {
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  pthread_t t = test_spawn(worker, NULL);
  count(1000);
  test_join(t);
  printf("packets = %d\n", packets);
  pthread_spin_destroy(&spin);
  return 0;
}
// CHECK: packets = 2000
