// max_read_shared sizes the table of read sets (pairs of readers of a
// granule that threads read concurrently).  Main and a worker both read
// 32 ints, then v; then the worker writes v and, unsynchronized with main,
// counter.  With max_read_shared=8 the 9th int prints one line naming the
// limit and the option; v's second reader then finds no pair, so v keeps
// the worker's read only, and the write's race with main's read is missed;
// race detection stays on (the race on counter is reported) and the
// program carries on.  With max_read_shared=64 both races are reported.
// Not run under TSan: the table is Tangle's.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: env TANGLE_OPTIONS=max_read_shared=8 %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,SMALL --implicit-check-not=tangle: --implicit-check-not=WARNING:
// RUN: env TANGLE_OPTIONS=max_read_shared=64 %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,LARGE --implicit-check-not=tangle: --implicit-check-not=WARNING:
// SMALL: tangle: more than 8 pairs of concurrent readers; from here on some reads are not kept and a race with them can be missed (raise max_read_shared in TANGLE_OPTIONS)
#include "../test.h"

int x[32], v, counter;

__attribute__((noinline)) static long read_all(void) {
  long sum = 0;
  for (int i = 0; i < 32; i++) sum += x[i];
  return sum + v;
}

static void *worker(void *arg) {
  test_step_wait(1);
  long sum = read_all();
  // LARGE: WARNING: Tangle: data race
  // LARGE-NEXT: Write of size 4 at {{.*}} by thread T1:
  // LARGE-NEXT: #0 worker {{.*}}limit_max_read_shared.c:[[#@LINE+3]]:
  // LARGE: Previous read of size 4 at {{.*}} by main thread:
  // LARGE-NEXT: #0 read_all {{.*}}limit_max_read_shared.c:[[#@LINE-10]]:
  v = 1;
  counter = 1;
  test_step_set(2);
  return (void *)sum;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  long sum = read_all();
  test_step_set(1);
  test_step_wait(2);
  // CHECK: WARNING: Tangle: data race
  // CHECK-NEXT: Write of size 4 at {{.*}} by main thread:
  // CHECK-NEXT: #0 main {{.*}}limit_max_read_shared.c:[[#@LINE+3]]:
  // CHECK: Previous write of size 4 at {{.*}} by thread T1:
  // CHECK-NEXT: #0 worker {{.*}}limit_max_read_shared.c:[[#@LINE-14]]:
  counter = 2;
  sum += (long)test_join(t);
  printf("sum %ld, v %d, counter %d\n", sum, v, counter);
  return 0;
}
// CHECK: sum 0, v 1, counter 2
// SMALL: Tangle: reported 1 report(s)
// LARGE: Tangle: reported 2 report(s)
