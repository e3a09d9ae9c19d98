// The classic lock-order inversion: main takes lock_a then lock_b, the
// worker later takes lock_b then lock_a.  The step barrier (relaxed atomics,
// no happens-before) holds the worker back until main has released both, so
// this run never hangs; with another timing each thread could hold one lock
// and wait for the other forever.  Tangle reports the cycle once, starting
// from the edge made last (the worker's), and the run ends with exit 66.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && env TSAN_OPTIONS="$TSAN_OPTIONS:second_deadlock_stack=1" %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
// TSAN:      WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TSAN-NEXT:   Cycle in lock order graph: {{(M[0-9]+ \(0x[0-9a-f]+\) => ){2}M[0-9]+$}}
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: lock_b => lock_a => lock_b
  // TANGLE:        Mutex lock_a acquired here while holding mutex lock_b in thread T1:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 worker {{.*}}abba_two_threads.c:[[#WORKER_A:@LINE+6]]:
  // TANGLE:        Mutex lock_b previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 worker {{.*}}abba_two_threads.c:[[#@LINE+2]]:
  // TSAN-DAG:       #1 worker {{.*}}abba_two_threads.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_b);
  pthread_mutex_lock(&lock_a); // TSAN-DAG: #1 worker {{.*}}abba_two_threads.c:[[#@LINE]]:
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // TANGLE:        Mutex lock_b acquired here while holding mutex lock_a in main thread:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 main {{.*}}abba_two_threads.c:[[#@LINE+6]]:
  // TANGLE:        Mutex lock_a previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 main {{.*}}abba_two_threads.c:[[#@LINE+2]]:
  // TSAN-DAG:       #1 main {{.*}}abba_two_threads.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b); // TSAN-DAG: #1 main {{.*}}abba_two_threads.c:[[#@LINE]]:
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  test_step_set(1);
  test_join(t);
  printf("done\n");
  return 0;
}
// CHECK:         Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:      SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}abba_two_threads.c:[[#WORKER_A]]:{{[0-9]+}} in worker
// TSAN:        SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TANGLE:      Tangle: reported 1 report(s)
// TSAN:        ThreadSanitizer: reported 1 warnings
