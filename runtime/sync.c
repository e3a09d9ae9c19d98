/* sync.c — sync objects, and the happens-before primitives built on them.
 *
 * A sync object is the runtime's state for one program address that
 * synchronizes: a mutex, rwlock, spinlock, semaphore, barrier, once control,
 * an atomic variable or an annotated address.  Its clock is what releases
 * on it published; an acquire joins that into the acquiring thread's clock.
 * Objects are made on first use (nothing requires an init call) and
 * forgotten on destroy, or when the memory holding them is freed; a
 * destroyed mutex is remembered as such (for "lock of a destroyed mutex")
 * until it is initialized again or its memory is freed.  An
 * annotation's object has a hidden key (TG_SYNC_HIDDEN) and is filed, and
 * freed, under the address it annotates.
 *
 * Table: NBUCKETS hash chains keyed by address; all addresses in one
 * 64-byte line share a chain, so freeing a range visits one chain per line
 * (free() is hot; a line holds at most a couple of pthread objects, or a
 * few atomics).  Each chain is guarded by one of NSTRIPES striped spinlocks
 * for changes; lookups read it without that lock.
 *
 * Lookup without the stripe lock (every lock, unlock and atomic op looks up
 * its object, from every thread at once): objects are type-stable (a
 * removed one goes to free_objs and comes back only as another object,
 * never to malloc), so a reader walking a chain while a remover unlinks or
 * reuses a node reads stale but valid memory.  A node it finds by address
 * is locked and checked again (still that address, not dead) before it is
 * returned; an empty chain is a miss; anything else (a node that changed
 * under the reader, a chain that did not have it) retries under the stripe
 * lock, which is exact.  Inserts publish a fully built node with a release
 * store of the head.
 *
 * Locking: a stripe lock guards its chains' links; each object's own lock
 * guards its fields (dead and addr are written only under it, plus the
 * stripe for a link change).  tg_sync_get takes the stripe (when it needs
 * it), then the object, then drops the stripe, so the caller holds only
 * the object (stripe > object; never take a stripe while holding an
 * object).  A remover unlinks under the stripe, then marks the object dead
 * under its lock: a finder that locked it first finishes with it before
 * the removal, one that locks it after sees it dead and looks again.
 * free_lock guards free_objs and the slab (a leaf).
 */
#include "tg.h"

#include <string.h>

#define NBUCKETS_LOG 18
#define NBUCKETS (1u << NBUCKETS_LOG) /* ~4 objects per chain at a million */
#define NSTRIPES 4096
#define LINE_SHIFT 6

typedef struct {
  tg_spin_t l;
  char pad[64 - sizeof(tg_spin_t)];
} stripe_t;

static tg_sync_t *buckets[NBUCKETS]; /* heads, read without the stripe */
static stripe_t stripes[NSTRIPES];
static atomic_ulong nlive; /* objects in the table: lets free() skip it */
static tg_sync_t *free_objs; /* removed objects, linked through next */
static tg_spin_t free_lock;

/* A lock-free walk gives up after this many nodes: a walk that strayed
 * through reused nodes is not trusted to end. */
#define MAX_WALK 64

/* Reuse re-initializes every field after the lock, which stays live: a
 * reader that found the node before it was reused may be spinning on it. */
_Static_assert(offsetof(tg_sync_t, lock) < offsetof(tg_sync_t, kind) &&
                   offsetof(tg_sync_t, addr) < offsetof(tg_sync_t, lock) &&
                   offsetof(tg_sync_t, next) < offsetof(tg_sync_t, lock),
               "tg_sync_t: addr, next, lock come first");
#define SYNC_BODY offsetof(tg_sync_t, kind)
/* A lock and its unlock read and write no other line of the object (but
 * for an rwlock's read side). */
_Static_assert(offsetof(tg_sync_t, clock) + sizeof(tg_vc_t) <= 64,
               "tg_sync_t: the fields every lock touches fit one cache line");

