/* alloc.c — the malloc family, and the table of live heap blocks.
 *
 * The interceptors allocate with glibc's own __libc_* entry points and add
 * what the race engine needs (DESIGN §5):
 *   - a new block starts clean: its shadow is reset, because the memory
 *     may have been someone else's block a moment ago;
 *   - free (and realloc, for the old block) is a write of the block by
 *     `free` (`realloc`), so a use after free in another thread is a race
 *     whose earlier stack shows #0 free; past FREE_CHECK_MAX bytes the
 *     shadow is only reset.  Sync objects inside the block go too;
 *   - every live block is recorded (start, size, allocating thread and
 *     stack) so a report can say "heap block of size N allocated by ...".
 * Only race reports say that: without race detection (a lock-only build)
 * nothing is recorded, and free finds the block's size, to forget the sync
 * objects inside it, from the allocator (malloc_usable_size).
 * realloc always moves (allocate, copy, free), so the old block's shadow
 * keeps the free and the new one starts clean.
 *
 * Blocks the runtime did not see allocated — before init, or by the
 * runtime's own calls into libc (in_rt) — are simply passed to __libc_free:
 * free() of a pointer not in the table is normal.  Nothing here allocates
 * through the interceptors, so they cannot recurse; calloc before init
 * (dlsym calls it) goes straight to __libc_calloc.
 *
 * Table: NSTRIPES open-addressing hash tables (linear probing, backward-
 * shift deletion, at most half full) keyed by block start, each under its
 * own spinlock; the stripe and the home slot come from one hash of the
 * start.  Blocks of LOOKBACK bytes or more are also kept on the `big` list,
 * so tg_alloc_find can find the block around an interior address by probing
 * the starts below it for LOOKBACK bytes and scanning that list.
 *
 * Locks: the stripe locks and big.lock are leaves (only the allocator is
 * called under them); they are the "heap table" of tg.h's lock order.
 */
#include "tg.h"

#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t n);

#define ALIGN 16               /* glibc's malloc alignment on 64-bit */
#define LOOKBACK (64 * 1024)   /* interior lookups probe this far back */
#define NSTRIPES 256
#define MIN_CAP 64
/* free() checks at most this much of a block as a write; the rest is only
 * reset.  Every granule of the write is a locked shadow update, and most
 * use-after-free races hit a block's first fields; ThreadSanitizer stops at
 * 1 KiB for the same reason. */
#define FREE_CHECK_MAX 4096u

typedef struct {
  tg_spin_t lock;
  uint32_t n, cap; /* cap is 0 or a power of two */
  tg_block_t *slot; /* addr 0 marks an empty slot */
  char pad[64 - sizeof(tg_spin_t) - 2 * sizeof(uint32_t) - sizeof(tg_block_t *)];
} stripe_t;

static stripe_t stripes[NSTRIPES];

static struct {
  tg_spin_t lock;
  uint32_t n, cap;
  tg_block_t *b;
} big;

static inline uint64_t hash(uptr addr) {
  uint64_t h = (uint64_t)(addr / ALIGN) * 0x9e3779b97f4a7c15ull;
  return h ^ (h >> 29);
}
static inline stripe_t *stripe_of(uint64_t h) { return &stripes[h % NSTRIPES]; }
static inline uint32_t home(const stripe_t *s, uint64_t h) {
  return (uint32_t)(h / NSTRIPES) & (s->cap - 1);
}

/* Precondition: the stripe's lock.  Returns the slot of addr, or the empty
 * slot where it would go. */
static uint32_t probe(const stripe_t *s, uptr addr, uint64_t h) {
  uint32_t i = home(s, h);
  while (s->slot[i].addr != 0 && s->slot[i].addr != addr) i = (i + 1) & (s->cap - 1);
  return i;
}

static void grow(stripe_t *s) {
  uint32_t old_cap = s->cap;
  tg_block_t *old = s->slot;
  s->cap = old_cap ? old_cap * 2 : MIN_CAP;
  s->slot = tg_calloc(s->cap * sizeof(tg_block_t));
  TG_CHECK(s->slot != NULL);
  for (uint32_t i = 0; i < old_cap; i++)
    if (old[i].addr != 0) s->slot[probe(s, old[i].addr, hash(old[i].addr))] = old[i];
  tg_free(old);
}

