// -x c makes clang read the following inputs as C whatever their names,
// until -x none.  Compiling and linking in one step, tangle-cc must put
// -x none before the runtime archive it appends, or clang would compile the
// archive as C.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/prog.txt
// RUN: %tangle_cc --tangle-verbose -O1 %testinc -x c %t.dir/prog.txt -o %t.dir/prog 2>&1 | FileCheck %s --check-prefix=CMD
// CMD: clang{{.*}} -x c {{.*}}prog.txt {{.*}} -x none -Wl,--whole-archive {{.*}}libtangle_rt.a
// RUN: %expect_exit 66 %t.dir/prog 2>&1 | FileCheck %s
#include "test.h"

int seen;

static void *worker(void *arg) {
  test_step_wait(1);
  // CHECK:      WARNING: Tangle: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}prog.txt:[[#@LINE+1]]
  printf("seen = %d\n", seen);
  return NULL;
}

int main(void) {
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}prog.txt:[[#@LINE+2]]
  pthread_t t = test_spawn(worker, NULL);
  seen = 1;
  test_step_set(1);
  test_join(t);
  return 0;
}
