// Two bitfields that share a byte, each written by its own thread.  The C
// fields are distinct, but writing a bitfield is a read-modify-write of its
// whole storage unit, so the two writes race (C11 5.1.2.4: adjacent
// bitfields are one memory location).  main writes `ready` first, then the
// worker writes `mode`; the current access is the worker's load or store of
// the shared byte (a tool may skip the load of a read-modify-write, as TSan
// does).  Sibling: norace/adjacent_bytes.c (separate bytes do not race).
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

struct flags {
  unsigned ready : 1;
  unsigned mode : 3;
} flags;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   {{Read|Write}} of size 1 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}bitfields_same_byte.c:[[#CUR:@LINE+1]]
  flags.mode = 5;
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 1 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}bitfields_same_byte.c:[[#@LINE+1]]
  flags.ready = 1;
  test_step_set(1);
  test_join(t);
  printf("ready = %u, mode = %u\n", flags.ready, flags.mode);
  return 0;
}
// CHECK:        Location is global 'flags' of size 4 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}bitfields_same_byte.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}bitfields_same_byte.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
