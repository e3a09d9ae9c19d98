// T1 locks lock_a then lock_b and is joined; T2, created next, takes its
// tid and does the same, while T3 (created after T1's join, so ordered
// after T1 but not after T2) takes them in the other order.  The inversion
// is T2's against T3's: T1's instance of the edge cannot deadlock with T3,
// and T2's must not be taken for T1's because they share a tid.  The
// report names T2.  TSan reports the inversion too, whatever the ordering.
//
// RUN: %tangle_cc -O0 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O0 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
int total;

static void *a_then_b(void *arg) {
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  total++;
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  if (arg != NULL) test_step_set(1);
  return NULL;
}

static void *b_then_a(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TSAN:        WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
  // TANGLE:        Mutex lock_a acquired here while holding mutex lock_b in thread T3:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 b_then_a {{.*}}tid_reuse_lock_order.c:[[#@LINE+2]]
  pthread_mutex_lock(&lock_b);
  pthread_mutex_lock(&lock_a);
  total++;
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  return arg;
}

int main(void) {
  test_join(test_spawn(a_then_b, NULL));
  pthread_t t2 = test_spawn(a_then_b, (void *)1);
  pthread_t t3 = test_spawn(b_then_a, NULL);
  test_join(t2);
  test_join(t3);
  printf("total %d\n", total);
  return 0;
}
// TANGLE:        Mutex lock_b acquired here while holding mutex lock_a in thread T2:
// TANGLE:        Thread T3 (tid={{[0-9]+}}, {{running|finished}}) created by main thread at:
// TANGLE:        Thread T2 (tid={{[0-9]+}}, {{running|finished}}) created by main thread at:
// TSAN:        ThreadSanitizer: reported 1 warnings
// CHECK:       total 3
// TANGLE:      Tangle: reported 1 report(s)
