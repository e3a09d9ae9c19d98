// tangle-cc used the way make uses cc: compile with -c (the object is
// instrumented but has no runtime), then link in a second step (where the
// runtime goes in, whole, with its libraries).  The planted write-write race
// must be reported with the file:line of both sides.
//
// RUN: %tangle_cc -O1 -c %s -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=OBJ --implicit-check-not='T __tangle_'
// OBJ: U __tangle_
// RUN: %tangle_cc --tangle-verbose %t.o -o %t 2>&1 | FileCheck %s --check-prefix=LINK
// LINK-NOT: -fpass-plugin
// LINK: -o {{.*}} -Wl,--whole-archive {{.*}}/lib/tangle/libtangle_rt.a -Wl,--no-whole-archive -Wl,--dynamic-list={{.*}}/lib/tangle/tangle.dyn -lunwind -lpthread -ldl -lm{{$}}
// RUN: %expect_exit 66 %t 2>&1 | FileCheck %s
#include "../test.h"

int counter;

static void *worker(void *arg) {
  test_step_wait(1);
  // CHECK:      WARNING: Tangle: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}separate_compile_and_link.c:[[#CUR:@LINE+1]]
  counter = 2;
  return NULL;
}

int main(void) {
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}separate_compile_and_link.c:[[#@LINE+2]]
  pthread_t t = test_spawn(worker, NULL);
  counter = 1;
  test_step_set(1);
  test_join(t);
  printf("counter = %d\n", counter);
  return 0;
}
// CHECK: SUMMARY: Tangle: data race {{.*}}separate_compile_and_link.c:[[#CUR]]:{{[0-9]+}} in worker
// CHECK: Tangle: reported 1 report(s)
