// The racy sibling of first_release_while_loading_stress.c: the same loop,
// but main's store of the last flag is relaxed, so it publishes nothing and
// the reader's read of the last data races with main's write of it (the
// releases before, on other variables, do not order it).  Both tools
// report it.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

#define ROUNDS 20000
int data[ROUNDS];
atomic_int flags[ROUNDS];

static void *reader(void *arg) {
  long sum = 0;
  for (int i = 0; i < ROUNDS; i++) {
    while (!atomic_load_explicit(&flags[i], memory_order_acquire))
      ;
    // TANGLE:      WARNING: Tangle: data race
    // TSAN:        WARNING: ThreadSanitizer: data race
    // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
    // CHECK-NEXT:     #0 reader {{.*}}first_release_while_loading_race.c:[[#CUR:@LINE+1]]
    sum += data[i] - i;
  }
  printf("reader: mismatches %ld\n", sum);
  return NULL;
}

int main(void) {
  pthread_t r = test_spawn(reader, NULL);
  for (int i = 0; i < ROUNDS; i++) {
    // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
    // CHECK-NEXT:     #0 main {{.*}}first_release_while_loading_race.c:[[#@LINE+1]]
    data[i] = i;
    atomic_store_explicit(&flags[i], 1,
                          i == ROUNDS - 1 ? memory_order_relaxed : memory_order_release);
  }
  test_join(r);
  return 0;
}
// TANGLE: SUMMARY: Tangle: data race {{.*}}first_release_while_loading_race.c:[[#CUR]]:{{[0-9]+}} in reader
// CHECK: reader: mismatches 0
