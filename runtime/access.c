/* access.c — the race engine: memory-access hooks over shadow memory.
 *
 * FastTrack (Flanagan & Freund, PLDI 2009) on 4-byte granules, see shadow.h
 * for the cell layout.  For an access by thread t with vector clock C and
 * epoch e = t@C[t]:
 *   - an earlier write x@u races with it if u != t, their bytes overlap,
 *     they are not both atomic, and x > C[u] (not ordered before us);
 *   - a write also checks the last read (or every reader of a read-shared
 *     granule) the same way;
 *   - a read replaces the last read when that one is ordered before it, and
 *     turns the granule read-shared when it is concurrent with it.
 * The fast path returns at once when the thread already recorded the same
 * kind of access to those bytes in its current epoch; it takes no lock and
 * calls nothing (for a 4-, 8- or 16-byte access, one compare covers all its
 * granules).  Next comes access_plain, for a plain access no record of the
 * granule can race with (t's own older records, or records that happen
 * before t; for a write, no read set): it decides without the lock, then
 * stores under the stripe lock only if the words are still those it decided
 * on, so its outcome is always access_slow's.  Everything else runs in
 * access_slow under the granule's stripe lock; a race found there is
 * reported after the lock is dropped (decide under the lock, report after
 * it).
 *
 * Read sets (read-shared granules) are chains of two-reader pairs in
 * rs_pairs, indexed by the clock field of the r word; a read set is
 * protected by the stripe lock of its granule.
 *
 * Locks: stripe[] (leaf, except that rs_alloc takes rs_lock under it);
 * rs_lock, the pairs' free list (leaf); dir_lock (leaf).
 */
#include "shadow.h"

#include <string.h>
#include <sys/mman.h>

uptr tg_shadow_dir[TG_DIR_SIZE];
int tg_race_on = 1;

typedef struct {
  tg_spin_t l;
  char pad[64 - sizeof(tg_spin_t)];
} stripe_t;
static stripe_t stripes[TG_SHADOW_STRIPES];
static tg_spin_t dir_lock;
static tg_spin_t rs_lock; /* read-set pool, below */

/* One stripe per 64 bytes of application memory: a thread going through a
 * buffer keeps taking the same, cached, lock for 16 granules in a row
 * instead of a new cache line of the 256 KiB stripe array each time. */
static inline tg_spin_t *stripe_of(uptr addr) {
  uptr line = addr >> 6;
  return &stripes[(line ^ (line >> 12)) % TG_SHADOW_STRIPES].l;
}

uint64_t tg_shadow_epoch(tg_tid_t tid, tg_clock_t clock) {
  if (TG_UNLIKELY(clock > TG_SH_CLOCK_MAX) && tg_race_on) {
    /* The shadow cannot tell newer epochs from older ones any more. */
    tg_race_on = 0;
    tg_printf("tangle: a thread, with the threads that reused its id, made "
              "more than %u synchronizations; race detection is off from here "
              "on (a fixed limit, no option raises it: clocks are 31 bits in "
              "shadow memory)\n", TG_SH_CLOCK_MAX);
  }
  return tg_sh_epoch(tid, clock);
}

TG_NOINLINE uptr tg_shadow_map_chunk(uptr addr) {
  uptr i = addr >> TG_CHUNK_SHIFT;
  tg_spin_lock(&dir_lock);
  if (tg_shadow_dir[i] == 0) {
    size_t len = ((size_t)1 << TG_CHUNK_SHIFT) / TG_GRANULE * sizeof(tg_cell_t);
    uptr mem = (uptr)tg_mmap_reserve(len);
    __atomic_store_n(&tg_shadow_dir[i],
                     mem - (i << TG_CHUNK_SHIFT) / TG_GRANULE * sizeof(tg_cell_t),
                     __ATOMIC_RELEASE);
  }
  tg_spin_unlock(&dir_lock);
  return __atomic_load_n(&tg_shadow_dir[i], __ATOMIC_ACQUIRE);
}

/* In the child of fork: the threads that held these locks are gone.  A cell
 * they were updating keeps a half-made record, which can only hide or
 * misattribute a race, never crash. */
void tg_access_fork_child(void) {
  for (unsigned i = 0; i < TG_SHADOW_STRIPES; i++)
    atomic_store_explicit(&stripes[i].l.v, 0, memory_order_relaxed);
  atomic_store_explicit(&dir_lock.v, 0, memory_order_relaxed);
  atomic_store_explicit(&rs_lock.v, 0, memory_order_relaxed);
}

/* The interned stack of an access at pc: the shadow stack's context plus pc.
 * A small per-thread cache keyed by (stack, pc) saves the global table
 * lookup for the accesses of a loop.  The slot depends on the stack too: a
 * helper called from several places (a string formatter) reaches the same
 * pcs under different stacks, which thrashed a cache indexed by pc alone
 * (a quarter of the lookups missed in pipeline_pipe with 32 slots). */
typedef struct {
  tg_ctx_t base, ctx;
  uptr pc;
} ctx_cache_t;
static TG_TLS ctx_cache_t ctx_cache[128];

static tg_ctx_t access_ctx(tg_thread_t *t, uptr pc) {
  uint32_t depth = t->depth < TG_SHADOW_STACK_MAX ? t->depth : TG_SHADOW_STACK_MAX;
  if (t->ctx_valid != depth) return tg_thread_ctx(t, pc);
  tg_ctx_t base = depth > 0 ? t->ctxs[depth - 1] : 0;
  uptr h = pc ^ (pc >> 7) ^ (uptr)base * 0x9e3779b1u;
  ctx_cache_t *c = &ctx_cache[h % TG_ARRAY_SIZE(ctx_cache)];
  if (c->pc != pc || c->base != base) {
    c->ctx = tg_ctx_intern(base, pc);
    c->base = base;
    c->pc = pc;
  }
  return c->ctx;
}

/* ---- records ------------------------------------------------------- */

/* Does the recorded access s race with an access (mask, atomic) by t?  The
 * bytes they share must include one that either side touched plainly. */
static inline bool conflicts(const tg_thread_t *t, uint64_t s, uint64_t mask,
                             bool atomic) {
  uint64_t shared = s & mask & TG_SH_MASK;
  if (s == 0 || shared == 0) return false;
  tg_tid_t u = tg_sh_tid(s);
  if (u == t->tid) return false;
  if (atomic && (shared & ~(s >> TG_SH_AMASK_SHIFT)) == 0) return false;
  return tg_sh_clock(s) > tg_vc_get(&t->vc, u);
}

static inline bool ordered_before(const tg_thread_t *t, uint64_t s) {
  return tg_sh_tid(s) == t->tid || tg_sh_clock(s) <= tg_vc_get(&t->vc, tg_sh_tid(s));
}

/* The record of an access (e = epoch bits | free bit) of mask, merged into
 * old when old is the same thread's record from the same epoch: the bytes
 * are united, and a byte stays atomic only if every access to it was. */
