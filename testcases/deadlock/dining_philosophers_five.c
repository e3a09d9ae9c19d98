// Five dining philosophers: philosopher i locks forks[i], then forks[i+1]
// (mod 5), one after another (relaxed step barrier, no happens-before).  Had
// all five taken their left fork at once none could eat: the 5-cycle forks
// -> forks+40 -> ... -> forks (a mutex is 40 bytes).  T5 closes the cycle.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
// TSAN:      WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TSAN-NEXT:   Cycle in lock order graph: {{(M[0-9]+ \(0x[0-9a-f]+\) => ){5}M[0-9]+$}}
#include "../test.h"

pthread_mutex_t forks[5] = {[0 ... 4] = PTHREAD_MUTEX_INITIALIZER};
_Static_assert(sizeof(pthread_mutex_t) == 40, "fork names assume 40-byte mutexes");

static void *philosopher(void *arg) {
  long i = (long)arg;
  test_step_wait(i);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: forks+160 => forks => forks+40 => forks+80 => forks+120 => forks+160
  // TANGLE:        Mutex forks acquired here while holding mutex forks+160 in thread T5:
  // TANGLE:          #1 philosopher {{.*}}dining_philosophers_five.c:[[#RIGHT:@LINE+20]]:
  // TANGLE:        Mutex forks+160 previously acquired by the same thread here:
  // TANGLE:          #1 philosopher {{.*}}dining_philosophers_five.c:[[#LEFT:@LINE+17]]:
  // TANGLE:        Mutex forks+40 acquired here while holding mutex forks in thread T1:
  // TANGLE:          #1 philosopher {{.*}}dining_philosophers_five.c:[[#RIGHT]]:
  // TANGLE:        Mutex forks previously acquired by the same thread here:
  // TANGLE:          #1 philosopher {{.*}}dining_philosophers_five.c:[[#LEFT]]:
  // TANGLE:        Mutex forks+80 acquired here while holding mutex forks+40 in thread T2:
  // TANGLE:          #1 philosopher {{.*}}dining_philosophers_five.c:[[#RIGHT]]:
  // TANGLE:        Mutex forks+40 previously acquired by the same thread here:
  // TANGLE:          #1 philosopher {{.*}}dining_philosophers_five.c:[[#LEFT]]:
  // TANGLE:        Mutex forks+120 acquired here while holding mutex forks+80 in thread T3:
  // TANGLE:          #1 philosopher {{.*}}dining_philosophers_five.c:[[#RIGHT]]:
  // TANGLE:        Mutex forks+80 previously acquired by the same thread here:
  // TANGLE:          #1 philosopher {{.*}}dining_philosophers_five.c:[[#LEFT]]:
  // TANGLE:        Mutex forks+160 acquired here while holding mutex forks+120 in thread T4:
  // TANGLE:          #1 philosopher {{.*}}dining_philosophers_five.c:[[#RIGHT]]:
  // TANGLE:        Mutex forks+120 previously acquired by the same thread here:
  // TANGLE:          #1 philosopher {{.*}}dining_philosophers_five.c:[[#LEFT]]:
  pthread_mutex_lock(&forks[i]);
  pthread_mutex_lock(&forks[(i + 1) % 5]); // TSAN-COUNT-5: #1 philosopher {{.*}}dining_philosophers_five.c:[[#@LINE]]:
  pthread_mutex_unlock(&forks[(i + 1) % 5]);
  pthread_mutex_unlock(&forks[i]);
  test_step_set(i + 1);
  return NULL;
}

int main(void) {
  pthread_t t[5];
  for (long i = 0; i < 5; i++)
    t[i] = test_spawn(philosopher, (void *)i);
  for (long i = 0; i < 5; i++) test_join(t[i]);
  printf("all %d philosophers ate\n", 5);
  return 0;
}
// CHECK:         Thread T{{[1-5]}} (tid={{[0-9]+}}, {{running|finished}}) created by main thread at:
// TANGLE:      SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}dining_philosophers_five.c:[[#RIGHT]]:{{[0-9]+}} in philosopher
// TSAN:        SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TANGLE:      Tangle: reported 1 report(s)
// TSAN:        ThreadSanitizer: reported 1 warnings
