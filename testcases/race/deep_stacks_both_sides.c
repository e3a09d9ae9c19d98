// The racing writes sit three calls deep on both sides, so the report must
// carry full stacks for the current access (unwound now) and for the
// previous one (recorded when it happened): four frames each, with the
// file:line of every call site.  Sibling: norace/deep_stacks_with_barrier.c.
//
// RUN: %tangle_cc -O0 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O0 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

double balance;

static void store_balance(double v) {
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 8 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 store_balance {{.*}}deep_stacks_both_sides.c:[[#STORE:@LINE+1]]
  balance = v;
}
static void apply_interest(double rate) {
  // CHECK-NEXT:     #1 apply_interest {{.*}}deep_stacks_both_sides.c:[[#APPLY:@LINE+1]]
  store_balance(100.0 * rate);
}
static void month_end(double rate) {
  // CHECK-NEXT:     #2 month_end {{.*}}deep_stacks_both_sides.c:[[#MONTH:@LINE+1]]
  apply_interest(rate);
}
static void *worker(void *arg) {
  test_step_wait(1);
  // CHECK-NEXT:     #3 worker {{.*}}deep_stacks_both_sides.c:[[#@LINE+1]]
  month_end(1.05);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 8 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 store_balance {{.*}}deep_stacks_both_sides.c:[[#STORE]]
  // CHECK-NEXT:     #1 apply_interest {{.*}}deep_stacks_both_sides.c:[[#APPLY]]
  // CHECK-NEXT:     #2 month_end {{.*}}deep_stacks_both_sides.c:[[#MONTH]]
  // CHECK-NEXT:     #3 main {{.*}}deep_stacks_both_sides.c:[[#@LINE+1]]
  month_end(1.01);
  test_step_set(1);
  test_join(t);
  printf("balance = %.1f\n", balance);
  return 0;
}
// CHECK:        Location is global 'balance' of size 8 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}deep_stacks_both_sides.c:[[#STORE]]:{{[0-9]+}} in store_balance
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}deep_stacks_both_sides.c:[[#STORE]]:{{[0-9]+}} in store_balance
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
