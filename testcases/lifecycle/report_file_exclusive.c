// Report files are always new files.  Planted at the name this process
// would use, <report_path>.<pid>.json: a symbolic link is not followed
// (its target stays untouched) and another process's file is not written
// to; the report goes to the next free name, <report_path>.<pid>.<n>.json.
// The program plants them itself (it alone knows its pid) before the race.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: rm -rf %t.dir && mkdir -p %t.dir && echo precious > %t.dir/target
// RUN: env TANGLE_OPTIONS=report_path=%t.dir/link %expect_exit 66 %t %t.dir/link symlink %t.dir/target 2>&1 | FileCheck %s --implicit-check-not='tangle:'
// RUN: env TANGLE_OPTIONS=report_path=%t.dir/other %expect_exit 66 %t %t.dir/other file 2>&1 | FileCheck %s --implicit-check-not='tangle:'
// RUN: cat %t.dir/target | FileCheck --check-prefix=TARGET %s
// RUN: cat $(ls %t.dir/other.*.json | grep -v '[.]1[.]json$') | FileCheck --check-prefix=OTHER %s
// RUN: ls %t.dir | FileCheck --check-prefix=LS %s
// RUN: for m in link other; do %expect_exit 66 %tangle report %t.dir/$m.*.1.json; done | FileCheck --check-prefix=FILES %s
// CHECK: planted
// CHECK: WARNING: Tangle: data race
// CHECK-NEXT: Write of size 4 at {{.*}} by main thread:
// CHECK-NEXT: #0 main {{.*}}report_file_exclusive.c:[[#LINE:]]
// CHECK: Previous write of size 4 at {{.*}} by thread T1:
// CHECK-NEXT: #0 worker {{.*}}report_file_exclusive.c:[[#LINE - 19]]
// TARGET: {{^precious$}}
// OTHER: {{^another process's report$}}
// LS: link.{{[0-9]+}}.1.json
// LS-NEXT: link.{{[0-9]+}}.json
// LS-NEXT: other.{{[0-9]+}}.1.json
// LS-NEXT: other.{{[0-9]+}}.json
// LS-NEXT: target
// FILES-COUNT-2: Tangle: 1 finding(s) from 1 report(s)
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../test.h"

int value;

static void *worker(void *arg) {
  value = 1;
  test_step_set(1);
  return arg;
}

int main(int argc, char **argv) {
  char path[4096];
  snprintf(path, sizeof(path), "%s.%d.json", argv[1], (int)getpid());
  if (strcmp(argv[2], "symlink") == 0) {
    if (symlink(argv[3], path) != 0) abort();
  } else {
    FILE *f = fopen(path, "w");
    fprintf(f, "another process's report\n");
    fclose(f);
  }
  printf("planted\n");
  fflush(stdout);
  test_spawn(worker, NULL);
  test_step_wait(1);
  value = 2;
  return 0;
}
