// Mixed C and C++: a C object from tangle-cc and a C++ object from
// tangle-c++ (the same file, compiled as C++ with -x c++), linked by
// tangle-c++.  The race is between the C++ thread function and C code, and
// both sides must show their file:line.
//
// RUN: %tangle_cc -O1 -c %s -o %t.c.o
// RUN: %tangle_cxx -O1 -x c++ -DCXX_PART -c %s -o %t.cxx.o
// RUN: %tangle_cxx --tangle-verbose %t.c.o %t.cxx.o -o %t 2>&1 | FileCheck %s --check-prefix=LINK
// LINK: clang++{{.*}} -Wl,--whole-archive {{.*}}libtangle_rt.a
// RUN: %expect_exit 66 %t 2>&1 | FileCheck %s
#include "../test.h"

#ifdef __cplusplus
extern "C" {
#endif
extern int shared_state;
void c_update(void);
void c_step_wait(int n);
void *cxx_worker(void *);
#ifdef __cplusplus
}
#endif

#ifdef CXX_PART
namespace {
struct Resetter {
  void run() {
    c_step_wait(1);
    // CHECK:      WARNING: Tangle: data race
    // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
    // CHECK-NEXT:     #0 {{.*}}run{{.*}} {{.*}}cxx_mixed_link.c:[[#CUR:@LINE+1]]
    shared_state = 0;
  }
};
} // namespace

void *cxx_worker(void *) {
  Resetter r;
  r.run();
  return nullptr;
}
#else
int shared_state;

// test.h's step counter is static: each object file has its own, so the C++
// side waits through this one.
void c_step_wait(int n) { test_step_wait(n); }

void c_update(void) {
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 c_update {{.*}}cxx_mixed_link.c:[[#@LINE+1]]
  shared_state = 5;
}

int main(void) {
  pthread_t t = test_spawn(cxx_worker, NULL);
  c_update();
  test_step_set(1);
  test_join(t);
  return 0;
}
#endif
// CHECK: SUMMARY: Tangle: data race {{.*}}cxx_mixed_link.c:[[#CUR]]:{{[0-9]+}} in {{.*}}run
// CHECK: Tangle: reported 1 report(s)
