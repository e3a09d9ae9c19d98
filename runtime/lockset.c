/* lockset.c — the locks each thread holds, and lock misuse.
 *
 * Every thread keeps the set of locks it holds (tg_thread_t.held, at most
 * TG_MAX_HELD): address, lock-graph node, mode, recursion depth, where it
 * was acquired and the thread's clock just before.  The lock interceptors
 * add an entry after a successful lock or trylock and drop one before the
 * real unlock.  The set feeds:
 *   - the lock-order graph (lockgraph.c): a blocking acquisition of B makes
 *     an edge A->B from every held A.  A per-thread cache of the
 *     (B, held set) pairs already turned into edges keeps repeated lock
 *     sequences off the graph and its lock;
 *   - the wait-for graph (waitfor.c): who holds what a blocked thread
 *     waits for;
 *   - lock misuse: an unlock of a mutex the thread does not hold, a destroy
 *     of a locked mutex, a lock of a destroyed one.  glibc's own mutex state
 *     decides whether a mutex is locked (__lock) and of which type (__kind,
 *     -1 after destroy), so statically initialized mutexes count too.
 * Deadlock detection is one detector: when a thread would hold more than
 * TG_MAX_HELD locks it is switched off (tg_dl_shutdown), held sets and all.
 *
 * The state lives in a tg_dl_state_t made on the thread's first lock or
 * wait and pooled when it finishes (see tg.h): a finished thread costs
 * nothing here unless it abandoned locks.
 *
 * Locking: a state's lock guards its owner, nheld and held[] (and the wait
 * record, waitfor.c): only the thread changes them, under it; other threads
 * (the watchdog, a report naming a holder) read them under it, after
 * checking the owner; the thread reads its own without it.  The fields of
 * a slot at index >= nheld are the thread's alone (the clock copy is made
 * there before the slot is published by nheld++).  pool_lock guards the
 * pool; a state's lock is never taken under it.
 */
#include "tg.h"

#include <pthread.h>
#include <string.h>

int tg_dl_on = 1;
static atomic_int shut_down;

void tg_dl_init(void) { tg_dl_on = tg_flags.detect_deadlocks != 0; }

void tg_dl_shutdown(const char *why) {
  if (atomic_exchange(&shut_down, 1)) return;
  tg_dl_on = 0;
  tg_printf("tangle: %s; deadlock detection is off from here on\n", why);
}

/* ---- per-thread states -------------------------------------------------- */

static tg_dl_state_t *pool; /* states of finished threads, for reuse */
static tg_spin_t pool_lock;

tg_dl_state_t *tg_ls_state(tg_thread_t *t) {
  tg_dl_state_t *d = atomic_load_explicit(&t->dl, memory_order_relaxed);
  if (TG_LIKELY(d != NULL)) return d;
  tg_spin_lock(&pool_lock);
  d = pool;
  if (d != NULL) pool = d->next_free;
  tg_spin_unlock(&pool_lock);
  if (d == NULL) {
    d = tg_calloc(sizeof(*d));
    TG_CHECK(d != NULL);
  }
  /* A reader may hold the lock of a pooled state it found in its old
   * owner: wait for it, and never clear the lock itself. */
  tg_spin_lock(&d->lock);
  d->owner = t;
  d->nheld = 0;
  d->wait.kind = TG_WAIT_NONE;
  d->held_sig = 0;
  d->edge_gen = 0;
  memset(d->edge_cache, 0, sizeof(d->edge_cache));
  tg_spin_unlock(&d->lock);
  atomic_store_explicit(&t->dl, d, memory_order_release);
  return d;
}

tg_dl_state_t *tg_ls_lock_other(tg_thread_t *o) {
  tg_dl_state_t *d = atomic_load_explicit(&o->dl, memory_order_acquire);
  if (d == NULL) return NULL;
  tg_spin_lock(&d->lock);
  if (d->owner == o) return d;
  tg_spin_unlock(&d->lock); /* pooled, or another thread's by now */
  return NULL;
}

void tg_ls_thread_finish(tg_thread_t *t) {
  tg_dl_state_t *d = atomic_load_explicit(&t->dl, memory_order_relaxed);
  if (d == NULL) return;
  for (uint32_t i = 0; i < TG_MAX_HELD; i++) tg_vc_free(&d->held[i].vc);
  if (d->nheld > 0) return;
  tg_spin_lock(&d->lock);
  d->owner = NULL;
  tg_spin_unlock(&d->lock);
  atomic_store_explicit(&t->dl, NULL, memory_order_relaxed);
  tg_spin_lock(&pool_lock);
  d->next_free = pool;
  pool = d;
  tg_spin_unlock(&pool_lock);
}

