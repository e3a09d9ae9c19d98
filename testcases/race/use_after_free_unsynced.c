// A worker reads a heap block after main freed it, with nothing ordering
// the free before the read: the read races with free()'s write of the
// block, and the previous access's stack starts with the free frame.
// ThreadSanitizer calls this kind heap-use-after-free; Tangle reports it as
// a data race (its only race kind).  Sibling: norace/free_after_handoff.c.
//
// RUN: %tangle_cc -O0 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O0 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

struct session {
  int id;
  int refs;
};

static void *worker(void *arg) {
  struct session *s = arg;
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: heap-use-after-free
  // CHECK-NEXT:   Read of size 4 at {{0x[0-9a-f]+}} by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}use_after_free_unsynced.c:[[#CUR:@LINE+1]]
  int refs = s->refs;
  return (void *)(long)refs;
}

int main(void) {
  struct session *s = malloc(sizeof *s);
  s->id = 7;
  s->refs = 1;
  pthread_t t = test_spawn(worker, s);
  // CHECK:        Previous write of size {{[0-9]+}} at {{0x[0-9a-f]+}} by main thread:
  // CHECK-NEXT:     #0 free
  // CHECK-NEXT:     #1 main {{.*}}use_after_free_unsynced.c:[[#@LINE+1]]
  free(s);
  test_step_set(1);
  test_join(t);
  return 0;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}use_after_free_unsynced.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: heap-use-after-free {{.*}}use_after_free_unsynced.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
