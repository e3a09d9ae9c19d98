// Two threads memcpy into overlapping parts of one shared buffer: main
// copies 32 bytes to buf[0..32), then the worker copies 16 bytes to
// buf[24..40).  memcpy is checked as a range write, so the overlap races;
// the report points at the memcpy call in each function.  Sibling:
// norace/memcpy_disjoint_halves.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <string.h>
#include "../test.h"

char buf[64];
const char header[32] = "HEADER-HEADER-HEADER-HEADER-HE";
const char trailer[16] = "trailer-trailer";

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size {{[0-9]+}} at {{0x[0-9a-f]+}} by thread T1:
  // TSAN-NEXT:      #0 __tsan_memcpy
  // CHECK-NEXT:     #[[#]] worker {{.*}}memcpy_into_shared_buffer.c:[[#CUR:@LINE+1]]
  memcpy(buf + 24, trailer, sizeof trailer);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size {{[0-9]+}} at {{0x[0-9a-f]+}} by main thread:
  // TSAN-NEXT:      #0 __tsan_memcpy
  // CHECK-NEXT:     #[[#]] main {{.*}}memcpy_into_shared_buffer.c:[[#@LINE+1]]
  memcpy(buf, header, sizeof header);
  test_step_set(1);
  test_join(t);
  printf("%.40s\n", buf);
  return 0;
}
// CHECK:        Location is global 'buf' of size 64 at {{0x[0-9a-f]+}}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}memcpy_into_shared_buffer.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
