// The same three-deep call chain writes a shared balance on both threads,
// but in different phases of a pthread barrier: every arrival at the
// barrier happens-before every departure, so the worker's write (phase 2)
// is ordered after main's (phase 1).  Sibling of
// race/deep_stacks_both_sides.c.
//
// RUN: %tangle_cc -O0 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O0 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

pthread_barrier_t phase;
double balance = 100.0;

static void store_balance(double v) { balance = v; }
static void apply_interest(double rate) { store_balance(balance * rate); }
static void month_end(double rate) { apply_interest(rate); }

static void *worker(void *arg) {
  pthread_barrier_wait(&phase);
  month_end(2.0);
  pthread_barrier_wait(&phase);
  return NULL;
}

int main(void) {
  pthread_barrier_init(&phase, NULL, 2);
  pthread_t t = test_spawn(worker, NULL);
  month_end(1.5);
  pthread_barrier_wait(&phase);
  pthread_barrier_wait(&phase);
  printf("balance = %.1f\n", balance);
  test_join(t);
  pthread_barrier_destroy(&phase);
  return 0;
}
// CHECK: balance = 300.0
