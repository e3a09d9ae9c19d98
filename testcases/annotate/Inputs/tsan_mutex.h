/* tsan_mutex.h — a spinning mutex annotated with ThreadSanitizer's
 * __tsan_mutex_* API the way a library does it (abseil, folly): its lock
 * word uses relaxed atomics, which order nothing, and its slow path bumps a
 * contention counter without synchronization; both are inside the
 * pre/post brackets, where neither tool looks.  The annotations alone make
 * it a mutex. */
#ifndef TEST_TSAN_MUTEX_H
#define TEST_TSAN_MUTEX_H

#include <sanitizer/tsan_interface.h>
#include <sched.h>
#include <stdatomic.h>

typedef struct {
  const char *name;
  atomic_int word;
  long contended; /* racy by design: touched only inside the brackets */
} tmutex_t;

static void tmutex_init(tmutex_t *m, const char *name) {
  m->name = name;
  atomic_init(&m->word, 0);
  m->contended = 0;
  __tsan_mutex_create(m, __tsan_mutex_not_static);
}

static void tmutex_lock(tmutex_t *m) {
  __tsan_mutex_pre_lock(m, 0);
  while (atomic_exchange_explicit(&m->word, 1, memory_order_relaxed)) {
    m->contended++;
    sched_yield();
  }
  atomic_signal_fence(memory_order_seq_cst);
  __tsan_mutex_post_lock(m, 0, 0);
}

static int tmutex_trylock(tmutex_t *m) {
  __tsan_mutex_pre_lock(m, __tsan_mutex_try_lock);
  int ok = !atomic_exchange_explicit(&m->word, 1, memory_order_relaxed);
  atomic_signal_fence(memory_order_seq_cst);
  __tsan_mutex_post_lock(m, ok ? __tsan_mutex_try_lock : __tsan_mutex_try_lock_failed, 0);
  return ok;
}

static void tmutex_unlock(tmutex_t *m) {
  __tsan_mutex_pre_unlock(m, 0);
  atomic_signal_fence(memory_order_seq_cst);
  atomic_store_explicit(&m->word, 0, memory_order_relaxed);
  __tsan_mutex_post_unlock(m, 0);
}

static void tmutex_destroy(tmutex_t *m) { __tsan_mutex_destroy(m, __tsan_mutex_not_static); }

#endif
