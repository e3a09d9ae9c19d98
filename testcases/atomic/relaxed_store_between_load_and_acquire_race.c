// The racy sibling of relaxed_store_between_load_and_acquire_stress.c: the
// same loop (main's release stores, a worker's relaxed stores of 0, a
// reader's acquire loads), then the worker writes `other` plainly and
// stores flag = -1 relaxed, and the reader, once it acquire-loads -1,
// reads `other`.  A relaxed store releases nothing, so the read races with
// the write however many release stores came before on the same variable:
// the clock the reader acquires with -1 must be the empty one of the
// relaxed store, not what main's releases left there.  Both tools report it.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

#define ROUNDS 5000
int payload[ROUNDS], other;
atomic_int flag, done;

static void *reader(void *arg) {
  long sum = 0;
  int v;
  while ((v = atomic_load_explicit(&flag, memory_order_acquire)) != -1)
    if (v > 0) sum += payload[v - 1] - v;
  // TANGLE:      WARNING: Tangle: data race
  // TSAN:        WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T2:
  // CHECK-NEXT:     #0 reader {{.*}}relaxed_store_between_load_and_acquire_race.c:[[#CUR:@LINE+1]]
  printf("reader: mismatches %ld, other %d\n", sum, other);
  return NULL;
}

static void *resetter(void *arg) {
  while (!atomic_load_explicit(&done, memory_order_relaxed))
    atomic_store_explicit(&flag, 0, memory_order_relaxed);
  // CHECK:        Previous write of size 4 at [[ADDR]] by thread T1:
  // CHECK-NEXT:     #0 resetter {{.*}}relaxed_store_between_load_and_acquire_race.c:[[#@LINE+1]]
  other = 1;
  atomic_store_explicit(&flag, -1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  pthread_t z = test_spawn(resetter, NULL);
  pthread_t r = test_spawn(reader, NULL);
  for (int i = 0; i < ROUNDS; i++) {
    payload[i] = i + 1;
    atomic_store_explicit(&flag, i + 1, memory_order_release);
  }
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  test_join(z);
  test_join(r);
  return 0;
}
// TANGLE: SUMMARY: Tangle: data race {{.*}}relaxed_store_between_load_and_acquire_race.c:[[#CUR]]:{{[0-9]+}} in reader
// CHECK: reader: mismatches 0, other 1
