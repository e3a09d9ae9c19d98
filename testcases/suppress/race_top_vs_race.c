// `race_top:` looks only at the top frame of each access, `race:` at every
// frame; both match a function, a file or a module name, with `*`
// wildcards and `^`/`$` anchors.  The race is in bump(), called from
// worker_path() in one thread and from main in the other.
//
// RUN: %tangle_cc -O1 %testinc %s -o %t
// An outer frame: race_top does not match it, race does.
// RUN: echo 'race_top:worker_path' > %t.top_outer
// RUN: %expect_exit 66 env TANGLE_OPTIONS=suppressions=%t.top_outer %t 2>&1 | FileCheck %s --check-prefix=REPORTED
// RUN: echo 'race:worker_path' > %t.any_outer
// RUN: env TANGLE_OPTIONS=suppressions=%t.any_outer %t 2>&1 | FileCheck %s --check-prefix=SUPPRESSED
// The top frame, anchored and with a wildcard.
// RUN: echo 'race_top:^b*p$' > %t.top
// RUN: env TANGLE_OPTIONS=suppressions=%t.top %t 2>&1 | FileCheck %s --check-prefix=SUPPRESSED
// Anchors that do not fit: `^ump` is not at the start of "bump".
// RUN: echo 'race_top:^ump' > %t.anchored
// RUN: %expect_exit 66 env TANGLE_OPTIONS=suppressions=%t.anchored %t 2>&1 | FileCheck %s --check-prefix=REPORTED
// A file name (any part of the path), with white space around both parts.
// RUN: echo '  race :  suppress/race_top_vs_race.c  ' > %t.file
// RUN: env TANGLE_OPTIONS=suppressions=%t.file %t 2>&1 | FileCheck %s --check-prefix=SUPPRESSED
// A rule of another kind does not match a race.
// RUN: echo 'deadlock:bump' > %t.other
// RUN: %expect_exit 66 env TANGLE_OPTIONS=suppressions=%t.other %t 2>&1 | FileCheck %s --check-prefix=REPORTED
//
// REPORTED: WARNING: Tangle: data race
// REPORTED: #0 bump {{.*}}race_top_vs_race.c:33
// REPORTED: Tangle: reported 1 report(s)
// SUPPRESSED-NOT: WARNING
// SUPPRESSED: Tangle: suppressed 1 report(s)
#include "test.h"

static int hits;
static __attribute__((noinline)) void bump(void) { hits++; }

static __attribute__((noinline)) void worker_path(void) { bump(); }

static void *worker(void *arg) {
  worker_path();
  test_step_set(1);
  return arg;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  bump();
  test_join(t);
  return hits == 2 ? 0 : 1;
}
