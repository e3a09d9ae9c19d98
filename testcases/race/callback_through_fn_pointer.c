// The racy write happens in a callback the worker calls through a function
// pointer stored in a job struct; main writes the same total directly.  The
// current stack must show the callback and, below it, the worker's call
// site.  Sibling: norace/callback_under_mutex.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

struct job {
  void (*run)(int amount);
  int amount;
};

int total;

__attribute__((noinline)) static void add_to_total(int amount) {
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 add_to_total {{.*}}callback_through_fn_pointer.c:[[#CUR:@LINE+1]]
  total = amount;
}

static void *worker(void *arg) {
  struct job *job = arg;
  test_step_wait(1);
  // CHECK-NEXT:     #1 worker {{.*}}callback_through_fn_pointer.c:[[#@LINE+1]]
  job->run(job->amount);
  return NULL;
}

int main(void) {
  static struct job job = {add_to_total, 5};
  pthread_t t = test_spawn(worker, &job);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}callback_through_fn_pointer.c:[[#@LINE+1]]
  total = 1;
  test_step_set(1);
  test_join(t);
  printf("total = %d\n", total);
  return 0;
}
// CHECK:        Location is global 'total' of size 4 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}callback_through_fn_pointer.c:[[#CUR]]:{{[0-9]+}} in add_to_total
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}callback_through_fn_pointer.c:[[#CUR]]:{{[0-9]+}} in add_to_total
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
