/* thread.c — the thread registry and each thread's runtime state.
 *
 * Every thread the runtime sees gets a tid (a slot of the vector clocks)
 * and a number (T<n> in reports: creation order, never reused), and a
 * tg_thread_t that lives until the process ends, so reports can name a
 * thread, its OS tid and where it was created long after it exited.  tid 0
 * and number 0 are the main thread's; threads the runtime did not see start
 * (a raw clone, or one already running before init) are adopted on their
 * first hook with no parent and no happens-before from anyone.
 *
 * Clocks (FastTrack): a new thread's vector clock is a copy of its
 * creator's with its own entry set, and the creator ticks, so what the
 * creator did before pthread_create happens-before the child and what it
 * does after does not.  t->epoch caches tid@vc[tid] in the shadow encoding
 * and is recomputed by every tick.
 *
 * Tid reuse.  Clocks are as long as the highest tid they heard of, so tids
 * are handed out again: when a joined thread is reaped, its tid goes to
 * free_tids with the last clock it reached.  A new thread takes such a tid
 * only if its creator's clock covers that last epoch (the creator joined
 * the old holder, or acquired from its joiner): then everything the old
 * holder did happens before the new thread, and the new holder continues
 * the tid's clock from there (clock0 = last + 1), never restarting it.  So
 * shadow records, read sets, sync clocks and lock-order instances that
 * carry the tid stay right as they are: an epoch below clock0 is an
 * earlier holder's and is ordered before everything the new holder does,
 * one at or above it is the new holder's.  Reports find the thread that
 * made an epoch by walking prev_holder (tg_thread_at).  Not reused: the
 * tid of a thread that still holds locks (its deadlock state names it as
 * their holder), of a detached or never-joined thread (only a join
 * publishes a thread's last epoch), and of an adopted one.  When all
 * TG_MAX_THREADS tids are taken, later threads share the last one: race
 * and deadlock detection, which need one tid per thread, are switched off
 * with one line, and the program carries on.
 *
 * The shadow call stack (pcs/ctxs) is reserved with tg_mmap_reserve and
 * committed by the kernel as it is touched; its pages past the first
 * KEEP_FRAMES entries are handed back when the thread finishes (only if it
 * went that deep: a system call per thread is most of what a short thread
 * costs here), and the reservation goes to stack_pool for a later
 * thread when it is reaped (joined), or for a detached thread once its OS
 * thread is gone (tg_thread_drop, checked lazily at thread creation).
 * tg_thread_ctx interns it lazily: ctxs[i] caches the context of frames
 * 0..i, and func_exit lowers ctx_valid so a cached prefix is never stale.
 *
 * Locking: registry_lock serializes handing out tids and numbers and
 * guards free_tids, stack_pool and the zombie list (the only lock here; a
 * leaf apart from the allocator).  threads[] and by_num entries are
 * published with release stores and read without the lock; a tid handed
 * out but not yet published reads as its previous holder (or NULL).  A
 * thread's own fields (vc, epoch, shadow stack, in_rt) are touched only by
 * that thread, except right after it has exited (join reads exit_vc, then
 * reaps it) and in the child of fork.
 */
#include "tg.h"
#include "shadow.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

TG_TLS tg_thread_t *tg_cur;

static tg_thread_t *_Atomic threads[TG_MAX_THREADS]; /* latest holder per tid */
static atomic_uint nthreads = 1; /* tid 0 is reserved for the main thread */
static bool main_claimed;        /* protected by registry_lock */
static uptr *stack_pool; /* reaped shadow stacks, linked through word 0 */
static tg_spin_t registry_lock;

/* Tids free for reuse, with the last clock their holder reached; a stack,
 * so the tids a thread just joined are found first. */
typedef struct {
  tg_tid_t tid;
  tg_clock_t last;
} free_tid_t;
static free_tid_t free_tids[TG_MAX_THREADS];
static uint32_t nfree_tids;
/* Free tids looked at per creation: the creator rarely covers those it did
 * not join, and a long miss must not make creation linear. */
#define REUSE_SCAN 64
/* All tids taken: later threads share this one, and detection is off. */
#define OVERFLOW_TID ((tg_tid_t)(TG_MAX_THREADS - 1))
static bool out_of_tids; /* protected by registry_lock */

/* Number -> thread: a directory of lazily allocated pages of pointers. */
#define NUM_PAGE_LOG 12
#define NUM_PAGE (1u << NUM_PAGE_LOG)
static tg_thread_t *_Atomic *_Atomic by_num[1u << (32 - NUM_PAGE_LOG)];
static atomic_uint nnums; /* the last number handed out; written under the lock */

/* Detached finished threads whose OS thread may still be running. */
static tg_thread_t *_Atomic zombies;
/* Zombies looked at per creation: a kernel tid reused by a live thread
 * keeps its zombie waiting. */
#define ZOMBIE_SCAN 16

/* Both halves of the shadow call stack in one reservation. */
#define SHADOW_STACK_BYTES \
  ((size_t)TG_SHADOW_STACK_MAX * (sizeof(uptr) + sizeof(tg_ctx_t)))
