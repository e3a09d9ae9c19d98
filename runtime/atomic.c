/* atomic.c — C11 atomics and fences (C11 §5.1.2.4, §7.17.3, §7.17.4).
 *
 * The pass brackets each atomic instruction with atomic_begin/atomic_end and
 * leaves the instruction itself alone, so every size and every kind of
 * read-modify-write works unchanged.  atomic_begin locks the address's sync
 * object and atomic_end drops it, so the instruction and its clock update
 * are one step as seen by every other instrumented atomic on that address:
 * the order of the updates is the modification order, and a load that reads
 * a store's value also sees that store's clock.  An address with no object
 * (nothing released there yet) has nothing to acquire: an operation that
 * cannot make one (a load, a store with nothing to release) holds the
 * address's stripe lock across the instruction instead, and looks for an
 * object again after it; one that can make it creates it at begin under the
 * stripe lock.  So an object the atomics make never appears in the middle
 * of a bracket that found none, and an operation on an address that never
 * released does no clock work at all.  Each thread caches the object it
 * last found at a few addresses (ocache), so the common bracket is a
 * trylock of that object and a check that it still is addr's; after any
 * store the storing thread covers the object's clock (it holds only clocks
 * that thread has had), so its own loads of the variable skip the join.
 *
 * One sync object per atomic address (made on the first release on it).
 * Its fields, for atomics (tg.h):
 *   clock   what an acquire reading the current value gets: the join of the
 *           release clocks of every release sequence the value belongs to.
 *   owner   the thread H whose plain (non-RMW) stores continue those
 *           sequences (§5.1.2.4: "performed by the same thread that
 *           performed A"), TG_TID_NONE if there is none.
 *   rclock  H's own part of clock, once RMWs of other threads joined theirs;
 *           empty (n == 0) while clock is H's part alone.
 * A store by H keeps H's part; a store by anyone else ends every sequence
 * (C11, unlike C++20, keeps the same-thread rule).  An RMW by any thread
 * continues every sequence.  A "release clock" is the thread's clock for a
 * release operation, or its clock at its last release fence for a relaxed
 * one (§7.17.4: the fence releases through any later store).
 *
 * Per thread (tg.h): fence_rel, the clock at the last release fence;
 * fence_acq, the join of what relaxed reads saw, taken by the next acquire
 * fence.  seq_cst operations and fences are acquire + release: the single
 * total order S only restricts which values are read (§7.17.3) and adds no
 * synchronizes-with, so it has no clock here.  Consume is acquire.
 *
 * Two atomic accesses never race; an atomic and a plain access can (the
 * shadow records the atomic flag, see access.c).  The access is checked at
 * the clock the operation released (the tick comes after the check), so a
 * reader that acquired a release store may then read the variable plainly.
 *
 * Locks: across the instruction, either the sync object's lock or the
 * address's astripes[] lock (taken around every lookup that missed the
 * cache, so around the object's creation: stripe > sync object), never
 * while checking the access or reporting.  ocache is the thread's own.
 */
#include "tg.h"

#define ATOMIC_STRIPES 1024

typedef struct {
  tg_spin_t l;
  char pad[64 - sizeof(tg_spin_t)];
} astripe_t;
static astripe_t astripes[ATOMIC_STRIPES];

static inline tg_spin_t *astripe_of(uptr addr) {
  return &astripes[((addr >> 3) ^ (addr >> 15)) % ATOMIC_STRIPES].l;
}

/* Per thread, the object last found at a few addresses: a hint, checked
 * under the object's lock (objects are type-stable, so a stale pointer
 * still points at an object). */
#define OCACHE 64
typedef struct {
  uptr addr;
  tg_sync_t *s;
} ocache_t;
static TG_TLS ocache_t ocache[OCACHE];

static inline ocache_t *ocache_of(uptr addr) {
  return &ocache[((addr >> 3) ^ (addr >> 9)) % OCACHE];
}

void tg_atomic_fork_child(void) {
  for (unsigned i = 0; i < ATOMIC_STRIPES; i++)
    atomic_store_explicit(&astripes[i].l.v, 0, memory_order_relaxed);
}

static inline bool is_acquire(int mo) {
  return mo == TG_MO_ACQUIRE || mo == TG_MO_CONSUME || mo == TG_MO_ACQ_REL ||
         mo == TG_MO_SEQ_CST;
}
static inline bool is_release(int mo) {
  return mo == TG_MO_RELEASE || mo == TG_MO_ACQ_REL || mo == TG_MO_SEQ_CST;
}