static inline uint64_t record(uint64_t old, uint64_t e, uint64_t mask, bool atomic) {
  uint64_t amask = atomic ? mask : 0;
  if (old == 0 || (old & ~(TG_SH_MASK | TG_SH_AMASK)) != e)
    return e | mask | amask << TG_SH_AMASK_SHIFT;
  uint64_t om = old & TG_SH_MASK, oa = (old & TG_SH_AMASK) >> TG_SH_AMASK_SHIFT;
  uint64_t na = (oa & ~mask) | (amask & (oa | ~om));
  return e | om | mask | (na & (om | mask)) << TG_SH_AMASK_SHIFT;
}

/* ---- read sets ------------------------------------------------------ */

/* The readers of a read-shared granule, two to a pair: a granule that two
 * threads read (an input every worker reads) costs one 32-byte pair, found
 * from its index by arithmetic, and its fast check is two loads in one
 * cache line; a third reader links a second pair, and so on.  Pairs live in
 * one array reserved at start-up and are never unmapped, because rs_covers
 * reads them without a lock.  A set is released to a free list (chained
 * through next) when a write ends it and reused later; a lock-free reader
 * racing with that sees another granule's entries, which at worst makes it
 * skip recording one read that raced with the write ending the set anyway,
 * and its walk is bounded, so a chain reused into a cycle cannot trap it.
 * Entries change only under the granule's stripe lock; e is 0 for an empty
 * slot (a write removes the readers it follows by zeroing their slots). */
typedef struct {
  _Atomic uint64_t e[2]; /* a reader's record, as an r word; 0: empty */
  uint32_t ctx[2];       /* its packed stack, as rctx */
  _Atomic uint32_t next; /* the set's next pair; 0: none */
  uint32_t unused;
} rs_pair_t;
static_assert(sizeof(rs_pair_t) == 32, "two pairs per cache line");

/* A set holds one entry per thread and gains a pair only when all its slots
 * are full, so a longer walk than this is on a reused chain. */
#define RS_WALK_MAX (TG_MAX_THREADS / 2 + 1)
static rs_pair_t *rs_pairs; /* set by tg_shadow_init, before any thread */
static uint32_t rs_next = 1; /* 0 is never a valid index; under rs_lock */
static uint32_t rs_free;     /* released pairs; under rs_lock */
static atomic_int rs_full_reported;

/* A pair with both slots empty, or 0 when max_read_shared pairs are in
 * use (from then on, a granule a second thread reads keeps the latest read
 * only, and a set that needs another pair drops the read). */
static uint32_t rs_alloc(void) {
  uint32_t idx = 0;
  tg_spin_lock(&rs_lock);
  if (rs_free != 0) {
    idx = rs_free;
    rs_free = atomic_load_explicit(&rs_pairs[idx].next, memory_order_relaxed);
  } else if (rs_next <= (uint32_t)tg_flags.max_read_shared) {
    idx = rs_next++;
  }
  tg_spin_unlock(&rs_lock);
  if (idx == 0) {
    if (!atomic_exchange(&rs_full_reported, 1))
      tg_printf("tangle: more than %ld pairs of concurrent readers; from here on "
                "some reads are not kept and a race with them can be missed "
                "(raise max_read_shared in TANGLE_OPTIONS)\n",
                tg_flags.max_read_shared);
    return 0;
  }
  rs_pair_t *p = &rs_pairs[idx];
  atomic_store_explicit(&p->e[0], 0, memory_order_relaxed);
  atomic_store_explicit(&p->e[1], 0, memory_order_relaxed);
  atomic_store_explicit(&p->next, 0, memory_order_relaxed);
  return idx;
}

/* The pair after p in its set, or NULL.  Precondition: the granule's
 * stripe lock (under it a chain is never a cycle). */
static rs_pair_t *rs_after(const rs_pair_t *p) {
  uint32_t n = atomic_load_explicit(&p->next, memory_order_relaxed);
  return n != 0 ? &rs_pairs[n] : NULL;
}

/* Give back the set idx and every pair chained to it.  Precondition: the
 * granule's stripe lock, and its r word no longer names idx. */
static void rs_release(uint32_t idx) {
  rs_pair_t *last = &rs_pairs[idx];
  for (rs_pair_t *p = rs_after(last); p != NULL; p = rs_after(p)) last = p;
  tg_spin_lock(&rs_lock);
  atomic_store_explicit(&last->next, rs_free, memory_order_relaxed);
  rs_free = idx;
  tg_spin_unlock(&rs_lock);
}

/* Record t's read (epoch bits e, bytes mask) made at the packed stack ctx in
 * set idx, merged with t's entry when that is from the same epoch; false
 * when it needed a new pair and none was left (the read goes unrecorded).
 * Precondition: the granule's stripe lock. */
static bool rs_record(uint32_t idx, tg_tid_t tid, uint64_t e, uint64_t mask,
                      bool atomic, uint32_t ctx) {
  rs_pair_t *p = &rs_pairs[idx], *last = p, *hole = NULL;
  unsigned hole_i = 0;
  for (; p != NULL; last = p, p = rs_after(p)) {
    for (unsigned i = 0; i < 2; i++) {
      uint64_t x = atomic_load_explicit(&p->e[i], memory_order_relaxed);
      if (x != 0 && tg_sh_tid(x) == tid) {
        p->ctx[i] = ctx;
        atomic_store_explicit(&p->e[i], record(x, e, mask, atomic), memory_order_relaxed);
        return true;
      }
      if (x == 0 && hole == NULL) {
        hole = p;
        hole_i = i;
      }
    }
  }
  bool link = hole == NULL;
  if (link) {
    uint32_t n = rs_alloc();
    if (n == 0) return false;
    hole = &rs_pairs[n];
  }
  hole->ctx[hole_i] = ctx;
  atomic_store_explicit(&hole->e[hole_i], record(0, e, mask, atomic), memory_order_relaxed);
  if (link)
    atomic_store_explicit(&last->next, (uint32_t)(hole - rs_pairs), memory_order_release);
  return true;
}

/* Is the record s t's plain access to (at least) the bytes in mask in its
 * current epoch?  One compare: t's epoch bits and no free bit, every byte
 * of mask, none of them atomic; the other bytes' bits do not matter. */
TG_INLINE bool own_covered(const tg_thread_t *t, uint64_t s, uint64_t mask) {
  return ((s ^ (t->epoch | mask)) &
          (TG_SH_EPOCH_MASK | TG_SH_FREE | mask | mask << TG_SH_AMASK_SHIFT)) == 0;
}

/* rs_covers past the first pair: lock-free, so bounded (see above). */
TG_NOINLINE static bool rs_covers_chain(uint32_t n, const tg_thread_t *t, uint64_t mask) {
  for (unsigned steps = 0; n != 0 && steps < RS_WALK_MAX; steps++) {
    const rs_pair_t *p = &rs_pairs[n];
    if (own_covered(t, atomic_load_explicit(&p->e[0], memory_order_relaxed), mask) ||
        own_covered(t, atomic_load_explicit(&p->e[1], memory_order_relaxed), mask))
      return true;
    n = atomic_load_explicit(&p->next, memory_order_acquire);
  }
  return false;
}

