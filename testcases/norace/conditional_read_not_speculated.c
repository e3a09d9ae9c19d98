// A read the program makes only under a condition that is false here: at
// -O2, LLVM would turn `use_shared ? shared : 0` into an unconditional load
// of `shared` and a select, and that invented load would race with the
// worker's write.  Tangle marks every function sanitize_thread before the
// optimizer runs (as -fsanitize=thread does), so no access is invented and
// nothing is reported.
//
// RUN: %tangle_cc -O2 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O2 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
// CHECK: value 0
#include "../test.h"

static int shared;

static __attribute__((noinline)) int get(int use_shared) {
  return use_shared ? shared : 0;
}

static void *worker(void *arg) {
  shared = 1;
  test_step_set(1);
  return arg;
}

int main(int argc, char **argv) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  int v = get(argc > 5);
  test_join(t);
  printf("value %d\n", v);
  return 0;
}