/* Entries at i >= n read as 0: this empties a clock and keeps its memory. */
static inline void vc_clear(tg_vc_t *vc) { vc->n = 0; }

/* The clock a write by t with order mo releases: its own clock for a
 * release, the clock at its last release fence for a relaxed one (which
 * a fence before it makes a release), else none. */
static inline const tg_vc_t *release_clock(tg_thread_t *t, int mo) {
  if (is_release(mo)) return &t->vc;
  return t->has_fence_rel ? &t->fence_rel : NULL;
}

/* The lookup of begin when the cache has nothing usable, under the
 * stripe lock (an address that is not in the cache seldom has an object):
 * the object found (or made) goes into the cache. */
TG_NOINLINE static void begin_slow(tg_thread_t *t, uptr addr, uint32_t opord, ocache_t *c) {
  /* A compare-exchange that will fail is a load; one made here for it
   * (empty clock, no owner) acts as none would. */
  int op = TG_OPORD_OP(opord);
  bool creates = op != TG_AOP_LOAD && release_clock(t, TG_OPORD_MO(opord)) != NULL;
  tg_spin_t *l = astripe_of(addr);
  tg_spin_lock(l);
  tg_sync_t *s = tg_sync_get(addr, TG_SYNC_ATOMIC, creates);
  if (s == NULL) {
    t->atomic_lock = l;
    return;
  }
  tg_spin_unlock(l);
  c->addr = addr;
  c->s = s;
  t->atomic_obj = s;
}

void __tangle_atomic_begin(void *addr, uint32_t size, uint32_t opord) {
  (void)size;
  tg_thread_t *t = tg_cur;
  if (TG_UNLIKELY(t == NULL)) {
    if (!atomic_load_explicit(&tg_inited, memory_order_acquire)) return;
    t = tg_thread_self();
  }
  if (TG_UNLIKELY(t->in_rt > 0)) {
    /* A signal handler interrupted the runtime: do not take locks. */
    t->atomic_skip++;
    return;
  }
  t->in_rt++;
  ocache_t *c = ocache_of((uptr)addr);
  tg_sync_t *s = c->s;
  if (TG_LIKELY(c->addr == (uptr)addr) && TG_LIKELY(tg_spin_trylock(&s->lock))) {
    /* Objects are type-stable: a cached one is addr's if it still says so
     * and is not dead (both change only under its lock). */
    if (TG_LIKELY(s->addr == (uptr)addr && !s->dead)) {
      t->atomic_obj = s;
      return;
    }
    tg_spin_unlock(&s->lock);
  }
  begin_slow(t, (uptr)addr, opord, c);
}

/* A plain store by t: only t's own sequences go on (§5.1.2.4).
 * Precondition: s locked. */
static void store_sequence(tg_sync_t *s, tg_thread_t *t, const tg_vc_t *rel) {
  if (s->owner == t->tid) {
    if (s->rclock.n == 0 && rel == NULL) return; /* nothing changes */
    if (s->rclock.n != 0) { /* drop the other threads' RMW heads */
      tg_vc_copy(&s->clock, &s->rclock);
      vc_clear(&s->rclock);
    }
    if (rel != NULL) tg_vc_join(&s->clock, rel);
  } else if (rel != NULL) {
    tg_vc_copy(&s->clock, rel);
    vc_clear(&s->rclock);
    s->owner = t->tid;
  } else {
    vc_clear(&s->clock);
    vc_clear(&s->rclock);
    s->owner = TG_TID_NONE;
  }
  /* Whatever the case, clock now holds only clocks t has had (its own part
   * of the sequences and rel), so t covers it: t's own loads of the
   * variable after its store skip the join. */
  s->covered = tg_tid_bit(t->tid);
}

/* A release RMW by t (rel: its release clock) heads a sequence of its own
 * and continues all the others.  Precondition: s locked. */
static void rmw_sequence(tg_sync_t *s, tg_thread_t *t, const tg_vc_t *rel) {
  if (s->owner == t->tid) {
    if (s->rclock.n != 0) tg_vc_join(&s->rclock, rel);
  } else if (s->owner == TG_TID_NONE) {
    /* What clock holds already came from RMWs: t's part is rel alone. */
    tg_vc_copy(&s->rclock, rel);
    s->owner = t->tid;
  } else if (s->rclock.n == 0) {
    /* Split off the owner's part before another thread's joins it.  t's
     * own part is not kept apart (one owner per object): a later relaxed
     * plain store by t loses it, which can only add a report, never hide
     * one (docs/atomics.md). */
    tg_vc_copy(&s->rclock, &s->clock);
  }
  tg_vc_join(&s->clock, rel);
  tg_sync_clock_changed(s, t);
}

