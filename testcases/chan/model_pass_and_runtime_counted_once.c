// A function in both models — the program compiled with --model and run
// with model= naming the same file — is counted once per call: the call
// the pass brackets still goes through the PLT slot the runtime
// redirected, and the wrapper, finding itself inside the pass's bracket,
// only calls the real function.  Counted twice, the spinlock would stay
// held after main's unlock (a recursion level left over), so main's later
// `mu` would look taken under `spin`, and the worker's mu => spin would
// close a false cycle.  Expected: silent.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %clang -O1 -g -fPIC -shared %S/Inputs/model_spinlock.c -o %t.dir/libmodelspin.so
// RUN: %tangle_cc -O1 --model=%S/Inputs/model_spinlock.model %s -L%t.dir -lmodelspin -Wl,-rpath,%t.dir -o %t
// RUN: env TANGLE_OPTIONS=model=%S/Inputs/model_spinlock.model %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
#include "../test.h"
#include "Inputs/model_spinlock.h"

spinlock_t spin = SPINLOCK_INIT("spin");
pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
int shared;

static void *worker(void *arg) {
  test_step_wait(1);
  pthread_mutex_lock(&mu);
  spin_lock(&spin);
  shared++;
  spin_unlock(&spin);
  pthread_mutex_unlock(&mu);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  spin_lock(&spin);
  shared++;
  spin_unlock(&spin);
  pthread_mutex_lock(&mu);
  pthread_mutex_unlock(&mu);
  test_step_set(1);
  test_join(t);
  printf("shared %d\n", shared);
  return 0;
}
// CHECK: shared 2
