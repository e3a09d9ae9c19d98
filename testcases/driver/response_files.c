// Response files (@file) go to clang unchanged, but tangle-cc reads them too:
// a -c inside one makes the step compile-only (no runtime added), objects
// inside one still make a link step (runtime added), and Tangle's own
// options inside one (build systems put CFLAGS there) are taken out, the
// file being replaced by the rest of its contents.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: echo '-O1 -c' > %t.dir/compile.rsp
// RUN: %tangle_cc --tangle-verbose @%t.dir/compile.rsp %s -o %t.dir/main.o 2>&1 | FileCheck %s --check-prefix=COMPILE
// COMPILE: clang{{.*}} @{{.*}}compile.rsp {{.*}}-fpass-plugin=
// COMPILE-NOT: -Wl,--whole-archive
// RUN: echo '"%t.dir/main.o"' > %t.dir/link.rsp
// RUN: %tangle_cc --tangle-verbose @%t.dir/link.rsp -o %t.dir/app 2>&1 | FileCheck %s --check-prefix=LINK
// LINK-NOT: -fpass-plugin
// LINK: clang{{.*}} @{{.*}}link.rsp -o {{.*}} -Wl,--whole-archive
// RUN: %expect_exit 66 %t.dir/app 2>&1 | FileCheck %s
//
// RUN: echo '--tangle-verbose -O1' > %t.dir/inner.rsp
// RUN: echo '@%t.dir/inner.rsp --detect=deadlocks -c' > %t.dir/outer.rsp
// RUN: %tangle_cc @%t.dir/outer.rsp %s -o %t.dir/dl.o 2>&1 | FileCheck %s --check-prefix=SPLICED --implicit-check-not=rsp
// SPLICED: clang{{.*}} -O1 -c {{.*}} -mllvm -tangle-instrument-memory=0
#include "../test.h"

int total;

static void *worker(void *arg) {
  test_step_wait(1);
  // CHECK:      WARNING: Tangle: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}response_files.c:[[#CUR:@LINE+1]]
  total = 2;
  return NULL;
}

int main(void) {
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}response_files.c:[[#@LINE+2]]
  pthread_t t = test_spawn(worker, NULL);
  total = 1;
  test_step_set(1);
  test_join(t);
  return 0;
}
// CHECK: SUMMARY: Tangle: data race {{.*}}response_files.c:[[#CUR]]:{{[0-9]+}} in worker