/* The happens-before effect of the operation op (TG_AOP_*; a failed
 * compare-exchange comes as a load) with order mo on the address's object
 * s.  Returns true when t released its own clock, so it must tick once the
 * access is recorded.  Precondition: s locked. */
TG_INLINE bool atomic_hb(tg_thread_t *t, tg_sync_t *s, int op, int mo) {
  bool reads = op != TG_AOP_STORE;
  bool writes = op != TG_AOP_LOAD;
  const tg_vc_t *rel = writes ? release_clock(t, mo) : NULL;
  if (reads) {
    /* An RMW reads before it writes: its release part includes what its
     * acquire part got (acq_rel chains are transitive).  A relaxed read of
     * what t's clock covers adds nothing for a later acquire fence. */
    tg_sync_acquire_into(is_acquire(mo) ? &t->vc : &t->fence_acq, t, s);
  }
  if (s->kind != TG_SYNC_ATOMIC) {
    /* The word of a lock that is also known as a lock (a model file, the
     * lock annotations): owner is the lock's holder, not ours, and the
     * lock's own releases must stay in clock, so only join. */
    if (rel != NULL) {
      tg_vc_join(&s->clock, rel);
      tg_sync_clock_changed(s, t);
    }
  } else if (op == TG_AOP_STORE) {
    store_sequence(s, t, rel);
  } else if (writes && rel != NULL) {
    rmw_sequence(s, t, rel);
  }
  return rel == &t->vc;
}

/* atomic_end of a bracket that found no object: no atomic made one since
 * begin (the stripe kept them out), but a lock interceptor may have: its
 * releases are acquired as if found at begin.  Drops the stripe lock. */
TG_NOINLINE static bool end_unowned(tg_thread_t *t, uptr addr, int op, int mo) {
  bool released = false;
  tg_sync_t *s = tg_sync_get(addr, TG_SYNC_ATOMIC, false);
  if (s != NULL) {
    released = atomic_hb(t, s, op, mo);
    tg_sync_unlock(s);
  }
  tg_spin_unlock(t->atomic_lock);
  t->atomic_lock = NULL;
  return released;
}

void __tangle_atomic_end(void *addr, uint32_t size, uint32_t opord, uint32_t ok) {
  tg_thread_t *t = tg_cur;
  if (TG_UNLIKELY(t == NULL)) return;
  if (TG_UNLIKELY(t->atomic_skip > 0)) {
    t->atomic_skip--;
    return;
  }
  tg_sync_t *s = t->atomic_obj;
  if (TG_UNLIKELY(s == NULL && t->atomic_lock == NULL)) return; /* begin ran before init */
  int op = TG_OPORD_OP(opord);
  int mo = ok ? TG_OPORD_MO(opord) : TG_OPORD_FAIL_MO(opord);
  if (op == TG_AOP_CMPXCHG && !ok) op = TG_AOP_LOAD;
  bool released;
  if (TG_LIKELY(s != NULL)) {
    released = atomic_hb(t, s, op, mo);
    tg_sync_unlock(s);
    t->atomic_obj = NULL;
  } else {
    released = end_unowned(t, (uptr)addr, op, mo);
  }
  /* Race detection off (a lock-only build): no call at all. */
  if (tg_race_on)
    tg_access_range(t, (uptr)addr, size, op != TG_AOP_LOAD, true,
                    (uptr)__builtin_return_address(0));
  /* NOTE: the tick comes after the check, so the access is recorded at the
   * clock it released; ticking first would make a plain read by a thread
   * that acquired this very store look concurrent with it. */
  if (released) tg_thread_tick(t);
  t->in_rt--;
}

void __tangle_atomic_fence(uint32_t mo) {
  tg_thread_t *t = tg_cur;
  if (TG_UNLIKELY(t == NULL)) {
    if (!atomic_load_explicit(&tg_inited, memory_order_acquire)) return;
    t = tg_thread_self();
  }
  if (t->in_rt > 0) return;
  t->in_rt++;
  /* Acquire first: what an acq_rel or seq_cst fence acquired is part of
   * what it releases. */
  if (is_acquire((int)mo)) tg_vc_join(&t->vc, &t->fence_acq);
  if (is_release((int)mo)) {
    tg_vc_copy(&t->fence_rel, &t->vc);
    t->has_fence_rel = true;
    tg_thread_tick(t);
  }
  t->in_rt--;
}
