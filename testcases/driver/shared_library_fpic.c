// A -shared -fPIC library built with tangle-cc is instrumented but carries
// no runtime: its __tangle_* calls bind to the executable's, which exports
// them (tangle.dyn).  The race is between a write in the library and one in
// the program, and both sides must show their file:line.  Those references
// are undefined in the library, so tangle-cc lets them through a
// -Wl,--no-undefined (meson's default) with -z undefs.  (The library has no
// -soname, so the program records it by path and needs no rpath.)
//
// RUN: %tangle_cc --tangle-verbose -O1 -shared -fPIC -Wl,--no-undefined -DLIB %s -o %t.so 2>&1 | FileCheck %s --check-prefix=LINK
// LINK-NOT: libtangle_rt.a
// LINK: -Wl,--no-undefined {{.*}}-Wl,-z,undefs{{$}}
// RUN: llvm-nm -D --defined-only %t.so | FileCheck %s --check-prefix=DEF --implicit-check-not=__tangle_
// DEF: lib_set_level
// RUN: llvm-nm -D --undefined-only %t.so | FileCheck %s --check-prefix=UNDEF
// UNDEF: __tangle_
// RUN: %tangle_cc -O1 %s %t.so -o %t
// RUN: %expect_exit 66 %t 2>&1 | FileCheck %s
#include "../test.h"

void lib_set_level(int v);
extern int level;

#ifdef LIB
int level;

void lib_set_level(int v) {
  // CHECK:      WARNING: Tangle: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 lib_set_level {{.*}}shared_library_fpic.c:[[#CUR:@LINE+1]]
  level = v;
}
#else
static void *worker(void *arg) {
  test_step_wait(1);
  // CHECK-NEXT:     #1 worker {{.*}}shared_library_fpic.c:[[#@LINE+1]]
  lib_set_level(2);
  return NULL;
}

int main(void) {
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}shared_library_fpic.c:[[#@LINE+2]]
  pthread_t t = test_spawn(worker, NULL);
  level = 1;
  test_step_set(1);
  test_join(t);
  return 0;
}
#endif
// CHECK: Location is global 'level' of size 4 at [[ADDR]]
// CHECK: SUMMARY: Tangle: data race {{.*}}shared_library_fpic.c:[[#CUR]]:{{[0-9]+}} in lib_set_level
// CHECK: Tangle: reported 1 report(s)
