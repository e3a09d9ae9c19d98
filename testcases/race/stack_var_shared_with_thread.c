// main passes the address of one of its locals to a worker, and both write
// it unsynchronized.  The location is main's stack, not a global or heap
// block.  Sibling: norace/stack_var_after_join.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

static void *worker(void *arg) {
  int *progress = arg;
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}stack_var_shared_with_thread.c:[[#CUR:@LINE+1]]
  *progress = 100;
  return NULL;
}

int main(void) {
  int progress = 0;
  pthread_t t = test_spawn(worker, &progress);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}stack_var_shared_with_thread.c:[[#@LINE+1]]
  progress = 50;
  test_step_set(1);
  test_join(t);
  printf("progress = %d\n", progress);
  return 0;
}
// CHECK:        Location is stack of main thread.
// TANGLE:       SUMMARY: Tangle: data race {{.*}}stack_var_shared_with_thread.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}stack_var_shared_with_thread.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
