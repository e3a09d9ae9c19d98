// The model-declared spinlock (Inputs/model_spinlock.c, uninstrumented)
// joins the lock-order graph: main takes `spin` then the pthread mutex
// `mu`, the worker later (step barrier) `mu` then `spin`.  Tangle reports
// the potential deadlock, naming the spinlock and showing the custom lock
// call with its call site on each side.  ThreadSanitizer cannot know the
// spinlock and reports nothing.
//
// RUN: %clang -O1 -g -c %S/Inputs/model_spinlock.c -o %t.spin.o
// RUN: %tangle_cc -O1 --model=%S/Inputs/model_spinlock.model %s %t.spin.o -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s %t.spin.o -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"
#include "Inputs/model_spinlock.h"

spinlock_t spin = SPINLOCK_INIT("spin");
pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: mu => spin => mu
  // TANGLE:        Spinlock spin acquired here while holding mutex mu in thread T1:
  // TANGLE-NEXT:     #0 spin_lock {{.*}}model_spinlock.c
  // TANGLE-NEXT:     #1 worker {{.*}}model_spinlock_inversion.c:[[#WORKER:@LINE+5]]
  // TANGLE:        Mutex mu previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 worker {{.*}}model_spinlock_inversion.c:[[#WORKER-1]]
  pthread_mutex_lock(&mu);
  spin_lock(&spin);
  spin_unlock(&spin);
  pthread_mutex_unlock(&mu);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // TANGLE:        Mutex mu acquired here while holding spinlock spin in main thread:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 main {{.*}}model_spinlock_inversion.c:[[#@LINE+5]]
  // TANGLE:        Spinlock spin previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 spin_lock {{.*}}model_spinlock.c
  // TANGLE-NEXT:     #1 main {{.*}}model_spinlock_inversion.c:[[#@LINE+1]]
  spin_lock(&spin);
  pthread_mutex_lock(&mu);
  pthread_mutex_unlock(&mu);
  spin_unlock(&spin);
  test_step_set(1);
  test_join(t);
  printf("done\n");
  return 0;
}
// TANGLE: SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}model_spinlock_inversion.c:[[#WORKER]]:{{[0-9]+}} in worker
// CHECK: done
