// The runtime model's locks join the lock-order graph too: the spinlock (a
// shared library built without Tangle) is taken by uninstrumented code
// (Inputs/model_locked_call.c) through the executable's PLT, which
// TANGLE_OPTIONS=model=FILE redirects.  main locks `mu` inside the
// spinlock's callback; the worker, later, takes `mu` and then the
// spinlock: a lock-order inversion, reported with the custom lock's call
// and the uninstrumented caller on top of each stack.  Without the model
// nothing is reported (nor by ThreadSanitizer, which cannot see the lock).
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %clang -O1 -g -fPIC -shared %S/Inputs/model_spinlock.c -o %t.dir/libmodelspin.so
// RUN: %clang -O1 -g -c %S/Inputs/model_locked_call.c -o %t.dir/locked_call.o
// RUN: %tangle_cc -O1 %s %t.dir/locked_call.o -L%t.dir -lmodelspin -Wl,-rpath,%t.dir -o %t
// RUN: env TANGLE_OPTIONS=model=%S/Inputs/model_spinlock.model %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not='WARNING:'
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s %t.dir/locked_call.o -L%t.dir -lmodelspin -Wl,-rpath,%t.dir -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"
#include "Inputs/model_spinlock.h"

spinlock_t spin = SPINLOCK_INIT("spin");
pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
int value;

static void under_spin(void *arg) {
  pthread_mutex_lock(&mu);
  value++;
  pthread_mutex_unlock(&mu);
}

static void nothing(void *arg) { value++; }

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: mu => spin => mu
  // TANGLE:        Spinlock spin acquired here while holding mutex mu in thread T1:
  // TANGLE-NEXT:     #0 spin_lock {{.*}}model_spinlock.c
  // TANGLE-NEXT:     #1 spin_locked_call {{.*}}model_locked_call.c:9
  // TANGLE:        Mutex mu acquired here while holding spinlock spin in main thread:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 under_spin {{.*}}model_runtime_option_inversion.c:25
  // TANGLE:        Spinlock spin previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 spin_lock {{.*}}model_spinlock.c
  // TANGLE-NEXT:     #1 spin_locked_call {{.*}}model_locked_call.c:9
  pthread_mutex_lock(&mu);
  spin_locked_call(&spin, nothing, NULL);
  pthread_mutex_unlock(&mu);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  spin_locked_call(&spin, under_spin, NULL);
  test_step_set(1);
  test_join(t);
  printf("value %d\n", value);
  return 0;
}
// CHECK: value 2
