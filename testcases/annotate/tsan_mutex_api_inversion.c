// A __tsan_mutex_* annotated mutex joins the lock-order graph: main takes
// the custom `cm` then the pthread mutex `pm`; the worker, later (step
// barrier), pm then cm.  Both tools report the potential deadlock; Tangle
// names both locks and shows where each side took them.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not='WARNING:' %}
#include "../test.h"
#include "Inputs/tsan_mutex.h"

tmutex_t cm;
pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  test_step_wait(1);
  // TSAN:        WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: pm => cm => pm
  // TANGLE:        Mutex cm acquired here while holding mutex pm in thread T1:
  // TANGLE-NEXT:     #0 __tsan_mutex_pre_lock
  // TANGLE-NEXT:     #1 tmutex_lock {{.*}}tsan_mutex.h
  // TANGLE-NEXT:     #2 worker {{.*}}tsan_mutex_api_inversion.c:[[#@LINE+2]]
  pthread_mutex_lock(&pm);
  tmutex_lock(&cm);
  tmutex_unlock(&cm);
  pthread_mutex_unlock(&pm);
  return NULL;
}

int main(void) {
  tmutex_init(&cm, "cm");
  pthread_t t = test_spawn(worker, NULL);
  // TANGLE:        Mutex pm acquired here while holding mutex cm in main thread:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 main {{.*}}tsan_mutex_api_inversion.c:[[#@LINE+2]]
  tmutex_lock(&cm);
  pthread_mutex_lock(&pm);
  pthread_mutex_unlock(&pm);
  tmutex_unlock(&cm);
  test_step_set(1);
  test_join(t);
  printf("done\n");
  return 0;
}
// CHECK: done
