// A custom allocator hands the same buffer to two threads in turn with no
// synchronization either tool can see (a relaxed step counter), and says so
// with AnnotateNewMemory: what the first owner did is forgotten, so the
// second owner's write is not a race for Tangle.  Without the annotation
// (-DNO_ANNOTATION) Tangle reports the reuse.  ThreadSanitizer accepts the
// call but reports the reuse anyway: its current runtime (v3) does not make
// AnnotateNewMemory forget the earlier accesses of the range.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %tangle_cc -O1 -DNO_ANNOTATION %s -o %t.bad && %expect_exit 66 %t.bad 2>&1 | FileCheck %s --check-prefixes=CHECK,BAD
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,BAD %}
#include "../test.h"
#include "Inputs/dynamic_annotations.h"

long pool[16];

static long *pool_alloc(void) {
#ifndef NO_ANNOTATION
  AnnotateNewMemory(__FILE__, __LINE__, pool, sizeof pool);
#endif
  return pool;
}

static void *second_owner(void *arg) {
  test_step_wait(1);
  long *p = pool_alloc();
  // BAD: WARNING: {{Tangle|ThreadSanitizer}}: data race
  // BAD: #0 second_owner {{.*}}tsan_new_memory.c:[[#@LINE+1]]
  p[0] = 2;
  return (void *)p[0];
}

int main(void) {
  pthread_t t = test_spawn(second_owner, NULL);
  long *p = pool_alloc();
  p[0] = 1; // BAD: #0 main {{.*}}tsan_new_memory.c:[[#@LINE]]
  test_step_set(1); // "freed": the first owner is done with it
  printf("owner %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: owner 2
