// Tangle's own report kinds have suppression kinds of the same short name
// (report_kinds.def): here `unlock-unlocked:`.  A `signal:` rule (a
// ThreadSanitizer kind Tangle has no reports for) is accepted and matches
// nothing.
//
// RUN: %tangle_cc -O1 %testinc %s -o %t
// RUN: %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefix=REPORTED
// RUN: printf 'signal:handler\nunlock-unlocked:release_twice\n' > %t.supp
// RUN: env TANGLE_OPTIONS=suppressions=%t.supp %t 2>&1 | FileCheck %s --check-prefix=SUPPRESSED
// RUN: printf 'signal:release_twice\ndestroy-locked:release_twice\nlock-destroyed:release_twice\n' > %t.others
// RUN: %expect_exit 66 env TANGLE_OPTIONS=suppressions=%t.others %t 2>&1 | FileCheck %s --check-prefix=REPORTED
//
// REPORTED: WARNING: Tangle: unlock of an unlocked mutex
// REPORTED: Tangle: reported 1 report(s)
// SUPPRESSED-NOT: WARNING
// SUPPRESSED: done
// SUPPRESSED: Tangle: suppressed 1 report(s)
#include "test.h"

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static __attribute__((noinline)) void release_twice(void) {
  pthread_mutex_unlock(&m);
  pthread_mutex_unlock(&m);
}

int main(void) {
  pthread_mutex_lock(&m);
  release_twice();
  puts("done");
  return 0;
}