/* Entries whose pages a finished thread keeps for the next holder of its
 * reservation; whole pages of both halves. */
#define KEEP_FRAMES 1024
_Static_assert((KEEP_FRAMES * sizeof(tg_ctx_t)) % 4096 == 0 &&
                   KEEP_FRAMES < TG_SHADOW_STACK_MAX,
               "KEEP_FRAMES: whole pages of both halves");

/* Hands back the pages of the shadow stack at pcs past KEEP_FRAMES, if the
 * thread used them.  Entries are pushed from the bottom up and are never 0
 * (return addresses), and ctxs[i] is written only below the depth: a
 * thread that wrote past KEEP_FRAMES wrote pcs[KEEP_FRAMES - 1] too, which
 * is cleared whenever the pages past it are handed back. */
static void release_stack_pages(uptr *pcs) {
  if (pcs[KEEP_FRAMES - 1] == 0) return;
  tg_ctx_t *ctxs = (tg_ctx_t *)(pcs + TG_SHADOW_STACK_MAX);
  size_t rest = TG_SHADOW_STACK_MAX - KEEP_FRAMES;
  tg_release_pages(pcs + KEEP_FRAMES, rest * sizeof(uptr));
  tg_release_pages(ctxs + KEEP_FRAMES, rest * sizeof(tg_ctx_t));
  pcs[KEEP_FRAMES - 1] = 0;
}

/* Precondition: registry_lock held. */
static void publish_num(tg_thread_t *t) {
  uint32_t page = t->num >> NUM_PAGE_LOG;
  tg_thread_t *_Atomic *p = atomic_load_explicit(&by_num[page], memory_order_relaxed);
  if (p == NULL) {
    p = tg_calloc(sizeof(*p) * NUM_PAGE);
    TG_CHECK(p != NULL);
    atomic_store_explicit(&by_num[page], p, memory_order_release);
  }
  atomic_store_explicit(&p[t->num & (NUM_PAGE - 1)], t, memory_order_release);
}

tg_thread_t *tg_thread_by_num(tg_tnum_t num) {
  if (num == TG_TNUM_NONE) return NULL;
  tg_thread_t *_Atomic *p =
      atomic_load_explicit(&by_num[num >> NUM_PAGE_LOG], memory_order_acquire);
  return p ? atomic_load_explicit(&p[num & (NUM_PAGE - 1)], memory_order_acquire) : NULL;
}

/* A free tid whose last epoch parent's clock covers, taken off the list;
 * its last clock in *last.  Precondition: registry_lock held. */
static bool take_free_tid(const tg_thread_t *parent, tg_tid_t *tid, tg_clock_t *last) {
  uint32_t stop = nfree_tids > REUSE_SCAN ? nfree_tids - REUSE_SCAN : 0;
  for (uint32_t i = nfree_tids; i-- > stop;) {
    free_tid_t f = free_tids[i];
    if (tg_vc_get(&parent->vc, f.tid) < f.last) continue;
    free_tids[i] = free_tids[--nfree_tids];
    *tid = f.tid;
    *last = f.last;
    return true;
  }
  return false;
}

/* Every tid is taken.  Precondition: registry_lock held; called once. */
static void tids_ran_out(void) {
  out_of_tids = true;
  tg_race_on = 0;
  tg_dl_on = 0;
  tg_printf("tangle: more than %u threads alive or never joined; race and "
            "deadlock detection are off from here on (a fixed limit, no option "
            "raises it: thread ids are 16 bits in shadow memory; join threads, "
            "so that their ids can be reused)\n", TG_MAX_THREADS);
}

/* A fresh thread state registered under a tid (a reused one if parent
 * covers a free one) with the next number; the main thread gets tid 0. */
static tg_thread_t *register_thread(tg_thread_t *parent, tg_ctx_t create_ctx,
                                    bool is_main) {
  tg_thread_t *t = tg_calloc(sizeof(*t));
  TG_CHECK(t != NULL);
  t->parent = parent ? parent->num : TG_TNUM_NONE;
  t->create_ctx = create_ctx;
  atomic_store_explicit(&t->state, TG_THR_CREATED, memory_order_relaxed);
  if (parent) tg_vc_copy(&t->vc, &parent->vc);

  tg_spin_lock(&registry_lock);
  tg_tid_t tid;
  tg_clock_t last = 0;
  if (is_main && !main_claimed) {
    main_claimed = true;
    tid = 0;
    t->num = 0;
  } else {
    if (parent == NULL || !take_free_tid(parent, &tid, &last)) {
      uint32_t next = atomic_load_explicit(&nthreads, memory_order_relaxed);
      if (TG_LIKELY(next < TG_MAX_THREADS)) {
        tid = (tg_tid_t)next;
        atomic_store_explicit(&nthreads, next + 1, memory_order_relaxed);
      } else {
        if (!out_of_tids) tids_ran_out();
        tid = OVERFLOW_TID;
        last = tg_vc_get(&t->vc, tid);
      }
    }
    t->num = atomic_load_explicit(&nnums, memory_order_relaxed) + 1;
    atomic_store_explicit(&nnums, t->num, memory_order_relaxed);
  }
  tg_clock_t known = tg_vc_get(&t->vc, tid);
  t->tid = tid;
  t->clock0 = (known > last ? known : last) + 1;
  tg_vc_set(&t->vc, tid, t->clock0);
  t->epoch = tg_shadow_epoch(tid, t->clock0);
  t->prev_holder = atomic_load_explicit(&threads[tid], memory_order_relaxed);
  publish_num(t);
  atomic_store_explicit(&threads[tid], t, memory_order_release);
  tg_spin_unlock(&registry_lock);
  return t;
}

