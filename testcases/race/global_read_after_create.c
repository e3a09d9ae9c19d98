// main writes a global after creating the thread that reads it: the write is
// not ordered before the read (pthread_create only orders what main did
// before it), so this is a read-write race.  main writes first, the worker
// reads second.  Sibling: norace/global_write_before_create.c.
//
// RUN: %tangle_cc -O0 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O0 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int config_value;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}global_read_after_create.c:[[#CUR:@LINE+1]]
  int v = config_value;
  printf("worker saw %d\n", v);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}global_read_after_create.c:[[#@LINE+1]]
  config_value = 7;
  test_step_set(1);
  pthread_join(t, NULL);
  return 0;
}
// CHECK:        Location is global 'config_value' of size 4 at [[ADDR]]
// CHECK:        Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// CHECK-NEXT:     #0 pthread_create
// CHECK-NEXT:     #1 main {{.*}}global_read_after_create.c:[[#@LINE-11]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}global_read_after_create.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}global_read_after_create.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
