/* lockset.c — the locks each thread holds, and lock misuse.
 *
 * Every thread keeps the set of locks it holds (tg_dl_state_t.held, at most
 * max_held_locks, an option): address, lock-graph node, mode, recursion
 * depth, where it was acquired and the thread's clock just before.  The lock interceptors
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
 * max_held_locks locks it is switched off (tg_dl_shutdown), held sets and
 * all.
 *
 * The state lives in a tg_dl_state_t made on the thread's first lock or
 * wait and pooled when it finishes (see tg.h): a finished thread costs
 * nothing here unless it abandoned locks.
 *
 * The lock helpers every kind of lock shares (tg_lock_acquired and
 * tg_lock_releasing: happens-before through the sync object, and the held
 * set) live here too, so that the path every lock and unlock takes is one
 * call with the held-set work inlined.  Cheap enough to leave on
 * (lock-only builds): no atomic instruction of the runtime's own but the
 * sync object's lock; where the lock was taken comes from a per-thread
 * cache; the entry's clock is the thread's buffer itself, swapped, when the
 * acquire changes the thread's clock.
 *
 * Locking: a state's lock guards its owner (and the wait record,
 * waitfor.c); only the thread changes nheld and held[], without it.  An
 * append fills the slot at nheld (the fields of a slot at index >= nheld
 * are the thread's alone) and publishes it with a release store of
 * nheld++: a reader sees the entry whole or not at all, and an append
 * moves no other entry.  Any other change (a release's swap and pop, a
 * recursion count) is made inside an odd held_seq, a sequence lock the
 * thread takes with plain stores.  Other threads (the watchdog, a report
 * naming a holder) read them under the state's lock, after checking the
 * owner, and read again until held_seq was even and unchanged around the
 * read; the thread reads its own freely.  pool_lock guards the pool; a
 * state's lock is never taken under it.
 */
#include "tg.h"

#include <pthread.h>
#include <string.h>

int tg_dl_on = 1;
static atomic_int shut_down;

void tg_dl_init(void) { tg_dl_on = tg_flags.detect_deadlocks != 0; }

void tg_dl_shutdown(const char *what, long limit, const char *option) {
  if (atomic_exchange(&shut_down, 1)) return;
  tg_dl_on = 0;
  tg_printf("tangle: more than %ld %s; deadlock detection is off from here on "
            "(raise %s in TANGLE_OPTIONS)\n", limit, what, option);
}

/* ---- per-thread states -------------------------------------------------- */

static tg_dl_state_t *pool; /* states of finished threads, for reuse */
static tg_spin_t pool_lock;

/* t's first lock or wait: a pooled state, or a new one. */
TG_NOINLINE static tg_dl_state_t *make_state(tg_thread_t *t) {
  tg_dl_state_t *d;
  tg_spin_lock(&pool_lock);
  d = pool;
  if (d != NULL) pool = d->next_free;
  tg_spin_unlock(&pool_lock);
  if (d == NULL) {
    d = tg_calloc(sizeof(*d) + sizeof(d->held[0]) * (size_t)tg_flags.max_held_locks);
    TG_CHECK(d != NULL);
  }
  /* A reader may hold the lock of a pooled state it found in its old
   * owner: wait for it, and never clear the lock itself. */
  tg_spin_lock(&d->lock);
  d->owner = t;
  d->nheld = 0;
  d->wait.kind = TG_WAIT_NONE;
  /* Unique to the thread: an instance an earlier holder of its (reused)
   * tid made is not one of its own (lockgraph.c, record). */
  d->edge_gen = (uint64_t)t->num << 32;
  memset(d->edge_cache, 0, sizeof(d->edge_cache));
  tg_spin_unlock(&d->lock);
  atomic_store_explicit(&t->dl, d, memory_order_release);
  return d;
}

static inline tg_dl_state_t *state(tg_thread_t *t) {
  tg_dl_state_t *d = atomic_load_explicit(&t->dl, memory_order_relaxed);
  return TG_LIKELY(d != NULL) ? d : make_state(t);
}

