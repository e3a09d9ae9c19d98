// TANGLE_IGNORE_BEGIN/END around the reader's racy read of `a`: not checked,
// not reported.  The read of `b` after TANGLE_IGNORE_END is checked again
// and its race is reported.  ThreadSanitizer (macros compiled out) reports
// both.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 -I%S/../../runtime/include %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include <tangle/annotations.h>

_Alignas(64) int a; // a line each: TSan reports one race per 8 bytes
_Alignas(64) int b;

static void *reader(void *arg) {
  test_step_wait(1);
  TANGLE_IGNORE_BEGIN();
  int x = a;
  TANGLE_IGNORE_END();
  // TANGLE:       WARNING: Tangle: data race
  // TSAN:         WARNING: ThreadSanitizer: data race
  // CHECK:          #0 reader {{.*}}ignore_begin_end.c:[[#@LINE+1]]
  int y = b;
  return (void *)(long)(x * 10 + y);
}

int main(void) {
  pthread_t t = test_spawn(reader, NULL);
  a = 1;
  // CHECK:        Previous write of size 4 at {{.*}} by main thread:
  // CHECK-NEXT:     #0 main {{.*}}ignore_begin_end.c:[[#@LINE+1]]
  b = 2;
  test_step_set(1);
  printf("got %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: got 12
