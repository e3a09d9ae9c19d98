// A gate lock protects only if it is held on every edge of the cycle: main
// takes gate, then lock_a, then lock_b; the worker later (relaxed step
// barrier) takes lock_b then lock_a without the gate.  The gate cannot
// keep the worker out, so main could still wait for lock_b while the
// worker waits for lock_a: reported (compare nodeadlock/inversion_under_
// gate_lock.c, where both sides take the gate).
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && env TSAN_OPTIONS="$TSAN_OPTIONS:second_deadlock_stack=1" %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
// TSAN:      WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TSAN-NEXT:   Cycle in lock order graph: {{(M[0-9]+ \(0x[0-9a-f]+\) => ){2}M[0-9]+$}}
#include "../test.h"

pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: lock_b => lock_a => lock_b
  // TANGLE:        Mutex lock_a acquired here while holding mutex lock_b in thread T1:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 worker {{.*}}gate_lock_held_on_one_side_only.c:[[#WORKER_A:@LINE+5]]:
  // TANGLE:        Mutex lock_b previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 worker {{.*}}gate_lock_held_on_one_side_only.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_b); // TSAN-DAG: #1 worker {{.*}}gate_lock_held_on_one_side_only.c:[[#@LINE]]:
  pthread_mutex_lock(&lock_a); // TSAN-DAG: #1 worker {{.*}}gate_lock_held_on_one_side_only.c:[[#@LINE]]:
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&gate);
  // TANGLE:        Mutex lock_b acquired here while holding mutex lock_a in main thread:
  // TANGLE:          #1 main {{.*}}gate_lock_held_on_one_side_only.c:[[#@LINE+4]]:
  // TANGLE:        Mutex lock_a previously acquired by the same thread here:
  // TANGLE:          #1 main {{.*}}gate_lock_held_on_one_side_only.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_a); // TSAN-DAG: #1 main {{.*}}gate_lock_held_on_one_side_only.c:[[#@LINE]]:
  pthread_mutex_lock(&lock_b); // TSAN-DAG: #1 main {{.*}}gate_lock_held_on_one_side_only.c:[[#@LINE]]:
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&gate);
  test_step_set(1);
  test_join(t);
  return 0;
}
// CHECK:         Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:      SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}gate_lock_held_on_one_side_only.c:[[#WORKER_A]]:{{[0-9]+}} in worker
// TSAN:        SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TANGLE:      Tangle: reported 1 report(s)
// TSAN:        ThreadSanitizer: reported 1 warnings
