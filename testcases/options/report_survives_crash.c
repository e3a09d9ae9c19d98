// A report is on disk, as a complete JSON line, before the racing access
// returns to the program: a process that aborts, calls _exit or is killed
// right after the race still leaves a report file `tangle report` reads.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env TANGLE_OPTIONS=report_path=%t.dir/abort %expect_exit -6 %t abort > /dev/null 2>&1
// RUN: env TANGLE_OPTIONS=report_path=%t.dir/exit %expect_exit 3 %t _exit > /dev/null 2>&1
// RUN: env TANGLE_OPTIONS=report_path=%t.dir/kill %expect_exit -9 %t kill > /dev/null 2>&1
// RUN: for m in abort exit kill; do %expect_exit 66 %tangle report %t.dir/$m.*.json; done | FileCheck %s
// CHECK-COUNT-3: Tangle: 1 finding(s) from 1 report(s)
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../test.h"

int value; // not static: its stores must stay

static void *worker(void *arg) {
  value = 1;
  test_step_set(1);
  return arg;
}

int main(int argc, char **argv) {
  test_spawn(worker, NULL);
  test_step_wait(1);
  value = 2; // the race: reported here, before the next line runs
  if (strcmp(argv[1], "abort") == 0) abort();
  if (strcmp(argv[1], "_exit") == 0) _exit(3);
  raise(SIGKILL);
  return 0;
}