tg_dl_state_t *tg_ls_state(tg_thread_t *t) { return state(t); }

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
  for (long i = 0; i < tg_flags.max_held_locks; i++) tg_vc_free(&d->held[i].vc);
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
  /* A thread that is gone may have been inside a change of its held set:
   * an odd held_seq would keep readers waiting for ever. */
  for (uint32_t i = 0; i < tg_thread_count(); i++) {
    tg_thread_t *t = tg_thread_get((tg_tid_t)i);
    tg_dl_state_t *d = t != NULL ? atomic_load(&t->dl) : NULL;
    if (d == NULL) continue;
    atomic_store_explicit(&d->lock.v, 0, memory_order_relaxed);
    unsigned seq = atomic_load_explicit(&d->held_seq, memory_order_relaxed);
    atomic_store_explicit(&d->held_seq, seq & ~1u, memory_order_relaxed);
  }
}

/* ---- the held set ------------------------------------------------------ */

/* One held entry's part of the held set's hash (edge_key).  The node's
 * serial is in it, so a new lock at the address of a dead one is not taken
 * for it. */
static uint64_t held_mix(const tg_held_t *h) {
  uint64_t x = ((uint64_t)h->addr | h->write) * 0x9e3779b97f4a7c15ull ^
               (uint64_t)h->serial * 0xc2b2ae3d27d4eb4full;
  return x ^ (x >> 31);
}

static inline tg_held_t *find(tg_dl_state_t *d, uptr addr) {
  for (uint32_t i = d->nheld; i-- > 0;)
    if (d->held[i].addr == addr) return &d->held[i];
  return NULL;
}

tg_held_t *tg_ls_find(tg_thread_t *t, uptr addr) {
  tg_dl_state_t *d = atomic_load_explicit(&t->dl, memory_order_relaxed);
  return d != NULL ? find(d, addr) : NULL;
}

/* Where a lock was acquired: the shadow stack, the call site pc and the
 * intercepted function fn on top.  Interning it on every acquisition (the
 * frames above thread.c's interned prefix, then pc and fn: a probe of the
 * context table each, likely cache misses) was most of what a lock cost; a
 * call site is reached from few stacks, so each thread remembers the
 * context it got per (interned prefix, the one frame above it or 0, pc,
 * fn).  The prefix usually ends one frame short: the function that locks
 * was entered since the last lock, and func_exit lowered ctx_valid.
 * Contexts never die, so an entry is never wrong, only evicted; the key is
 * the stack itself, so a cache carried over to another thread (TLS reused)
 * is still right. */
#define SITES 32
typedef struct {
  uptr pc, fn, top;
  tg_ctx_t below, ctx;
} site_t;
static TG_TLS site_t sites[SITES];

static inline site_t *site_slot(tg_ctx_t below, uptr top, uptr pc) {
  uint64_t h = ((uint64_t)pc ^ (uint64_t)top * 31 ^ (uint64_t)below << 20) *
               0x9e3779b97f4a7c15ull;
  return &sites[h >> 59];
}
_Static_assert(SITES == 32, "site_slot takes the hash's top 5 bits");

/* Not cached: intern the frames (more than one above the prefix: let
 * tg_thread_ctx intern them, and key the entry by its whole stack). */
TG_NOINLINE static tg_ctx_t site_miss(tg_thread_t *t, tg_ctx_t below, uptr top,
                                      bool whole, uptr pc, uptr fn) {
  tg_ctx_t ctx;
  if (whole) {
    ctx = tg_ctx_intern(tg_thread_ctx(t, pc), fn + 1);
    uint32_t depth = t->depth < TG_SHADOW_STACK_MAX ? t->depth : TG_SHADOW_STACK_MAX;
    below = depth > 0 ? t->ctxs[depth - 1] : 0;
    top = 0;
  } else {
    tg_ctx_t c = top != 0 ? tg_ctx_intern(below, top) : below;
    ctx = tg_ctx_intern(tg_ctx_intern(c, pc), fn + 1);
  }
  *site_slot(below, top, pc) = (site_t){pc, fn, top, below, ctx};
  return ctx;
}

/* tg_ctx_intern(tg_thread_ctx(t, pc), fn + 1), from the cache when it
 * can. */
TG_INLINE tg_ctx_t site_ctx(tg_thread_t *t, uptr pc, uptr fn) {
  uint32_t depth = t->depth < TG_SHADOW_STACK_MAX ? t->depth : TG_SHADOW_STACK_MAX;
  uint32_t valid = t->ctx_valid;
  tg_ctx_t below = valid > 0 ? t->ctxs[valid - 1] : 0;
  uptr top = 0; /* no frame: a return address is never 0 */
  if (valid + 1 == depth)
    top = t->pcs[valid];
  else if (TG_UNLIKELY(valid != depth))
    return site_miss(t, below, top, true, pc, fn);
  const site_t *e = site_slot(below, top, pc);
  if (TG_LIKELY(e->pc == pc && e->top == top && e->below == below && e->fn == fn))
    return e->ctx;
  return site_miss(t, below, top, false, pc, fn);
}

