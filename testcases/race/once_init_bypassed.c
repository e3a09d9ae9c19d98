// The worker initializes the configuration through pthread_once; main reads
// it without calling pthread_once itself, so nothing orders the
// initializer's write before main's read.  The previous access happened
// inside the once-initializer, called from the worker through libc.
// Sibling: norace/once_init.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

pthread_once_t once = PTHREAD_ONCE_INIT;
int max_connections;
static void *worker(void *arg);

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}once_init_bypassed.c:[[#CUR:@LINE+1]]
  int n = max_connections;
  test_join(t);
  printf("max_connections = %d\n", n);
  return 0;
}

static void init_config(void) {
  // CHECK:        Previous write of size 4 at [[ADDR]] by thread T1:
  // CHECK-NEXT:     #0 init_config {{.*}}once_init_bypassed.c:[[#@LINE+1]]
  max_connections = 64;
}

static void *worker(void *arg) {
  // CHECK:          worker {{.*}}once_init_bypassed.c:[[#@LINE+1]]
  pthread_once(&once, init_config);
  test_step_set(1);
  return NULL;
}
// CHECK:        Location is global 'max_connections' of size 4 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}once_init_bypassed.c:[[#CUR]]:{{[0-9]+}} in main
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}once_init_bypassed.c:[[#CUR]]:{{[0-9]+}} in main
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
