// AddressSanitizer, MemorySanitizer, HWAddressSanitizer and LeakSanitizer
// have runtimes that replace malloc (and more), as Tangle's does: each is an
// error naming the flag, exit status 1, in any -fsanitize list.
//
// RUN: %expect_exit 1 %tangle_cc -fsanitize=address -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=ASAN
// ASAN: tangle-cc: error: '-fsanitize=address' cannot be used with Tangle: the address sanitizer
// RUN: %expect_exit 1 %tangle_cc -fsanitize=memory -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=MSAN
// MSAN: tangle-cc: error: '-fsanitize=memory' cannot be used with Tangle
// RUN: %expect_exit 1 %tangle_cc -fsanitize=hwaddress -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=HWASAN
// HWASAN: tangle-cc: error: '-fsanitize=hwaddress' cannot be used with Tangle
// RUN: %expect_exit 1 %tangle_cc -fsanitize=leak -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=LSAN
// LSAN: tangle-cc: error: '-fsanitize=leak' cannot be used with Tangle
// RUN: %expect_exit 1 %tangle_cc -fsanitize=undefined -fsanitize=integer,address %s -o %t 2>&1 | FileCheck %s --check-prefix=LATE
// LATE: tangle-cc: error: '-fsanitize=integer,address' cannot be used with Tangle
// RUN: %expect_exit 1 %tangle_cc -fsanitize=address -fno-sanitize=undefined -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=ASAN
int main(void) { return 0; }
