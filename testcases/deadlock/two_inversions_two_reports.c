// Two independent inversions, (lock_a, lock_b) and (lock_c, lock_d): main
// takes each pair in one order, the worker later (relaxed step barrier) in
// the other.  Two cycles are two risks: two reports, in the order the
// worker closes them, each naming only its own pair of locks.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
// TSAN-COUNT-2: WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER, lock_b = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_c = PTHREAD_MUTEX_INITIALIZER, lock_d = PTHREAD_MUTEX_INITIALIZER;
static void lock_pair(pthread_mutex_t *first, pthread_mutex_t *second) {
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: lock_b => lock_a => lock_b
  // TANGLE:        Mutex lock_a acquired here while holding mutex lock_b in thread T1:
  // TANGLE:          #1 lock_pair {{.*}}two_inversions_two_reports.c:[[#SECOND:@LINE+2]]:
  pthread_mutex_lock(first);
  pthread_mutex_lock(second);
  pthread_mutex_unlock(second); pthread_mutex_unlock(first);
}

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE-NEXT:     #2 worker {{.*}}two_inversions_two_reports.c:[[#WORKER_BA:@LINE+21]]:
  // TANGLE:        Mutex lock_b previously acquired by the same thread here:
  // TANGLE:          #1 lock_pair {{.*}}two_inversions_two_reports.c:[[#SECOND-1]]:
  // TANGLE:        Mutex lock_b acquired here while holding mutex lock_a in main thread:
  // TANGLE:          #1 lock_pair {{.*}}two_inversions_two_reports.c:[[#SECOND]]:
  // TANGLE-NEXT:     #2 main {{.*}}two_inversions_two_reports.c:[[#MAIN_AB:@LINE+23]]:
  // TANGLE:        Mutex lock_a previously acquired by the same thread here:
  // TANGLE:          #1 lock_pair {{.*}}two_inversions_two_reports.c:[[#SECOND-1]]:
  // CHECK:         Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: lock_d => lock_c => lock_d
  // TANGLE:        Mutex lock_c acquired here while holding mutex lock_d in thread T1:
  // TANGLE:          #1 lock_pair {{.*}}two_inversions_two_reports.c:[[#SECOND]]:
  // TANGLE-NEXT:     #2 worker {{.*}}two_inversions_two_reports.c:[[#WORKER_BA+1]]:
  // TANGLE:        Mutex lock_d previously acquired by the same thread here:
  // TANGLE:          #1 lock_pair {{.*}}two_inversions_two_reports.c:[[#SECOND-1]]:
  // TANGLE:        Mutex lock_d acquired here while holding mutex lock_c in main thread:
  // TANGLE:          #1 lock_pair {{.*}}two_inversions_two_reports.c:[[#SECOND]]:
  // TANGLE-NEXT:     #2 main {{.*}}two_inversions_two_reports.c:[[#MAIN_AB+1]]:
  // TANGLE:        Mutex lock_c previously acquired by the same thread here:
  // TANGLE:          #1 lock_pair {{.*}}two_inversions_two_reports.c:[[#SECOND-1]]:
  lock_pair(&lock_b, &lock_a);
  lock_pair(&lock_d, &lock_c);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  lock_pair(&lock_a, &lock_b);
  lock_pair(&lock_c, &lock_d);
  test_step_set(1);
  test_join(t);
  return 0;
}
// TANGLE:      Tangle: reported 2 report(s)
// TSAN:        ThreadSanitizer: reported 2 warnings
