// Two threads write the same global int with no synchronization: the basic
// write-write race on a global.  main writes first, the worker second (the
// step barrier fixes the order), so the worker's write is the current access
// and main's the previous one.  Sibling: norace/global_under_mutex.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int counter;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}global_write_write.c:[[#CUR:@LINE+1]]
  counter = 2;
  return NULL;
}

int main(void) {
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}global_write_write.c:[[#@LINE+2]]
  pthread_t t = test_spawn(worker, NULL);
  counter = 1;
  test_step_set(1);
  test_join(t);
  printf("counter = %d\n", counter);
  return 0;
}
// CHECK:        Location is global 'counter' of size 4 at [[ADDR]]
// CHECK:        Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// CHECK-NEXT:     #0 pthread_create
// CHECK-NEXT:     #1 test_spawn {{.*}}test.h
// CHECK-NEXT:     #2 main {{.*}}global_write_write.c:[[#@LINE-11]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}global_write_write.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}global_write_write.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