/* Has t already read these bytes (plainly) in its current epoch, according
 * to read set idx?  Lock-free; see the note above rs_pair_t.  Inline: a
 * granule every thread reads (a shared input matrix) is read-shared for
 * good, and this is its fast path. */
TG_INLINE bool rs_covers(uint32_t idx, const tg_thread_t *t, uint64_t mask) {
  const rs_pair_t *p = &rs_pairs[idx];
  if (own_covered(t, atomic_load_explicit(&p->e[0], memory_order_relaxed), mask) ||
      own_covered(t, atomic_load_explicit(&p->e[1], memory_order_relaxed), mask))
    return true;
  uint32_t n = atomic_load_explicit(&p->next, memory_order_acquire);
  return TG_UNLIKELY(n != 0) && rs_covers_chain(n, t, mask);
}

/* Precondition: flags parsed, no thread but main yet.  Chunks of shadow are
 * mapped on first touch; the read-set array is reserved here so that the
 * lock-free rs_covers never sees it change. */
void tg_shadow_init(void) {
  tg_race_on = tg_flags.detect_races != 0;
  size_t npairs = (size_t)tg_flags.max_read_shared + 1; /* 0 is no pair */
  if (tg_race_on) rs_pairs = tg_mmap_reserve(sizeof(*rs_pairs) * npairs);
}

/* ---- the check ------------------------------------------------------ */

/* Describe the recorded access s of granule g, whose stack word is packed,
 * for a report: the access as it was made when its size is known (a power
 * of two up to 16), else the run of its bytes around the first byte it
 * shares with mask. */
static void describe(uptr g, uint64_t s, uint64_t mask, uint32_t packed,
                     bool write, tg_race_access_t *out) {
  uint64_t m = s & TG_SH_MASK;
  unsigned first = (unsigned)__builtin_ctzll(m & mask);
  unsigned lo = first, hi = first + 1;
  while (lo > 0 && (m >> (lo - 1) & 1)) lo--;
  while (hi < TG_GRANULE && (m >> hi & 1)) hi++;
  uptr start = g + lo;
  size_t size = hi - lo;
  unsigned n = tg_sh_ctx_size(packed);
  if (n != 0) {
    /* Naturally aligned, if its bytes in this granule were all touched;
     * otherwise it began at the run's start or ended at the run's end. */
    uptr a = (g + first) & ~(uptr)(n - 1);
    uptr a_lo = a < g ? g : a, a_hi = a + n > g + TG_GRANULE ? g + TG_GRANULE : a + n;
    uint64_t need = ((1ull << (a_hi - g)) - 1) & ~((1ull << (a_lo - g)) - 1);
    if ((m & need) == need)
      start = a;
    else if (lo > 0)
      start = g + lo;
    else
      start = g + hi - n;
    size = n;
  }
  uint64_t run = ((1ull << hi) - 1) & ~((1ull << lo) - 1);
  out->addr = start;
  out->size = (uint32_t)size;
  out->write = write;
  out->atomic = (run & ~(s >> TG_SH_AMASK_SHIFT)) == 0;
  out->is_free = (s & TG_SH_FREE) != 0;
  out->tid = tg_sh_tid(s);
  out->clock = tg_sh_clock(s);
  out->ctx = tg_sh_ctx(packed);
}

/* One access being checked: which bytes of which granule, and what to say
 * about it in a report (the whole access, which may span granules). */
typedef struct {
  uptr addr;        /* within the granule */
  uint64_t mask;    /* bytes of the granule */
  bool write, atomic, is_free;
  tg_ctx_t ctx;     /* stack to record; 0: the thread's current stack at pc */
  uptr pc;
  uptr rep_addr;    /* the whole access, for the report */
  size_t rep_size;
} access_t;

/* Precondition: t->in_rt set by the caller. */
TG_NOINLINE static void access_slow(tg_thread_t *t, const access_t *a) {
  tg_cell_t *c = tg_shadow_cell(a->addr);
  if (c == NULL) return;
  uptr g = a->addr & ~(uptr)(TG_GRANULE - 1);
  uint64_t mask = a->mask;
  bool atomic = a->atomic;
  uint64_t e = t->epoch | (a->is_free ? TG_SH_FREE : 0);
  tg_race_access_t prev;
  bool race = false;
  if (!a->write && !a->atomic) {
    uint64_t r0 = atomic_load_explicit(&c->r, memory_order_relaxed);
    if (tg_sh_is_shared(r0) && rs_covers(tg_sh_clock(r0), t, mask)) return;
  }
  uint32_t ctx = tg_sh_pack_ctx(a->ctx ? a->ctx : access_ctx(t, a->pc), a->rep_size);

  tg_spin_t *l = stripe_of(a->addr);
  tg_spin_lock(l);
  uint64_t w = atomic_load_explicit(&c->w, memory_order_relaxed);
  uint64_t r = atomic_load_explicit(&c->r, memory_order_relaxed);

  if (conflicts(t, w, mask, atomic)) {
    describe(g, w, mask, c->wctx, true, &prev);
    race = true;
  }
  if (a->write) {
    if (!race && tg_sh_is_shared(r)) {
      for (rs_pair_t *p = &rs_pairs[tg_sh_clock(r)]; p != NULL && !race; p = rs_after(p)) {
        for (unsigned i = 0; i < 2 && !race; i++) {
          uint64_t x = atomic_load_explicit(&p->e[i], memory_order_relaxed);
          if (conflicts(t, x, mask, atomic)) {
            describe(g, x, mask, p->ctx[i], false, &prev);
            race = true;
          }
        }
      }
    } else if (!race && conflicts(t, r, mask, atomic)) {
      describe(g, r, mask, c->rctx, false, &prev);
      race = true;
    }
    c->wctx = ctx;
    atomic_store_explicit(&c->w, record(w, e, mask, atomic), memory_order_relaxed);
    /* Reads this write covers and follows are no longer needed. */
    if (tg_sh_is_shared(r)) {
      uint32_t idx = tg_sh_clock(r);
      bool left = false;
      for (rs_pair_t *p = &rs_pairs[idx]; p != NULL; p = rs_after(p)) {
        for (unsigned i = 0; i < 2; i++) {
          uint64_t x = atomic_load_explicit(&p->e[i], memory_order_relaxed);
          if (x != 0 && (x & TG_SH_MASK & ~mask) == 0 && ordered_before(t, x))
            atomic_store_explicit(&p->e[i], 0, memory_order_relaxed);
          else
            left |= x != 0;
        }
      }
      if (!left) {
        atomic_store_explicit(&c->r, 0, memory_order_relaxed);
        rs_release(idx);
      }
    } else if (r != 0 && (r & TG_SH_MASK & ~mask) == 0 && ordered_before(t, r)) {
      atomic_store_explicit(&c->r, 0, memory_order_relaxed);
    }
  } else if (tg_sh_is_shared(r)) {
    if (rs_record(tg_sh_clock(r), t->tid, e, mask, atomic, ctx) && (r | mask) != r)
      atomic_store_explicit(&c->r, r | mask, memory_order_relaxed);
  } else if (r == 0 || ordered_before(t, r)) {
    c->rctx = ctx;
    atomic_store_explicit(&c->r, record(r, e, mask, atomic), memory_order_relaxed);
  } else {
    /* A concurrent read by another thread: the granule becomes read-shared,
     * its one pair holding both reads. */
    uint32_t idx = rs_alloc();
    if (idx != 0) {
      rs_pair_t *p = &rs_pairs[idx];
      p->ctx[0] = c->rctx;
      atomic_store_explicit(&p->e[0], r, memory_order_relaxed);
      p->ctx[1] = ctx;
      atomic_store_explicit(&p->e[1], record(0, e, mask, atomic), memory_order_relaxed);
      uint64_t s = tg_sh_epoch(TG_TID_NONE, idx) | ((r | mask) & TG_SH_MASK);
      atomic_store_explicit(&c->r, s, memory_order_relaxed);
    } else {
      c->rctx = ctx;
      atomic_store_explicit(&c->r, record(0, e, mask, atomic), memory_order_relaxed);
    }
  }
  tg_spin_unlock(l);

  if (TG_UNLIKELY(race)) {
    tg_race_access_t cur = {.addr = a->rep_addr, .size = (uint32_t)a->rep_size,
                            .write = a->write, .atomic = atomic, .tid = t->tid,
                            .ctx = 0, .is_free = a->is_free};
    tg_report_race(t, a->pc, &cur, &prev);
  }
}

