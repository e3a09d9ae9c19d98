// Two worker threads, neither of them main, write the same global: the
// report names both threads (T2 current, T1 previous) and says where each
// was created.  Sibling: norace/two_workers_joined_in_turn.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

const char *owner;

static void *second(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 8 at [[ADDR:0x[0-9a-f]+]] by thread T2:
  // CHECK-NEXT:     #0 second {{.*}}two_workers_same_global.c:[[#CUR:@LINE+1]]
  owner = "second";
  return NULL;
}

static void *first(void *arg) {
  // CHECK:        Previous write of size 8 at [[ADDR]] by thread T1:
  // CHECK-NEXT:     #0 first {{.*}}two_workers_same_global.c:[[#@LINE+1]]
  owner = "first";
  test_step_set(1);
  test_step_wait(2);
  return NULL;
}

int main(void) {
  pthread_t t1 = test_spawn(first, NULL);
  pthread_t t2 = test_spawn(second, NULL);
  test_join(t2);
  test_step_set(2);
  test_join(t1);
  printf("owner = %s\n", owner);
  return 0;
}
// CHECK:        Location is global 'owner' of size 8 at [[ADDR]]
// CHECK-DAG:    Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// CHECK-DAG:    Thread T2 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:       SUMMARY: Tangle: data race {{.*}}two_workers_same_global.c:[[#CUR]]:{{[0-9]+}} in second
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}two_workers_same_global.c:[[#CUR]]:{{[0-9]+}} in second
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
