// Tangle's runtime finds libc's functions through the dynamic linker
// (dlsym(RTLD_NEXT)), so a -static program could not work: linking one is an
// error naming the flag.  -static on a compile-only step changes nothing and
// is accepted.
//
// RUN: %tangle_cc -static -c %s -o %t.o
// RUN: %expect_exit 1 %tangle_cc -static %t.o -o %t 2>&1 | FileCheck %s
// RUN: %expect_exit 1 %tangle_cc -static-pie %t.o -o %t 2>&1 | FileCheck %s --check-prefix=PIE
// CHECK: tangle-cc: error: '-static' is not supported
// PIE: tangle-cc: error: '-static-pie' is not supported
int main(void) { return 0; }
