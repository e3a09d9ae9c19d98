// Two readers read a global concurrently (a read-shared location); main
// joins only the second reader and then writes.  The write is ordered after
// T2's read but not after T1's, so it races with T1's read, and only with
// it: the read-shared state must remember every reader.  Sibling:
// norace/write_after_joining_readers.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int limit = 10;
static void *reader(void *arg);

int main(void) {
  pthread_t t1 = test_spawn(reader, (void *)1L);
  test_step_wait(1);
  pthread_t t2 = test_spawn(reader, (void *)2L);
  test_join(t2);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}write_after_two_readers.c:[[#CUR:@LINE+1]]
  limit = 20;
  test_step_set(3);
  test_join(t1);
  printf("limit = %d\n", limit);
  return 0;
}

static void *reader(void *arg) {
  // CHECK:        Previous read of size 4 at [[ADDR]] by thread T1:
  // CHECK-NEXT:     #0 reader {{.*}}write_after_two_readers.c:[[#@LINE+1]]
  int seen = limit;
  if ((long)arg == 1) {
    test_step_set(1);
    test_step_wait(3);
  }
  return (void *)(long)seen;
}
// CHECK:        Location is global 'limit' of size 4 at [[ADDR]]
// CHECK:        Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// CHECK-NOT:    Thread T2
// TANGLE:       SUMMARY: Tangle: data race {{.*}}write_after_two_readers.c:[[#CUR]]:{{[0-9]+}} in main
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}write_after_two_readers.c:[[#CUR]]:{{[0-9]+}} in main
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