/* The thread to charge an access to, or NULL when accesses are not checked
 * right now (runtime not running, inside the runtime, ignored region). */
TG_INLINE tg_thread_t *checking_thread(void) {
  tg_thread_t *t = tg_cur;
  if (TG_UNLIKELY(t == NULL)) {
    if (!atomic_load_explicit(&tg_inited, memory_order_acquire)) return NULL;
    t = tg_thread_self();
  }
  if (TG_UNLIKELY(t->in_rt | t->ignore_accesses)) return NULL;
  if (TG_UNLIKELY(!tg_race_on)) return NULL;
  return t;
}

/* Has t already recorded an access like this one (plain, of the bytes in
 * mask) in its current epoch, according to the granule's word s (its w for
 * a write, its r for a read, which may name a read set)? */
TG_INLINE bool fast_covered(const tg_thread_t *t, uint64_t s, uint64_t mask, bool write) {
  if (TG_LIKELY(own_covered(t, s, mask))) return true;
  return !write && tg_sh_is_shared(s) && rs_covers(tg_sh_clock(s), t, mask);
}

/* Can t's plain access to the bytes in mask of a granule whose words are
 * w and r be recorded without access_slow?  Yes when no record can race
 * with it: the records are t's own from an older epoch (every release
 * ticks the epoch, so a thread filling its own buffer between pipe writes
 * lands here once per granule), or another thread's that happen before t
 * (data handed over at a barrier), and for a write the read word is not a
 * read set.  Then the access only replaces a record, or for a read of a
 * read-shared granule sets t's own entry (a thread reading shared data
 * again after a lock release): plain_store, whose outcome is
 * access_slow's. */
TG_INLINE bool plain_ok(const tg_thread_t *t, uint64_t w, uint64_t r, uint64_t mask,
                        bool write) {
  bool shared = tg_sh_is_shared(r);
  return !conflicts(t, w, mask, false) &&
         (write ? !shared && !conflicts(t, r, mask, false)
                : shared || r == 0 || ordered_before(t, r));
}

/* Precondition: the granule's stripe lock, its words still w and r, and
 * plain_ok.  e: t's epoch, with the free bit for free(). */
TG_INLINE void plain_store(tg_thread_t *t, tg_cell_t *c, uint64_t w, uint64_t r,
                           uint64_t mask, bool write, uint64_t e, uint32_t ctx) {
  if (write) {
    c->wctx = ctx;
    atomic_store_explicit(&c->w, record(w, e, mask, false), memory_order_relaxed);
    /* As in access_slow: a read this write covers and follows goes. */
    if (r != 0 && (r & TG_SH_MASK & ~mask) == 0 && ordered_before(t, r))
      atomic_store_explicit(&c->r, 0, memory_order_relaxed);
  } else if (tg_sh_is_shared(r)) {
    if (rs_record(tg_sh_clock(r), t->tid, t->epoch, mask, false, ctx) && (r | mask) != r)
      atomic_store_explicit(&c->r, r | mask, memory_order_relaxed);
  } else {
    c->rctx = ctx;
    atomic_store_explicit(&c->r, record(r, t->epoch, mask, false), memory_order_relaxed);
  }
}

/* A plain access whose fast check failed: decided on the words read
 * without the lock; stored under the stripe lock if they are still those
 * words, else (or when not plain_ok) left to access_slow.  Inline in the
 * hooks' miss path, out of line (access_plain) elsewhere. */
TG_INLINE void plain_or_slow(tg_thread_t *t, tg_cell_t *c, uptr addr, uint64_t mask,
                             bool write, uptr pc, uptr rep_addr, size_t rep_size) {
  uint64_t w = atomic_load_explicit(&c->w, memory_order_relaxed);
  uint64_t r = atomic_load_explicit(&c->r, memory_order_relaxed);
  t->in_rt++;
  if (TG_LIKELY(plain_ok(t, w, r, mask, write))) {
    uint32_t ctx = tg_sh_pack_ctx(access_ctx(t, pc), rep_size);
    tg_spin_t *l = stripe_of(addr);
    tg_spin_lock(l);
    if (TG_LIKELY(atomic_load_explicit(&c->w, memory_order_relaxed) == w &&
                  atomic_load_explicit(&c->r, memory_order_relaxed) == r)) {
      plain_store(t, c, w, r, mask, write, t->epoch, ctx);
      tg_spin_unlock(l);
      t->in_rt--;
      return;
    }
    tg_spin_unlock(l);
  }
  access_t a = {.addr = addr, .mask = mask, .write = write, .pc = pc,
                .rep_addr = rep_addr, .rep_size = rep_size};
  access_slow(t, &a);
  t->in_rt--;
}

/* plain_or_slow, out of line for its many callers. */
TG_NOINLINE static void access_plain(tg_thread_t *t, tg_cell_t *c, uptr addr,
                                     uint64_t mask, bool write, uptr pc,
                                     uptr rep_addr, size_t rep_size) {
  plain_or_slow(t, c, addr, mask, write, pc, rep_addr, rep_size);
}

