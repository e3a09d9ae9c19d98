/* atomic.c — C11 atomics and fences (C11 §5.1.2.4, §7.17.3, §7.17.4).
 *
 * Writes.  An RMW or compare-exchange stays in the program, bracketed by
 * atomic_begin/atomic_end, so every size and kind of RMW works unchanged;
 * a store of 1-8 bytes is one call (atomic_storeN) that makes the store
 * itself inside the same bracket.  The bracket locks the address's sync
 * object, so the write and its clock update are one step for every other
 * instrumented atomic on that address: the order of the updates is the
 * modification order.  An address with no object (nothing released there
 * yet) has nothing to acquire: a write that cannot make one (a store with
 * nothing to release, an RMW releasing nothing) holds the address's stripe
 * lock across the instruction instead; one that can make it creates it at
 * begin under the stripe lock, before it writes.  So an object the atomics
 * make never appears in the middle of a bracket that found none.
 *
 * Loads.  A load of 1-8 bytes is one call (atomic_loadN) that makes the
 * load itself, usually without a lock: a thread whose clock covers the
 * object's (its bit in covered: after its own store, or after acquiring
 * the clock) acquires nothing, whichever value it reads, provided no write
 * changed the clock around the load.  Only thread i ever sets bit i, and a
 * write that changes the clock clears the other bits before it writes
 * (write_uncovers), so the bit read again after the load proves it.
 * Otherwise the load is made again under the object's lock, where the value
 * read is the one whose clock the object holds (a load may be repeated: no
 * one saw the first value).  With no object known, the value is read first
 * and the object looked up after: none means no store the load could have
 * read released anything.  Loads the pass leaves bracketed (16 bytes,
 * volatile) take the lock as writes do.
 *
 * Each thread caches the object it last found at a few addresses (ocache):
 * the common bracket is a trylock of that object and a check that it still
 * is addr's.  A store releasing nothing caches "no object" with its
 * stripe's gen (objects the atomics made there), skipping the lookup while
 * gen is unchanged; a lock's object (another kind, made by the lock
 * interceptors or annotations, not under the stripe) does nothing to such
 * a store, so only atomics' objects count.
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
 * Locks: across a write (and a bracketed load), either the sync object's
 * lock or the address's astripes[] lock (taken around every lookup of a
 * write that missed the cache, so around the object's creation: stripe >
 * sync object); a load that cannot go without one takes only the object's.
 * None is held while checking the access or reporting.  ocache is the
 * thread's own; the other threads read an object's covered without its
 * lock (load_hook).
 */
#include "tg.h"

#define ATOMIC_STRIPES 1024

/* gen counts the objects atomics made at the stripe's addresses (only
 * begin_slow makes TG_SYNC_ATOMIC ones, always under the stripe lock). */
typedef struct {
  tg_spin_t l;
  uint32_t gen; /* guarded by l */
  char pad[64 - sizeof(tg_spin_t) - sizeof(uint32_t)];
} astripe_t;
static astripe_t astripes[ATOMIC_STRIPES];

static inline astripe_t *astripe_of(uptr addr) {
  return &astripes[((addr >> 3) ^ (addr >> 15)) % ATOMIC_STRIPES];
}

/* Per thread, the object last found at a few addresses: a hint, checked
 * before use (objects are type-stable, so a stale pointer still points at
 * an object).  An entry with s == NULL, made by a store, says that addr had
 * no TG_SYNC_ATOMIC object when its stripe's gen was gen. */
#define OCACHE_LOG 7
#define OCACHE (1u << OCACHE_LOG)
typedef struct {
  uptr addr;
  tg_sync_t *s;
  uint32_t gen;
} ocache_t;
static TG_TLS ocache_t ocache[OCACHE];

/* Multiplicative: the few hot variables of a program (a deque's top and
 * bottom, a counter) must not share an entry because of their alignment. */
