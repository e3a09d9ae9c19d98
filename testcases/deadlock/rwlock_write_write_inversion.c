// Lock-order inversion between two rwlocks, both taken for writing: main
// write-locks rw_a then rw_b, the worker later (relaxed step barrier, no
// happens-before) write-locks rw_b then rw_a.  Two writers exclude each
// other exactly like mutexes, so this is a potential deadlock; the report
// calls the locks RWLock/rwlock and shows pthread_rwlock_wrlock frames.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && env TSAN_OPTIONS="$TSAN_OPTIONS:second_deadlock_stack=1" %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
// TSAN:      WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TSAN-NEXT:   Cycle in lock order graph: {{(M[0-9]+ \(0x[0-9a-f]+\) => ){2}M[0-9]+$}}
#include "../test.h"

pthread_rwlock_t rw_a = PTHREAD_RWLOCK_INITIALIZER;
pthread_rwlock_t rw_b = PTHREAD_RWLOCK_INITIALIZER;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: rw_b => rw_a => rw_b
  // TANGLE:        RWLock rw_a acquired here while holding rwlock rw_b in thread T1:
  // TANGLE-NEXT:     #0 pthread_rwlock_wrlock
  // TANGLE-NEXT:     #1 worker {{.*}}rwlock_write_write_inversion.c:[[#WORKER_A:@LINE+5]]:
  // TANGLE:        RWLock rw_b previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_rwlock_wrlock
  // TANGLE-NEXT:     #1 worker {{.*}}rwlock_write_write_inversion.c:[[#@LINE+1]]:
  pthread_rwlock_wrlock(&rw_b); // TSAN-DAG: #1 worker {{.*}}rwlock_write_write_inversion.c:[[#@LINE]]:
  pthread_rwlock_wrlock(&rw_a); // TSAN-DAG: #1 worker {{.*}}rwlock_write_write_inversion.c:[[#@LINE]]:
  pthread_rwlock_unlock(&rw_a);
  pthread_rwlock_unlock(&rw_b);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // TANGLE:        RWLock rw_b acquired here while holding rwlock rw_a in main thread:
  // TANGLE-NEXT:     #0 pthread_rwlock_wrlock
  // TANGLE-NEXT:     #1 main {{.*}}rwlock_write_write_inversion.c:[[#@LINE+5]]:
  // TANGLE:        RWLock rw_a previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_rwlock_wrlock
  // TANGLE-NEXT:     #1 main {{.*}}rwlock_write_write_inversion.c:[[#@LINE+1]]:
  pthread_rwlock_wrlock(&rw_a); // TSAN-DAG: #1 main {{.*}}rwlock_write_write_inversion.c:[[#@LINE]]:
  pthread_rwlock_wrlock(&rw_b); // TSAN-DAG: #1 main {{.*}}rwlock_write_write_inversion.c:[[#@LINE]]:
  pthread_rwlock_unlock(&rw_b);
  pthread_rwlock_unlock(&rw_a);
  test_step_set(1);
  test_join(t);
  printf("done\n");
  return 0;
}
// CHECK:         Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:      SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}rwlock_write_write_inversion.c:[[#WORKER_A]]:{{[0-9]+}} in worker
// TSAN:        SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TANGLE:      Tangle: reported 1 report(s)
// TSAN:        ThreadSanitizer: reported 1 warnings
