// main reads a result the worker writes, but before joining it: only
// pthread_join orders the child's writes before main, so this is a
// write-read race.  The worker writes first, main reads second, so main's
// read is the current access.  Sibling: norace/global_read_after_join.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

long result;
static void *worker(void *arg);

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 8 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}global_read_before_join.c:[[#CUR:@LINE+1]]
  long r = result;
  test_step_set(2);
  test_join(t);
  printf("result = %ld\n", r);
  return 0;
}

static void *worker(void *arg) {
  // CHECK:        Previous write of size 8 at [[ADDR]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}global_read_before_join.c:[[#@LINE+1]]
  result = 42;
  test_step_set(1);
  test_step_wait(2);
  return NULL;
}
// CHECK:        Location is global 'result' of size 8 at [[ADDR]]
// CHECK:        Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:       SUMMARY: Tangle: data race {{.*}}global_read_before_join.c:[[#CUR]]:{{[0-9]+}} in main
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}global_read_before_join.c:[[#CUR]]:{{[0-9]+}} in main
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
