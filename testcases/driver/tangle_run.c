// `tangle run` runs a program with report_path pointed into a report
// directory, after the TANGLE_OPTIONS already set; reads the JSON lines the
// run added there (one per report, one file per process), merges them by
// fingerprint into findings, and exits 66 when there were any, else with
// the program's own status.  Lines left by an earlier run in the same
// directory are not counted again.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: rm -rf %t.dir
// RUN: %expect_exit 66 %tangle run --report-dir %t.dir -- %t race 2>&1 | FileCheck %s --check-prefix=ONE
// ONE: WARNING: Tangle: data race
// ONE: tangle: 1 finding(s) from 1 report(s) in 1 process(es)
// RUN: cat %t.dir/tangle.*.json | FileCheck %s --check-prefix=JSON
// JSON: {"schema":1,"tool":"tangle","kind":"data race",
//
// Again into the same directory, with the program's exit status changed
// through TANGLE_OPTIONS: one new report, and still 66 from tangle run.
// RUN: env TANGLE_OPTIONS=exitcode=3 %expect_exit 66 %tangle run --report-dir=%t.dir %t race 2>&1 | FileCheck %s --check-prefix=ONE
// RUN: env TANGLE_OPTIONS=verbosity=0 %tangle run --report-dir %t.dir -- %t env 2>&1 | FileCheck %s --check-prefix=ENV
// ENV: TANGLE_OPTIONS=verbosity=0:report_path="{{.*}}.dir/tangle"
// ENV: tangle: 0 finding(s) from 0 report(s) in 0 process(es)
//
// Two processes (the program forks, then each side races the same way):
// two reports of one bug.
// RUN: %expect_exit 66 %tangle run --report-dir %t.dir -- %t fork 2>&1 | FileCheck %s --check-prefix=TWO
// TWO: tangle: 1 finding(s) from 2 report(s) in 2 process(es)
// TWO-NEXT:   data race {{.*}}tangle_run.c:{{[0-9]+}}:{{[0-9]+}} in worker (2x)
//
// A process that execs itself keeps its pid: the new image's reports go to
// tangle.<pid>.1.json (the first image's file is never reopened), which
// tangle run collects as well (two findings: race() is called from two
// places in main).
// RUN: rm -rf %t.dir
// RUN: %expect_exit 66 %tangle run --report-dir %t.dir -- %t exec 2>&1 | FileCheck %s --check-prefix=EXEC
// EXEC: tangle: 2 finding(s) from 2 report(s) in 2 process(es)
// RUN: ls %t.dir | FileCheck %s --check-prefix=EXECFILES
// EXECFILES: tangle.[[#PID:]].1.json
// EXECFILES-NEXT: tangle.[[#PID]].json
//
// No race: the program's own exit status; the default report directory is
// temporary and removed.
// RUN: %expect_exit 7 %tangle run -- %t quiet 2>&1 | FileCheck %s --check-prefix=NONE --implicit-check-not=WARNING:
// NONE: tangle: 0 finding(s) from 0 report(s) in 0 process(es)
#include <string.h>
#include <sys/wait.h>

#include "../test.h"

int value;

static void *worker(void *arg) {
  test_step_wait(1);
  // JSON-SAME: "summary":"data race {{.*}}tangle_run.c:[[#@LINE+1]]:{{[0-9]+}} in worker","fingerprint":"{{[0-9a-f]+}}","text":"WARNING: Tangle: data race\n
  value = 2;
  return NULL;
}

static void race(void) {
  pthread_t t = test_spawn(worker, NULL);
  value = 1;
  test_step_set(1);
  test_join(t);
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  if (strcmp(mode, "race") == 0) {
    race();
  } else if (strcmp(mode, "fork") == 0) {
    pid_t pid = fork();
    race();
    if (pid > 0)
      waitpid(pid, NULL, 0);
  } else if (strcmp(mode, "exec") == 0) {
    race();
    fflush(stdout);
    execl(argv[0], argv[0], "race", (char *)NULL);
    return 1;
  } else if (strcmp(mode, "env") == 0) {
    printf("TANGLE_OPTIONS=%s\n", getenv("TANGLE_OPTIONS"));
  } else {
    return 7;
  }
  return 0;
}