static void granules_slow(tg_thread_t *t, tg_cell_t *c, uptr addr, unsigned size,
                          bool write, uptr pc);

/* An access of n bytes at addr (as the hooks take them) whose own-epoch
 * check failed, with its cells c: the granules to record (or read-shared
 * ones), one by one or, for two or more, as one batch. */
TG_NOINLINE static void hook_miss(tg_thread_t *t, tg_cell_t *c, uptr addr, unsigned n,
                                  bool write, uptr pc) {
  if (n <= 2) {
    uint64_t mask = ((1ull << n) - 1) << (addr & (TG_GRANULE - 1));
    uint64_t s = atomic_load_explicit(write ? &c->w : &c->r, memory_order_relaxed);
    if (!fast_covered(t, s, mask, write)) plain_or_slow(t, c, addr, mask, write, pc, addr, n);
    return;
  }
  if (n >= 2 * TG_GRANULE) {
    granules_slow(t, c, addr, n, write, pc);
    return;
  }
  uint64_t s = atomic_load_explicit(write ? &c->w : &c->r, memory_order_relaxed);
  if (!fast_covered(t, s, TG_SH_MASK, write))
    plain_or_slow(t, c, addr, TG_SH_MASK, write, pc, addr, n);
}

/* An access of size bytes within one granule: the fast path. */
TG_INLINE void access_one(tg_thread_t *t, uptr addr, unsigned size, bool write, uptr pc) {
  uint64_t mask = ((1ull << size) - 1) << (addr & (TG_GRANULE - 1));
  tg_cell_t *c = tg_shadow_cell(addr);
  if (TG_UNLIKELY(c == NULL)) return;
  uint64_t s = atomic_load_explicit(write ? &c->w : &c->r, memory_order_relaxed);
  if (TG_LIKELY(fast_covered(t, s, mask, write))) return;
  hook_miss(t, c, addr, size, write, pc);
}

/* An access of whole granules, [addr, addr+size) with addr 4-aligned and
 * size a multiple of 4 up to 64, inside one shadow chunk (its cells are
 * consecutive): one cell lookup, and the common case — every granule
 * already recorded by t in this epoch — is one compare for all of them. */
TG_INLINE void access_granules(tg_thread_t *t, uptr addr, unsigned size, bool write,
                               uptr pc) {
  tg_cell_t *c = tg_shadow_cell(addr);
  if (TG_UNLIKELY(c == NULL)) return;
  uint64_t want = t->epoch | TG_SH_MASK, diff = 0;
  for (unsigned i = 0; i < size / TG_GRANULE; i++)
    diff |= atomic_load_explicit(write ? &c[i].w : &c[i].r, memory_order_relaxed) ^ want;
  if (TG_LIKELY((diff & TG_SH_USED) == 0)) return;
  hook_miss(t, c, addr, size, write, pc);
}

/* Does [addr, addr+size) stay inside one shadow chunk?  Only an access
 * ending in the last granules of a 1 GiB chunk does not. */
TG_INLINE bool in_one_chunk(uptr addr, unsigned size) {
  return (addr & (((uptr)1 << TG_CHUNK_SHIFT) - 1)) <= ((uptr)1 << TG_CHUNK_SHIFT) - size;
}

/* Plain whole-granule accesses of many granules at once (a loop's range,
 * a buffer), gathered a stripe (64 bytes of the program's memory) at a
 * time: the granules t's records already cover are skipped with one load
 * and compare each, and the others of one stripe are updated under one
 * stripe lock, with the stack interned once for the whole batch.  A granule
 * a report is about is charged to the access that contains it: the
 * accesses are elem bytes each, packed from lo + k * stride (a loop's
 * iterations) or from lo (stride 0: one range). */
typedef struct {
  tg_thread_t *t;
  bool write;
  uptr pc;
  uptr lo;
  uint64_t stride, elem;
  uint64_t free_bit; /* TG_SH_FREE: the batch is free() of a block */
  tg_ctx_t free_ctx; /* ... and free's stack */
  uint32_t ctx;  /* the packed stack word; 0 until a granule needs it */
  uptr line;     /* addr >> 6 of the pending stripe */
  uint32_t mask; /* its granules (bit i: line * 64 + i * 4) not covered */
} batch_t;

static uptr batch_rep(const batch_t *b, uptr g) {
  uptr off = g - b->lo, base = b->lo;
  if (b->stride != 0) {
    base += off / b->stride * b->stride;
    off %= b->stride;
  }
  return base + off / b->elem * b->elem;
}

/* The pending granules that are plain_ok, stored under one stripe lock
 * (the words cannot change under it); the others go to access_plain one
 * by one. */
TG_NOINLINE static void batch_flush(batch_t *b) {
  tg_thread_t *t = b->t;
  bool write = b->write;
  uptr addr = b->line << 6;
  tg_cell_t *c = tg_shadow_cell(addr);
  uint32_t left = 0; /* granules that need access_plain */
  t->in_rt++;
  if (b->ctx == 0) b->ctx = tg_sh_pack_ctx(access_ctx(t, b->pc), b->elem);
  tg_spin_t *l = stripe_of(addr);
  tg_spin_lock(l);
  for (uint32_t m = b->mask; m != 0; m &= m - 1) {
    unsigned j = (unsigned)__builtin_ctz(m);
    uint64_t w = atomic_load_explicit(&c[j].w, memory_order_relaxed);
    uint64_t r = atomic_load_explicit(&c[j].r, memory_order_relaxed);
    if (plain_ok(t, w, r, TG_SH_MASK, write))
      plain_store(t, &c[j], w, r, TG_SH_MASK, write, t->epoch | b->free_bit, b->ctx);
    else
      left |= 1u << j;
  }
  tg_spin_unlock(l);
  t->in_rt--;
  for (; left != 0; left &= left - 1) {
    unsigned j = (unsigned)__builtin_ctz(left);
    uptr g = addr + j * TG_GRANULE;
    if (b->free_bit == 0) {
      access_plain(t, &c[j], g, TG_SH_MASK, write, b->pc, batch_rep(b, g), b->elem);
      continue;
    }
    access_t a = {.addr = g, .mask = TG_SH_MASK, .write = true, .is_free = true,
                  .ctx = b->free_ctx, .pc = b->pc, .rep_addr = b->lo, .rep_size = b->elem};
    t->in_rt++;
    access_slow(t, &a);
    t->in_rt--;
  }
  b->mask = 0;
}

/* Granule g, not covered by t's records, is one of the batch's. */
TG_INLINE void batch_pend(batch_t *b, uptr g) {
  if (g >> 6 != b->line) {
    if (b->mask != 0) batch_flush(b);
    b->line = g >> 6;
  }
  b->mask |= 1u << ((g >> TG_GRANULE_SHIFT) & 15);
}