void tg_ls_fork_child(void) {
  atomic_store_explicit(&pool_lock.v, 0, memory_order_relaxed);
  for (tg_dl_state_t *d = pool; d != NULL; d = d->next_free)
    atomic_store_explicit(&d->lock.v, 0, memory_order_relaxed);
  for (uint32_t i = 0; i < tg_thread_count(); i++) {
    tg_thread_t *t = tg_thread_get((tg_tid_t)i);
    tg_dl_state_t *d = t != NULL ? atomic_load(&t->dl) : NULL;
    if (d != NULL) atomic_store_explicit(&d->lock.v, 0, memory_order_relaxed);
  }
}

/* ---- the held set ------------------------------------------------------ */

/* The held set's hash: each entry contributes one mixed word, XORed in when
 * it is added and out when it is dropped.  The node's serial is in it, so a
 * new lock at the address of a dead one is not taken for it. */
static uint64_t held_mix(const tg_held_t *h) {
  uint64_t x = ((uint64_t)h->addr | h->write) * 0x9e3779b97f4a7c15ull ^
               (uint64_t)h->serial * 0xc2b2ae3d27d4eb4full;
  return x ^ (x >> 31);
}

tg_held_t *tg_ls_find(tg_thread_t *t, uptr addr) {
  tg_dl_state_t *d = atomic_load_explicit(&t->dl, memory_order_relaxed);
  if (d == NULL) return NULL;
  for (uint32_t i = d->nheld; i-- > 0;)
    if (d->held[i].addr == addr) return &d->held[i];
  return NULL;
}

tg_held_t *tg_ls_acquire(tg_thread_t *t, tg_sync_t *s, bool write, uptr pc,
                         uptr fn) {
  tg_dl_state_t *d = tg_ls_state(t);
  tg_held_t *h = tg_ls_find(t, s->addr);
  if (h != NULL) {
    tg_spin_lock(&d->lock);
    h->count++;
    tg_spin_unlock(&d->lock);
    return NULL;
  }
  if (TG_UNLIKELY(d->nheld == TG_MAX_HELD)) {
    tg_dl_shutdown("a thread holds more than 64 locks at once (TG_MAX_HELD)");
    return NULL;
  }
  tg_ctx_t ctx = tg_ctx_intern(tg_thread_ctx(t, pc), fn + 1);
  h = &d->held[d->nheld];
  h->addr = s->addr;
  h->node = tg_lg_node(s, ctx);
  h->serial = s->lg_serial;
  h->count = 1;
  h->kind = s->kind;
  h->write = write;
  h->ctx = ctx;
  h->pc = pc;
  tg_vc_copy(&h->vc, &t->vc);
  tg_spin_lock(&d->lock);
  d->nheld++;
  tg_spin_unlock(&d->lock);
  d->held_sig ^= held_mix(h);
  return h;
}

/* The cache key of "b acquired while holding the rest of the held set",
 * never 0 (an empty slot). */
static uint64_t edge_key(const tg_dl_state_t *d, const tg_held_t *b) {
  uint64_t k = (d->held_sig ^ (d->edge_gen * 0xc2b2ae3d27d4eb4full)) +
               held_mix(b) * 0x632be59bd9b4e019ull;
  k ^= k >> 29;
  return k | 1;
}

void tg_ls_acquired(tg_thread_t *t, tg_held_t *h, bool blocking) {
  tg_dl_state_t *d = atomic_load_explicit(&t->dl, memory_order_relaxed);
  if (h == NULL || !blocking || d->nheld < 2 || !tg_dl_on) return;
  uint64_t key = edge_key(d, h);
  uint64_t *slot = &d->edge_cache[(key >> 7) % TG_EDGE_CACHE];
  if (*slot == key) return;
  tg_lg_add_edges(t, h);
  *slot = key;
}

bool tg_ls_release(tg_thread_t *t, uptr addr) {
  tg_held_t *h = tg_ls_find(t, addr);
  if (h == NULL) return false;
  tg_dl_state_t *d = atomic_load_explicit(&t->dl, memory_order_relaxed);
  tg_spin_lock(&d->lock);
  if (--h->count == 0) {
    d->held_sig ^= held_mix(h);
    /* Swap with the last entry, so each slot keeps a clock buffer to
     * reuse. */
    tg_held_t *last = &d->held[--d->nheld];
    if (h != last) {
      tg_held_t tmp = *h;
      *h = *last;
      *last = tmp;
    }
  }
  tg_spin_unlock(&d->lock);
  return true;
}

