// A program built only for deadlocks (tangle-cc --detect=deadlocks) has no
// memory access checked, so the runtime turns race detection off by default:
// the race engine would only see atomics and frees, and cost time.  Here an
// atomic store to a heap block races with its free by another thread,
// which the runtime can see even so: silent by default, and reported when
// the user turns race detection on.  A program built for races reports it.
//
// RUN: %tangle_cc --detect=deadlocks -O1 %s -o %t.dl
// RUN: %t.dl 2>&1 | FileCheck %s --check-prefix=QUIET --implicit-check-not=WARNING:
// RUN: env TANGLE_OPTIONS=detect_races=1 %expect_exit 66 %t.dl 2>&1 | FileCheck %s --check-prefix=FOUND
// RUN: %tangle_cc -O1 %s -o %t.all
// RUN: %expect_exit 66 %t.all 2>&1 | FileCheck %s --check-prefix=FOUND
// QUIET: done
// FOUND: WARNING: Tangle: data race
// FOUND: #0 free
#include <stdatomic.h>
#include <stdlib.h>

#include "../test.h"

static atomic_int *counter;

static void *worker(void *arg) {
  atomic_store_explicit(counter, 1, memory_order_relaxed);
  test_step_set(1);
  return arg;
}

int main(void) {
  counter = malloc(sizeof(*counter));
  atomic_init(counter, 0);
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  free(counter);
  test_join(t);
  puts("done");
  return 0;
}
