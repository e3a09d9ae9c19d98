// Two threads read a global concurrently, so its granule turns read-shared
// and both reads sit in one pair of the read set: T1's in the first slot,
// T2's in the second.  T2 then reads again after a lock release (a new
// epoch), which updates its own slot on the short path.  Main joins T1 only
// and writes: the write races with T2's read, the second slot, and the
// report must show T2's latest read.  Sibling:
// norace/write_after_joining_readers.c (every reader joined).
// TSan keeps several records per granule and may name either of T2's reads,
// so its lines check only the thread.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int limit = 10;
static pthread_mutex_t own = PTHREAD_MUTEX_INITIALIZER;
static void *second(void *arg);

static void *first(void *arg) {
  (void)arg;
  int seen = limit;
  test_step_set(1);
  return (void *)(long)seen;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_t t1 = test_spawn(first, NULL);
  pthread_t t2 = test_spawn(second, NULL);
  test_step_wait(2);
  long s1 = (long)test_join(t1);
  // TANGLE:       WARNING: Tangle: data race
  // TSAN:         WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:     Write of size 4 at {{0x[0-9a-f]+}} by main thread:
  // CHECK-NEXT:       #0 main {{.*}}write_vs_second_inline_reader.c:[[#CUR:@LINE+1]]
  limit = 20;
  test_step_set(3);
  long s2 = (long)test_join(t2);
  printf("readers saw %ld and %ld, limit = %d\n", s1, s2, limit);
  return 0;
}

static void *second(void *arg) {
  (void)arg;
  test_step_wait(1);
  int seen = limit;
  pthread_mutex_lock(&own);
  pthread_mutex_unlock(&own);
  // CHECK:          Previous read of size 4 at {{0x[0-9a-f]+}} by thread T2:
  // TANGLE-NEXT:      #0 second {{.*}}write_vs_second_inline_reader.c:[[#@LINE+1]]
  seen += limit;
  test_step_set(2);
  test_step_wait(3);
  return (void *)(long)seen;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}write_vs_second_inline_reader.c:[[#CUR]]:{{[0-9]+}} in main
// CHECK:        readers saw 10 and 20, limit = 20
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
