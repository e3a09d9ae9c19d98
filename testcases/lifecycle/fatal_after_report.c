// The process dies right after a report — abort(), a SIGSEGV from a null
// dereference, a SIGKILL it sends itself — with the same signal as without
// Tangle, and the report is complete on stderr and in its JSON file, which
// `tangle report` reads.  (options/report_survives_crash.c covers the JSON
// file for abort, _exit and SIGKILL; this adds the crash and the text.)
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env TANGLE_OPTIONS=report_path=%t.dir/abort %expect_exit -6 %t abort 2>&1 | FileCheck %s
// RUN: env TANGLE_OPTIONS=report_path=%t.dir/segv %expect_exit -11 %t segv 2>&1 | FileCheck %s
// RUN: env TANGLE_OPTIONS=report_path=%t.dir/kill %expect_exit -9 %t kill 2>&1 | FileCheck %s
// RUN: for m in abort segv kill; do %expect_exit 66 %tangle report %t.dir/$m.*.json; done | FileCheck --check-prefix=FILES %s
// CHECK: WARNING: Tangle: data race
// CHECK-NEXT: Write of size 4 at {{.*}} by main thread:
// CHECK-NEXT: #0 main {{.*}}fatal_after_report.c:[[#LINE:]]
// CHECK: Previous write of size 4 at {{.*}} by thread T1:
// CHECK-NEXT: #0 worker {{.*}}fatal_after_report.c:[[#LINE - 8]]
// CHECK: SUMMARY: Tangle: data race {{.*}}fatal_after_report.c:[[#LINE]]
// CHECK-NEXT: ==================
// CHECK-NOT: Tangle: reported
// FILES-COUNT-3: Tangle: 1 finding(s) from 1 report(s)
#include <signal.h>
#include <string.h>

#include "../test.h"

int value;
int *volatile nowhere;

static void *worker(void *arg) {
  value = 1;
  test_step_set(1);
  return arg;
}

int main(int argc, char **argv) {
  test_spawn(worker, NULL);
  test_step_wait(1);
  value = 2;
  if (strcmp(argv[1], "abort") == 0) abort();
  if (strcmp(argv[1], "segv") == 0) *nowhere = 3;
  raise(SIGKILL);
  return 0;
}
