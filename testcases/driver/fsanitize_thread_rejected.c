// ThreadSanitizer and Tangle cannot share a program (both shadow memory and
// intercept pthread and malloc): -fsanitize=thread is an error naming the
// flag, exit status 1, also inside a list and at a link step.  Turned off
// again by a later -fno-sanitize it is fine, and so are sanitizers without a
// runtime conflict, such as undefined.
//
// RUN: rm -f %t.o
// RUN: %expect_exit 1 %tangle_cc -fsanitize=thread -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=TSAN
// TSAN: tangle-cc: error: '-fsanitize=thread' cannot be used with Tangle
// RUN: test ! -e %t.o
// RUN: %expect_exit 1 %tangle_cc -O1 -fsanitize=undefined,thread %s -o %t 2>&1 | FileCheck %s --check-prefix=LIST
// LIST: tangle-cc: error: '-fsanitize=undefined,thread' cannot be used with Tangle
// RUN: %expect_exit 1 %tangle_cxx -fsanitize=thread -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=CXX
// CXX: tangle-c++: error: '-fsanitize=thread'
//
// RUN: %tangle_cc -fsanitize=thread -fno-sanitize=thread -c %s -o %t.o
// RUN: %tangle_cc -fsanitize=undefined -c %s -o %t.o
// RUN: test -s %t.o
int main(void) { return 0; }
