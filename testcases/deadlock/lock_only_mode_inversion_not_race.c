// Lock-only mode: built with tangle-cc --detect=deadlocks, memory accesses
// are not instrumented, so this program's data race on `hits` (written by
// main after it released both locks, and by the worker without any lock)
// goes unreported, while its AB/BA inversion still is.  ThreadSanitizer,
// which always checks memory, reports both: the race is real.
//
// RUN: %tangle_cc --detect=deadlocks -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
int hits;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TSAN:        WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: lock_b => lock_a => lock_b
  // TANGLE:        Mutex lock_a acquired here while holding mutex lock_b in thread T1:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 worker {{.*}}lock_only_mode_inversion_not_race.c:[[#WORKER_A:@LINE+4]]:
  // TANGLE:        Mutex lock_b previously acquired by the same thread here:
  // TANGLE:          #1 worker {{.*}}lock_only_mode_inversion_not_race.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_b);
  pthread_mutex_lock(&lock_a);
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  // TSAN:        WARNING: ThreadSanitizer: data race
  // TSAN-NEXT:     Write of size 4 at {{.*}} by thread T1:
  // TSAN-NEXT:       #0 worker {{.*}}lock_only_mode_inversion_not_race.c:[[#@LINE+1]]:
  hits = 2;
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // TANGLE:        Mutex lock_b acquired here while holding mutex lock_a in main thread:
  // TANGLE:          #1 main {{.*}}lock_only_mode_inversion_not_race.c:[[#@LINE+4]]:
  // TANGLE:        Mutex lock_a previously acquired by the same thread here:
  // TANGLE:          #1 main {{.*}}lock_only_mode_inversion_not_race.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  hits = 1;
  test_step_set(1);
  test_join(t);
  printf("hits = %d\n", hits);
  return 0;
}
// CHECK:         Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:      SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}lock_only_mode_inversion_not_race.c:[[#WORKER_A]]:{{[0-9]+}} in worker
// TANGLE:      Tangle: reported 1 report(s)
// TSAN:        ThreadSanitizer: reported 2 warnings