/* Granule g, whose word for the batch's kind of access is s. */
TG_INLINE void batch_add(batch_t *b, uptr g, uint64_t s) {
  if (TG_LIKELY(fast_covered(b->t, s, TG_SH_MASK, b->write))) return;
  batch_pend(b, g);
}

TG_INLINE void batch_end(batch_t *b) {
  if (b->mask != 0) batch_flush(b);
}

/* access_granules of two granules or more past its fast check: one
 * batch, one stripe lock for all (a double, a struct initialized in one
 * store, a vector). */
TG_NOINLINE static void granules_slow(tg_thread_t *t, tg_cell_t *c, uptr addr,
                                      unsigned size, bool write, uptr pc) {
  batch_t b = {.t = t, .write = write, .pc = pc, .lo = addr, .elem = size};
  for (unsigned i = 0; i < size / TG_GRANULE; i++)
    batch_add(&b, addr + i * TG_GRANULE,
              atomic_load_explicit(write ? &c[i].w : &c[i].r, memory_order_relaxed));
  batch_end(&b);
}

/* The granules [addr, end), both 4-aligned, into the batch, chunk by
 * chunk (a chunk's cells are consecutive). */
static void batch_span(batch_t *b, uptr addr, uptr end) {
  tg_thread_t *t = b->t;
  bool write = b->write;
  while (addr < end) {
    uptr chunk_end = (addr | (((uptr)1 << TG_CHUNK_SHIFT) - 1)) + 1;
    uptr stop = end < chunk_end ? end : chunk_end;
    tg_cell_t *c = tg_shadow_cell(addr);
    if (c == NULL) return;
    size_t n = (stop - addr) / TG_GRANULE;
    if (b->free_bit != 0) {
      /* Covered only by a free in this epoch (a double free). */
      uint64_t e = t->epoch | TG_SH_FREE | TG_SH_MASK;
      for (size_t i = 0; i < n; i++)
        if (((atomic_load_explicit(&c[i].w, memory_order_relaxed) ^ e) & TG_SH_USED) != 0)
          batch_pend(b, addr + i * TG_GRANULE);
    } else if (write) {
      for (size_t i = 0; i < n; i++)
        if (!fast_covered(t, atomic_load_explicit(&c[i].w, memory_order_relaxed),
                          TG_SH_MASK, true))
          batch_pend(b, addr + i * TG_GRANULE);
    } else {
      for (size_t i = 0; i < n; i++)
        if (!fast_covered(t, atomic_load_explicit(&c[i].r, memory_order_relaxed),
                          TG_SH_MASK, false))
          batch_pend(b, addr + i * TG_GRANULE);
    }
    addr = stop;
  }
}

/* [addr, addr+size) granule by granule, any kind of access; a->rep_* and
 * the kind are already set. */
static void access_pieces(tg_thread_t *t, access_t *a, uptr addr, size_t size) {
  bool write = a->write, atomic = a->atomic, is_free = a->is_free;
  tg_ctx_t ctx = a->ctx;
  uptr pc = a->pc;
  uint64_t epoch_bits = t->epoch | (is_free ? TG_SH_FREE : 0);
  while (size > 0) {
    unsigned off = addr & (TG_GRANULE - 1);
    unsigned n = TG_GRANULE - off;
    if (n > size) n = (unsigned)size;
    a->addr = addr;
    a->mask = ((1ull << n) - 1) << off;
    tg_cell_t *c = tg_shadow_cell(addr);
    if (c != NULL) {
      uint64_t s = atomic_load_explicit(write ? &c->w : &c->r, memory_order_relaxed);
      if (!atomic && !is_free && ctx == 0) {
        if (!fast_covered(t, s, a->mask, write))
          access_plain(t, c, addr, a->mask, write, pc, a->rep_addr, a->rep_size);
      } else if (!((s & (TG_SH_EPOCH_MASK | TG_SH_FREE)) == epoch_bits &&
                   (s & a->mask) == a->mask &&
                   (atomic || ((s >> TG_SH_AMASK_SHIFT) & a->mask) == 0) && ctx == 0)) {
        t->in_rt++;
        access_slow(t, a);
        t->in_rt--;
      }
    }
    addr += n;
    size -= n;
  }
}

/* Any range, any kind of access.  A plain one of more than a few granules
 * (a buffer a libc call reads, a memset), or free() of a block, checks its
 * whole granules in one batch. */
static void access_range(tg_thread_t *t, uptr addr, size_t size, bool write,
                         bool atomic, bool is_free, tg_ctx_t ctx, uptr pc) {
  access_t a = {.write = write, .atomic = atomic, .is_free = is_free, .ctx = ctx,
                .pc = pc, .rep_addr = addr, .rep_size = size};
  if (!atomic && (ctx == 0 || is_free) && size >= 8 * TG_GRANULE) {
    uptr ga = (addr + TG_GRANULE - 1) & ~(uptr)(TG_GRANULE - 1);
    uptr gb = (addr + size) & ~(uptr)(TG_GRANULE - 1);
    batch_t b = {.t = t, .write = write, .pc = pc, .lo = addr, .elem = size,
                 .free_bit = is_free ? TG_SH_FREE : 0, .free_ctx = ctx,
                 .ctx = is_free ? tg_sh_pack_ctx(ctx, size) : 0};
    access_pieces(t, &a, addr, ga - addr);
    batch_span(&b, ga, gb);
    batch_end(&b);
    access_pieces(t, &a, gb, addr + size - gb);
    return;
  }
  access_pieces(t, &a, addr, size);
}

/* The strided checks this thread made in its current epoch, so that a loop
 * run again before the next synchronization (the inner loop of a blocked
 * kernel, once per outer iteration) costs a lookup, not a pass over its
 * shadow.  An entry is valid while stamp equals the thread's epoch with
 * loop_gen's low 16 bits: every shadow reset or free this thread makes
 * bumps loop_gen, since it can erase records an entry vouches for, and the
 * table is cleared when those bits wrap.  Epochs have their low 16 bits
 * clear and clocks start at 1, so a zero entry never matches.  Two-way
 * sets: a blocked kernel's inner loop cycles through a tile's rows (64 in
 * the benchmark's matmul), which thrashed a direct-mapped table of twice
 * that size. */
typedef struct {
  uptr first;
  uint64_t stride;
  uint64_t count;
  uint64_t size_w; /* the hook's size argument | write << 63 */
  uint64_t stamp;
} loop_seen_t;
#define LOOP_SEEN_SET_BITS 7
static TG_TLS loop_seen_t loop_seen[1u << LOOP_SEEN_SET_BITS][2]; /* sets of 2, newest first */
static TG_TLS uint64_t loop_gen;

static void loop_seen_forget(void) {
  if ((++loop_gen & 0xffff) == 0) memset(loop_seen, 0, sizeof(loop_seen));
}

