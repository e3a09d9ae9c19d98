// An annotated custom spinlock joins the lock-order graph: main takes
// spin then the pthread mutex `mu`, the worker (later, step barrier) mu then
// spin.  Tangle reports the potential deadlock naming both locks and the
// annotation calls' sites.  ThreadSanitizer cannot see the spinlock (the
// macros compile to nothing) and reports nothing.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 -I%S/../../runtime/include %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"
#include <tangle/annotations.h>

typedef struct { const char *name; atomic_int held; } spin_t;
spin_t spin = {"spin", 0};
pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void spin_lock(spin_t *l) {
  while (atomic_exchange_explicit(&l->held, 1, memory_order_acquire))
    sched_yield();
  TANGLE_LOCK_ACQUIRED(l, 1);
}

static void spin_unlock(spin_t *l) {
  TANGLE_LOCK_RELEASED(l, 1);
  atomic_store_explicit(&l->held, 0, memory_order_release);
}

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: mu => spin => mu
  // TANGLE:        Mutex spin acquired here while holding mutex mu in thread T1:
  // TANGLE-NEXT:     #0 __tangle_annotate_lock_acquired
  // TANGLE-NEXT:     #1 spin_lock {{.*}}lock_annotations_inversion.c:19
  // TANGLE-NEXT:     #2 worker {{.*}}lock_annotations_inversion.c:[[#@LINE+2]]
  pthread_mutex_lock(&mu);
  spin_lock(&spin);
  spin_unlock(&spin);
  pthread_mutex_unlock(&mu);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // TANGLE:        Mutex mu acquired here while holding mutex spin in main thread:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 main {{.*}}lock_annotations_inversion.c:[[#@LINE+2]]
  spin_lock(&spin);
  pthread_mutex_lock(&mu);
  pthread_mutex_unlock(&mu);
  spin_unlock(&spin);
  test_step_set(1);
  test_join(t);
  printf("done\n");
  return 0;
}
// CHECK: done
