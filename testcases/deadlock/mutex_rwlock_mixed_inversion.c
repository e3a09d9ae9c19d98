// A cycle through a mutex and an rwlock: main locks stats_lock and then
// read-locks table_rw; the worker later (relaxed step barrier) write-locks
// table_rw and then locks stats_lock.  A reader waits for a writer, so main
// holding stats_lock and waiting to read while the worker holds the table
// for writing and waits for stats_lock is a real deadlock: reported, with
// each lock named by its own kind.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && env TSAN_OPTIONS="$TSAN_OPTIONS:second_deadlock_stack=1" %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
// TSAN:      WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TSAN-NEXT:   Cycle in lock order graph: {{(M[0-9]+ \(0x[0-9a-f]+\) => ){2}M[0-9]+$}}
#include "../test.h"

pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_rwlock_t table_rw = PTHREAD_RWLOCK_INITIALIZER;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: table_rw => stats_lock => table_rw
  // TANGLE:        Mutex stats_lock acquired here while holding rwlock table_rw in thread T1:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 worker {{.*}}mutex_rwlock_mixed_inversion.c:[[#WORKER_M:@LINE+5]]:
  // TANGLE:        RWLock table_rw previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_rwlock_wrlock
  // TANGLE-NEXT:     #1 worker {{.*}}mutex_rwlock_mixed_inversion.c:[[#@LINE+1]]:
  pthread_rwlock_wrlock(&table_rw); // TSAN-DAG: #1 worker {{.*}}mutex_rwlock_mixed_inversion.c:[[#@LINE]]:
  pthread_mutex_lock(&stats_lock);  // TSAN-DAG: #1 worker {{.*}}mutex_rwlock_mixed_inversion.c:[[#@LINE]]:
  pthread_mutex_unlock(&stats_lock);
  pthread_rwlock_unlock(&table_rw);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // TANGLE:        RWLock table_rw acquired here while holding mutex stats_lock in main thread:
  // TANGLE-NEXT:     #0 pthread_rwlock_rdlock
  // TANGLE-NEXT:     #1 main {{.*}}mutex_rwlock_mixed_inversion.c:[[#@LINE+5]]:
  // TANGLE:        Mutex stats_lock previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 main {{.*}}mutex_rwlock_mixed_inversion.c:[[#@LINE+1]]:
  pthread_mutex_lock(&stats_lock);  // TSAN-DAG: #1 main {{.*}}mutex_rwlock_mixed_inversion.c:[[#@LINE]]:
  pthread_rwlock_rdlock(&table_rw); // TSAN-DAG: #1 main {{.*}}mutex_rwlock_mixed_inversion.c:[[#@LINE]]:
  pthread_rwlock_unlock(&table_rw);
  pthread_mutex_unlock(&stats_lock);
  test_step_set(1);
  test_join(t);
  printf("done\n");
  return 0;
}
// CHECK:         Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:      SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}mutex_rwlock_mixed_inversion.c:[[#WORKER_M]]:{{[0-9]+}} in worker
// TSAN:        SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TANGLE:      Tangle: reported 1 report(s)
// TSAN:        ThreadSanitizer: reported 1 warnings
