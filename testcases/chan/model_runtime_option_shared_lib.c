// The runtime model, for callers the pass never saw: the spinlock is a
// shared library built without Tangle, locked by spin_locked_call, in an
// object also built without Tangle, around a callback that bumps the
// counter.  With TANGLE_OPTIONS=model=FILE the runtime redirects the
// executable's GOT slots for spin_lock/spin_unlock through its wrappers:
// silent.  Without the option nothing orders the increments, and Tangle
// reports them (as ThreadSanitizer does).
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %clang -O1 -g -fPIC -shared %S/Inputs/model_spinlock.c -o %t.dir/libmodelspin.so
// RUN: %clang -O1 -g -c %S/Inputs/model_locked_call.c -o %t.dir/locked_call.o
// RUN: %tangle_cc -O1 %s %t.dir/locked_call.o -L%t.dir -lmodelspin -Wl,-rpath,%t.dir -o %t
// RUN: env TANGLE_OPTIONS=model=%S/Inputs/model_spinlock.model %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,NOMODEL
// RUN: %if tsan %{ %tsan_cc -O1 %s %t.dir/locked_call.o -L%t.dir -lmodelspin -Wl,-rpath,%t.dir -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,NOMODEL %}
#include "../test.h"
#include "Inputs/model_spinlock.h"

spinlock_t lock = SPINLOCK_INIT("lock");
long counter;

static void bump(void *arg) {
  counter++; // NOMODEL: WARNING: {{Tangle|ThreadSanitizer}}: data race
}

static void *worker(void *arg) {
  for (int i = 0; i < 1000; i++)
    spin_locked_call(&lock, bump, NULL);
  return NULL;
}

int main(void) {
  pthread_t t[2] = {test_spawn(worker, NULL), test_spawn(worker, NULL)};
  test_join(t[0]);
  test_join(t[1]);
  printf("counter %ld\n", counter);
  return 0;
}
// CHECK: counter 2000
