// AnnotateIgnoreReadsBegin/End and AnnotateIgnoreWritesBegin/End: the
// racy accesses inside the regions are not checked by either tool (both
// ignore every access of the thread in either kind of region, as TSan's
// runtime does).  The access after the regions is checked again.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not='WARNING:' %}
#include "../test.h"
#include "Inputs/dynamic_annotations.h"

_Alignas(64) int a;
_Alignas(64) int b;
_Alignas(64) int c;

static void *worker(void *arg) {
  test_step_wait(1);
  AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
  int x = a;
  AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
  AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
  b = x;
  AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at {{.*}} by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}tsan_ignore_reads_writes.c:[[#@LINE+1]]
  c = x;
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  a = 1;
  b = 1;
  // CHECK:        Previous write of size 4 at {{.*}} by main thread:
  // CHECK-NEXT:     #0 main {{.*}}tsan_ignore_reads_writes.c:[[#@LINE+1]]
  c = 1;
  test_step_set(1);
  test_join(t);
  printf("c %d\n", c);
  return 0;
}
// CHECK: c 1
