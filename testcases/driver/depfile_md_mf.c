// Dependency files come out as the build system asked: -MD -MT -MF (CMake,
// meson) and -MMD (hand-written Makefiles) while compiling, -M alone instead
// of compiling.  Tangle's -I for its public header takes part like any -I.
//
// RUN: rm -f %t.d %t.o %t.mmd.d %t.mmd.o
// RUN: %tangle_cc -MD -MT %t.o -MF %t.d -c %s -o %t.o
// RUN: FileCheck %s --check-prefix=MD --input-file=%t.d
// MD: .o:
// MD: depfile_md_mf.c
// MD: {{.*}}include/tangle/annotations.h
// MD: {{.*}}test.h
// MD: stdio.h
// RUN: test -s %t.o
// RUN: %tangle_cc -MMD -c %s -o %t.mmd.o
// RUN: FileCheck %s --check-prefix=MMD --input-file=%t.mmd.d --implicit-check-not=stdio.h
// MMD: .mmd.o:
// MMD: depfile_md_mf.c
// MMD: {{.*}}include/tangle/annotations.h
// MMD: {{.*}}test.h
// RUN: %tangle_cc --tangle-verbose -M %s 2>&1 | FileCheck %s --check-prefix=M
// M-NOT: -Wl,--whole-archive
// M: depfile_md_mf.o:
// M: depfile_md_mf.c
#include <tangle/annotations.h>

#include "../test.h"

int main(void) {
  printf("hello\n");
  return 0;
}
