// A statistics counter bumped without synchronization by two threads,
// declared with TANGLE_BENIGN_RACE: not reported.  A second, undeclared
// counter next to it still is (only the declared bytes are exempt).
// ThreadSanitizer (macro compiled out) reports both.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 -I%S/../../runtime/include %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include <tangle/annotations.h>

struct { long hits; long misses; } stats;

static void *worker(void *arg) {
  test_step_wait(1);
  stats.hits++;
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK:          #0 worker {{.*}}benign_race_suppressed.c:[[#@LINE+1]]
  stats.misses++;
  return NULL;
}

int main(void) {
  TANGLE_BENIGN_RACE(&stats.hits, sizeof stats.hits, "approximate statistics");
  pthread_t t = test_spawn(worker, NULL);
  stats.hits++;
  // CHECK:        Previous write of size 8 at {{.*}} by main thread:
  // CHECK-NEXT:     #0 main {{.*}}benign_race_suppressed.c:[[#@LINE+1]]
  stats.misses++;
  test_step_set(1);
  test_join(t);
  printf("hits %ld misses %ld\n", stats.hits, stats.misses);
  return 0;
}
// CHECK: hits 2 misses 2
