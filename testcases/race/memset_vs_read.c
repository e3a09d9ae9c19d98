// main clears a shared buffer with memset while a worker reads a byte of it
// unsynchronized.  memset is checked as a range write; the worker's 1-byte
// read inside the range races with it.  Sibling: norace/memset_under_mutex.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <string.h>
#include "../test.h"

static void *worker(void *arg) {
  char *line = arg;
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 1 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}memset_vs_read.c:[[#CUR:@LINE+1]]
  return (void *)(long)line[10];
}

int main(void) {
  size_t len = 100;
  char *line = malloc(len);
  pthread_t t = test_spawn(worker, line);
  // CHECK:        Previous write of size {{[0-9]+}} at {{0x[0-9a-f]+}} by main thread:
  // TSAN-NEXT:      #0 __tsan_memset
  // CHECK-NEXT:     #[[#]] main {{.*}}memset_vs_read.c:[[#@LINE+1]]
  memset(line, 0, len);
  test_step_set(1);
  long c = (long)test_join(t);
  printf("line[10] = %ld\n", c);
  free(line);
  return 0;
}
// CHECK:        Location is heap block of size 100 at {{0x[0-9a-f]+}} allocated by main thread:
// TANGLE:       SUMMARY: Tangle: data race {{.*}}memset_vs_read.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}memset_vs_read.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
