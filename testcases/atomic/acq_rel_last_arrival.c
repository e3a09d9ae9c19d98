// An acq_rel RMW chain: four workers each fill their own slot, then count
// themselves in with an acq_rel fetch_add; the one that sees it is last
// sums every slot.  Each fetch_add reads the value the previous one wrote
// and RMWs continue release sequences (C11 §5.1.2.4), so the last arrival
// synchronizes with every earlier one and its reads of their slots are
// ordered, whichever thread arrives last.  Silent for both tools.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#define WORKERS 4

static long slot[WORKERS];
static atomic_int arrived;
static atomic_long total;

static void *worker(void *arg) {
  long me = (long)arg;
  for (long i = 0; i <= 100 * (me + 1); i++)
    slot[me] += i;
  if (atomic_fetch_add_explicit(&arrived, 1, memory_order_acq_rel) == WORKERS - 1) {
    long sum = 0;
    for (int i = 0; i < WORKERS; i++)
      sum += slot[i];
    atomic_store_explicit(&total, sum, memory_order_relaxed);
  }
  return NULL;
}

int main(void) {
  pthread_t t[WORKERS];
  for (long i = 0; i < WORKERS; i++)
    t[i] = test_spawn(worker, (void *)i);
  for (int i = 0; i < WORKERS; i++)
    test_join(t[i]);
  printf("total = %ld\n", atomic_load(&total));
  return 0;
}
// CHECK: total = 150500
