// A real deadlock through an rwlock held for reading: the worker read-locks
// table_rw, main locks log_lock; then the worker waits for log_lock while
// main asks to write-lock table_rw, which must wait for the reader to
// leave.  (The step barrier makes both hold before either waits.)  A read
// lock has holders just like a mutex: Tangle reports the cycle, naming the
// reader T1 as holder of the rwlock, and exits with 66.  Without a tool,
// and under ThreadSanitizer, the program hangs (no TSan run here).
//
// RUN: %tangle_cc -O1 %s -o %t && timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='data race'
// CHECK: {{^}}WARNING: Tangle: deadlock{{$}}
#include "../test.h"

pthread_rwlock_t table_rw = PTHREAD_RWLOCK_INITIALIZER;
pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  pthread_rwlock_rdlock(&table_rw);
  test_step_set(1);
  test_step_wait(2);
  // CHECK-DAG: {{^}}  Thread T1 is blocked in pthread_mutex_lock on mutex log_lock held by main thread:
  // CHECK-DAG: {{^}}    #1 worker {{.*}}rwlock_wrlock_vs_held_rdlock.c:[[#@LINE+1]]:
  pthread_mutex_lock(&log_lock);
  pthread_mutex_unlock(&log_lock);
  pthread_rwlock_unlock(&table_rw);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  pthread_mutex_lock(&log_lock);
  test_step_set(2);
  // CHECK-DAG: {{^}}  Main thread is blocked in pthread_rwlock_wrlock on rwlock table_rw held by thread T1:
  // CHECK-DAG: {{^}}    #0 pthread_rwlock_wrlock
  // CHECK-DAG: {{^}}    #1 main {{.*}}rwlock_wrlock_vs_held_rdlock.c:[[#@LINE+1]]:
  pthread_rwlock_wrlock(&table_rw);
  pthread_rwlock_unlock(&table_rw);
  pthread_mutex_unlock(&log_lock);
  test_join(t);
  printf("not reached\n");
  return 0;
}
// CHECK: SUMMARY: Tangle: deadlock {{.*}}rwlock_wrlock_vs_held_rdlock.c:{{[0-9]+}}:{{[0-9]+}} in {{worker|main}}
// CHECK: Tangle: reported {{[0-9]+}} report(s)