/* A record for the same start replaces the old one: that block was freed
 * where the runtime could not see it. */
static void table_put(const tg_block_t *b) {
  uint64_t h = hash(b->addr);
  stripe_t *s = stripe_of(h);
  tg_spin_lock(&s->lock);
  if (2 * (s->n + 1) > s->cap) grow(s);
  uint32_t i = probe(s, b->addr, h);
  if (s->slot[i].addr == 0) s->n++;
  s->slot[i] = *b;
  tg_spin_unlock(&s->lock);
}

/* Takes slot i out of stripe s.  Precondition: s's lock. */
static void remove_slot(stripe_t *s, uint32_t i) {
  /* Backward shift: pull later entries of the probe run into the hole
   * unless that would move them before their home slot. */
  uint32_t mask = s->cap - 1;
  s->n--;
  for (uint32_t j = i;;) {
    s->slot[i].addr = 0;
    uint32_t k;
    do {
      j = (j + 1) & mask;
      if (s->slot[j].addr == 0) return;
      k = home(s, hash(s->slot[j].addr));
    } while (i <= j ? (i < k && k <= j) : (i < k || k <= j));
    s->slot[i] = s->slot[j];
    i = j;
  }
}

/* The record of the block starting at addr, into *out unless out is NULL;
 * with take, it also leaves the table (one probe under one lock). */
static bool table_find(uptr addr, tg_block_t *out, bool take) {
  uint64_t h = hash(addr);
  stripe_t *s = stripe_of(h);
  bool found = false;
  tg_spin_lock(&s->lock);
  if (s->cap != 0) {
    uint32_t i = probe(s, addr, h);
    if (s->slot[i].addr != 0) {
      if (out != NULL) *out = s->slot[i];
      found = true;
      if (take) remove_slot(s, i);
    }
  }
  tg_spin_unlock(&s->lock);
  return found;
}

static bool table_get(uptr addr, tg_block_t *out) { return table_find(addr, out, false); }

static void big_put(const tg_block_t *b) {
  tg_spin_lock(&big.lock);
  if (big.n == big.cap) {
    big.cap = big.cap ? big.cap * 2 : MIN_CAP;
    big.b = tg_realloc(big.b, big.cap * sizeof(tg_block_t));
    TG_CHECK(big.b != NULL);
  }
  big.b[big.n++] = *b;
  tg_spin_unlock(&big.lock);
}

static void big_remove(uptr addr) {
  tg_spin_lock(&big.lock);
  for (uint32_t i = 0; i < big.n; i++) {
    if (big.b[i].addr == addr) {
      big.b[i] = big.b[--big.n];
      break;
    }
  }
  tg_spin_unlock(&big.lock);
}

/* Bounds of every block ever recorded (never narrowed): an address
 * outside them is in no block.  A global of the executable lies below the
 * brk heap, so naming a global lock costs no lookback.  Widened before the
 * record is put, with release: whoever finds the block's address can see
 * the bounds that cover it. */
static uptr heap_lo = ~(uptr)0, heap_hi;

