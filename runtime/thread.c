/* thread.c — the thread registry and each thread's runtime state.
 *
 * Every thread the runtime sees gets a dense tid (never reused) and a
 * tg_thread_t that lives until the process ends, so reports can name a
 * thread, its OS tid and where it was created long after it exited.  tid 0
 * is reserved for the main thread; threads the runtime did not see start
 * (a raw clone, or one already running before init) are adopted on their
 * first hook with no parent and no happens-before from anyone.
 *
 * Clocks (FastTrack): a new thread's vector clock is a copy of its
 * creator's with its own entry set to 1, and the creator ticks, so what the
 * creator did before pthread_create happens-before the child and what it
 * does after does not.  t->epoch caches tid@vc[tid] in the shadow encoding
 * and is recomputed by every tick.
 *
 * The shadow call stack (pcs/ctxs) is reserved with tg_mmap_reserve and
 * committed by the kernel as it is touched; its pages are handed back when
 * the thread finishes, and the reservation goes to stack_pool for a later
 * thread when it is reaped (joined).  tg_thread_ctx interns it lazily:
 * ctxs[i] caches the context of frames 0..i, and func_exit lowers ctx_valid
 * so a cached prefix is never stale.
 *
 * Locking: registry_lock serializes handing out tids and guards stack_pool
 * (the only lock here; a leaf apart from the allocator).  threads[] entries are
 * published with release stores and read without the lock; a tid handed out
 * but not yet published reads as NULL.  A thread's own fields (vc, epoch,
 * shadow stack, in_rt) are touched only by that thread, except right after
 * it has exited (join reads exit_vc, then reaps it) and in the child of
 * fork.
 */
#include "tg.h"
#include "shadow.h"

#include <pthread.h>
#include <signal.h>

TG_TLS tg_thread_t *tg_cur;

static tg_thread_t *_Atomic threads[TG_MAX_THREADS];
static atomic_uint nthreads = 1; /* tid 0 is reserved for the main thread */
static bool main_claimed;        /* protected by registry_lock */
static uptr *stack_pool; /* reaped shadow stacks, linked through word 0 */
static tg_spin_t registry_lock;

/* Both halves of the shadow call stack in one reservation. */
#define SHADOW_STACK_BYTES \
  ((size_t)TG_SHADOW_STACK_MAX * (sizeof(uptr) + sizeof(tg_ctx_t)))

/* A fresh thread state with its own clock at 1 (and the creator's clock, if
 * any), registered under a new tid; the main thread gets tid 0. */
static tg_thread_t *register_thread(tg_thread_t *parent, tg_ctx_t create_ctx,
                                    bool is_main) {
  tg_thread_t *t = tg_calloc(sizeof(*t));
  TG_CHECK(t != NULL);
  t->parent = parent ? parent->tid : TG_TID_NONE;
  t->create_ctx = create_ctx;
  atomic_store_explicit(&t->state, TG_THR_CREATED, memory_order_relaxed);
  if (parent) tg_vc_copy(&t->vc, &parent->vc);

  tg_spin_lock(&registry_lock);
  uint32_t tid;
  if (is_main && !main_claimed) {
    main_claimed = true;
    tid = 0;
  } else {
    tid = atomic_load_explicit(&nthreads, memory_order_relaxed);
    if (TG_UNLIKELY(tid >= TG_MAX_THREADS)) {
      tg_spin_unlock(&registry_lock);
      tg_die("too many threads: a run can create at most %u (TG_MAX_THREADS)",
             TG_MAX_THREADS);
    }
    atomic_store_explicit(&nthreads, tid + 1, memory_order_relaxed);
  }
  tg_spin_unlock(&registry_lock);

  t->tid = (tg_tid_t)tid;
  tg_vc_set(&t->vc, t->tid, 1);
  t->epoch = tg_shadow_epoch(t->tid, 1);
  atomic_store_explicit(&threads[tid], t, memory_order_release);
  return t;
}

tg_thread_t *tg_thread_new(tg_thread_t *parent, tg_ctx_t create_ctx) {
  tg_thread_t *t = register_thread(parent, create_ctx, false);
  if (parent) tg_thread_tick(parent);
  return t;
}

/* NOTE: a signal handler running hooks on this thread would find tg_cur
 * still NULL and come back here, then spin forever on registry_lock if the
 * interrupted call held it; signals stay blocked until tg_cur is set. */
tg_thread_t *tg_thread_self_slow(void) {
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  tg_thread_t *t = tg_cur;
  if (t == NULL) {
    t = register_thread(NULL, 0, tg_gettid() == tg_getpid());
    tg_thread_start(t);
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return t;
}

tg_thread_t *tg_thread_get(tg_tid_t tid) {
  if (tid >= TG_MAX_THREADS) return NULL;
  return atomic_load_explicit(&threads[tid], memory_order_acquire);
}

uint32_t tg_thread_count(void) {
  return atomic_load_explicit(&nthreads, memory_order_acquire);
}

void tg_thread_start(tg_thread_t *t) {
  /* tg_cur first: pthread_getattr_np below mallocs, and the malloc
   * interceptor must find this thread (busy in the runtime), not adopt a
   * second one. */
  tg_cur = t;
  t->in_rt++;
  t->os_tid = tg_gettid();
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void *lo;
    size_t size;
    if (pthread_attr_getstack(&attr, &lo, &size) == 0) {
      t->stk_lo = (uptr)lo;
      t->stk_hi = (uptr)lo + size;
    }
    pthread_attr_destroy(&attr);
  }
  tg_spin_lock(&registry_lock);
  uptr *mem = stack_pool;
  if (mem != NULL) stack_pool = (uptr *)mem[0];
  tg_spin_unlock(&registry_lock);
  if (mem == NULL) mem = tg_mmap_reserve(SHADOW_STACK_BYTES);
  t->pcs = mem;
  t->ctxs = (tg_ctx_t *)(mem + TG_SHADOW_STACK_MAX);
  t->depth = t->ctx_valid = 0;
  /* The stack (and the TLS glibc keeps at its top) may be a dead thread's,
   * reused: what that thread did there is no business of this one.  Before
   * init only the main thread exists, and nothing is recorded yet. */
  if (atomic_load_explicit(&tg_inited, memory_order_acquire) && t->stk_hi > t->stk_lo)
    tg_shadow_reset(t->stk_lo, t->stk_hi - t->stk_lo);
  atomic_store_explicit(&t->state, TG_THR_RUNNING, memory_order_release);
  t->in_rt--;
}