void tg_access_range(tg_thread_t *t, uptr addr, size_t size, bool write,
                     bool atomic, uptr pc) {
  if (!tg_race_on || t->ignore_accesses) return;
  int saved = t->in_rt;
  t->in_rt = 0; /* callers (interceptors) hold in_rt; access_slow sets it */
  access_range(t, addr, size, write, atomic, false, 0, pc);
  t->in_rt = saved;
}

void tg_access_range_ctx(tg_thread_t *t, uptr addr, size_t size, bool write,
                         tg_ctx_t ctx, uptr pc) {
  if (!tg_race_on || t->ignore_accesses) return;
  loop_seen_forget();
  int saved = t->in_rt;
  t->in_rt = 0;
  access_range(t, addr, size, write, false, true, ctx, pc);
  t->in_rt = saved;
}

void tg_shadow_reset(uptr addr, size_t size) {
  if (size == 0) return;
  loop_seen_forget();
  uptr beg = addr & ~(uptr)(TG_GRANULE - 1);
  uptr end = (addr + size + TG_GRANULE - 1) & ~(uptr)(TG_GRANULE - 1);
  /* Granules only partly inside the range keep their other bytes' history
   * in principle; dropping it can only hide a race, never invent one. */
  for (uptr chunk = beg; chunk < end;) {
    uptr chunk_end = (chunk | (((uptr)1 << TG_CHUNK_SHIFT) - 1)) + 1;
    if (chunk_end > end) chunk_end = end;
    if (!(chunk >> TG_APP_BITS) && tg_shadow_dir[chunk >> TG_CHUNK_SHIFT] != 0) {
      tg_cell_t *c0 = tg_shadow_cell(chunk);
      size_t n = (chunk_end - chunk) / TG_GRANULE;
      /* Read sets referenced by these cells must go back to the pool. */
      for (size_t i = 0; i < n && n <= 4096; i++) {
        uint64_t r = atomic_load_explicit(&c0[i].r, memory_order_relaxed);
        if (tg_sh_is_shared(r)) {
          tg_spin_t *l = stripe_of(chunk + i * TG_GRANULE);
          tg_spin_lock(l);
          r = atomic_load_explicit(&c0[i].r, memory_order_relaxed);
          if (tg_sh_is_shared(r)) {
            atomic_store_explicit(&c0[i].r, 0, memory_order_relaxed);
            rs_release(tg_sh_clock(r));
          }
          tg_spin_unlock(l);
        }
      }
      if (n * sizeof(tg_cell_t) >= 64 * 1024)
        tg_release_pages(c0, n * sizeof(tg_cell_t));
      else
        memset(c0, 0, n * sizeof(tg_cell_t));
    }
    chunk = chunk_end;
  }
}

/* ---- loops ---------------------------------------------------------- */

/* One access a loop makes, dispatched as the hooks below would. */
static void access_elem(tg_thread_t *t, uptr addr, size_t size, bool write, uptr pc) {
  if (size <= 2 && (addr & (size - 1)) == 0)
    access_one(t, addr, (unsigned)size, write, pc);
  else if ((size == 4 || size == 8 || size == 16) && (addr & (TG_GRANULE - 1)) == 0 &&
           in_one_chunk(addr, (unsigned)size))
    access_granules(t, addr, (unsigned)size, write, pc);
  else
    access_range(t, addr, size, write, false, false, 0, pc);
}

/* The accesses of elem bytes (the last one shorter if need be) that make up
 * [addr, end). */
static void access_elems(tg_thread_t *t, uptr addr, uptr end, size_t elem, bool write,
                         uptr pc) {
  for (; addr < end; addr += elem)
    access_elem(t, addr, end - addr < elem ? end - addr : elem, write, pc);
}

/* count iterations, each accessing size bytes at first + k * stride, made
 * of accesses of elem bytes.  When the iterations' bytes leave no gap (the
 * stride is at most the size) they are one range, batched, with the
 * accesses that share a granule with the range's ends checked one by one;
 * iterations of whole granules with gaps between them (a struct field, a
 * column) are batched iteration by iteration. */
static void access_strided(tg_thread_t *t, uptr first, uint64_t count, int64_t stride,
                           uint64_t size, uint64_t elem, bool write, uptr pc) {
  if (count == 0 || size == 0) return;
  if (stride == 0) count = 1;
  uint64_t mag = stride < 0 ? -(uint64_t)stride : (uint64_t)stride;
  uptr lo = stride < 0 ? first - (count - 1) * mag : first;
  batch_t b = {.t = t, .write = write, .pc = pc, .lo = lo, .elem = elem};
  if (count == 1 || mag <= size) {
    uptr end = lo + (count - 1) * mag + size;
    uptr ga = (lo + TG_GRANULE - 1) & ~(uptr)(TG_GRANULE - 1);
    uptr gb = end & ~(uptr)(TG_GRANULE - 1);
    if (ga < gb) {
      access_elems(t, lo, ga, elem, write, pc);
      batch_span(&b, ga, gb);
      batch_end(&b);
      access_elems(t, lo + (gb - lo) / elem * elem, end, elem, write, pc);
      return;
    }
  }
  if (((lo | mag | size | elem) & (TG_GRANULE - 1)) == 0) {
    b.stride = mag;
    for (uint64_t k = 0; k < count; k++) {
      uptr at = lo + k * mag;
      tg_cell_t *c = tg_shadow_cell(at);
      if (c == NULL) continue;
      if (!in_one_chunk(at, (unsigned)size)) {
        batch_end(&b);
        access_elems(t, at, at + size, elem, write, pc);
        continue;
      }
      for (uint64_t j = 0; j < size / TG_GRANULE; j++)
        batch_add(&b, at + j * TG_GRANULE,
                  atomic_load_explicit(write ? &c[j].w : &c[j].r, memory_order_relaxed));
    }
    batch_end(&b);
    return;
  }
  for (uint64_t k = 0; k < count; k++) {
    uptr at = first + k * (uint64_t)stride;
    access_elems(t, at, at + size, elem, write, pc);
  }
}

TG_INLINE void strided_hook(void *first, uint64_t count, uint64_t stride,
                            uint64_t size_elem, bool write, uptr pc) {
  tg_thread_t *t = checking_thread();
  if (!t) return;
  uint64_t size = TG_STRIDED_SIZE(size_elem), elem = TG_STRIDED_ELEM(size_elem);
  if (elem == 0 || elem > size) elem = size;
  if (count == 1) {
    /* Neighbouring accesses of one basic block: not a loop, not kept. */
    access_strided(t, (uptr)first, 1, 0, size, elem, write, pc);
    return;
  }
  loop_seen_t k = {(uptr)first, stride, count, size_elem | (uint64_t)write << 63,
                   t->epoch | (loop_gen & 0xffff)};
  /* A full mix: a kernel's rows are first + k * (a multiple of 1024),
   * which a bare multiply spread over a third of the sets. */
  uint64_t h = (uptr)first ^ (stride + count) * 0x2545f4914f6cdd1dull ^ k.size_w;
  h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdull;
  h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53ull;
  loop_seen_t *set = loop_seen[h >> (64 - LOOP_SEEN_SET_BITS)];
  /* in_rt around the table: a signal handler, which runs on this thread
   * with the same table, waits until it is consistent. */
  t->in_rt++;
  for (unsigned w = 0; w < 2; w++)
    if (set[w].first == k.first && set[w].stride == k.stride && set[w].count == k.count &&
        set[w].size_w == k.size_w && set[w].stamp == k.stamp) {
      t->in_rt--;
      return;
    }
  t->in_rt--;
  access_strided(t, (uptr)first, count, (int64_t)stride, size, elem, write, pc);
  t->in_rt++;
  set[1] = set[0];
  set[0] = k;
  t->in_rt--;
}

