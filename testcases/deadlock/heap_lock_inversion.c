// A cycle between a global lock and a mutex in a malloc'ed account.  No
// variable names the heap mutex, so it is M1 (the first unnamed lock used)
// and the report says where it was first locked.  main locks the account,
// then registry_lock; the worker later (relaxed step barrier) the reverse.
//
// RUN: %tangle_cc -O0 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O0 %s -o %t.tsan && env TSAN_OPTIONS="$TSAN_OPTIONS:second_deadlock_stack=1" %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
// TSAN:      WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TSAN-NEXT:   Cycle in lock order graph: {{(M[0-9]+ \(0x[0-9a-f]+\) => ){2}M[0-9]+$}}
#include "../test.h"

struct account { pthread_mutex_t lock; long balance; };
pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
struct account *account;
static struct account *account_new(long balance);
static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: registry_lock => M1 => registry_lock
  // TANGLE:        Mutex M1 acquired here while holding mutex registry_lock in thread T1:
  // TANGLE:          #1 worker {{.*}}heap_lock_inversion.c:[[#WORKER_M1:@LINE+4]]:
  // TANGLE:        Mutex registry_lock previously acquired by the same thread here:
  // TANGLE:          #1 worker {{.*}}heap_lock_inversion.c:[[#@LINE+1]]:
  pthread_mutex_lock(&registry_lock); // TSAN-DAG: #1 worker {{.*}}heap_lock_inversion.c:[[#@LINE]]:
  pthread_mutex_lock(&account->lock); // TSAN-DAG: #1 worker {{.*}}heap_lock_inversion.c:[[#@LINE]]:
  pthread_mutex_unlock(&account->lock); pthread_mutex_unlock(&registry_lock);
  return NULL;
}

int main(void) {
  account = account_new(100);
  pthread_t t = test_spawn(worker, NULL);
  // TANGLE:        Mutex registry_lock acquired here while holding mutex M1 in main thread:
  // TANGLE:          #1 main {{.*}}heap_lock_inversion.c:[[#@LINE+4]]:
  // TANGLE:        Mutex M1 previously acquired by the same thread here:
  // TANGLE:          #1 main {{.*}}heap_lock_inversion.c:[[#@LINE+1]]:
  pthread_mutex_lock(&account->lock); // TSAN-DAG: #1 main {{.*}}heap_lock_inversion.c:[[#@LINE]]:
  pthread_mutex_lock(&registry_lock); // TSAN-DAG: #1 main {{.*}}heap_lock_inversion.c:[[#@LINE]]:
  pthread_mutex_unlock(&registry_lock); pthread_mutex_unlock(&account->lock);
  test_step_set(1);
  test_join(t);
  return 0;
}
static struct account *account_new(long balance) {
  struct account *a = malloc(sizeof *a);
  pthread_mutex_init(&a->lock, NULL);
  // TANGLE:        Mutex M1 first locked at:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 account_new {{.*}}heap_lock_inversion.c:[[#@LINE+2]]:
  // TANGLE-NEXT:     #2 main {{.*}}heap_lock_inversion.c:[[#@LINE-19]]:
  pthread_mutex_lock(&a->lock);
  a->balance = balance;
  pthread_mutex_unlock(&a->lock);
  return a;
}
// CHECK:         Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:      SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}heap_lock_inversion.c:[[#WORKER_M1]]:{{[0-9]+}} in worker
// TSAN:        SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TANGLE:      Tangle: reported 1 report(s)
// TSAN:        ThreadSanitizer: reported 1 warnings