static inline uint32_t bucket_of(uptr addr) {
  addr &= ~TG_SYNC_HIDDEN;
  return (uint32_t)(((uint64_t)(addr >> LINE_SHIFT) * 0x9e3779b97f4a7c15ull) >>
                    (64 - NBUCKETS_LOG));
}

static inline tg_spin_t *stripe_of(uint32_t b) {
  return &stripes[b % NSTRIPES].l;
}

/* Objects are carved from slabs, each on cache lines of its own: the lock
 * of an object is held across atomic instructions, and two hot objects
 * sharing a line would make their threads take turns. */
#define OBJ_SIZE ((sizeof(tg_sync_t) + 63) & ~(size_t)63)
#define SLAB_OBJS 64
static char *slab, *slab_end; /* guarded by free_lock */

static tg_sync_t *carve(void) {
  tg_spin_lock(&free_lock);
  if (slab == slab_end) {
    char *p = tg_calloc(OBJ_SIZE * SLAB_OBJS + 63);
    TG_CHECK(p != NULL);
    slab = (char *)(((uptr)p + 63) & ~(uptr)63);
    slab_end = slab + OBJ_SIZE * SLAB_OBJS;
  }
  tg_sync_t *s = (tg_sync_t *)slab;
  slab += OBJ_SIZE;
  tg_spin_unlock(&free_lock);
  return s;
}

/* A node for a new object, locked, with every field after the lock zero. */
static tg_sync_t *new_object(void) {
  tg_sync_t *s = NULL;
  if (__atomic_load_n(&free_objs, __ATOMIC_RELAXED) != NULL) {
    tg_spin_lock(&free_lock);
    s = free_objs;
    if (s != NULL) free_objs = s->next;
    tg_spin_unlock(&free_lock);
  }
  if (s == NULL) s = carve();
  tg_spin_lock(&s->lock);
  memset((char *)s + SYNC_BODY, 0, sizeof(*s) - SYNC_BODY);
  return s;
}

/* The lookup under the stripe lock, exact; makes the object if create. */
TG_NOINLINE static tg_sync_t *get_locked(uint32_t b, uptr addr, tg_sync_kind_t kind,
                                         bool create) {
  tg_spin_t *l = stripe_of(b);
  tg_spin_lock(l);
  tg_sync_t *s = buckets[b];
  while (s != NULL && s->addr != addr) s = s->next;
  if (s == NULL) {
    if (!create) {
      tg_spin_unlock(l);
      return NULL;
    }
    s = new_object();
    __atomic_store_n(&s->addr, addr, __ATOMIC_RELAXED);
    s->kind = (uint8_t)kind;
    s->owner = TG_TID_NONE;
    __atomic_store_n(&s->next, buckets[b], __ATOMIC_RELAXED);
    __atomic_store_n(&buckets[b], s, __ATOMIC_RELEASE);
    atomic_fetch_add_explicit(&nlive, 1, memory_order_relaxed);
    tg_spin_unlock(l);
    return s;
  }
  /* An object keeps the kind it was made with: the same address used as,
   * say, a mutex and an atomic is one object. */
  tg_spin_lock(&s->lock);
  tg_spin_unlock(l);
  return s;
}

/* The walk found s at addr, locked by another thread: wait for it (not
 * under the stripe, which would hold up every lookup in its chains). */
TG_NOINLINE static tg_sync_t *lock_found(tg_sync_t *s, uint32_t b, uptr addr,
                                         tg_sync_kind_t kind, bool create) {
  tg_spin_lock(&s->lock);
  if (s->addr == addr && !s->dead) return s;
  tg_spin_unlock(&s->lock);
  return get_locked(b, addr, kind, create);
}

/* The object the calling thread got last: an unlock looks up the object
 * its lock just did.  Objects are type-stable, so a stale pointer is safe
 * to look at; it is checked like a node found by a walk. */
static TG_TLS tg_sync_t *last_got;

/* The chain without the stripe lock: a node found by address is locked and
 * checked again; an empty chain is a true miss; anything else (a node that
 * changed under the walk, a chain without it) asks get_locked. */
