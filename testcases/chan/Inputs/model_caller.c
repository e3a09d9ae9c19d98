/* model_caller.c — a plugin, built WITHOUT Tangle as a shared library
 * linked against the spinlock library, that model_dlopen_plugin.c loads
 * with dlopen: its spin_lock/spin_unlock calls go through its own GOT,
 * which the runtime model patches when dlopen returns. */
#include "model_spinlock.h"

void plugin_locked_call(spinlock_t *l, void (*fn)(void *), void *arg) {
  spin_lock(l);
  fn(arg);
  spin_unlock(l);
}