static inline ocache_t *ocache_of(uptr addr) {
  return &ocache[(uint32_t)(((uint64_t)addr * 0x9e3779b97f4a7c15ull) >> (64 - OCACHE_LOG))];
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

/* Before the instruction of a write that may change s's clock, the other
 * threads' covered bits go: a lock-free load (load_hook) that reads the
 * value this write stores must find its bit gone (the release fence orders
 * the clear before the store, for the load's acquire fence).  A write that
 * leaves the clock as it is (an RMW releasing nothing, the owner's plain
 * store continuing its own sequence) keeps them.  Precondition: s locked. */
TG_INLINE void write_uncovers(tg_sync_t *s, tg_thread_t *t, uint32_t opord) {
  int op = TG_OPORD_OP(opord);
  uint64_t mine = s->covered & tg_tid_bit(t->tid);
  if (op == TG_AOP_LOAD || s->covered == mine) return;
  if (release_clock(t, TG_OPORD_MO(opord)) == NULL &&
      (op != TG_AOP_STORE || s->kind != TG_SYNC_ATOMIC ||
       (s->owner == t->tid && s->rclock.n == 0)))
    return;
  __atomic_store_n(&s->covered, mine, __ATOMIC_RELAXED);
  atomic_thread_fence(memory_order_release);
}

/* The lookup of a bracket when the cache has no object, under the stripe
 * lock (an address that is not in the cache seldom has an object): the
 * object found (or made) goes into the cache.  A store that releases
 * nothing needs no lookup where the cache says the stripe made no object
 * since one found none; a lock's object (another kind, made elsewhere)
 * does not matter to such a store (atomic_hb). */
TG_NOINLINE static void begin_slow(tg_thread_t *t, uptr addr, uint32_t opord, ocache_t *c) {
  /* A compare-exchange that will fail is a load; one made here for it
   * (empty clock, no owner) acts as none would. */
  int op = TG_OPORD_OP(opord);
  bool creates = op != TG_AOP_LOAD && release_clock(t, TG_OPORD_MO(opord)) != NULL;
  astripe_t *st = astripe_of(addr);
  tg_spin_lock(&st->l);
  bool plain_store = op == TG_AOP_STORE && !creates;
  if (plain_store && c->addr == addr && c->s == NULL && c->gen == st->gen) {
    t->atomic_lock = &st->l;
    return;
  }
  tg_sync_t *s = tg_sync_get(addr, TG_SYNC_ATOMIC, creates);
  if (s == NULL) {
    if (plain_store) {
      c->addr = addr;
      c->s = NULL;
      c->gen = st->gen;
    }
    t->atomic_lock = &st->l;
    return;
  }
  if (creates) st->gen++; /* made it, or found it: it exists either way */
  tg_spin_unlock(&st->l);
  c->addr = addr;
  c->s = s;
  t->atomic_obj = s;
  write_uncovers(s, t, opord);
  /* A load that reads this write's value and then finds no object must
   * find this one (load_slow): the object is published before the write. */
  atomic_thread_fence(memory_order_release);
}

/* The first half of a bracket: addr's object locked (t->atomic_obj), or
 * else its stripe (t->atomic_lock).  Precondition: t->in_rt set. */
TG_INLINE void bracket_begin(tg_thread_t *t, uptr addr, uint32_t opord) {
  ocache_t *c = ocache_of(addr);
  tg_sync_t *s = c->s;
  if (TG_LIKELY(c->addr == addr && s != NULL) && TG_LIKELY(tg_spin_trylock(&s->lock))) {
    /* Objects are type-stable: a cached one is addr's if it still says so
     * and is not dead (both change only under its lock). */
    if (TG_LIKELY(s->addr == addr && !s->dead)) {
      t->atomic_obj = s;
      write_uncovers(s, t, opord);
      return;
    }
    tg_spin_unlock(&s->lock);
  }
  begin_slow(t, addr, opord, c);
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
  bracket_begin(t, (uptr)addr, opord);
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

/* A load by t with order mo of the value whose clock s holds.  An empty
 * clock is covered by every thread, so t notes that it covers it: its next
 * loads take the lock-free path.  Precondition: s locked. */
TG_INLINE void load_hb(tg_thread_t *t, tg_sync_t *s, int mo) {
  tg_sync_acquire_into(is_acquire(mo) ? &t->vc : &t->fence_acq, t, s);
  if (s->clock.n == 0) s->covered |= tg_tid_bit(t->tid);
}

/* The happens-before effect of the operation op (TG_AOP_*; a failed
 * compare-exchange comes as a load) with order mo on the address's object
 * s.  Returns true when t released its own clock, so it must tick once the
 * access is recorded.  Precondition: s locked. */
TG_INLINE bool atomic_hb(tg_thread_t *t, tg_sync_t *s, int op, int mo) {
  bool writes = op != TG_AOP_LOAD;
  const tg_vc_t *rel = writes ? release_clock(t, mo) : NULL;
  /* An RMW reads before it writes: its release part includes what its
   * acquire part got (acq_rel chains are transitive).  A relaxed read of
   * what t's clock covers adds nothing for a later acquire fence. */
  if (op != TG_AOP_STORE) load_hb(t, s, mo);
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

/* The end of a bracket that found no object: no atomic made one since
 * begin (the stripe kept them out), but a lock interceptor may have: its
 * releases are acquired as if found at begin.  A store (one without a
 * release clock: one with would have made the object) does nothing to a
 * lock's object, so it does not look.  Drops the stripe lock. */
TG_NOINLINE static bool end_unowned(tg_thread_t *t, uptr addr, int op, int mo) {
  bool released = false;
  tg_sync_t *s = op == TG_AOP_STORE ? NULL : tg_sync_get(addr, TG_SYNC_ATOMIC, false);
  if (s != NULL) {
    released = atomic_hb(t, s, op, mo);
    tg_sync_unlock(s);
  }
  tg_spin_unlock(t->atomic_lock);
  t->atomic_lock = NULL;
  return released;
}

/* The second half of a bracket: the effect of the operation op (a failed
 * compare-exchange as a load) with order mo, the locks of bracket_begin
 * dropped, the access checked, the clock ticked after a release.  pc: the
 * instrumented access's.  Precondition: bracket_begin ran on this thread;
 * clears t->in_rt. */
TG_INLINE void bracket_end(tg_thread_t *t, uptr addr, uint32_t size, int op, int mo, uptr pc) {
  bool released;
  tg_sync_t *s = t->atomic_obj;
  if (TG_LIKELY(s != NULL)) {
    released = atomic_hb(t, s, op, mo);
    tg_sync_unlock(s);
    t->atomic_obj = NULL;
  } else {
    released = end_unowned(t, addr, op, mo);
  }
  /* Race detection off (a lock-only build): no call at all. */
  if (tg_race_on) tg_access_range(t, addr, size, op != TG_AOP_LOAD, true, pc);
  /* NOTE: the tick comes after the check, so the access is recorded at the
   * clock it released; ticking first would make a plain read by a thread
   * that acquired this very store look concurrent with it. */
  if (released) tg_thread_tick(t);
  t->in_rt--;
}

void __tangle_atomic_end(void *addr, uint32_t size, uint32_t opord, uint32_t ok) {
  tg_thread_t *t = tg_cur;
  if (TG_UNLIKELY(t == NULL)) return;
  if (TG_UNLIKELY(t->atomic_skip > 0)) {
    t->atomic_skip--;
    return;
  }
  if (TG_UNLIKELY(t->atomic_obj == NULL && t->atomic_lock == NULL))
    return; /* begin ran before init */
  int op = TG_OPORD_OP(opord);
  int mo = ok ? TG_OPORD_MO(opord) : TG_OPORD_FAIL_MO(opord);
  if (op == TG_AOP_CMPXCHG && !ok) op = TG_AOP_LOAD;
  bracket_end(t, (uptr)addr, size, op, mo, (uptr)__builtin_return_address(0));
}

/* ---- loads and stores made by the runtime (atomic_loadN/_storeN) ---- */

/* The program's access, at least as strong as it asked (x86-64: a seq_cst
 * load is the same instruction as a relaxed one; a store other than seq_cst
 * is made as a release, also the same instruction).  size is a constant
 * once inlined into a hook. */
TG_INLINE uint64_t do_load(const void *addr, uint32_t size) {
  switch (size) {
  case 1: return __atomic_load_n((const uint8_t *)addr, __ATOMIC_SEQ_CST);
  case 2: return __atomic_load_n((const uint16_t *)addr, __ATOMIC_SEQ_CST);
  case 4: return __atomic_load_n((const uint32_t *)addr, __ATOMIC_SEQ_CST);
  default: return __atomic_load_n((const uint64_t *)addr, __ATOMIC_SEQ_CST);
  }
}

TG_INLINE void do_store(void *addr, uint64_t v, uint32_t size, int mo) {
  if (mo == TG_MO_SEQ_CST) {
    switch (size) {
    case 1: __atomic_store_n((uint8_t *)addr, (uint8_t)v, __ATOMIC_SEQ_CST); return;
    case 2: __atomic_store_n((uint16_t *)addr, (uint16_t)v, __ATOMIC_SEQ_CST); return;
    case 4: __atomic_store_n((uint32_t *)addr, (uint32_t)v, __ATOMIC_SEQ_CST); return;
    default: __atomic_store_n((uint64_t *)addr, v, __ATOMIC_SEQ_CST); return;
    }
  }
  switch (size) {
  case 1: __atomic_store_n((uint8_t *)addr, (uint8_t)v, __ATOMIC_RELEASE); return;
  case 2: __atomic_store_n((uint16_t *)addr, (uint16_t)v, __ATOMIC_RELEASE); return;
  case 4: __atomic_store_n((uint32_t *)addr, (uint32_t)v, __ATOMIC_RELEASE); return;
  default: __atomic_store_n((uint64_t *)addr, v, __ATOMIC_RELEASE); return;
  }
}

/* A load the fast path could not prove covered, under the object's lock,
 * which keeps writers out: the value read there is the one whose clock the
 * object holds.  With no object known, the value is read first and the
 * object looked for after: none found means none existed when any store
 * the load could have read was made (a store that releases makes the object
 * before it stores, begin_slow), so there is nothing to acquire; one found
 * means the value is read again under its lock (a load may be repeated: no
 * one saw the first value). */
TG_NOINLINE static uint64_t load_slow(tg_thread_t *t, uptr addr, uint32_t size, int mo,
                                      uptr pc) {
  t->in_rt++;
  ocache_t *c = ocache_of(addr);
  tg_sync_t *s = NULL;
  uint64_t v;
  if (c->addr == addr && c->s != NULL) {
    s = c->s;
    tg_spin_lock(&s->lock);
    if (s->addr != addr || s->dead) {
      tg_spin_unlock(&s->lock);
      s = NULL;
    }
  }
  if (s == NULL) {
    v = do_load((const void *)addr, size);
    atomic_thread_fence(memory_order_acquire);
    s = tg_sync_get(addr, TG_SYNC_ATOMIC, false);
    if (s == NULL) goto check;
    c->addr = addr;
    c->s = s;
  }
  v = do_load((const void *)addr, size);
  load_hb(t, s, mo);
  tg_sync_unlock(s);
check:
  if (tg_race_on) tg_access_range(t, addr, size, false, true, pc);
  t->in_rt--;
  return v;
}

/* A load before init, or in a signal handler that interrupted the runtime
 * (which must not take a lock the interrupted code may hold). */
TG_NOINLINE static uint64_t load_outside(uptr addr, uint32_t size, int mo, uptr pc) {
  tg_thread_t *t = tg_cur;
  if (t == NULL && atomic_load_explicit(&tg_inited, memory_order_acquire))
    t = tg_thread_self();
  if (t == NULL || t->in_rt > 0) return do_load((const void *)addr, size);
  return load_slow(t, addr, size, mo, pc);
}

/* A load takes no lock when t covers the object's clock (its own store was
 * the last, or it acquired the clock since): then the load acquires
 * nothing, whichever value it reads, as long as no write changed the clock
 * around it.  Only t sets t's bit in covered, and every clock-changing
 * write clears the other threads' bits before it stores (write_uncovers),
 * so the bit still set after the load proves that no such write's value
 * was read.  The bit clears also when the object dies and is reused, which
 * is why a cached pointer is safe to test. */
TG_INLINE uint64_t load_hook(void *addr, uint32_t size, uint32_t opord, uptr pc) {
  tg_thread_t *t = tg_cur;
  int mo = TG_OPORD_MO(opord);
  if (TG_UNLIKELY(t == NULL || t->in_rt > 0)) return load_outside((uptr)addr, size, mo, pc);
  ocache_t *c = ocache_of((uptr)addr);
  tg_sync_t *s = c->s;
  uint64_t bit = tg_tid_bit(t->tid);
  if (TG_LIKELY(c->addr == (uptr)addr && s != NULL) &&
      TG_LIKELY(__atomic_load_n(&s->covered, __ATOMIC_ACQUIRE) & bit)) {
    uint64_t v = do_load(addr, size);
    atomic_thread_fence(memory_order_acquire);
    if (TG_LIKELY((__atomic_load_n(&s->covered, __ATOMIC_RELAXED) & bit) != 0 &&
                  __atomic_load_n(&s->addr, __ATOMIC_RELAXED) == (uptr)addr &&
                  !__atomic_load_n(&s->dead, __ATOMIC_RELAXED))) {
      if (tg_race_on) tg_access_range(t, (uptr)addr, size, false, true, pc);
      return v;
    }
  }
  return load_slow(t, (uptr)addr, size, mo, pc);
}

/* A store is a bracket around the runtime's own store: one call. */
TG_INLINE void store_hook(void *addr, uint64_t v, uint32_t size, uint32_t opord, uptr pc) {
  tg_thread_t *t = tg_cur;
  if (TG_UNLIKELY(t == NULL)) {
    if (!atomic_load_explicit(&tg_inited, memory_order_acquire)) {
      do_store(addr, v, size, TG_MO_SEQ_CST);
      return;
    }
    t = tg_thread_self();
  }
  if (TG_UNLIKELY(t->in_rt > 0)) { /* see load_outside */
    do_store(addr, v, size, TG_MO_SEQ_CST);
    return;
  }
  /* The operation is known here: a constant for the inlined bracket. */
  opord = TG_OPORD(TG_AOP_STORE, TG_OPORD_MO(opord), 0);
  t->in_rt++;
  bracket_begin(t, (uptr)addr, opord);
  do_store(addr, v, size, TG_OPORD_MO(opord));
  bracket_end(t, (uptr)addr, size, TG_AOP_STORE, TG_OPORD_MO(opord), pc);
}

#define TG_LOAD_STORE_HOOKS(n)                                                 \
  uint64_t __tangle_atomic_load##n(void *addr, uint32_t opord) {             \
    return load_hook(addr, n, opord, (uptr)__builtin_return_address(0));     \
  }                                                                          \
  void __tangle_atomic_store##n(void *addr, uint64_t v, uint32_t opord) {    \
    store_hook(addr, v, n, opord, (uptr)__builtin_return_address(0));        \
  }
TG_LOAD_STORE_HOOKS(1)
TG_LOAD_STORE_HOOKS(2)
TG_LOAD_STORE_HOOKS(4)
TG_LOAD_STORE_HOOKS(8)
#undef TG_LOAD_STORE_HOOKS

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
