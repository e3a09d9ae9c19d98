// tangle-cc's own --detect= option is taken out before clang runs.
// --detect=deadlocks leaves memory accesses uninstrumented (the pass's
// -tangle-instrument-memory=0), so this racy program then reports nothing;
// all and races are the default.  Any other value, or --detect without one,
// is an error (exit status 1).
//
// RUN: %tangle_cc --tangle-verbose --detect=deadlocks -O1 %s -o %t.dl 2>&1 | FileCheck %s --check-prefix=DL --implicit-check-not=--detect
// DL: clang{{.*}} -mllvm -tangle-instrument-memory=0
// RUN: %t.dl 2>&1 | FileCheck %s --check-prefix=QUIET --implicit-check-not=WARNING:
// QUIET: flag = 2
// RUN: %tangle_cc --tangle-verbose --detect=races -O1 %s -o %t.r 2>&1 | FileCheck %s --check-prefix=RACES --implicit-check-not=-tangle-instrument-memory
// RUN: %tangle_cc --tangle-verbose --detect=deadlocks --detect=all -O1 %s -o %t.all 2>&1 | FileCheck %s --check-prefix=RACES --implicit-check-not=-tangle-instrument-memory
// RACES: clang{{.*}} -fpass-plugin=
// RUN: %expect_exit 66 %t.all 2>&1 | FileCheck %s --check-prefix=FOUND
//
// RUN: %expect_exit 1 %tangle_cc --detect=bogus -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=BOGUS
// BOGUS: tangle-cc: error: unknown value in '--detect=bogus': expected all, races or deadlocks
// RUN: %expect_exit 1 %tangle_cc --detect -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=BARE
// BARE: tangle-cc: error: '--detect': expected --detect=all, --detect=races or --detect=deadlocks
#include "../test.h"

int flag;

static void *worker(void *arg) {
  test_step_wait(1);
  // FOUND: WARNING: Tangle: data race
  // FOUND: SUMMARY: Tangle: data race {{.*}}detect_option.c:[[#@LINE+1]]:{{[0-9]+}} in worker
  flag = 2;
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  flag = 1;
  test_step_set(1);
  test_join(t);
  printf("flag = %d\n", flag);
  return 0;
}
