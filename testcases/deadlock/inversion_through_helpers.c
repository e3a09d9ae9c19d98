// The inversion is three calls deep: transfer() -> lock_both() ->
// lock_account() -> pthread_mutex_lock.  main transfers checking -> savings,
// the worker later (relaxed step barrier) savings -> checking.  Each edge
// shows both acquisition stacks in full, down to the callers' lines.
//
// RUN: %tangle_cc -O0 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O0 %s -o %t.tsan && env TSAN_OPTIONS="$TSAN_OPTIONS:second_deadlock_stack=1" %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
// TSAN:      WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TSAN-NEXT:   Cycle in lock order graph: {{(M[0-9]+ \(0x[0-9a-f]+\) => ){2}M[0-9]+$}}
#include "../test.h"

pthread_mutex_t checking_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t savings_lock = PTHREAD_MUTEX_INITIALIZER;

static void lock_account(pthread_mutex_t *m) {
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: savings_lock => checking_lock => savings_lock
  // TANGLE:        Mutex checking_lock acquired here while holding mutex savings_lock in thread T1:
  // TANGLE:          #1 lock_account {{.*}}inversion_through_helpers.c:[[#ACC:@LINE+1]]:
  pthread_mutex_lock(m);
}
static void lock_both(pthread_mutex_t *first, pthread_mutex_t *second) {
  // TANGLE-NEXT:     #2 lock_both {{.*}}inversion_through_helpers.c:[[#SECOND:@LINE+2]]:
  lock_account(first);  // TSAN-DAG: #2 lock_both {{.*}}inversion_through_helpers.c:[[#@LINE]]:
  lock_account(second); // TSAN-DAG: #2 lock_both {{.*}}inversion_through_helpers.c:[[#@LINE]]:
}
static void transfer(pthread_mutex_t *from, pthread_mutex_t *to) {
  // TANGLE-NEXT:     #3 transfer {{.*}}inversion_through_helpers.c:[[#TRANSFER:@LINE+1]]:
  lock_both(from, to);
  pthread_mutex_unlock(to); pthread_mutex_unlock(from);
}
static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE-NEXT:     #4 worker {{.*}}inversion_through_helpers.c:[[#WORKER:@LINE+5]]:
  // TANGLE:        Mutex savings_lock previously acquired by the same thread here:
  // TANGLE:          #1 lock_account {{.*}}inversion_through_helpers.c:[[#ACC]]:
  // TANGLE-NEXT:     #2 lock_both {{.*}}inversion_through_helpers.c:[[#SECOND-1]]:
  // TANGLE:          #4 worker {{.*}}inversion_through_helpers.c:[[#WORKER]]:
  transfer(&savings_lock, &checking_lock); // TSAN-DAG: #4 worker {{.*}}inversion_through_helpers.c:[[#@LINE]]:
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // TANGLE:        Mutex savings_lock acquired here while holding mutex checking_lock in main thread:
  // TANGLE:          #2 lock_both {{.*}}inversion_through_helpers.c:[[#SECOND]]:
  // TANGLE:          #4 main {{.*}}inversion_through_helpers.c:[[#MAIN:@LINE+4]]:
  // TANGLE:        Mutex checking_lock previously acquired by the same thread here:
  // TANGLE:          #2 lock_both {{.*}}inversion_through_helpers.c:[[#SECOND-1]]:
  // TANGLE:          #4 main {{.*}}inversion_through_helpers.c:[[#MAIN]]:
  transfer(&checking_lock, &savings_lock); // TSAN-DAG: #4 main {{.*}}inversion_through_helpers.c:[[#@LINE]]:
  test_step_set(1);
  test_join(t);
  return 0;
}
// CHECK:         Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:      SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}inversion_through_helpers.c:[[#ACC]]:{{[0-9]+}} in lock_account
// TSAN:        SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TANGLE:      Tangle: reported 1 report(s)
// TSAN:        ThreadSanitizer: reported 1 warnings
