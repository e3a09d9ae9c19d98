// Reports need file:line, so tangle-cc adds line tables the build did not ask
// for: -g when no option sets a debug level (modifiers such as -gz do not),
// and -gline-tables-only, the least that has file:line, after an explicit
// -g0.  A level the build chose itself is left alone.
//
// RUN: %tangle_cc -O1 -c %s -o %t.o
// RUN: llvm-dwarfdump --debug-line %t.o | FileCheck %s --check-prefix=LINES
// RUN: %tangle_cc -O1 -g0 -c %s -o %t.g0.o
// RUN: llvm-dwarfdump --debug-line %t.g0.o | FileCheck %s --check-prefix=LINES
// LINES: name: "{{.*}}debug_info_added.c"
// LINES: end_sequence
// RUN: llvm-dwarfdump --debug-info %t.g0.o | FileCheck %s --check-prefix=LINES_ONLY --implicit-check-not=DW_TAG_variable
// LINES_ONLY: DW_TAG_compile_unit
//
// RUN: %tangle_cc --tangle-verbose -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=ADD_G
// RUN: %tangle_cc --tangle-verbose -gz -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=ADD_G
// ADD_G: -fpass-plugin={{.*}} -g{{$}}
// RUN: %tangle_cc --tangle-verbose -g0 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=G0
// RUN: %tangle_cc --tangle-verbose -g -g0 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=G0
// G0: -g0 {{.*}} -gline-tables-only{{$}}
// RUN: %tangle_cc --tangle-verbose -g3 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=USER
// RUN: %tangle_cc --tangle-verbose -g0 -gline-tables-only -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=USER
// RUN: %tangle_cc --tangle-verbose -gdwarf-4 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=USER
// USER: -fpass-plugin={{[^ ]*}} -I{{[^ ]*}}{{$}}
#include <stdio.h>

int main(void) {
  int answer = 42;
  printf("%d\n", answer);
  return 0;
}
