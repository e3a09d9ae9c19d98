// The worker locks cache_lock and, two calls deeper, locks it again: a
// default mutex, so the worker waits for itself.  main, joining the
// worker, is stuck behind it.  Tangle reports the worker blocked on a
// mutex it holds itself, with the stack of the relock, and exits with 66.
// Without a tool, and under ThreadSanitizer (which says nothing), the
// program hangs (no TSan run here).
//
// RUN: %tangle_cc -O0 %s -o %t && timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='data race'
#include "../test.h"

pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
int cache_entries;

static void evict_one(void) {
  // CHECK:      {{^}}WARNING: Tangle: deadlock{{$}}
  // CHECK:      {{^}}  Thread T1 is blocked in pthread_mutex_lock on mutex cache_lock held by thread T1:
  // CHECK-NEXT: {{^}}    #0 pthread_mutex_lock
  // CHECK-NEXT: {{^}}    #1 evict_one {{.*}}relock_in_worker_while_main_joins.c:[[#RELOCK:@LINE+1]]:
  pthread_mutex_lock(&cache_lock);
  cache_entries--;
  pthread_mutex_unlock(&cache_lock);
}

static void insert(void) {
  // CHECK-NEXT: {{^}}    #2 insert {{.*}}relock_in_worker_while_main_joins.c:[[#@LINE+2]]:
  if (cache_entries >= 1)
    evict_one();
  cache_entries++;
}

static void *worker(void *arg) {
  pthread_mutex_lock(&cache_lock);
  // CHECK-NEXT: {{^}}    #3 worker {{.*}}relock_in_worker_while_main_joins.c:[[#CALL:@LINE+1]]:
  insert();
  pthread_mutex_unlock(&cache_lock);
  return NULL;
}

int main(void) {
  cache_entries = 1;
  pthread_t t = test_spawn(worker, NULL);
  test_join(t);
  printf("not reached: %d entries\n", cache_entries);
  return 0;
}
// CHECK:      {{^}}  Mutex cache_lock previously acquired by the same thread here:
// CHECK-NEXT: {{^}}    #0 pthread_mutex_lock
// CHECK-NEXT: {{^}}    #1 worker {{.*}}relock_in_worker_while_main_joins.c:[[#CALL-2]]:
// CHECK: SUMMARY: Tangle: deadlock {{.*}}relock_in_worker_while_main_joins.c:[[#RELOCK]]:{{[0-9]+}} in evict_one
// CHECK: Tangle: reported {{[0-9]+}} report(s)
