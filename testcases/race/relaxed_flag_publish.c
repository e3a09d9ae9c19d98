// Message passing through a flag with *relaxed* atomics: the worker sees
// the flag set, but a relaxed store/load pair creates no happens-before, so
// its read of the payload races with main's write of it.  (The flag itself
// is atomic and does not race.)  Sibling: norace/release_acquire_publish.c.
//
// RUN: %tangle_cc -O2 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

struct message {
  int kind;
  int payload;
} msg;
atomic_int published;

static void *worker(void *arg) {
  while (!atomic_load_explicit(&published, memory_order_relaxed))
    sched_yield();
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}relaxed_flag_publish.c:[[#CUR:@LINE+1]]
  return (void *)(long)msg.payload;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}relaxed_flag_publish.c:[[#@LINE+1]]
  msg.payload = 1234;
  atomic_store_explicit(&published, 1, memory_order_relaxed);
  printf("payload = %ld\n", (long)test_join(t));
  return 0;
}
// CHECK:        Location is global 'msg' of size 8 at {{0x[0-9a-f]+}}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}relaxed_flag_publish.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}relaxed_flag_publish.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
