// Two threads read-lock the same two rwlocks in opposite orders: the
// worker rd_a then rd_b, main later (relaxed step barrier) rd_b then rd_a.
// The graph has a cycle, but closing it would need a reader to wait for
// another reader, and readers never block each other (nobody ever takes
// these locks for writing), so it cannot deadlock: no report.  (Readers
// do not order each other either, so happens-before is no excuse here.)
// ThreadSanitizer treats read locks like write locks and reports an
// inversion here (a false positive), so no TSan run.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
#include "../test.h"

pthread_rwlock_t rw_a = PTHREAD_RWLOCK_INITIALIZER;
pthread_rwlock_t rw_b = PTHREAD_RWLOCK_INITIALIZER;
int config_a = 1, config_b = 2;

static void *worker(void *arg) {
  pthread_rwlock_rdlock(&rw_a);
  pthread_rwlock_rdlock(&rw_b);
  long sum = config_a + config_b;
  pthread_rwlock_unlock(&rw_b);
  pthread_rwlock_unlock(&rw_a);
  test_step_set(1);
  return (void *)sum;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  pthread_rwlock_rdlock(&rw_b);
  pthread_rwlock_rdlock(&rw_a);
  long sum = config_a + config_b;
  pthread_rwlock_unlock(&rw_a);
  pthread_rwlock_unlock(&rw_b);
  long worker_sum = (long)test_join(t);
  printf("sums %ld %ld\n", sum, worker_sum);
  return 0;
}
// CHECK: sums 3 3
