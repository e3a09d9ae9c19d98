// A cycle no two threads make alone: T1 takes lock_a then lock_b, T2 lock_b
// then lock_c, T3 lock_c then lock_a, one after another (relaxed step
// barrier, no happens-before).  Each pair of threads agrees, but with all
// three holding their first lock at once none could go on.  T3 closes the
// cycle; all threads run the same code, so the lines repeat.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && env TSAN_OPTIONS="$TSAN_OPTIONS:second_deadlock_stack=1" %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
// TSAN:      WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TSAN-NEXT:   Cycle in lock order graph: {{(M[0-9]+ \(0x[0-9a-f]+\) => ){3}M[0-9]+$}}
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_c = PTHREAD_MUTEX_INITIALIZER;
struct pair { pthread_mutex_t *first, *second; int turn; };

static void *take_pair(void *arg) {
  struct pair *p = arg;
  test_step_wait(p->turn);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: lock_c => lock_a => lock_b => lock_c
  // TANGLE:        Mutex lock_a acquired here while holding mutex lock_c in thread T3:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 take_pair {{.*}}three_locks_three_threads.c:[[#SECOND:@LINE+14]]:
  // TANGLE:        Mutex lock_c previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 take_pair {{.*}}three_locks_three_threads.c:[[#FIRST:@LINE+10]]:
  // TANGLE:        Mutex lock_b acquired here while holding mutex lock_a in thread T1:
  // TANGLE:          #1 take_pair {{.*}}three_locks_three_threads.c:[[#SECOND]]:
  // TANGLE:        Mutex lock_a previously acquired by the same thread here:
  // TANGLE:          #1 take_pair {{.*}}three_locks_three_threads.c:[[#FIRST]]:
  // TANGLE:        Mutex lock_c acquired here while holding mutex lock_b in thread T2:
  // TANGLE:          #1 take_pair {{.*}}three_locks_three_threads.c:[[#SECOND]]:
  // TANGLE:        Mutex lock_b previously acquired by the same thread here:
  // TANGLE:          #1 take_pair {{.*}}three_locks_three_threads.c:[[#FIRST]]:
  // TSAN-COUNT-3:    #1 take_pair {{.*}}three_locks_three_threads.c:[[#@LINE+2]]:
  pthread_mutex_lock(p->first);
  pthread_mutex_lock(p->second);
  pthread_mutex_unlock(p->second);
  pthread_mutex_unlock(p->first);
  test_step_set(p->turn + 1);
  return NULL;
}

int main(void) {
  struct pair pairs[3] = {{&lock_a, &lock_b, 0}, {&lock_b, &lock_c, 1}, {&lock_c, &lock_a, 2}};
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    t[i] = test_spawn(take_pair, &pairs[i]);
  for (int i = 0; i < 3; i++)
    test_join(t[i]);
  printf("done\n");
  return 0;
}
// CHECK:         Thread T{{[1-3]}} (tid={{[0-9]+}}, {{running|finished}}) created by main thread at:
// TANGLE:      SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}three_locks_three_threads.c:[[#SECOND]]:{{[0-9]+}} in take_pair
// TSAN:        SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TANGLE:      Tangle: reported 1 report(s)
// TSAN:        ThreadSanitizer: reported 1 warnings
