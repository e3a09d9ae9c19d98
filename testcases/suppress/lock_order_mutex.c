// Suppressing a lock-order inversion: ThreadSanitizer's `deadlock:` (any
// frame of the edges' stacks) and Tangle's `lock-order:` both match it;
// `mutex:` matches the name of a lock in the cycle; `race:` does not.
//
// RUN: %tangle_cc -O1 %testinc %s -o %t
// RUN: %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefix=REPORTED
// RUN: echo 'deadlock:transfer_back' > %t.deadlock
// RUN: env TANGLE_OPTIONS=suppressions=%t.deadlock %t 2>&1 | FileCheck %s --check-prefix=SUPPRESSED
// RUN: echo 'lock-order:transfer_back' > %t.lockorder
// RUN: env TANGLE_OPTIONS=suppressions=%t.lockorder %t 2>&1 | FileCheck %s --check-prefix=SUPPRESSED
// RUN: echo 'mutex:lock_b' > %t.mutex
// RUN: env TANGLE_OPTIONS=suppressions=%t.mutex %t 2>&1 | FileCheck %s --check-prefix=SUPPRESSED
// RUN: echo 'mutex:^lock_$' > %t.mutex_anchored
// RUN: %expect_exit 66 env TANGLE_OPTIONS=suppressions=%t.mutex_anchored %t 2>&1 | FileCheck %s --check-prefix=REPORTED
// RUN: echo 'race:transfer_back' > %t.race
// RUN: %expect_exit 66 env TANGLE_OPTIONS=suppressions=%t.race %t 2>&1 | FileCheck %s --check-prefix=REPORTED
//
// REPORTED: WARNING: Tangle: lock-order inversion (potential deadlock)
// REPORTED: Cycle: lock_{{a|b}} => lock_{{a|b}} => lock_{{a|b}}
// REPORTED: Tangle: reported 1 report(s)
// SUPPRESSED-NOT: WARNING
// SUPPRESSED: Tangle: suppressed 1 report(s)
#include "test.h"

static pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;

static __attribute__((noinline)) void transfer_back(void) {
  pthread_mutex_lock(&lock_b);
  pthread_mutex_lock(&lock_a);
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
}

static void *worker(void *arg) {
  test_step_wait(1);
  transfer_back();
  return arg;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  test_step_set(1);
  test_join(t);
  return 0;
}
