// main holds state_lock while it joins the worker, and the worker's first
// step is to lock state_lock: the worker waits for main, main waits for
// the worker to end.  Only one lock is involved, so there is no lock-order
// cycle; the cycle goes through the join.  Without a tool the program
// hangs, and under ThreadSanitizer too, silently (no TSan run here).
// Tangle's wait-for graph has the edge "main -> T1" for the join and
// "T1 -> main" for the lock held by main; it reports both and exits 66.
//
// RUN: %tangle_cc -O1 %s -o %t && timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='data race'
// CHECK: {{^}}WARNING: Tangle: deadlock{{$}}
#include "../test.h"

pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
int state;

static void *worker(void *arg) {
  // CHECK-DAG: {{^}}  Thread T1 is blocked in pthread_mutex_lock on mutex state_lock held by main thread:
  // CHECK-DAG: {{^}}    #1 worker {{.*}}join_thread_waiting_for_held_lock.c:[[#@LINE+1]]:
  pthread_mutex_lock(&state_lock);
  state++;
  pthread_mutex_unlock(&state_lock);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_mutex_lock(&state_lock);
  pthread_create(&t, NULL, worker, NULL);
  state = 1;
  // CHECK-DAG: {{^}}  Main thread is blocked in pthread_join on thread T1:
  // CHECK-DAG: {{^}}    #0 pthread_join
  // CHECK-DAG: {{^}}    #1 main {{.*}}join_thread_waiting_for_held_lock.c:[[#@LINE+1]]:
  pthread_join(t, NULL);
  pthread_mutex_unlock(&state_lock);
  printf("not reached: state %d\n", state);
  return 0;
}
// CHECK: SUMMARY: Tangle: deadlock {{.*}}join_thread_waiting_for_held_lock.c:{{[0-9]+}}:{{[0-9]+}} in {{worker|main}}
// CHECK: Tangle: reported {{[0-9]+}} report(s)
