/* intercept.h — what the interceptor files (interceptors.c, chan.c,
 * annotate.c) share: finding the real function behind an intercepted name,
 * and deciding whether an interceptor does the runtime's work or only the
 * program's operation.
 *
 * The executable exports the intercepted names (tangle.dyn), so the program
 * and every shared library call the runtime's definition; the real one is
 * found with dlsym(RTLD_NEXT) on first use (which works before init) and
 * cached in a per-name slot.
 */
#ifndef TANGLE_INTERCEPT_H
#define TANGLE_INTERCEPT_H

#include "tg.h"

#include <dlfcn.h>

#define CALLER_PC ((uptr)__builtin_return_address(0))

TG_NOINLINE static inline void *resolve(void **slot, const char *name, const char *version) {
  void *p = version ? dlvsym(RTLD_NEXT, name, version) : NULL;
  if (p == NULL) p = dlsym(RTLD_NEXT, name);
  if (p == NULL) tg_die("cannot find the real %s", name);
  __atomic_store_n(slot, p, __ATOMIC_RELEASE);
  return p;
}

TG_INLINE void *real_fn(void **slot, const char *name, const char *version) {
  void *p = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
  return TG_LIKELY(p != NULL) ? p : resolve(slot, name, version);
}

#define REAL_SLOT(name) static void *real_##name
#define REAL(name) ((__typeof__(&name))real_fn(&real_##name, #name, NULL))
/* Condition variables have two ABIs in glibc; every pthread_cond_* here
 * goes to the current one, so one object never meets both. */
#define REAL_COND(name) ((__typeof__(&name))real_fn(&real_##name, #name, "GLIBC_2.3.2"))

/* The calling thread, or NULL when the interceptor must only do the
 * program's operation. */
TG_INLINE tg_thread_t *enter(void) {
  if (TG_UNLIKELY(!atomic_load_explicit(&tg_inited, memory_order_acquire))) {
    tg_init();
    /* Still 0: called from inside tg_init on this thread. */
    if (!atomic_load_explicit(&tg_inited, memory_order_acquire)) return NULL;
  }
  tg_thread_t *t = tg_thread_self();
  if (TG_UNLIKELY(t->in_rt != 0)) return NULL;
  if (TG_UNLIKELY(atomic_load_explicit(&tg_sig_pending, memory_order_relaxed) != 0))
    tg_sig_deliver(t); /* signals deferred while t was in the runtime */
  return t;
}

#endif /* TANGLE_INTERCEPT_H */