/* True when the OS thread os_tid of this process has exited (the kernel
 * tid may have gone to a new thread: then it looks alive, which only
 * delays).  Keeps the program's errno. */
static bool os_thread_gone(int os_tid) {
  int saved = errno;
  bool gone = syscall(SYS_tgkill, tg_getpid(), os_tid, 0) != 0 && errno == ESRCH;
  errno = saved;
  return gone;
}

/* Frees what only a running thread needs.  Precondition: t's OS thread has
 * exited, so nothing runs on its state.  Clocks are the bulk of a dead
 * thread's memory: each is as long as the highest tid it heard of. */
static void release_state(tg_thread_t *t) {
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

/* Releases the state of the first ZOMBIE_SCAN zombies whose OS thread is
 * gone; the others wait for a later creation. */
static void sweep_zombies(void) {
  if (atomic_load_explicit(&zombies, memory_order_relaxed) == NULL) return;
  tg_spin_lock(&registry_lock);
  tg_thread_t *list = atomic_exchange_explicit(&zombies, NULL, memory_order_relaxed);
  tg_spin_unlock(&registry_lock);
  tg_thread_t *keep = NULL, **tail = &keep;
  for (int i = 0; list != NULL && i < ZOMBIE_SCAN; i++) {
    tg_thread_t *z = list;
    list = z->zombie_next;
    if (os_thread_gone(z->os_tid)) {
      release_state(z);
    } else {
      *tail = z;
      tail = &z->zombie_next;
    }
  }
  *tail = list; /* the ones not looked at */
  if (keep == NULL) return;
  tg_spin_lock(&registry_lock);
  while (*tail != NULL) tail = &(*tail)->zombie_next;
  *tail = atomic_load_explicit(&zombies, memory_order_relaxed);
  atomic_store_explicit(&zombies, keep, memory_order_relaxed);
  tg_spin_unlock(&registry_lock);
}

tg_thread_t *tg_thread_new(tg_thread_t *parent, tg_ctx_t create_ctx) {
  sweep_zombies();
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

/* Holders of a tid have increasing clock0s: the first one, walking back
 * from the latest, whose clock0 is at or below clock made it. */
tg_thread_t *tg_thread_at(tg_tid_t tid, tg_clock_t clock) {
  tg_thread_t *t = tg_thread_get(tid);
  if (clock == 0) return t;
  while (t != NULL && clock < t->clock0 && t->prev_holder != NULL) t = t->prev_holder;
  return t;
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
    release_stack_pages(t->pcs);
  }
  atomic_store_explicit(&t->state, TG_THR_FINISHED, memory_order_release);
}

/* Precondition: t's OS thread has exited and the caller joined it (or it
 * never ran).  Its tid is free for a creator that covers its last epoch,
 * unless t still holds locks (its deadlock state keeps naming it), or it is
 * the tid threads share once tids ran out. */
void tg_thread_reap(tg_thread_t *t) {
  if (atomic_exchange(&t->retired, 1)) return;
  /* A thread that never ran made no epoch at clock0. */
  tg_clock_t last = t->os_tid != 0 ? tg_vc_get(&t->vc, t->tid) : t->clock0 - 1;
  release_state(t);
  if (atomic_load_explicit(&t->dl, memory_order_relaxed) != NULL) return;
  tg_spin_lock(&registry_lock);
  if (!(out_of_tids && t->tid == OVERFLOW_TID))
    free_tids[nfree_tids++] = (free_tid_t){t->tid, last};
  tg_spin_unlock(&registry_lock);
}

void tg_thread_drop(tg_thread_t *t) {
  if (atomic_exchange(&t->retired, 1)) return;
  tg_spin_lock(&registry_lock);
  t->zombie_next = atomic_load_explicit(&zombies, memory_order_relaxed);
  atomic_store_explicit(&zombies, t, memory_order_relaxed);
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
 * been handed to a new thread, which is then the one that owns addr.  By
 * number, so earlier holders of reused tids are looked at too. */
tg_thread_t *tg_thread_by_stack(uptr addr) {
  tg_thread_t *finished = NULL;
  for (uint32_t i = atomic_load_explicit(&nnums, memory_order_acquire) + 1; i-- > 0;) {
    tg_thread_t *t = tg_thread_by_num(i);
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
