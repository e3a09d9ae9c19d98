// Heap data handed to a worker through a mailbox library that is not
// instrumented and does no synchronization (it passes the pointer with
// relaxed atomics).  The library's own accesses are invisible, but the
// program's are not: main's write of the request and the worker's read of
// it race.  Sibling: norace/queue_lib_handoff.c (a locking queue library).
//
// RUN: %clang -O1 -fPIC -shared %S/Inputs/mailbox.c -o %t.mailbox.so
// RUN: %tangle_cc -O1 %s %t.mailbox.so -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s %t.mailbox.so -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include "Inputs/mailbox.h"

struct request {
  int id;
  int size;
};

static void *worker(void *arg) {
  struct request *req = mailbox_take();
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}mailbox_without_sync.c:[[#CUR:@LINE+1]]
  int size = req->size;
  return (void *)(long)size;
}

int main(void) {
  struct request *req = malloc(sizeof *req);
  req->id = 1;
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}mailbox_without_sync.c:[[#@LINE+1]]
  req->size = 512;
  mailbox_put(req);
  printf("size = %ld\n", (long)test_join(t));
  free(req);
  return 0;
}
// CHECK:        Location is heap block of size 8 at {{0x[0-9a-f]+}} allocated by main thread:
// TANGLE:       SUMMARY: Tangle: data race {{.*}}mailbox_without_sync.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}mailbox_without_sync.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
