// A detached thread can never be joined, so nothing it does is ordered with
// main unless they synchronize explicitly.  Here they do not: main and the
// detached worker both write the same global.  Sibling:
// norace/detached_thread_sem.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int status_code;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}detached_thread_vs_main.c:[[#CUR:@LINE+1]]
  status_code = 2;
  test_step_set(2);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_detach(t);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}detached_thread_vs_main.c:[[#@LINE+1]]
  status_code = 1;
  test_step_set(1);
  test_step_wait(2);
  printf("done\n");
  return 0;
}
// CHECK:        Location is global 'status_code' of size 4 at [[ADDR]]
// CHECK:        Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:       SUMMARY: Tangle: data race {{.*}}detached_thread_vs_main.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}detached_thread_vs_main.c:[[#CUR]]:{{[0-9]+}} in worker