/* h's clock = t's clock, for an acquire that joins nothing.  Each slot
 * keeps a buffer from the last lock held there, and both buffers hold
 * TG_VC_MIN_CAP entries or more (cap is 0 or at least that): a short clock
 * (most programs) moves whole, don't-care entries and all. */
TG_INLINE void held_clock_copy(tg_held_t *h, const tg_thread_t *t) {
  uint32_t n = t->vc.n;
  if (TG_LIKELY(n <= TG_VC_MIN_CAP && n <= h->vc.cap && n >= h->vc.n)) {
    __builtin_memcpy_inline(h->vc.c, t->vc.c, TG_VC_MIN_CAP * sizeof(tg_clock_t));
    h->vc.n = n;
  } else {
    tg_vc_copy(&h->vc, &t->vc);
  }
}

/* The held entry's clock (the thread's clock just before it acquired the
 * lock) and the acquire's join of s's clock into the thread's, together:
 * when the join changes something, the thread's buffer goes to the entry
 * as it is and the joined clock is written into the entry's old buffer, so
 * the entry costs no copy.  Joins the write-release clock only; the caller
 * joins an rwlock's rclock.  Precondition: s locked. */
TG_INLINE void snapshot_and_acquire(tg_held_t *h, tg_thread_t *t, tg_sync_t *s) {
  uint64_t bit = tg_tid_bit(t->tid);
  const tg_vc_t *src = &s->clock;
  uint32_t n = t->vc.n;
  if ((s->covered & bit) != 0 || src->n == 0) {
    held_clock_copy(h, t);
    return;
  }
  if (TG_LIKELY(src->n == n && n <= h->vc.cap)) {
    tg_vc_t before = t->vc;
    t->vc = h->vc;
    h->vc = before;
    for (uint32_t i = 0; i < n; i++) {
      tg_clock_t a = before.c[i], b = src->c[i];
      t->vc.c[i] = a > b ? a : b;
    }
    t->vc.n = n;
  } else {
    tg_vc_copy(&h->vc, &t->vc);
    tg_vc_join(&t->vc, src);
  }
  s->covered |= bit;
}

/* The thread's changes of its held set other than an append: inside an
 * odd held_seq, so a reader that saw them half done reads again
 * (tg_ls_holders).  Stores, no atomic instruction: only the thread writes
 * held_seq, and x86 keeps stores in order (the fences only keep the
 * compiler from moving them). */
static inline void held_change_begin(tg_dl_state_t *d) {
  unsigned seq = atomic_load_explicit(&d->held_seq, memory_order_relaxed);
  atomic_store_explicit(&d->held_seq, seq + 1, memory_order_relaxed);
  atomic_thread_fence(memory_order_release);
}
static inline void held_change_end(tg_dl_state_t *d) {
  unsigned seq = atomic_load_explicit(&d->held_seq, memory_order_relaxed);
  atomic_store_explicit(&d->held_seq, seq + 1, memory_order_release);
}

/* One more level of a lock t already holds (a recursive mutex, a second
 * read lock). */
TG_NOINLINE static void held_again(tg_dl_state_t *d, tg_held_t *h) {
  held_change_begin(d);
  h->count++;
  held_change_end(d);
}

/* The slot for t's new entry for the lock at addr, acquired at pc in fn,
 * with where (*ctx); NULL when t holds it already (one more level) or the
 * held set is full (deadlock detection goes off).  Needs no sync object,
 * so it runs before the object is locked. */
TG_INLINE tg_held_t *held_slot(tg_thread_t *t, tg_dl_state_t *d, uptr addr,
                               uptr pc, uptr fn, tg_ctx_t *ctx) {
  tg_held_t *again = d->nheld != 0 ? find(d, addr) : NULL;
  if (again != NULL) {
    held_again(d, again);
    return NULL;
  }
  if (TG_UNLIKELY(d->nheld == (uint32_t)tg_flags.max_held_locks)) {
    tg_dl_shutdown("locks held by one thread at once", tg_flags.max_held_locks,
                   "max_held_locks");
    return NULL;
  }
  *ctx = site_ctx(t, pc, fn);
  return &d->held[d->nheld];
}

