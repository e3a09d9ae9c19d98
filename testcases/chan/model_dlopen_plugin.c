// The runtime model reaches libraries loaded later: a plugin built without
// Tangle (Inputs/model_caller.c), loaded with dlopen, takes the
// uninstrumented spinlock of another library around the program's
// callback.  The runtime patches the plugin's GOT when dlopen returns, so
// with TANGLE_OPTIONS=model=FILE the increments are ordered: silent.
// Without the option they are reported.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %clang -O1 -g -fPIC -shared %S/Inputs/model_spinlock.c -o %t.dir/libmodelspin.so
// RUN: %clang -O1 -g -fPIC -shared %S/Inputs/model_caller.c -L%t.dir -lmodelspin -Wl,-rpath,%t.dir -o %t.dir/plugin.so
// RUN: %tangle_cc -O1 -DPLUGIN='"%t.dir/plugin.so"' %s -o %t
// RUN: env TANGLE_OPTIONS=model=%S/Inputs/model_spinlock.model %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,NOMODEL
#include "../test.h"
#include "Inputs/model_spinlock.h"
#include <dlfcn.h>

spinlock_t lock = SPINLOCK_INIT("lock");
long counter;
void (*locked_call)(spinlock_t *, void (*)(void *), void *);

static void bump(void *arg) {
  counter++; // NOMODEL: WARNING: Tangle: data race
}

static void *worker(void *arg) {
  for (int i = 0; i < 1000; i++)
    locked_call(&lock, bump, NULL);
  return NULL;
}

int main(void) {
  void *h = dlopen(PLUGIN, RTLD_NOW | RTLD_LOCAL);
  if (!h || !(locked_call = (void (*)(spinlock_t *, void (*)(void *), void *))
                  dlsym(h, "plugin_locked_call"))) {
    printf("dlopen: %s\n", dlerror());
    return 1;
  }
  pthread_t t[2] = {test_spawn(worker, NULL), test_spawn(worker, NULL)};
  test_join(t[0]);
  test_join(t[1]);
  printf("counter %ld\n", counter);
  return 0;
}
// CHECK: counter 2000
