// A cycle through a recursive mutex.  main locks rec_lock twice (the second
// time recursively), drops one level and, still holding it, locks
// list_lock; the worker later (relaxed step barrier) locks list_lock, then
// rec_lock twice.  Recursion does not make the inversion safe: held by
// main, rec_lock blocks the worker all the same.  The held rec_lock dates
// from main's outer lock; the recursive relocks add no self-edge.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && env TSAN_OPTIONS="$TSAN_OPTIONS:second_deadlock_stack=1" %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
// TSAN:      WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TSAN-NEXT:   Cycle in lock order graph: {{(M[0-9]+ \(0x[0-9a-f]+\) => ){2}M[0-9]+$}}
#include "../test.h"

pthread_mutex_t rec_lock;
pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: list_lock => rec_lock => list_lock
  // TANGLE:        Mutex rec_lock acquired here while holding mutex list_lock in thread T1:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 worker {{.*}}recursive_mutex_inversion.c:[[#WORKER_REC:@LINE+5]]:
  // TANGLE:        Mutex list_lock previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 worker {{.*}}recursive_mutex_inversion.c:[[#@LINE+1]]:
  pthread_mutex_lock(&list_lock); // TSAN-DAG: #1 worker {{.*}}recursive_mutex_inversion.c:[[#@LINE]]:
  pthread_mutex_lock(&rec_lock);  // TSAN-DAG: #1 worker {{.*}}recursive_mutex_inversion.c:[[#@LINE]]:
  pthread_mutex_lock(&rec_lock);
  pthread_mutex_unlock(&rec_lock);
  pthread_mutex_unlock(&rec_lock);
  pthread_mutex_unlock(&list_lock);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&rec_lock, &attr);
  pthread_t t = test_spawn(worker, NULL);
  // TANGLE:        Mutex list_lock acquired here while holding mutex rec_lock in main thread:
  // TANGLE:          #1 main {{.*}}recursive_mutex_inversion.c:[[#@LINE+6]]:
  // TANGLE:        Mutex rec_lock previously acquired by the same thread here:
  // TANGLE:          #1 main {{.*}}recursive_mutex_inversion.c:[[#@LINE+1]]:
  pthread_mutex_lock(&rec_lock); // TSAN-DAG: #1 main {{.*}}recursive_mutex_inversion.c:[[#@LINE]]:
  pthread_mutex_lock(&rec_lock);
  pthread_mutex_unlock(&rec_lock);
  pthread_mutex_lock(&list_lock); // TSAN-DAG: #1 main {{.*}}recursive_mutex_inversion.c:[[#@LINE]]:
  pthread_mutex_unlock(&list_lock);
  pthread_mutex_unlock(&rec_lock);
  test_step_set(1);
  test_join(t);
  return 0;
}
// CHECK:         Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:      SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}recursive_mutex_inversion.c:[[#WORKER_REC]]:{{[0-9]+}} in worker
// TSAN:        SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TANGLE:      Tangle: reported 1 report(s)
// TSAN:        ThreadSanitizer: reported 1 warnings
