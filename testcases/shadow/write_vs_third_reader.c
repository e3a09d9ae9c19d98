// Three threads read a global concurrently: the first two fill the read
// set's first pair and the third reader goes into a second, chained pair.
// Main joins T1 and T2 and writes: the write races with T3's read only,
// which the read set must still hold past its first pair.  Sibling:
// write_after_three_joined_readers.c (every reader joined).
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int limit = 10;
static void *reader(void *arg);

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_t t[3];
  for (long i = 0; i < 3; i++) {
    t[i] = test_spawn(reader, (void *)i);
    test_step_wait((int)i + 1);
  }
  long s0 = (long)test_join(t[0]), s1 = (long)test_join(t[1]);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}write_vs_third_reader.c:[[#CUR:@LINE+1]]
  limit = 20;
  test_step_set(4);
  long s2 = (long)test_join(t[2]);
  printf("readers saw %ld %ld %ld, limit = %d\n", s0, s1, s2, limit);
  return 0;
}

static void *reader(void *arg) {
  long i = (long)arg;
  // CHECK:        Previous read of size 4 at [[ADDR]] by thread T3:
  // CHECK-NEXT:     #0 reader {{.*}}write_vs_third_reader.c:[[#@LINE+1]]
  int seen = limit;
  test_step_set((int)i + 1);
  if (i == 2) test_step_wait(4);
  return (void *)(long)seen;
}
// CHECK:        Location is global 'limit' of size 4 at [[ADDR]]
// CHECK-NOT:    Thread T1
// CHECK-NOT:    Thread T2
// CHECK:        Thread T3 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:       SUMMARY: Tangle: data race {{.*}}write_vs_third_reader.c:[[#CUR]]:{{[0-9]+}} in main
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}write_vs_third_reader.c:[[#CUR]]:{{[0-9]+}} in main
// CHECK:        readers saw 10 10 10, limit = 20
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