/* Everything of the entry but its clock.  Precondition: s locked. */
TG_INLINE void held_fill(tg_held_t *h, tg_sync_t *s, bool write, tg_ctx_t ctx,
                         uptr pc) {
  h->addr = s->addr;
  h->node = s->lg_node != 0 ? s->lg_node : tg_lg_node(s, ctx);
  h->serial = s->lg_serial;
  h->count = 1;
  h->kind = s->kind;
  h->write = write;
  h->ctx = ctx;
  h->pc = pc;
}

/* Published whole: a reader under d->lock sees it or not (see the header);
 * no lock taken on the path every lock goes. */
static inline void held_publish(tg_dl_state_t *d) {
  __atomic_store_n(&d->nheld, d->nheld + 1, __ATOMIC_RELEASE);
}

tg_held_t *tg_ls_acquire(tg_thread_t *t, tg_sync_t *s, bool write, uptr pc,
                         uptr fn) {
  tg_dl_state_t *d = state(t);
  tg_ctx_t ctx;
  tg_held_t *h = held_slot(t, d, s->addr, pc, fn, &ctx);
  if (h == NULL) return NULL;
  held_fill(h, s, write, ctx, pc);
  held_clock_copy(h, t);
  held_publish(d);
  return h;
}

/* The cache key of "b acquired while holding the rest of the held set",
 * never 0 (an empty slot).  Made only for a lock taken with another held,
 * so the held set's hash is computed here rather than kept up to date by
 * every acquisition and release. */
static uint64_t edge_key(const tg_dl_state_t *d, const tg_held_t *b) {
  uint64_t sig = 0;
  for (uint32_t i = 0; i < d->nheld; i++) sig ^= held_mix(&d->held[i]);
  uint64_t k = (sig ^ (d->edge_gen * 0xc2b2ae3d27d4eb4full)) +
               held_mix(b) * 0x632be59bd9b4e019ull;
  k ^= k >> 29;
  return k | 1;
}

/* A blocking acquisition of h with other locks held: lock-order edges from
 * each of them, unless this thread made the same ones already (the cache)
 * with nothing released to other threads since. */
TG_NOINLINE static void make_edges(tg_thread_t *t, tg_dl_state_t *d, tg_held_t *h) {
  uint64_t key = edge_key(d, h);
  uint64_t *slot = &d->edge_cache[(key >> 7) % TG_EDGE_CACHE];
  if (*slot == key) return;
  tg_lg_add_edges(t, h);
  *slot = key;
}

void tg_ls_acquired(tg_thread_t *t, tg_held_t *h, bool blocking) {
  tg_dl_state_t *d = atomic_load_explicit(&t->dl, memory_order_relaxed);
  if (h == NULL || !blocking || d->nheld < 2 || !tg_dl_on) return;
  make_edges(t, d, h);
}

/* The join of a release, inline: clocks are short and alike in most
 * programs, and tg_vc_join's general loop costs more than its work. */
static inline void release_join(tg_vc_t *dst, const tg_vc_t *src) {
  uint32_t n = src->n;
  if (TG_UNLIKELY(n > dst->n)) {
    tg_vc_join(dst, src);
    return;
  }
  for (uint32_t i = 0; i < n; i++)
    if (src->c[i] > dst->c[i]) dst->c[i] = src->c[i];
}

/* Where the lock at s was first used (lock-graph numbering, tg_lg_number,
 * takes it from the node once there is one: then s->ctx, on another cache
 * line, is not looked at).  Precondition: s locked. */
static inline void first_use(tg_thread_t *t, tg_sync_t *s, uptr pc) {
  if (TG_UNLIKELY(s->lg_node == 0) && s->ctx == 0) s->ctx = tg_thread_ctx(t, pc);
}

/* A write (exclusive) lock acquires what every unlock released; a read lock
 * only what write-unlocks released.  With deadlock detection, the lock
 * joins the thread's held set, its entry begun before the sync object is
 * locked (where it was acquired is the costly part) and published after;
 * the entry keeps the thread's clock from before the acquire.  Only a lock
 * the thread could have waited for (blocking) taken while holding another
 * makes lock-order edges. */
