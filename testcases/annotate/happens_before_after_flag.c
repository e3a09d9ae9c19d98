// A flag published with relaxed atomics orders nothing by itself; the
// TANGLE_HAPPENS_BEFORE/AFTER pair around it (standing in for a futex or a
// system call Tangle cannot see) makes the data handoff ordered: silent.
// ThreadSanitizer builds the macros as no-ops (they compile to nothing
// without Tangle), so it reports the race the annotation is there for.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 -I%S/../../runtime/include %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"
#include <tangle/annotations.h>

int data;
atomic_int flag;

static void *reader(void *arg) {
  while (!atomic_load_explicit(&flag, memory_order_relaxed))
    sched_yield();
  TANGLE_HAPPENS_AFTER(&flag);
  // TSAN:      WARNING: ThreadSanitizer: data race
  // TSAN-NEXT:   Read of size 4 at {{.*}} by thread T1:
  // TSAN-NEXT:     #0 reader {{.*}}happens_before_after_flag.c:[[#@LINE+1]]
  return (void *)(long)data;
}

int main(void) {
  pthread_t t = test_spawn(reader, NULL);
  // TSAN:        Previous write of size 4 at {{.*}} by main thread:
  // TSAN-NEXT:     #0 main {{.*}}happens_before_after_flag.c:[[#@LINE+1]]
  data = 42;
  TANGLE_HAPPENS_BEFORE(&flag);
  atomic_store_explicit(&flag, 1, memory_order_relaxed);
  printf("data %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: data 42
