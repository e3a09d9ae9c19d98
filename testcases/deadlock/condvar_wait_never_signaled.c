// The worker waits on a condition variable for `ready`, which nobody will
// ever set or signal, and main joins the worker: every thread is blocked
// and none of them can wake another.  There is no wait-for cycle (a
// condvar has no owner), so Tangle confirms the global stall for
// deadlock_timeout_ms (2 s by default), then reports both threads and
// exits with 66.  Without a tool, and under ThreadSanitizer, the program
// just hangs (no TSan run here).
//
// RUN: %tangle_cc -O1 %s -o %t && timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='data race'
// CHECK: {{^}}WARNING: Tangle: deadlock{{$}}
#include "../test.h"

pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
int ready;

static void *worker(void *arg) {
  pthread_mutex_lock(&mu);
  while (!ready) {
    // CHECK-DAG: {{^}}  Thread T1 is blocked in pthread_cond_wait on condition variable cv:
    // CHECK-DAG: {{^}}    #0 pthread_cond_wait
    // CHECK-DAG: {{^}}    #1 worker {{.*}}condvar_wait_never_signaled.c:[[#@LINE+1]]:
    pthread_cond_wait(&cv, &mu);
  }
  pthread_mutex_unlock(&mu);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  // CHECK-DAG: {{^}}  Main thread is blocked in pthread_join on thread T1:
  // CHECK-DAG: {{^}}    #1 main {{.*}}condvar_wait_never_signaled.c:[[#@LINE+1]]:
  pthread_join(t, NULL);
  printf("not reached\n");
  return 0;
}
// CHECK: SUMMARY: Tangle: deadlock {{.*}}condvar_wait_never_signaled.c:{{[0-9]+}}:{{[0-9]+}} in {{worker|main}}
// CHECK: Tangle: reported {{[0-9]+}} report(s)
