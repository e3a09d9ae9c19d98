// A load that runs while the first release on its variable is made (the
// moment the runtime starts keeping a clock for it) must acquire that
// release when it reads its value.  Main writes data[i] and then stores
// flags[i] = 1 with release, for ROUNDS fresh variables; a reader spins on
// each flags[i] with acquire loads, started before main's store, and reads
// data[i] once it sees 1: every read is ordered after its write.  Tangle's
// load, finding no clock for the variable, must not keep that answer for a
// value stored by a release that came after.  Sibling (the last store
// relaxed): first_release_while_loading_race.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#define ROUNDS 20000
int data[ROUNDS];
atomic_int flags[ROUNDS];

static void *reader(void *arg) {
  long sum = 0;
  for (int i = 0; i < ROUNDS; i++) {
    while (!atomic_load_explicit(&flags[i], memory_order_acquire))
      ;
    sum += data[i] - i;
  }
  printf("reader: mismatches %ld\n", sum);
  return NULL;
}

int main(void) {
  pthread_t r = test_spawn(reader, NULL);
  for (int i = 0; i < ROUNDS; i++) {
    data[i] = i;
    atomic_store_explicit(&flags[i], 1, memory_order_release);
  }
  test_join(r);
  return 0;
}
// CHECK: reader: mismatches 0
