// Thread ids are reused: T1 is joined, so T3, the next thread main creates,
// takes its tid and continues that tid's clock.  T2 heard of T1 (it locked
// the mutex T1 released) but never of T3 or of T1's last write, so both of
// its unsynchronized reads race: with T3's write (T2 knowing an old epoch
// of the tid must not order it), and with T1's write, whose report names T1,
// finished, not T3.  Sibling: tid_reuse_ordered.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
#include "../test.h"

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int early, shared, later;

static void *first(void *arg) {
  pthread_mutex_lock(&m);
  early = 1;
  pthread_mutex_unlock(&m);
  shared = 1;
  test_step_set(1);
  return arg;
}

static void *reader(void *arg) {
  test_step_wait(1);
  pthread_mutex_lock(&m);
  int sum = early;
  pthread_mutex_unlock(&m);
  test_step_wait(2);
  // CHECK:      WARNING: {{Tangle|ThreadSanitizer}}: data race
  // CHECK-NEXT:   Read of size 4 at {{0x[0-9a-f]+}} by thread T2:
  // CHECK-NEXT:     #0 reader {{.*}}tid_reuse_names_the_old_thread.c:[[#@LINE+1]]
  sum += later;
  // CHECK:        Previous write of size 4 at {{0x[0-9a-f]+}} by thread T3:
  // CHECK:        Thread T3 (tid={{[0-9]+}}, {{running|finished}}) created by main thread at:
  // CHECK:      WARNING: {{Tangle|ThreadSanitizer}}: data race
  // CHECK-NEXT:   Read of size 4 at {{0x[0-9a-f]+}} by thread T2:
  // CHECK-NEXT:     #0 reader {{.*}}tid_reuse_names_the_old_thread.c:[[#@LINE+1]]
  sum += shared;
  // CHECK:        Previous write of size 4 at {{0x[0-9a-f]+}} by thread T1:
  // CHECK-NEXT:     #0 first {{.*}}tid_reuse_names_the_old_thread.c:[[#@LINE-22]]
  // CHECK:        Thread T1 (tid={{[0-9]+}}, finished) created by main thread at:
  printf("sum %d\n", sum);
  return arg;
}

static void *second(void *arg) {
  later = 2;
  test_step_set(2);
  return arg;
}

int main(void) {
  pthread_t t1 = test_spawn(first, NULL);
  pthread_t t2 = test_spawn(reader, NULL);
  test_join(t1);
  pthread_t t3 = test_spawn(second, NULL);
  test_join(t3);
  test_join(t2);
  return 0;
}
// TSAN: ThreadSanitizer: reported 2 warnings
// CHECK: sum 4
// TANGLE: Tangle: reported 2 report(s)