static void widen_bounds(uptr lo, uptr hi) {
  uptr cur = __atomic_load_n(&heap_lo, __ATOMIC_RELAXED);
  while (lo < cur && !__atomic_compare_exchange_n(&heap_lo, &cur, lo, true,
                                                  __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {
  }
  cur = __atomic_load_n(&heap_hi, __ATOMIC_RELAXED);
  while (hi > cur && !__atomic_compare_exchange_n(&heap_hi, &cur, hi, true,
                                                  __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {
  }
}

/* The block the calling thread found last: the locks of one array are
 * named one after another (a lock-graph node each), and an address deep in
 * a block costs a probe per ALIGN bytes below it.  Checked against the
 * table (the record at its start now), so a stale entry is never wrong. */
static TG_TLS uptr last_found;

/* Blocks do not overlap, so an address inside a big block is in nothing
 * else, and otherwise the nearest recorded start at or below addr decides:
 * addr is in that block or in none.  The big blocks are looked at first:
 * they are few, and an address deep inside one (an array of a million
 * mutexes) would otherwise cost LOOKBACK / ALIGN probes. */
bool tg_alloc_find(uptr addr, tg_block_t *out) {
  bool found = false;
  if (addr < __atomic_load_n(&heap_lo, __ATOMIC_ACQUIRE) ||
      addr >= __atomic_load_n(&heap_hi, __ATOMIC_ACQUIRE))
    return false;
  if (__atomic_load_n(&big.n, __ATOMIC_RELAXED) != 0) {
    tg_spin_lock(&big.lock);
    for (uint32_t i = 0; i < big.n && !found; i++) {
      if (addr - big.b[i].addr < big.b[i].size) {
        *out = big.b[i];
        found = true;
      }
    }
    tg_spin_unlock(&big.lock);
    if (found) return true;
  }
  uptr last = last_found;
  if (last != 0 && addr >= last && table_get(last, out) && addr - out->addr < out->size)
    return true;
  uptr a = addr & ~(uptr)(ALIGN - 1);
  for (uint32_t n = 0; n <= LOOKBACK / ALIGN && a != 0; n++, a -= ALIGN) {
    if (table_get(a, out)) {
      if (addr - out->addr >= out->size) return false;
      last_found = out->addr;
      return true;
    }
  }
  return false;
}

/* The heap table's locks in the child of fork: their holders are gone. */
void tg_alloc_fork_child(void) {
  for (uint32_t i = 0; i < NSTRIPES; i++)
    atomic_store_explicit(&stripes[i].lock.v, 0, memory_order_relaxed);
  atomic_store_explicit(&big.lock.v, 0, memory_order_relaxed);
}

/* ---- the interceptors ----------------------------------------------- */

#define CALLER_PC ((uptr)__builtin_return_address(0))

/* glibc's allocator runs with in_rt raised, as under the runtime's own
 * calls: a signal arriving while it holds its arena lock is deferred
 * (signal.c), so no handler's runtime work re-enters it. */
#define LIBC(call)                               \
  ({                                             \
    tg_thread_t *t_ = tg_cur;                    \
    if (t_ != NULL) t_->in_rt++;                 \
    __typeof__(call) r_ = (call);                \
    if (t_ != NULL) t_->in_rt--;                 \
    r_;                                          \
  })
static inline int libc_free(void *p) {
  __libc_free(p);
  return 0;
}

/* The calling thread if the runtime should watch this call, else NULL
 * (not started yet, or the runtime's own call into libc). */
static inline tg_thread_t *watching(void) {
  if (!atomic_load_explicit(&tg_inited, memory_order_acquire)) return NULL;
  tg_thread_t *t = tg_thread_self();
  return t->in_rt == 0 ? t : NULL;
}

static void *real_malloc_usable_size;

static size_t real_usable_size(void *p) {
  void *fn = __atomic_load_n(&real_malloc_usable_size, __ATOMIC_ACQUIRE);
  if (TG_UNLIKELY(fn == NULL)) {
    fn = dlsym(RTLD_NEXT, "malloc_usable_size");
    if (fn == NULL) tg_die("cannot find the real malloc_usable_size");
    __atomic_store_n(&real_malloc_usable_size, fn, __ATOMIC_RELEASE);
  }
  return ((size_t(*)(void *))fn)(p);
}

/* The stack of an allocation or free: the caller's, with the intercepted
 * function on top (its start + 1: recorded pcs are return addresses). */
static tg_ctx_t ctx_with(tg_thread_t *t, uptr pc, uptr fn) {
  return tg_ctx_intern(tg_thread_ctx(t, pc), fn + 1);
}

/* Record the new block p of size bytes, allocated by fn at pc. */
static void *allocated(void *p, size_t size, uptr pc, uptr fn) {
  tg_thread_t *t;
  if (p == NULL || !tg_race_on || (t = watching()) == NULL) return p;
  t->in_rt++;
  /* Without race detection the shadow is never read, and the allocation
   * stack only ever shows in race reports. */
  if (tg_race_on) tg_shadow_reset((uptr)p, size);
  tg_block_t b = {(uptr)p, size, t->num, tg_race_on ? ctx_with(t, pc, fn) : 0};
  widen_bounds((uptr)p, (uptr)p + size);
  table_put(&b);
  if (size >= LOOKBACK) big_put(&b);
  t->in_rt--;
  return p;
}

/* Before the real free of p by fn (free or realloc), called from caller_pc
 * (after it, the address may be handed out and recorded again by another
 * thread).  The recorded stack of the write is the caller's with fn on top;
 * a race found now is reported from fn's own frame (this function's return
 * address), so the current stack also starts with fn. */
TG_NOINLINE static void freeing(void *p, uptr caller_pc, uptr fn) {
  tg_thread_t *t;
  tg_block_t b;
  if (p == NULL || (t = watching()) == NULL) return;
  t->in_rt++;
  /* A race the free's write finds is reported with the block's location,
   * so with race detection the record stays until the write is checked. */
  if (!tg_race_on) {
    /* Nothing recorded (or, if race detection just went off, nothing that
     * will be looked at again). */
    tg_sync_remove_range((uptr)p, real_usable_size(p));
  } else if (table_find((uptr)p, &b, false)) {
    size_t checked = b.size < FREE_CHECK_MAX ? b.size : FREE_CHECK_MAX;
    tg_access_range_ctx(t, b.addr, checked, true, ctx_with(t, caller_pc, fn),
                        (uptr)__builtin_return_address(0));
    if (b.size > checked) tg_shadow_reset(b.addr + checked, b.size - checked);
    tg_sync_remove_range(b.addr, b.size);
    table_find(b.addr, NULL, true);
    if (b.size >= LOOKBACK) big_remove(b.addr);
  }
  t->in_rt--;
}

void *malloc(size_t n) {
  return allocated(LIBC(__libc_malloc(n)), n, CALLER_PC, (uptr)&malloc);
}

void *calloc(size_t n, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(n, size, &total)) total = 0; /* __libc_calloc fails */
  return allocated(LIBC(__libc_calloc(n, size)), total, CALLER_PC, (uptr)&calloc);
}

void free(void *p) {
  freeing(p, CALLER_PC, (uptr)&free);
  LIBC(libc_free(p));
}

size_t malloc_usable_size(void *p) { return real_usable_size(p); }

void *realloc(void *p, size_t n) {
  uptr pc = CALLER_PC;
  if (watching() == NULL) return LIBC(__libc_realloc(p, n));
  if (p == NULL) return allocated(LIBC(__libc_malloc(n)), n, pc, (uptr)&realloc);
  if (n == 0) { /* glibc: frees, returns NULL */
    freeing(p, pc, (uptr)&realloc);
    LIBC(libc_free(p));
    return NULL;
  }
  tg_block_t b;
  size_t old = tg_race_on && table_get((uptr)p, &b) ? b.size : real_usable_size(p);
  void *q = LIBC(__libc_malloc(n));
  if (q == NULL) return NULL; /* p is left alone, as realloc must */
  memcpy(q, p, old < n ? old : n);
  freeing(p, pc, (uptr)&realloc);
  LIBC(libc_free(p));
  return allocated(q, n, pc, (uptr)&realloc);
}

void *memalign(size_t align, size_t n) {
  return allocated(LIBC(__libc_memalign(align, n)), n, CALLER_PC, (uptr)&memalign);
}

void *aligned_alloc(size_t align, size_t n) {
  return allocated(LIBC(__libc_memalign(align, n)), n, CALLER_PC,
                   (uptr)&aligned_alloc);
}

int posix_memalign(void **out, size_t align, size_t n) {
  if (align % sizeof(void *) != 0 || (align & (align - 1)) != 0 || align == 0)
    return EINVAL;
  void *p = LIBC(__libc_memalign(align, n));
  if (p == NULL) return ENOMEM;
  *out = allocated(p, n, CALLER_PC, (uptr)&posix_memalign);
  return 0;
}

void *valloc(size_t n) {
  return allocated(LIBC(__libc_memalign((size_t)getpagesize(), n)), n, CALLER_PC,
                   (uptr)&valloc);
}

void *pvalloc(size_t n) {
  size_t page = (size_t)getpagesize();
  size_t rounded = (n + page - 1) & ~(page - 1);
  if (rounded < n) {
    errno = ENOMEM;
    return NULL;
  }
  if (rounded == 0) rounded = page;
  return allocated(LIBC(__libc_memalign(page, rounded)), rounded, CALLER_PC,
                   (uptr)&pvalloc);
}
