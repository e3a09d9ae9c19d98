// Lock-order inversion between two spinlocks: main takes spin_a then
// spin_b, the worker later (relaxed step barrier, no happens-before) takes
// spin_b then spin_a.  Spinning threads deadlock just as surely as blocked
// ones (and burn the CPU while at it); the report says Spinlock/spinlock
// and shows pthread_spin_lock frames.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && env TSAN_OPTIONS="$TSAN_OPTIONS:second_deadlock_stack=1" %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
// TSAN:      WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TSAN-NEXT:   Cycle in lock order graph: {{(M[0-9]+ \(0x[0-9a-f]+\) => ){2}M[0-9]+$}}
#include "../test.h"

pthread_spinlock_t spin_a, spin_b;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: spin_b => spin_a => spin_b
  // TANGLE:        Spinlock spin_a acquired here while holding spinlock spin_b in thread T1:
  // TANGLE-NEXT:     #0 pthread_spin_lock
  // TANGLE-NEXT:     #1 worker {{.*}}spinlock_inversion.c:[[#WORKER_A:@LINE+5]]:
  // TANGLE:        Spinlock spin_b previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_spin_lock
  // TANGLE-NEXT:     #1 worker {{.*}}spinlock_inversion.c:[[#@LINE+1]]:
  pthread_spin_lock(&spin_b); // TSAN-DAG: #1 worker {{.*}}spinlock_inversion.c:[[#@LINE]]:
  pthread_spin_lock(&spin_a); // TSAN-DAG: #1 worker {{.*}}spinlock_inversion.c:[[#@LINE]]:
  pthread_spin_unlock(&spin_a);
  pthread_spin_unlock(&spin_b);
  return NULL;
}

int main(void) {
  pthread_spin_init(&spin_a, PTHREAD_PROCESS_PRIVATE);
  pthread_spin_init(&spin_b, PTHREAD_PROCESS_PRIVATE);
  pthread_t t = test_spawn(worker, NULL);
  // TANGLE:        Spinlock spin_b acquired here while holding spinlock spin_a in main thread:
  // TANGLE-NEXT:     #0 pthread_spin_lock
  // TANGLE-NEXT:     #1 main {{.*}}spinlock_inversion.c:[[#@LINE+5]]:
  // TANGLE:        Spinlock spin_a previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_spin_lock
  // TANGLE-NEXT:     #1 main {{.*}}spinlock_inversion.c:[[#@LINE+1]]:
  pthread_spin_lock(&spin_a); // TSAN-DAG: #1 main {{.*}}spinlock_inversion.c:[[#@LINE]]:
  pthread_spin_lock(&spin_b); // TSAN-DAG: #1 main {{.*}}spinlock_inversion.c:[[#@LINE]]:
  pthread_spin_unlock(&spin_b);
  pthread_spin_unlock(&spin_a);
  test_step_set(1);
  test_join(t);
  printf("done\n");
  return 0;
}
// CHECK:         Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:      SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}spinlock_inversion.c:[[#WORKER_A]]:{{[0-9]+}} in worker
// TSAN:        SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TANGLE:      Tangle: reported 1 report(s)
// TSAN:        ThreadSanitizer: reported 1 warnings
