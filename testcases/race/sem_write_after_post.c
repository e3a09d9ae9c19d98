// A semaphore orders what the poster did *before* sem_post before what the
// waiter does after sem_wait.  The worker writes the shared result after
// posting, so the write races with main's read after its wait.  Sibling:
// norace/sem_post_wait_handoff.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <semaphore.h>
#include "../test.h"

sem_t done;
int result;

static void *worker(void *arg) {
  sem_post(&done);
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}sem_write_after_post.c:[[#CUR:@LINE+1]]
  result = 42;
  return NULL;
}

int main(void) {
  sem_init(&done, 0, 0);
  pthread_t t = test_spawn(worker, NULL);
  sem_wait(&done);
  // CHECK:        Previous read of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}sem_write_after_post.c:[[#@LINE+1]]
  int seen = result;
  test_step_set(1);
  test_join(t);
  printf("seen %d\n", seen);
  return 0;
}
// CHECK:        Location is global 'result' of size 4 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}sem_write_after_post.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}sem_write_after_post.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