void tg_lock_acquired(tg_thread_t *t, const volatile void *addr, tg_sync_kind_t kind,
                      bool write, bool blocking, uptr pc, uptr fn) {
  t->in_rt++;
  tg_dl_state_t *d = NULL;
  tg_held_t *h = NULL;
  tg_ctx_t ctx = 0;
  if (tg_dl_on) {
    d = state(t);
    h = held_slot(t, d, (uptr)addr, pc, fn, &ctx);
  }
  tg_sync_t *s = tg_sync_get((uptr)addr, kind, true);
  first_use(t, s, pc);
  s->destroyed = false; /* it locked: initialized again, in some way */
  if (h != NULL) {
    held_fill(h, s, write, ctx, pc);
    snapshot_and_acquire(h, t, s);
  } else {
    tg_sync_acquire_into(&t->vc, t, s);
  }
  if (write) {
    /* Only an rwlock's unlock releases into rclock. */
    if (kind == TG_SYNC_RWLOCK && s->rclock.n != 0) tg_vc_join(&t->vc, &s->rclock);
    if (s->owner == t->tid) {
      s->recursion++;
    } else {
      s->owner = t->tid;
      s->recursion = 1;
    }
  } else {
    s->readers++;
  }
  tg_sync_unlock(s);
  if (h != NULL) {
    held_publish(d);
    if (blocking && h != d->held && tg_dl_on) make_edges(t, d, h);
  }
  t->in_rt--;
}

bool tg_ls_release(tg_thread_t *t, uptr addr) {
  tg_dl_state_t *d = atomic_load_explicit(&t->dl, memory_order_relaxed);
  tg_held_t *h = d != NULL ? find(d, addr) : NULL;
  if (h == NULL) return false;
  held_change_begin(d);
  if (--h->count == 0) {
    /* Swap with the last entry, so each slot keeps a clock buffer to
     * reuse. */
    tg_held_t *last = &d->held[--d->nheld];
    if (h != last) {
      tg_held_t tmp = *h;
      *h = *last;
      *last = tmp;
    }
  }
  held_change_end(d);
  return true;
}

/* The unlocking thread is a writer if it owns the object; otherwise a
 * reader of an rwlock with readers, and in any other case (it was locked
 * where the runtime could not see) it releases as a writer, the stronger
 * edge. */
bool tg_lock_releasing(tg_thread_t *t, const volatile void *addr, tg_sync_kind_t kind,
                       uptr pc) {
  t->in_rt++;
  bool held = !tg_dl_on || tg_ls_release(t, (uptr)addr);
  tg_sync_t *s = tg_sync_get((uptr)addr, kind, true);
  first_use(t, s, pc);
  if (s->owner != t->tid && kind == TG_SYNC_RWLOCK && s->readers > 0) {
    s->readers--;
    release_join(&s->rclock, &t->vc);
  } else {
    /* An inner unlock of a recursive mutex releases too: early, but an
     * acquirer can only come after the last one, which releases it all. */
    if (s->owner != t->tid || --s->recursion == 0) {
      s->owner = TG_TID_NONE;
      s->recursion = 0;
    }
    release_join(&s->clock, &t->vc);
    tg_sync_clock_changed(s, t);
  }
  tg_sync_unlock(s);
  tg_thread_tick(t);
  t->in_rt--;
  return held;
}

int tg_ls_holders(uptr addr, bool writers_only, tg_tid_t *tids, tg_ctx_t *ctxs,
                  int max) {
  int n = 0;
  uint32_t count = tg_thread_count();
  for (uint32_t i = 0; i < count && n < max; i++) {
    tg_thread_t *o = tg_thread_get((tg_tid_t)i);
    tg_dl_state_t *d = o != NULL ? tg_ls_lock_other(o) : NULL;
    if (d == NULL) continue;
    bool found;
    tg_ctx_t ctx;
    unsigned seq;
    do {
      while ((seq = atomic_load_explicit(&d->held_seq, memory_order_acquire)) & 1) {
      }
      found = false;
      ctx = 0;
      uint32_t nheld = __atomic_load_n(&d->nheld, __ATOMIC_ACQUIRE);
      for (uint32_t j = 0; j < nheld && !found; j++) {
        const tg_held_t *h = &d->held[j];
        found = __atomic_load_n(&h->addr, __ATOMIC_RELAXED) == addr &&
                (!writers_only || __atomic_load_n(&h->write, __ATOMIC_RELAXED));
        if (found) ctx = __atomic_load_n(&h->ctx, __ATOMIC_RELAXED);
      }
      atomic_thread_fence(memory_order_acquire);
    } while (atomic_load_explicit(&d->held_seq, memory_order_relaxed) != seq);
    tg_spin_unlock(&d->lock);
    if (found) {
      tids[n] = o->tid;
      if (ctxs != NULL) ctxs[n] = ctx;
      n++;
    }
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
