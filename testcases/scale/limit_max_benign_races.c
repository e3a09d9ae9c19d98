// max_benign_races bounds the ranges declared benign.  Two counters are
// declared benign and then bumped by two threads without synchronization.
// With max_benign_races=1 the second declaration is ignored: one line names
// the limit and the option, and the race on the second counter is
// reported.  With the default nothing is.  Not run under TSan: the table
// is Tangle's.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: env TANGLE_OPTIONS=max_benign_races=1 %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,SMALL --implicit-check-not=tangle: --implicit-check-not=WARNING:
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=tangle: --implicit-check-not=WARNING:
// SMALL: tangle: more than 1 benign-race annotations; later ones are ignored and races there are reported (raise max_benign_races in TANGLE_OPTIONS)
#include "../test.h"
#include <tangle/annotations.h>

long first, second;

static void *worker(void *arg) {
  test_step_wait(1);
  first++;
  // SMALL: WARNING: Tangle: data race
  // SMALL-NEXT: Read of size 8 at {{.*}} by thread T1:
  // SMALL-NEXT: #0 worker {{.*}}limit_max_benign_races.c:[[#@LINE+1]]
  second++;
  return arg;
}

int main(void) {
  TANGLE_BENIGN_RACE(&first, sizeof first, "statistics");
  TANGLE_BENIGN_RACE(&second, sizeof second, "statistics");
  pthread_t t = test_spawn(worker, NULL);
  first++;
  // SMALL: Previous write of size 8 at {{.*}} by main thread:
  // SMALL-NEXT: #0 main {{.*}}limit_max_benign_races.c:[[#@LINE+1]]
  second++;
  test_step_set(1);
  test_join(t);
  printf("first %ld second %ld\n", first, second);
  return 0;
}
// CHECK: first 2 second 2
