/* atomic.c — C11 atomics and fences.
 *
 * The pass brackets each atomic instruction with atomic_begin/atomic_end and
 * leaves the instruction itself alone, so every size and every kind of
 * read-modify-write works unchanged.  atomic_begin takes a lock striped by
 * address and atomic_end drops it, so the instruction and its clock update
 * are one step as seen by every other instrumented atomic on that address:
 * a load that reads a release store's value also sees its clock.
 *
 * The model (C11 §5.1.2.4 and §7.17.4), with one sync object per atomic
 * address whose clock is what a reader may acquire:
 *   - release store:        clock = thread's clock (starts a release sequence)
 *   - release RMW:          clock |= thread's clock (RMWs continue sequences)
 *   - relaxed RMW:          clock |= clock at the thread's last release fence
 *   - relaxed store:        clock = clock at the last release fence, or empty
 *                           (a plain store by another thread ends a sequence)
 *   - acquire load/RMW:     thread's clock |= clock
 *   - relaxed load:         remembered; the next acquire fence takes it
 *   - seq_cst:              acquire + release, and fences also order through
 *                           one global clock (the single total order S)
 *   - failed cmpxchg:       a load with the failure order
 * Two atomic accesses never race; an atomic and a plain access can (the
 * shadow records the atomic flag, see access.c).
 *
 * Locks: astripes[] are held across the instruction and around the sync
 * object's lock, never while reporting.
 */
#include "tg.h"

#define ATOMIC_STRIPES 1024

typedef struct {
  tg_spin_t l;
  char pad[64 - sizeof(tg_spin_t)];
} astripe_t;
static astripe_t astripes[ATOMIC_STRIPES];

static tg_spin_t sc_lock;
static tg_vc_t sc_clock; /* protected by sc_lock */

static inline tg_spin_t *astripe_of(uptr addr) {
  return &astripes[((addr >> 3) ^ (addr >> 15)) % ATOMIC_STRIPES].l;
}

void tg_atomic_fork_child(void) {
  for (unsigned i = 0; i < ATOMIC_STRIPES; i++)
    atomic_store_explicit(&astripes[i].l.v, 0, memory_order_relaxed);
  atomic_store_explicit(&sc_lock.v, 0, memory_order_relaxed);
}

static inline bool is_acquire(int mo) {
  return mo == TG_MO_ACQUIRE || mo == TG_MO_CONSUME || mo == TG_MO_ACQ_REL ||
         mo == TG_MO_SEQ_CST;
}
static inline bool is_release(int mo) {
  return mo == TG_MO_RELEASE || mo == TG_MO_ACQ_REL || mo == TG_MO_SEQ_CST;
}

void __tangle_atomic_begin(void *addr, uint32_t size, uint32_t opord) {
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
  t->atomic_lock = astripe_of((uptr)addr);
  tg_spin_lock(t->atomic_lock);
}

/* Precondition: the address's atomic stripe lock is held. */
static void atomic_hb(tg_thread_t *t, uptr addr, int op, int mo) {
  bool reads = op != TG_AOP_STORE;
  bool writes = op != TG_AOP_LOAD;

  if (reads) {
    tg_sync_t *s = tg_sync_get(addr, TG_SYNC_ATOMIC, false);
    if (s != NULL) {
      if (is_acquire(mo))
        tg_vc_join(&t->vc, &s->clock);
      else
        tg_vc_join(&t->fence_acq, &s->clock);
      tg_sync_unlock(s);
    }
  }
  if (writes) {
    if (is_release(mo)) {
      tg_sync_t *s = tg_sync_get(addr, TG_SYNC_ATOMIC, true);
      if (op == TG_AOP_STORE)
        tg_vc_copy(&s->clock, &t->vc);
      else
        tg_vc_join(&s->clock, &t->vc);
      tg_sync_unlock(s);
      tg_thread_tick(t);
    } else if (op == TG_AOP_STORE) {
      tg_sync_t *s = tg_sync_get(addr, TG_SYNC_ATOMIC, t->has_fence_rel);
      if (s != NULL) {
        if (t->has_fence_rel) {
          tg_vc_copy(&s->clock, &t->fence_rel);
        } else {
          tg_vc_t empty = {0, 0, NULL};
          tg_vc_copy(&s->clock, &empty);
        }
        tg_sync_unlock(s);
      }
    } else if (t->has_fence_rel) {
      tg_sync_t *s = tg_sync_get(addr, TG_SYNC_ATOMIC, true);
      tg_vc_join(&s->clock, &t->fence_rel);
      tg_sync_unlock(s);
    }
  }
}

void __tangle_atomic_end(void *addr, uint32_t size, uint32_t opord, uint32_t ok) {
  tg_thread_t *t = tg_cur;
  if (TG_UNLIKELY(t == NULL)) return;
  if (TG_UNLIKELY(t->atomic_skip > 0)) {
    t->atomic_skip--;
    return;
  }
  if (TG_UNLIKELY(t->atomic_lock == NULL)) return; /* begin ran before init */
  int op = TG_OPORD_OP(opord);
  int mo = ok ? TG_OPORD_MO(opord) : TG_OPORD_FAIL_MO(opord);
  if (op == TG_AOP_CMPXCHG && !ok) op = TG_AOP_LOAD;
  atomic_hb(t, (uptr)addr, op, mo);
  tg_spin_unlock(t->atomic_lock);
  t->atomic_lock = NULL;
  tg_access_range(t, (uptr)addr, size, op != TG_AOP_LOAD, true,
                  (uptr)__builtin_return_address(0));
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
  if (mo == TG_MO_SEQ_CST) {
    tg_spin_lock(&sc_lock);
    tg_vc_join(&t->vc, &sc_clock);
    tg_vc_join(&sc_clock, &t->vc);
    tg_spin_unlock(&sc_lock);
  }
  if (is_acquire((int)mo)) tg_vc_join(&t->vc, &t->fence_acq);
  if (is_release((int)mo)) {
    tg_vc_copy(&t->fence_rel, &t->vc);
    t->has_fence_rel = true;
    tg_thread_tick(t);
  }
  t->in_rt--;
}