/* ---- hooks ---------------------------------------------------------- */

#define PC() ((uptr)__builtin_return_address(0))

/* The plain access hooks of 1 to 16 bytes.  Their common case, the thread
 * already recorded the access in its epoch, is a frameless function: the
 * thread, its flags and one shadow word per granule, then a return.  A
 * granule to record (or a read-shared one) is a tail call to hook_miss
 * with what was found; anything else (the runtime not running on this
 * thread yet, an access crossing a shadow chunk) to access_hook_slow,
 * which does the whole check. */
TG_NOINLINE static void access_hook_slow(uptr addr, unsigned n, bool write, uptr pc) {
  tg_thread_t *t = checking_thread();
  if (t != NULL) access_elem(t, addr, n, write, pc);
}

#define DEFINE_ACCESS(n)                                                  \
  void __tangle_read##n(void *addr) { hook((uptr)addr, n, false, PC()); } \
  void __tangle_write##n(void *addr) { hook((uptr)addr, n, true, PC()); }

/* An access of n bytes at addr: 1 or 2 bytes naturally aligned, or 4, 8,
 * 16 at a 4-aligned address.  pc is only read on the way out (a load off
 * the stack in a frameless function). */
TG_INLINE void hook(uptr addr, unsigned n, bool write, uptr pc) {
  tg_thread_t *t = tg_cur;
  if (TG_UNLIKELY(t == NULL || (t->in_rt | t->ignore_accesses) != 0 || !tg_race_on ||
                  (addr >> TG_APP_BITS) != 0 || !in_one_chunk(addr, n)))
    goto slow;
  uptr base = tg_shadow_dir[addr >> TG_CHUNK_SHIFT];
  if (TG_UNLIKELY(base == 0)) goto slow;
  tg_cell_t *c = (tg_cell_t *)(base + (addr >> TG_GRANULE_SHIFT) * sizeof(tg_cell_t));
  if (n <= 2) {
    uint64_t mask = ((1ull << n) - 1) << (addr & (TG_GRANULE - 1));
    if (TG_LIKELY(own_covered(t, atomic_load_explicit(write ? &c->w : &c->r,
                                                      memory_order_relaxed), mask)))
      return;
  } else {
    uint64_t want = t->epoch | TG_SH_MASK, diff = 0;
    for (unsigned i = 0; i < n / TG_GRANULE; i++)
      diff |= atomic_load_explicit(write ? &c[i].w : &c[i].r, memory_order_relaxed) ^ want;
    if (TG_LIKELY((diff & TG_SH_USED) == 0)) return;
  }
  hook_miss(t, c, addr, n, write, pc);
  return;
slow:
  access_hook_slow(addr, n, write, pc);
}

DEFINE_ACCESS(1)
DEFINE_ACCESS(2)
DEFINE_ACCESS(4)
DEFINE_ACCESS(8)
DEFINE_ACCESS(16)
#undef DEFINE_ACCESS

/* A range of whole granules in one shadow chunk (a vector of floats
 * aligned to 4 but wider than 16 bytes, an odd multiple of 4). */
TG_INLINE bool access_words(tg_thread_t *t, uptr addr, uint64_t size, bool write,
                            uptr pc) {
  if ((addr | size) & (TG_GRANULE - 1) || size > 64 || size == 0 ||
      !in_one_chunk(addr, (unsigned)size))
    return false;
  access_granules(t, addr, (unsigned)size, write, pc);
  return true;
}

void __tangle_read_range(void *addr, uint64_t size) {
  tg_thread_t *t = checking_thread();
  if (t && !access_words(t, (uptr)addr, size, false, PC()))
    access_range(t, (uptr)addr, size, false, false, false, 0, PC());
}
void __tangle_write_range(void *addr, uint64_t size) {
  tg_thread_t *t = checking_thread();
  if (t && !access_words(t, (uptr)addr, size, true, PC()))
    access_range(t, (uptr)addr, size, true, false, false, 0, PC());
}

void __tangle_read_strided(void *first, uint64_t count, uint64_t stride, uint64_t size) {
  strided_hook(first, count, stride, size, false, PC());
}
void __tangle_write_strided(void *first, uint64_t count, uint64_t stride, uint64_t size) {
  strided_hook(first, count, stride, size, true, PC());
}

void *__tangle_memcpy(void *dst, void *src, uint64_t n) {
  tg_thread_t *t = checking_thread();
  if (t) {
    access_range(t, (uptr)src, n, false, false, false, 0, PC());
    access_range(t, (uptr)dst, n, true, false, false, 0, PC());
  }
  return memcpy(dst, src, n);
}
void *__tangle_memmove(void *dst, void *src, uint64_t n) {
  tg_thread_t *t = checking_thread();
  if (t) {
    access_range(t, (uptr)src, n, false, false, false, 0, PC());
    access_range(t, (uptr)dst, n, true, false, false, 0, PC());
  }
  return memmove(dst, src, n);
}
void *__tangle_memset(void *dst, uint32_t c, uint64_t n) {
  tg_thread_t *t = checking_thread();
  if (t) access_range(t, (uptr)dst, n, true, false, false, 0, PC());
  return memset(dst, (int)c, n);
}

/* Function entry/exit only move the shadow stack; contexts are interned
 * lazily by tg_thread_ctx when an access is recorded. */
void __tangle_func_entry(void *caller_pc) {
  tg_thread_t *t = tg_cur;
  if (TG_UNLIKELY(t == NULL)) {
    if (!atomic_load_explicit(&tg_inited, memory_order_acquire)) return;
    t = tg_thread_self();
  }
  /* NOTE: pcs is NULL while the thread starts; a signal handler running
   * then must not push. */
  if (TG_UNLIKELY(t->pcs == NULL)) return;
  uint32_t d = t->depth++;
  if (TG_LIKELY(d < TG_SHADOW_STACK_MAX)) t->pcs[d] = (uptr)caller_pc;
}

void __tangle_func_exit(void) {
  tg_thread_t *t = tg_cur;
  if (TG_UNLIKELY(t == NULL || t->depth == 0 || t->pcs == NULL)) return;
  uint32_t d = --t->depth;
  if (t->ctx_valid > d) t->ctx_valid = d;
}