int tg_ls_holders(uptr addr, bool writers_only, tg_tid_t *tids, tg_ctx_t *ctxs,
                  int max) {
  int n = 0;
  uint32_t count = tg_thread_count();
  for (uint32_t i = 0; i < count && n < max; i++) {
    tg_thread_t *o = tg_thread_get((tg_tid_t)i);
    tg_dl_state_t *d = o != NULL ? tg_ls_lock_other(o) : NULL;
    if (d == NULL) continue;
    for (uint32_t j = 0; j < d->nheld; j++) {
      const tg_held_t *h = &d->held[j];
      if (h->addr != addr || (writers_only && !h->write)) continue;
      tids[n] = o->tid;
      if (ctxs != NULL) ctxs[n] = h->ctx;
      n++;
      break;
    }
    tg_spin_unlock(&d->lock);
  }
  return n;
}

/* ---- lock misuse ------------------------------------------------------ */

/* glibc's mutex fields, read as the thread that owns or inspects it: lock
 * word (0 when unlocked), owner tid, and type (-1 once destroyed). */
static int mutex_lockword(void *m) {
  return __atomic_load_n(&((pthread_mutex_t *)m)->__data.__lock, __ATOMIC_RELAXED);
}
static int mutex_kind(void *m) {
  return __atomic_load_n(&((pthread_mutex_t *)m)->__data.__kind, __ATOMIC_RELAXED);
}
static int mutex_owner(void *m) {
  return __atomic_load_n(&((pthread_mutex_t *)m)->__data.__owner, __ATOMIC_RELAXED);
}

bool tg_ls_mutex_relock_hangs(tg_thread_t *t, void *m) {
  int kind = mutex_kind(m);
  /* PTHREAD_MUTEX_NORMAL (the default) and ADAPTIVE block their owner;
   * RECURSIVE counts and ERRORCHECK fails with EDEADLK.  The robust, PI and
   * PP bits above do not change that.  glibc records the owner of every
   * type: a held entry left behind by memory freed while locked does not
   * make a new mutex there look held. */
  return kind != -1 &&
         ((kind & 3) == PTHREAD_MUTEX_NORMAL || (kind & 3) == PTHREAD_MUTEX_ADAPTIVE_NP) &&
         mutex_lockword(m) != 0 && mutex_owner(m) == t->os_tid;
}

void tg_ls_check_lock(tg_thread_t *t, void *m, uptr pc, uptr fn) {
  if (mutex_kind(m) != -1) return;
  t->in_rt++;
  tg_sync_t *s = tg_sync_get((uptr)m, TG_SYNC_MUTEX, false);
  bool destroyed = false;
  tg_tid_t who = TG_TID_NONE;
  tg_ctx_t where = 0;
  if (s != NULL) {
    destroyed = s->destroyed;
    who = s->destroyer;
    where = s->ctx;
    tg_sync_unlock(s);
  }
  /* Only a destroy the runtime saw: freed and reused memory that still
   * reads -1 is an uninitialized mutex, not this bug. */
  if (destroyed)
    tg_report_lock_misuse(TG_REPORT_LOCK_DESTROYED, t, (uptr)m, pc, fn, who, where);
  t->in_rt--;
}

/* Precondition: t does not hold m (tg_ls_release said so). */
void tg_ls_check_unlock(tg_thread_t *t, void *m, uptr pc, uptr fn) {
  t->in_rt++;
  tg_tid_t holder = TG_TID_NONE;
  tg_ctx_t where = 0;
  if (mutex_lockword(m) == 0) {
    tg_report_lock_misuse(TG_REPORT_UNLOCK_UNLOCKED, t, (uptr)m, pc, fn,
                          TG_TID_NONE, 0);
  } else if ((mutex_kind(m) & 3) != PTHREAD_MUTEX_NORMAL &&
             (mutex_kind(m) & 3) != PTHREAD_MUTEX_ADAPTIVE_NP &&
             mutex_owner(m) != t->os_tid) {
    /* A recursive or error-checking mutex another thread owns: the real
     * unlock fails with EPERM.  A normal one locked by another thread is
     * left alone: glibc lets any thread unlock it, and programs rely on
     * it. */
    tg_ls_holders((uptr)m, true, &holder, &where, 1);
    tg_report_lock_misuse(TG_REPORT_UNLOCK_UNLOCKED, t, (uptr)m, pc, fn, holder,
                          where);
  }
  t->in_rt--;
}

void tg_ls_check_destroy(tg_thread_t *t, void *m, uptr pc, uptr fn) {
  if (mutex_lockword(m) == 0) return;
  t->in_rt++;
  tg_tid_t holder = TG_TID_NONE;
  tg_ctx_t where = 0;
  tg_ls_holders((uptr)m, true, &holder, &where, 1);
  tg_report_lock_misuse(TG_REPORT_DESTROY_LOCKED, t, (uptr)m, pc, fn, holder, where);
  t->in_rt--;
}