TG_NOINLINE static tg_sync_t *walk(uptr addr, tg_sync_kind_t kind, bool create) {
  uint32_t b = bucket_of(addr);
  tg_sync_t *s = __atomic_load_n(&buckets[b], __ATOMIC_ACQUIRE);
  if (s == NULL && !create) return NULL;
  for (int steps = 0; s != NULL && steps < MAX_WALK; steps++) {
    if (__atomic_load_n(&s->addr, __ATOMIC_RELAXED) == addr) {
      if (TG_UNLIKELY(!tg_spin_trylock(&s->lock))) {
        s = lock_found(s, b, addr, kind, create);
        goto out;
      }
      if (TG_LIKELY(s->addr == addr && !s->dead)) goto out;
      tg_spin_unlock(&s->lock);
      break;
    }
    s = __atomic_load_n(&s->next, __ATOMIC_ACQUIRE);
  }
  s = get_locked(b, addr, kind, create);
out:
  if (s != NULL) last_got = s;
  return s;
}

/* The thread's last object first, then the head of its chain (most chains
 * hold one object): no call on those paths, so no registers to save. */
tg_sync_t *tg_sync_get(uptr addr, tg_sync_kind_t kind, bool create) {
  tg_sync_t *s = last_got;
  if (s == NULL || __atomic_load_n(&s->addr, __ATOMIC_RELAXED) != addr) {
    s = __atomic_load_n(&buckets[bucket_of(addr)], __ATOMIC_ACQUIRE);
    if (s == NULL || __atomic_load_n(&s->addr, __ATOMIC_RELAXED) != addr)
      return walk(addr, kind, create);
  }
  if (TG_LIKELY(tg_spin_trylock(&s->lock))) {
    if (TG_LIKELY(s->addr == addr && !s->dead)) {
      last_got = s;
      return s;
    }
    tg_spin_unlock(&s->lock);
  }
  return walk(addr, kind, create);
}

/* Precondition: s was unlinked under its stripe lock, which is released.
 * A lock's node in the lock-order graph dies with it. */
static void destroy(tg_sync_t *s) {
  tg_spin_lock(&s->lock); /* wait out the last holder */
  s->dead = true;
  uint32_t node = s->lg_node, serial = s->lg_serial;
  tg_vc_free(&s->clock);
  tg_vc_free(&s->rclock);
  tg_vc_free(&s->gen_clock[0]);
  tg_vc_free(&s->gen_clock[1]);
  tg_spin_unlock(&s->lock);
  tg_lg_forget(node, serial);
  atomic_fetch_sub_explicit(&nlive, 1, memory_order_relaxed);
  tg_spin_lock(&free_lock);
  __atomic_store_n(&s->next, free_objs, __ATOMIC_RELAXED);
  free_objs = s;
  tg_spin_unlock(&free_lock);
}

/* Unlinks the objects of chain b whose address, hidden or not, is in
 * [lo, hi) onto *dead (through next: a reader standing on one walks on
 * into *dead, finds nothing it can use, and retries under the stripe).
 * Precondition: the chain's stripe lock. */
static void unlink_range(uint32_t b, uptr lo, uptr hi, tg_sync_t **dead) {
  tg_sync_t **pp = &buckets[b], *s;
  while ((s = *pp) != NULL) {
    uptr a = s->addr & ~TG_SYNC_HIDDEN;
    if (a >= lo && a < hi) {
      __atomic_store_n(pp, s->next, __ATOMIC_RELEASE);
      __atomic_store_n(&s->next, *dead, __ATOMIC_RELAXED);
      *dead = s;
    } else {
      pp = &s->next;
    }
  }
}

