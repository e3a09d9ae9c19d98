// One thread takes lock_a then lock_b, and later lock_b then lock_a; no
// other thread ever touches these locks.  A thread cannot deadlock with
// itself this way (it holds nothing when it switches orders), so the
// cycle's edges coming from one thread means no report.  The worker exists
// only to make the program multi-threaded.  ThreadSanitizer reports a
// lock-order inversion here (a false positive), so no TSan run.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
int a_then_b, b_then_a;

static void *worker(void *arg) {
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  a_then_b++;
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);

  pthread_mutex_lock(&lock_b);
  pthread_mutex_lock(&lock_a);
  b_then_a++;
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  test_join(t);
  printf("a_then_b = %d, b_then_a = %d\n", a_then_b, b_then_a);
  return 0;
}
// CHECK: a_then_b = 1, b_then_a = 1
