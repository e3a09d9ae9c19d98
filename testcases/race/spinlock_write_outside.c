// The worker updates a counter under a pthread spinlock; main updates it
// without taking the spinlock.  Sibling: norace/spinlock_counter.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

pthread_spinlock_t spin;
int packets;

static void *worker(void *arg) {
  test_step_wait(1);
  pthread_spin_lock(&spin);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 worker {{.*}}spinlock_write_outside.c:[[#CUR:@LINE+1]]
  packets = 20;
  pthread_spin_unlock(&spin);
  return NULL;
}

int main(void) {
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 main {{.*}}spinlock_write_outside.c:[[#@LINE+1]]
  packets = 10;
  test_step_set(1);
  test_join(t);
  printf("packets = %d\n", packets);
  pthread_spin_destroy(&spin);
  return 0;
}
// CHECK:        Location is global 'packets' of size 4 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}spinlock_write_outside.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}spinlock_write_outside.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
