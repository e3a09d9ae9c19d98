/* model_locked_call.c — uninstrumented code that takes the spinlock of
 * Inputs/model_spinlock.c around a callback, compiled WITHOUT Tangle into
 * the test executable: the pass never sees these spin_lock/spin_unlock
 * calls; with the spinlock in a shared library they go through the
 * executable's PLT, which the runtime model (model= option) redirects. */
#include "model_spinlock.h"

void spin_locked_call(spinlock_t *l, void (*fn)(void *), void *arg) {
  spin_lock(l);
  fn(arg);
  spin_unlock(l);
}
