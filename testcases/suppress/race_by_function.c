// A data race suppressed by `race:` with the name of a function on one of
// its stacks: nothing is printed, the program keeps its own exit status,
// and the exit line counts the suppressed report.  The JSON file keeps the
// report, marked with the rule that suppressed it.  Without the rule, the
// same program reports the race (so the rule is what silences it).
//
// RUN: %tangle_cc -O1 %testinc %s -o %t
// RUN: printf '# races in the logger are known\n\nrace:log_line\n' > %t.supp
// RUN: rm -f %t.r.*.json
// RUN: env TANGLE_OPTIONS=suppressions=%t.supp:report_path=%t.r %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: cat %t.r.*.json | FileCheck %s --check-prefix=JSON
// RUN: %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefix=UNSUPPRESSED
// CHECK: lines 2
// CHECK: Tangle: suppressed 1 report(s) (suppressions={{.*}}.supp)
// JSON: "kind":"data race"{{.*}}"suppressed":"race:log_line"
// UNSUPPRESSED: WARNING: Tangle: data race
// UNSUPPRESSED: #0 log_line {{.*}}race_by_function.c:[[#LINE:]]
#include "test.h"

static int lines;

static __attribute__((noinline)) void log_line(void) {
  lines++; // the race
}

static void *worker(void *arg) {
  log_line();
  test_step_set(1);
  return arg;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  log_line();
  test_join(t);
  printf("lines %d\n", lines);
  return 0;
}