static void remove_chain_range(uint32_t b, uptr lo, uptr hi) {
  /* Most chains are empty; looking without the lock is fine, a chain that
   * gains an object in [lo, hi) now is the caller's race with itself. */
  if (__atomic_load_n(&buckets[b], __ATOMIC_RELAXED) == NULL) return;
  tg_sync_t *dead = NULL;
  tg_spin_t *l = stripe_of(b);
  tg_spin_lock(l);
  unlink_range(b, lo, hi, &dead);
  tg_spin_unlock(l);
  while (dead != NULL) {
    tg_sync_t *next = dead->next;
    destroy(dead);
    dead = next;
  }
}

/* The hidden (annotation) object at addr goes too: the address's old
 * identity is over. */
void tg_sync_remove(uptr addr) { remove_chain_range(bucket_of(addr), addr, addr + 1); }

/* Called on every free(): a program rarely destroys the mutex inside a
 * block before freeing it, and the address will be reused.  Costs one load
 * per 64-byte line where the chains are empty. */
void tg_sync_remove_range(uptr addr, size_t size) {
  if (size == 0 || atomic_load_explicit(&nlive, memory_order_relaxed) == 0) return;
  uptr lo = addr, hi = addr + size;
  uptr line = (uptr)1 << LINE_SHIFT;
  if ((size >> LINE_SHIFT) >= NBUCKETS) {
    for (uint32_t b = 0; b < NBUCKETS; b++) remove_chain_range(b, lo, hi);
    return;
  }
  for (uptr a = lo & ~(line - 1); a < hi; a += line)
    remove_chain_range(bucket_of(a), lo, hi);
}

void tg_sync_mark_destroyed(uptr addr, tg_tid_t tid, tg_ctx_t ctx) {
  tg_sync_remove(addr);
  tg_sync_t *s = tg_sync_get(addr, TG_SYNC_MUTEX, true);
  s->destroyed = true;
  s->destroyer = tid;
  s->ctx = ctx;
  tg_sync_unlock(s);
}

void tg_acquire(tg_thread_t *t, uptr addr) {
  /* Nothing was released here yet: nothing to acquire, no object needed. */
  tg_sync_t *s = tg_sync_get(addr, TG_SYNC_ANNOTATION, false);
  if (s == NULL) return;
  tg_sync_acquire_into(&t->vc, t, s);
  tg_sync_unlock(s);
}

void tg_release(tg_thread_t *t, uptr addr) {
  tg_sync_t *s = tg_sync_get(addr, TG_SYNC_ANNOTATION, true);
  tg_vc_join(&s->clock, &t->vc);
  tg_sync_clock_changed(s, t);
  tg_sync_unlock(s);
  tg_thread_tick(t);
}

void tg_release_store(tg_thread_t *t, uptr addr) {
  tg_sync_t *s = tg_sync_get(addr, TG_SYNC_ANNOTATION, true);
  tg_vc_copy(&s->clock, &t->vc);
  s->covered = tg_tid_bit(t->tid);
  tg_sync_unlock(s);
  tg_thread_tick(t);
}

/* In the child of fork, the threads that held these locks are gone; reset
 * them.  An update they had half done stays half done: a chain link is one
 * store and a clock only grows, so the worst left behind is a stale clock.
 * Walking every object touches only the ones whose lock is set (no
 * copy-on-write of the rest). */
void tg_sync_fork_child(void) {
  for (uint32_t i = 0; i < NSTRIPES; i++)
    atomic_store_explicit(&stripes[i].l.v, 0, memory_order_relaxed);
  atomic_store_explicit(&free_lock.v, 0, memory_order_relaxed);
  for (tg_sync_t *s = free_objs; s != NULL; s = s->next)
    atomic_store_explicit(&s->lock.v, 0, memory_order_relaxed);
  if (atomic_load_explicit(&nlive, memory_order_relaxed) == 0) return;
  for (uint32_t b = 0; b < NBUCKETS; b++) {
    for (tg_sync_t *s = buckets[b]; s != NULL; s = s->next) {
      if (atomic_load_explicit(&s->lock.v, memory_order_relaxed) != 0)
        atomic_store_explicit(&s->lock.v, 0, memory_order_relaxed);
    }
  }
}
