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
 * few atomics).  Each chain is guarded by one of NSTRIPES striped spinlocks.
 *
 * Locking: a stripe lock guards its chains' links; each object's own lock
 * guards its fields.  tg_sync_get takes the stripe, then the object, then
 * drops the stripe, so the caller holds only the object (stripe > object;
 * never take a stripe while holding an object).  Because finders lock the
 * object while they still hold the stripe, a remover that has unlinked an
 * object under the stripe and then acquires its lock is the last one to
 * touch it and may free it.
 */
#include "tg.h"

#define NBUCKETS_LOG 18
#define NBUCKETS (1u << NBUCKETS_LOG) /* ~4 objects per chain at a million */
#define NSTRIPES 4096
#define LINE_SHIFT 6

typedef struct {
  tg_spin_t l;
  char pad[64 - sizeof(tg_spin_t)];
} stripe_t;

static tg_sync_t *buckets[NBUCKETS]; /* heads; read unlocked only to skip */
static stripe_t stripes[NSTRIPES];
static atomic_ulong nlive; /* objects in the table: lets free() skip it */

static inline uint32_t bucket_of(uptr addr) {
  addr &= ~TG_SYNC_HIDDEN;
  return (uint32_t)(((uint64_t)(addr >> LINE_SHIFT) * 0x9e3779b97f4a7c15ull) >>
                    (64 - NBUCKETS_LOG));
}

static inline tg_spin_t *stripe_of(uint32_t b) {
  return &stripes[b % NSTRIPES].l;
}

tg_sync_t *tg_sync_get(uptr addr, tg_sync_kind_t kind, bool create) {
  uint32_t b = bucket_of(addr);
  tg_spin_t *l = stripe_of(b);
  tg_spin_lock(l);
  tg_sync_t *s = buckets[b];
  while (s != NULL && s->addr != addr) s = s->next;
  if (s == NULL) {
    if (!create) {
      tg_spin_unlock(l);
      return NULL;
    }
    s = tg_calloc(sizeof(*s));
    TG_CHECK(s != NULL);
    s->addr = addr;
    s->kind = (uint8_t)kind;
    s->owner = TG_TID_NONE;
    s->next = buckets[b];
    __atomic_store_n(&buckets[b], s, __ATOMIC_RELAXED);
    atomic_fetch_add_explicit(&nlive, 1, memory_order_relaxed);
  }
  /* An object keeps the kind it was made with: the same address used as,
   * say, a mutex and an atomic is one object. */
  tg_spin_lock(&s->lock);
  tg_spin_unlock(l);
  return s;
}

void tg_sync_unlock(tg_sync_t *s) { tg_spin_unlock(&s->lock); }

/* Precondition: s was unlinked under its stripe lock, which is released.
 * A lock's node in the lock-order graph dies with it. */
static void destroy(tg_sync_t *s) {
  tg_spin_lock(&s->lock); /* wait out the last holder */
  tg_spin_unlock(&s->lock);
  tg_lg_forget(s->lg_node, s->lg_serial);
  tg_vc_free(&s->clock);
  tg_vc_free(&s->rclock);
  tg_vc_free(&s->gen_clock[0]);
  tg_vc_free(&s->gen_clock[1]);
  tg_free(s);
  atomic_fetch_sub_explicit(&nlive, 1, memory_order_relaxed);
}

/* Unlinks the objects of chain b whose address, hidden or not, is in
 * [lo, hi) onto *dead.  Precondition: the chain's stripe lock. */
static void unlink_range(uint32_t b, uptr lo, uptr hi, tg_sync_t **dead) {
  tg_sync_t **pp = &buckets[b], *s;
  while ((s = *pp) != NULL) {
    uptr a = s->addr & ~TG_SYNC_HIDDEN;
    if (a >= lo && a < hi) {
      __atomic_store_n(pp, s->next, __ATOMIC_RELAXED);
      s->next = *dead;
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
  tg_vc_join(&t->vc, &s->clock);
  tg_sync_unlock(s);
}

void tg_release(tg_thread_t *t, uptr addr) {
  tg_sync_t *s = tg_sync_get(addr, TG_SYNC_ANNOTATION, true);
  tg_vc_join(&s->clock, &t->vc);
  tg_sync_unlock(s);
  tg_thread_tick(t);
}

void tg_release_store(tg_thread_t *t, uptr addr) {
  tg_sync_t *s = tg_sync_get(addr, TG_SYNC_ANNOTATION, true);
  tg_vc_copy(&s->clock, &t->vc);
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
  if (atomic_load_explicit(&nlive, memory_order_relaxed) == 0) return;
  for (uint32_t b = 0; b < NBUCKETS; b++) {
    for (tg_sync_t *s = buckets[b]; s != NULL; s = s->next) {
      if (atomic_load_explicit(&s->lock.v, memory_order_relaxed) != 0)
        atomic_store_explicit(&s->lock.v, 0, memory_order_relaxed);
    }
  }
}
