// Neither order is main's: worker T1 takes lock_a then lock_b and returns;
// then (relaxed step barrier, no happens-before) worker T2 takes lock_b
// then lock_a.  T1 may have ended when the cycle closes, but its edge stays:
// the two ran concurrently and could have deadlocked.  Both get a section.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && env TSAN_OPTIONS="$TSAN_OPTIONS:second_deadlock_stack=1" %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
// TSAN:      WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TSAN-NEXT:   Cycle in lock order graph: {{(M[0-9]+ \(0x[0-9a-f]+\) => ){2}M[0-9]+$}}
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;

static void *second(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: lock_b => lock_a => lock_b
  // TANGLE:        Mutex lock_a acquired here while holding mutex lock_b in thread T2:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 second {{.*}}inversion_between_two_workers.c:[[#SECOND_A:@LINE+5]]:
  // TANGLE:        Mutex lock_b previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 second {{.*}}inversion_between_two_workers.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_b); // TSAN-DAG: #1 second {{.*}}inversion_between_two_workers.c:[[#@LINE]]:
  pthread_mutex_lock(&lock_a); // TSAN-DAG: #1 second {{.*}}inversion_between_two_workers.c:[[#@LINE]]:
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  return NULL;
}

static void *first(void *arg) {
  // TANGLE:        Mutex lock_b acquired here while holding mutex lock_a in thread T1:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 first {{.*}}inversion_between_two_workers.c:[[#@LINE+5]]:
  // TANGLE:        Mutex lock_a previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 first {{.*}}inversion_between_two_workers.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_a); // TSAN-DAG: #1 first {{.*}}inversion_between_two_workers.c:[[#@LINE]]:
  pthread_mutex_lock(&lock_b); // TSAN-DAG: #1 first {{.*}}inversion_between_two_workers.c:[[#@LINE]]:
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  test_step_set(1);
  return NULL;
}

int main(void) {
  pthread_t t1 = test_spawn(first, NULL);
  pthread_t t2 = test_spawn(second, NULL);
  test_join(t1);
  test_join(t2);
  printf("done\n");
  return 0;
}
// CHECK-DAG:     Thread T1 (tid={{[0-9]+}}, {{running|finished}}) created by main thread at:
// CHECK-DAG:     Thread T2 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:      SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}inversion_between_two_workers.c:[[#SECOND_A]]:{{[0-9]+}} in second
// TSAN:        SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TANGLE:      Tangle: reported 1 report(s)
// TSAN:        ThreadSanitizer: reported 1 warnings
