// __tsan_mutex_try_lock / __tsan_mutex_try_lock_failed: a failed trylock
// acquires nothing.  main holds the custom mutex while it writes `data`;
// the worker's trylock fails and it reads `data` anyway — a race, which
// both tools report.  Its later successful trylock (after main unlocked)
// orders its read of `data2`: only one report.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not='WARNING:' %}
#include "../test.h"
#include "Inputs/tsan_mutex.h"

tmutex_t mu;
_Alignas(64) int data;
_Alignas(64) int data2;

static void *worker(void *arg) {
  test_step_wait(1);
  int got = tmutex_trylock(&mu);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at {{.*}} by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}tsan_mutex_api_failed_trylock.c:[[#@LINE+1]]
  int v = data;
  test_step_set(2);
  test_step_wait(3);
  while (!tmutex_trylock(&mu))
    sched_yield();
  v += data2;
  tmutex_unlock(&mu);
  return (void *)(long)(got * 100 + v);
}

int main(void) {
  tmutex_init(&mu, "mu");
  pthread_t t = test_spawn(worker, NULL);
  tmutex_lock(&mu);
  // CHECK:        Previous write of size 4 at {{.*}} by main thread{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 main {{.*}}tsan_mutex_api_failed_trylock.c:[[#@LINE+1]]
  data = 1;
  data2 = 2;
  test_step_set(1);
  test_step_wait(2);
  tmutex_unlock(&mu);
  test_step_set(3);
  printf("worker got %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: worker got 3