/* Precondition: the calling thread is t (or t never ran: pthread_create
 * failed), and every frame the shadow stack holds is gone. */
void tg_thread_finish(tg_thread_t *t) {
  tg_vc_copy(&t->exit_vc, &t->vc);
  tg_ls_thread_finish(t);
  if (t->pcs != NULL) {
    t->depth = t->ctx_valid = 0;
    tg_release_pages(t->pcs, SHADOW_STACK_BYTES);
  }
  atomic_store_explicit(&t->state, TG_THR_FINISHED, memory_order_release);
}

/* Precondition: t's OS thread has exited, so nothing runs on its state.
 * Clocks are the bulk of a dead thread's memory: each is as long as the
 * number of threads it heard of. */
void tg_thread_reap(tg_thread_t *t) {
  tg_vc_free(&t->vc);
  tg_vc_free(&t->exit_vc);
  tg_vc_free(&t->fence_rel);
  tg_vc_free(&t->fence_acq);
  uptr *mem = t->pcs;
  if (mem == NULL) return;
  t->pcs = NULL;
  t->ctxs = NULL;
  tg_spin_lock(&registry_lock);
  mem[0] = (uptr)stack_pool;
  stack_pool = mem;
  tg_spin_unlock(&registry_lock);
}

/* Every release ticks: no calls but for the clock running out of room in
 * the shadow encoding (tg_shadow_epoch then turns race detection off).  A
 * running thread's clock always has its own entry. */
void tg_thread_tick(tg_thread_t *t) {
  TG_DCHECK(t->tid < t->vc.n);
  tg_clock_t c = ++t->vc.c[t->tid];
  t->epoch = TG_LIKELY(c <= TG_SH_CLOCK_MAX) ? tg_sh_epoch(t->tid, c)
                                             : tg_shadow_epoch(t->tid, c);
}

/* Running threads first, newest first: a finished thread's stack may have
 * been handed to a new thread, which is then the one that owns addr. */
tg_thread_t *tg_thread_by_stack(uptr addr) {
  tg_thread_t *finished = NULL;
  for (uint32_t i = tg_thread_count(); i-- > 0;) {
    tg_thread_t *t = tg_thread_get((tg_tid_t)i);
    if (t == NULL) continue;
    int state = atomic_load_explicit(&t->state, memory_order_acquire);
    if (state == TG_THR_CREATED || addr < t->stk_lo || addr >= t->stk_hi) continue;
    if (state == TG_THR_RUNNING) return t;
    if (finished == NULL) finished = t;
  }
  return finished;
}

/* Precondition: t is the calling thread (its shadow stack is its own).
 * Frames pushed beyond TG_SHADOW_STACK_MAX were never stored: the context
 * keeps the outermost ones plus pc. */
tg_ctx_t tg_thread_ctx(tg_thread_t *t, uptr pc) {
  uint32_t depth = t->depth < TG_SHADOW_STACK_MAX ? t->depth : TG_SHADOW_STACK_MAX;
  uint32_t i = t->ctx_valid;
  tg_ctx_t ctx = i > 0 ? t->ctxs[i - 1] : 0;
  for (; i < depth; i++) {
    ctx = tg_ctx_intern(ctx, t->pcs[i]);
    t->ctxs[i] = ctx;
  }
  t->ctx_valid = depth;
  return tg_ctx_intern(ctx, pc);
}

/* The other threads did not make it into the child; their locks and their
 * half-done updates did.  The registry lock is reset, not released: its
 * holder is gone.  Everything they did is in the memory the child starts
 * with, so it happens-before the child: the child acquires each one's own
 * clock as it stood at the fork.  Precondition: tg_cur is the thread that
 * called fork. */
void tg_thread_fork_child(void) {
  atomic_store_explicit(&registry_lock.v, 0, memory_order_relaxed);
  tg_thread_t *self = tg_cur;
  self->os_tid = tg_gettid();
  for (uint32_t i = 0; i < tg_thread_count(); i++) {
    tg_thread_t *t = tg_thread_get((tg_tid_t)i);
    if (t == NULL || t == self) continue;
    atomic_store_explicit(&t->state, TG_THR_FINISHED, memory_order_relaxed);
    tg_clock_t c = tg_vc_get(&t->vc, t->tid);
    if (c > tg_vc_get(&self->vc, t->tid)) tg_vc_set(&self->vc, t->tid, c);
  }
}
