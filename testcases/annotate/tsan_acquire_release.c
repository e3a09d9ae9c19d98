// __tsan_release/__tsan_acquire from <sanitizer/tsan_interface.h>: a
// hand-off through a relaxed pointer annotated for TSan is silent under both
// tools.  Without the annotation both report (race sibling below: the
// acquire is on another address).
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
// RUN: %tangle_cc -O1 -DWRONG_ADDRESS %s -o %t.bad && %expect_exit 66 %t.bad 2>&1 | FileCheck %s --check-prefixes=CHECK,BAD
// RUN: %if tsan %{ %tsan_cc -O1 -DWRONG_ADDRESS %s -o %t.bad.tsan && %expect_exit 66 %t.bad.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,BAD %}
#include "../test.h"
#include <sanitizer/tsan_interface.h>

struct msg { int payload; } m;
struct msg *_Atomic box;
int elsewhere;

static void *consumer(void *arg) {
  struct msg *p;
  while (!(p = atomic_load_explicit(&box, memory_order_relaxed)))
    sched_yield();
#ifdef WRONG_ADDRESS
  __tsan_acquire(&elsewhere);
#else
  __tsan_acquire(p);
#endif
  // BAD:       WARNING: {{Tangle|ThreadSanitizer}}: data race
  // BAD-NEXT:    Read of size 4 at {{.*}} by thread T1:
  // BAD-NEXT:      #0 consumer {{.*}}tsan_acquire_release.c:[[#@LINE+1]]
  return (void *)(long)p->payload;
}

int main(void) {
  pthread_t t = test_spawn(consumer, NULL);
  // BAD:         Previous write of size 4 at {{.*}} by main thread:
  // BAD-NEXT:      #0 main {{.*}}tsan_acquire_release.c:[[#@LINE+1]]
  m.payload = 5;
  __tsan_release(&m);
  atomic_store_explicit(&box, &m, memory_order_relaxed);
  printf("payload %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: payload 5
