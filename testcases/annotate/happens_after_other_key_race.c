// Misused annotations: the writer publishes with TANGLE_HAPPENS_BEFORE on
// one key and the reader acquires another (a typo'd address).  Nothing
// orders the write before the read, so the race is reported, with both
// sides.  ThreadSanitizer (annotations compiled out) reports it as well.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 -I%S/../../runtime/include %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include <tangle/annotations.h>

int data;
atomic_int flag;
int other_key;

static void *reader(void *arg) {
  while (!atomic_load_explicit(&flag, memory_order_relaxed))
    sched_yield();
  TANGLE_HAPPENS_AFTER(&other_key);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at {{.*}} by thread T1:
  // CHECK-NEXT:     #0 reader {{.*}}happens_after_other_key_race.c:[[#@LINE+1]]
  return (void *)(long)data;
}

int main(void) {
  pthread_t t = test_spawn(reader, NULL);
  // CHECK:        Previous write of size 4 at {{.*}} by main thread:
  // CHECK-NEXT:     #0 main {{.*}}happens_after_other_key_race.c:[[#@LINE+1]]
  data = 42;
  TANGLE_HAPPENS_BEFORE(&flag);
  atomic_store_explicit(&flag, 1, memory_order_relaxed);
  printf("data %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: data 42
