/* interceptors.c — pthread, semaphore and fork interceptors.  The lock
 * helpers they share with custom locks (annotate.c) are in lockset.c.
 *
 * The runtime is linked into the executable, which exports these names
 * (tangle.dyn), so the program and every shared library call them instead
 * of libc's; each one calls the real function found with dlsym(RTLD_NEXT)
 * (resolved on first use, which works before init) and adds the
 * happens-before edge of DESIGN §4 around it:
 *   - acquire after the real lock/wait returns success, release before the
 *     real unlock/post, so no other thread can get in between;
 *   - mutex, spinlock, rwlock write-unlock release into the object's clock;
 *     rwlock read-unlock into its rclock, which only write-locks acquire;
 *   - condvar wait = unlock + lock of its mutex; signal/broadcast add
 *     nothing (the edge goes through the mutex, as in ThreadSanitizer);
 *   - semaphore post releases, a successful wait acquires;
 *   - barrier: every arrival of a generation releases into that
 *     generation's clock and every departure acquires it; two clocks by
 *     parity, so a fast thread already arriving at the next generation is
 *     not acquired early by a slow one still leaving this one;
 *   - pthread_once: the init routine's completion releases, every return
 *     acquires;
 *   - pthread_create: the child starts with the parent's clock; the
 *     child's exit (its clock after its last pthread key destructor) is
 *     acquired by join.
 * With deadlock detection on (tg_dl_on), the lock interceptors also keep
 * the thread's held-lock set (lockset.c: after a successful lock, before
 * the real unlock; a blocking lock makes lock-order edges, a try or timed
 * one does not), every call that may block for ever registers its wait
 * around the real call (waitfor.c; a lock only once a trylock has failed),
 * a call that can never return is reported at once (a relock of a normal
 * mutex or a spinlock the thread holds, a write lock of an rwlock it reads,
 * a self-join), and the mutex calls check for misuse.
 * Every interceptor does only the program's operation when the runtime is
 * not started or the thread is already inside it (in_rt: a signal handler,
 * or libc called by the runtime), and sets in_rt around its own work.
 *
 * Locks: pmap_lock and exit_key_lock are leaves; the sync objects' locks
 * are taken one at a time and never held across a real call.
 */
#include "tg.h"
#include "intercept.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <unistd.h>


/* ---- process-shared objects ---------------------------------------- */

/* A wait on a process-shared object may be ended by another process, which
 * the watchdog cannot see: it is not registered.  glibc's own fields say
 * which objects are (static initializers are private). */
static bool mutex_pshared(pthread_mutex_t *m) {
  return (m->__data.__kind & 128) != 0; /* PTHREAD_MUTEX_PSHARED_BIT */
}
static bool cond_pshared(pthread_cond_t *c) { return (c->__data.__wrefs & 1) != 0; }

/* glibc's struct new_sem and struct pthread_barrier (x86-64): `shared` is
 * 0 for a process-private object. */
typedef struct {
  uint64_t data;
  int shared, pad;
} glibc_sem_t;
typedef struct {
  unsigned in, current_round, count;
  int shared;
  unsigned out;
} glibc_barrier_t;
_Static_assert(sizeof(glibc_sem_t) <= sizeof(sem_t), "glibc's sem_t layout");
_Static_assert(sizeof(glibc_barrier_t) <= sizeof(pthread_barrier_t),
               "glibc's pthread_barrier_t layout");

static bool sem_pshared(sem_t *s) { return ((glibc_sem_t *)s)->shared != 0; }
static bool barrier_pshared(pthread_barrier_t *b) {
  return ((glibc_barrier_t *)b)->shared != 0;
}

/* ---- sync-object helpers -------------------------------------------- */

/* The object at addr, locked; made on first use, remembering where. */
static tg_sync_t *sync_at(tg_thread_t *t, const volatile void *addr,
                          tg_sync_kind_t kind, uptr pc) {
  tg_sync_t *s = tg_sync_get((uptr)addr, kind, true);
  if (TG_UNLIKELY(s->ctx == 0)) s->ctx = tg_thread_ctx(t, pc);
  return s;
}

/* A fresh object for an init call: what the address did before is gone. */
static tg_sync_t *sync_init(tg_thread_t *t, const void *addr, tg_sync_kind_t kind,
                            uptr pc) {
  tg_sync_remove((uptr)addr);
  return sync_at(t, addr, kind, pc);
}

static void sync_forget(tg_thread_t *t, const volatile void *addr) {
  t->in_rt++;
  tg_sync_remove((uptr)addr);
  t->in_rt--;
}

/* t's entry for the lock at addr, if it holds it: most locks are taken
 * with nothing held. */
static inline tg_held_t *held_entry(tg_thread_t *t, const volatile void *addr) {
  tg_dl_state_t *d = atomic_load_explicit(&t->dl, memory_order_relaxed);
  return d != NULL && d->nheld != 0 ? tg_ls_find(t, (uptr)addr) : NULL;
}

/* A release that is not an unlock (sem_post): what the thread did before
 * it is ordered before whoever acquires it, lock-order edges included. */
static void release_on(tg_thread_t *t, const volatile void *addr,
                       tg_sync_kind_t kind, uptr pc) {
  t->in_rt++;
  tg_ls_refresh_edges(t);
  tg_sync_t *s = sync_at(t, addr, kind, pc);
  tg_vc_join(&s->clock, &t->vc);
  tg_sync_clock_changed(s, t);
  tg_sync_unlock(s);
  tg_thread_tick(t);
  t->in_rt--;
}

static void acquire_on(tg_thread_t *t, const volatile void *addr) {
  t->in_rt++;
  tg_acquire(t, (uptr)addr);
  t->in_rt--;
}

/* ---- mutexes -------------------------------------------------------- */

REAL_SLOT(pthread_mutex_init);
REAL_SLOT(pthread_mutex_destroy);
REAL_SLOT(pthread_mutex_unlock);

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr) {
  tg_thread_t *t = enter();
  int rc = REAL(pthread_mutex_init)(m, attr);
  if (t != NULL && rc == 0) {
    int type = PTHREAD_MUTEX_DEFAULT;
    if (attr != NULL) pthread_mutexattr_gettype(attr, &type);
    t->in_rt++;
    tg_sync_t *s = sync_init(t, m, TG_SYNC_MUTEX, CALLER_PC);
    s->mutex_type = (uint8_t)type;
    tg_sync_unlock(s);
    t->in_rt--;
  }
  return rc;
}

int pthread_mutex_destroy(pthread_mutex_t *m) {
  tg_thread_t *t = enter();
  uptr pc = CALLER_PC;
  if (t != NULL && tg_dl_on) tg_ls_check_destroy(t, m, pc, (uptr)&pthread_mutex_destroy);
  int rc = REAL(pthread_mutex_destroy)(m);
  if (t != NULL && rc == 0) {
    if (tg_dl_on) {
      t->in_rt++;
      tg_sync_mark_destroyed((uptr)m, t->tid,
                             tg_ctx_intern(tg_thread_ctx(t, pc),
                                           (uptr)&pthread_mutex_destroy + 1));
      t->in_rt--;
    } else {
      sync_forget(t, m);
    }
  }
  return rc;
}

/* A lock that returns by itself (try, timed) acquires obj (as a writer or a
 * reader) after the real call, when `ok` holds for its result rc; it makes
 * no lock-order edge (it cannot wait for ever) and registers no wait.
 * `check` runs first (a lock of a destroyed mutex). */
#define LOCK_INTERCEPTOR(name, obj, kind, write, ok, check, params, args)  \
  REAL_SLOT(name);                                                        \
  int name params {                                                       \
    tg_thread_t *t = enter();                                             \
    if (t != NULL) check;                                                 \
    int rc = REAL(name) args;                                             \
    if (t != NULL && (ok))                                                \
      tg_lock_acquired(t, obj, kind, write, false, CALLER_PC, (uptr)&name);  \
    return rc;                                                            \
  }

/* A robust mutex whose owner died is locked all the same (EOWNERDEAD). */
#define MUTEX_OK (rc == 0 || rc == EOWNERDEAD)

/* glibc marks a destroyed mutex with type -1: only then is the runtime
 * asked whether it saw the destroy. */
#define MUTEX_CHECK(m, fn)                                                 \
  do {                                                                     \
    if (TG_UNLIKELY(m->__data.__kind == -1) && tg_dl_on)                   \
      tg_ls_check_lock(t, m, CALLER_PC, (uptr)&fn);                        \
  } while (0)

REAL_SLOT(pthread_mutex_lock);
REAL_SLOT(pthread_mutex_trylock);

/* The blocking lock, with deadlock detection: a relock of a normal mutex
 * the thread holds never returns, and is reported at once; otherwise a
 * trylock first, and only if the mutex is taken is the wait registered
 * around the real lock. */
int pthread_mutex_lock(pthread_mutex_t *m) {
  tg_thread_t *t = enter();
  if (t == NULL) return REAL(pthread_mutex_lock)(m);
  uptr pc = CALLER_PC, fn = (uptr)&pthread_mutex_lock;
  int rc;
  if (!tg_dl_on) {
    rc = REAL(pthread_mutex_lock)(m);
  } else {
    MUTEX_CHECK(m, pthread_mutex_lock);
    tg_held_t *h = held_entry(t, m);
    if (h != NULL && tg_ls_mutex_relock_hangs(t, m))
      tg_wf_self_deadlock(t, TG_WAIT_MUTEX, (uptr)m, TG_TID_NONE, "pthread_mutex_lock",
                          pc, fn, h->ctx);
    rc = REAL(pthread_mutex_trylock)(m);
    if (rc == EBUSY) {
      if (!mutex_pshared(m))
        tg_wf_begin(t, TG_WAIT_MUTEX, (uptr)m, TG_TID_NONE, "pthread_mutex_lock", pc, fn);
      rc = REAL(pthread_mutex_lock)(m);
      tg_wf_end(t);
    }
  }
  if (MUTEX_OK) tg_lock_acquired(t, m, TG_SYNC_MUTEX, true, true, pc, fn);
  return rc;
}

int pthread_mutex_trylock(pthread_mutex_t *m) {
  tg_thread_t *t = enter();
  if (t != NULL) MUTEX_CHECK(m, pthread_mutex_trylock);
  int rc = REAL(pthread_mutex_trylock)(m);
  if (t != NULL && MUTEX_OK)
    tg_lock_acquired(t, m, TG_SYNC_MUTEX, true, false, CALLER_PC,
                  (uptr)&pthread_mutex_trylock);
  return rc;
}

LOCK_INTERCEPTOR(pthread_mutex_timedlock, m, TG_SYNC_MUTEX, true, MUTEX_OK,
                 MUTEX_CHECK(m, pthread_mutex_timedlock),
                 (pthread_mutex_t *m, const struct timespec *abstime), (m, abstime))
LOCK_INTERCEPTOR(pthread_mutex_clocklock, m, TG_SYNC_MUTEX, true, MUTEX_OK,
                 MUTEX_CHECK(m, pthread_mutex_clocklock),
                 (pthread_mutex_t *m, clockid_t clock, const struct timespec *abstime),
                 (m, clock, abstime))

int pthread_mutex_unlock(pthread_mutex_t *m) {
  tg_thread_t *t = enter();
  if (t != NULL && !tg_lock_releasing(t, m, TG_SYNC_MUTEX, CALLER_PC))
    tg_ls_check_unlock(t, m, CALLER_PC, (uptr)&pthread_mutex_unlock);
  return REAL(pthread_mutex_unlock)(m);
}

/* The blocking lock of a spinlock or an rwlock, with deadlock detection:
 * self-deadlock checked, a try first, the wait registered only if the try
 * found the lock taken (and it is not process-shared).  `hangs` says
 * whether the thread's own hold h (if any) makes the real lock wait for
 * ever; the real lock is `lock(l)`, the try `trylock(l)`. */
#define WATCHED_LOCK(l, wait_kind, call, hangs, shared, lock, trylock)       \
  ({                                                                         \
    int rc_;                                                                 \
    tg_held_t *h = held_entry(t, l);                                         \
    if (h != NULL && (hangs))                                                \
      tg_wf_self_deadlock(t, wait_kind, (uptr)(l), TG_TID_NONE, call, pc,    \
                          (uptr)&lock, h->ctx);                              \
    rc_ = REAL(trylock)(l);                                                  \
    if (rc_ == EBUSY) {                                                      \
      if (!(shared))                                                         \
        tg_wf_begin(t, wait_kind, (uptr)(l), TG_TID_NONE, call, pc, (uptr)&lock); \
      rc_ = REAL(lock)(l);                                                   \
      tg_wf_end(t);                                                          \
    }                                                                        \
    rc_;                                                                     \
  })

/* ---- spinlocks ------------------------------------------------------ */

REAL_SLOT(pthread_spin_init);
REAL_SLOT(pthread_spin_destroy);
REAL_SLOT(pthread_spin_unlock);

int pthread_spin_init(pthread_spinlock_t *l, int pshared) {
  tg_thread_t *t = enter();
  int rc = REAL(pthread_spin_init)(l, pshared);
  if (t != NULL && rc == 0) sync_forget(t, l);
  return rc;
}

int pthread_spin_destroy(pthread_spinlock_t *l) {
  tg_thread_t *t = enter();
  int rc = REAL(pthread_spin_destroy)(l);
  if (t != NULL && rc == 0) sync_forget(t, l);
  return rc;
}

LOCK_INTERCEPTOR(pthread_spin_trylock, l, TG_SYNC_SPIN, true, rc == 0, (void)0,
                 (pthread_spinlock_t *l), (l))

REAL_SLOT(pthread_spin_lock);

/* A spinlock its holder locks again spins for ever. */
int pthread_spin_lock(pthread_spinlock_t *l) {
  tg_thread_t *t = enter();
  if (t == NULL) return REAL(pthread_spin_lock)(l);
  uptr pc = CALLER_PC;
  int rc = tg_dl_on ? WATCHED_LOCK(l, TG_WAIT_SPIN, "pthread_spin_lock", true, false,
                                   pthread_spin_lock, pthread_spin_trylock)
                    : REAL(pthread_spin_lock)(l);
  if (rc == 0)
    tg_lock_acquired(t, l, TG_SYNC_SPIN, true, true, pc, (uptr)&pthread_spin_lock);
  return rc;
}

int pthread_spin_unlock(pthread_spinlock_t *l) {
  tg_thread_t *t = enter();
  if (t != NULL) tg_lock_releasing(t, l, TG_SYNC_SPIN, CALLER_PC);
  return REAL(pthread_spin_unlock)(l);
}

/* ---- rwlocks -------------------------------------------------------- */

REAL_SLOT(pthread_rwlock_init);
REAL_SLOT(pthread_rwlock_destroy);
REAL_SLOT(pthread_rwlock_unlock);

int pthread_rwlock_init(pthread_rwlock_t *l, const pthread_rwlockattr_t *attr) {
  tg_thread_t *t = enter();
  int rc = REAL(pthread_rwlock_init)(l, attr);
  if (t != NULL && rc == 0) sync_forget(t, l);
  return rc;
}

int pthread_rwlock_destroy(pthread_rwlock_t *l) {
  tg_thread_t *t = enter();
  int rc = REAL(pthread_rwlock_destroy)(l);
  if (t != NULL && rc == 0) sync_forget(t, l);
  return rc;
}

LOCK_INTERCEPTOR(pthread_rwlock_tryrdlock, l, TG_SYNC_RWLOCK, false, rc == 0, (void)0,
                 (pthread_rwlock_t *l), (l))
LOCK_INTERCEPTOR(pthread_rwlock_timedrdlock, l, TG_SYNC_RWLOCK, false, rc == 0, (void)0,
                 (pthread_rwlock_t *l, const struct timespec *abstime), (l, abstime))
LOCK_INTERCEPTOR(pthread_rwlock_clockrdlock, l, TG_SYNC_RWLOCK, false, rc == 0, (void)0,
                 (pthread_rwlock_t *l, clockid_t clock, const struct timespec *abstime),
                 (l, clock, abstime))
LOCK_INTERCEPTOR(pthread_rwlock_trywrlock, l, TG_SYNC_RWLOCK, true, rc == 0, (void)0,
                 (pthread_rwlock_t *l), (l))
LOCK_INTERCEPTOR(pthread_rwlock_timedwrlock, l, TG_SYNC_RWLOCK, true, rc == 0, (void)0,
                 (pthread_rwlock_t *l, const struct timespec *abstime), (l, abstime))
LOCK_INTERCEPTOR(pthread_rwlock_clockwrlock, l, TG_SYNC_RWLOCK, true, rc == 0, (void)0,
                 (pthread_rwlock_t *l, clockid_t clock, const struct timespec *abstime),
                 (l, clock, abstime))

REAL_SLOT(pthread_rwlock_rdlock);
REAL_SLOT(pthread_rwlock_wrlock);

/* glibc fails a relock by the writer with EDEADLK, and a second read lock
 * succeeds (readers are preferred); a write lock by a thread that holds a
 * read lock waits for ever. */
int pthread_rwlock_rdlock(pthread_rwlock_t *l) {
  tg_thread_t *t = enter();
  if (t == NULL) return REAL(pthread_rwlock_rdlock)(l);
  uptr pc = CALLER_PC;
  int rc = tg_dl_on ? WATCHED_LOCK(l, TG_WAIT_RDLOCK, "pthread_rwlock_rdlock", false,
                                   l->__data.__shared != 0,
                                   pthread_rwlock_rdlock, pthread_rwlock_tryrdlock)
                    : REAL(pthread_rwlock_rdlock)(l);
  if (rc == 0)
    tg_lock_acquired(t, l, TG_SYNC_RWLOCK, false, true, pc, (uptr)&pthread_rwlock_rdlock);
  return rc;
}

int pthread_rwlock_wrlock(pthread_rwlock_t *l) {
  tg_thread_t *t = enter();
  if (t == NULL) return REAL(pthread_rwlock_wrlock)(l);
  uptr pc = CALLER_PC;
  int rc = tg_dl_on ? WATCHED_LOCK(l, TG_WAIT_WRLOCK, "pthread_rwlock_wrlock", !h->write,
                                   l->__data.__shared != 0,
                                   pthread_rwlock_wrlock, pthread_rwlock_trywrlock)
                    : REAL(pthread_rwlock_wrlock)(l);
  if (rc == 0)
    tg_lock_acquired(t, l, TG_SYNC_RWLOCK, true, true, pc, (uptr)&pthread_rwlock_wrlock);
  return rc;
}

int pthread_rwlock_unlock(pthread_rwlock_t *l) {
  tg_thread_t *t = enter();
  if (t != NULL) tg_lock_releasing(t, l, TG_SYNC_RWLOCK, CALLER_PC);
  return REAL(pthread_rwlock_unlock)(l);
}

/* ---- condition variables -------------------------------------------- */

REAL_SLOT(pthread_cond_init);
REAL_SLOT(pthread_cond_destroy);
REAL_SLOT(pthread_cond_signal);
REAL_SLOT(pthread_cond_broadcast);
REAL_SLOT(pthread_cond_wait);
REAL_SLOT(pthread_cond_timedwait);
REAL_SLOT(pthread_cond_clockwait);

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr) {
  return REAL_COND(pthread_cond_init)(c, attr);
}

int pthread_cond_destroy(pthread_cond_t *c) {
  return REAL_COND(pthread_cond_destroy)(c);
}

/* A signal may be what orders the waiter after the signaller's lock-order
 * edges. */
int pthread_cond_signal(pthread_cond_t *c) {
  tg_thread_t *t = enter();
  if (t != NULL) tg_ls_refresh_edges(t);
  return REAL_COND(pthread_cond_signal)(c);
}

int pthread_cond_broadcast(pthread_cond_t *c) {
  tg_thread_t *t = enter();
  if (t != NULL) tg_ls_refresh_edges(t);
  return REAL_COND(pthread_cond_broadcast)(c);
}

/* A registered wait cancelled (join, sem_wait) is over. */
static void wait_cancelled(void *arg) { tg_wf_end(arg); }

typedef struct {
  tg_thread_t *t;
  pthread_mutex_t *m;
  uptr pc, fn;
  bool registered; /* an untimed wait, registered with waitfor.c */
} cond_wait_t;

/* A wait cancelled re-locks the mutex before the cleanup handlers run. */
static void cond_wait_cancelled(void *arg) {
  cond_wait_t *w = arg;
  if (w->registered) tg_wf_end(w->t);
  tg_lock_acquired(w->t, w->m, TG_SYNC_MUTEX, true, true, w->pc, w->fn);
}

/* The three waits differ only in the real call: `call` is evaluated with
 * the mutex released (for the runtime) and its result returned.  Only the
 * untimed one can wait for ever, and registers the wait.  Re-locking the
 * mutex at the end may block like any lock: it makes lock-order edges. */
#define COND_WAIT(c, m, name, untimed, call)                                \
  do {                                                                      \
    cond_wait_t w = {enter(), (m), CALLER_PC, (uptr)&name, false};          \
    if (w.t == NULL) return call;                                           \
    tg_lock_releasing(w.t, w.m, TG_SYNC_MUTEX, w.pc);                          \
    if ((untimed) && tg_dl_on && !cond_pshared(c)) {                        \
      tg_wf_begin(w.t, TG_WAIT_COND, (uptr)(c), TG_TID_NONE, #name, w.pc,   \
                  w.fn);                                                    \
      w.registered = true;                                                  \
    }                                                                       \
    int rc;                                                                 \
    pthread_cleanup_push(cond_wait_cancelled, &w);                          \
    rc = call;                                                              \
    pthread_cleanup_pop(0);                                                 \
    if (w.registered) tg_wf_end(w.t);                                       \
    tg_lock_acquired(w.t, w.m, TG_SYNC_MUTEX, true, true, w.pc, w.fn);         \
    return rc;                                                              \
  } while (0)

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) {
  COND_WAIT(c, m, pthread_cond_wait, true, REAL_COND(pthread_cond_wait)(c, m));
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
                           const struct timespec *abstime) {
  COND_WAIT(c, m, pthread_cond_timedwait, false,
            REAL_COND(pthread_cond_timedwait)(c, m, abstime));
}

/* Only ever had the one version (GLIBC_2.30). */
int pthread_cond_clockwait(pthread_cond_t *c, pthread_mutex_t *m, clockid_t clock,
                           const struct timespec *abstime) {
  COND_WAIT(c, m, pthread_cond_clockwait, false,
            REAL(pthread_cond_clockwait)(c, m, clock, abstime));
}

/* ---- semaphores ----------------------------------------------------- */

REAL_SLOT(sem_init);
REAL_SLOT(sem_destroy);
REAL_SLOT(sem_post);

int sem_init(sem_t *s, int pshared, unsigned value) {
  tg_thread_t *t = enter();
  int rc = REAL(sem_init)(s, pshared, value);
  if (t != NULL && rc == 0) sync_forget(t, s);
  return rc;
}

int sem_destroy(sem_t *s) {
  tg_thread_t *t = enter();
  int rc = REAL(sem_destroy)(s);
  if (t != NULL && rc == 0) sync_forget(t, s);
  return rc;
}

int sem_post(sem_t *s) {
  tg_thread_t *t = enter();
  if (t != NULL) release_on(t, s, TG_SYNC_SEM, CALLER_PC);
  return REAL(sem_post)(s);
}

/* A wait acquires every post so far, not just the one it consumed: more
 * edges than the program is owed, never fewer. */
#define SEM_WAIT_INTERCEPTOR(name, params, args) \
  REAL_SLOT(name);                               \
  int name params {                              \
    tg_thread_t *t = enter();                    \
    int rc = REAL(name) args;                    \
    if (t != NULL && rc == 0) acquire_on(t, s);  \
    return rc;                                   \
  }

SEM_WAIT_INTERCEPTOR(sem_trywait, (sem_t *s), (s))
SEM_WAIT_INTERCEPTOR(sem_timedwait, (sem_t *s, const struct timespec *abstime),
                     (s, abstime))
SEM_WAIT_INTERCEPTOR(sem_clockwait,
                     (sem_t *s, clockid_t clock, const struct timespec *abstime),
                     (s, clock, abstime))

REAL_SLOT(sem_wait);

/* The real wait, ending t's registered wait if it is cancelled.  Apart, so
 * that no local of the caller lives across the cleanup's setjmp. */
static int sem_wait_cancellable(tg_thread_t *t, sem_t *s) {
  int rc;
  pthread_cleanup_push(wait_cancelled, t);
  rc = REAL(sem_wait)(s);
  pthread_cleanup_pop(0);
  return rc;
}

/* With deadlock detection, a trywait first: only a wait that may block is
 * registered. */
int sem_wait(sem_t *s) {
  tg_thread_t *t = enter();
  if (t == NULL) return REAL(sem_wait)(s);
  uptr pc = CALLER_PC;
  int rc, saved = errno;
  if (!tg_dl_on || (rc = REAL(sem_trywait)(s)) != 0) {
    errno = saved;
    if (tg_dl_on && !sem_pshared(s))
      tg_wf_begin(t, TG_WAIT_SEM, (uptr)s, TG_TID_NONE, "sem_wait", pc, (uptr)&sem_wait);
    rc = sem_wait_cancellable(t, s);
    tg_wf_end(t);
  }
  if (rc == 0) acquire_on(t, s);
  return rc;
}

/* ---- barriers ------------------------------------------------------- */

REAL_SLOT(pthread_barrier_init);
REAL_SLOT(pthread_barrier_destroy);
REAL_SLOT(pthread_barrier_wait);

int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *attr,
                         unsigned count) {
  tg_thread_t *t = enter();
  int rc = REAL(pthread_barrier_init)(b, attr, count);
  if (t != NULL && rc == 0) {
    t->in_rt++;
    tg_sync_t *s = sync_init(t, b, TG_SYNC_BARRIER, CALLER_PC);
    s->count = count;
    tg_sync_unlock(s);
    t->in_rt--;
  }
  return rc;
}

int pthread_barrier_destroy(pthread_barrier_t *b) {
  tg_thread_t *t = enter();
  int rc = REAL(pthread_barrier_destroy)(b);
  if (t != NULL && rc == 0) sync_forget(t, b);
  return rc;
}

/* The first arrival of a generation clears its clock: the departures of
 * the generation before it with the same parity are all done, since every
 * thread of that generation arrived here after leaving it.  A barrier whose
 * init the runtime did not see (count 0) keeps one clock that only grows. */
int pthread_barrier_wait(pthread_barrier_t *b) {
  tg_thread_t *t = enter();
  if (t == NULL) return REAL(pthread_barrier_wait)(b);
  uptr pc = CALLER_PC;
  t->in_rt++;
  tg_ls_refresh_edges(t);
  tg_sync_t *s = sync_at(t, b, TG_SYNC_BARRIER, CALLER_PC);
  uint32_t gen = s->gen;
  tg_vc_t *clock = &s->gen_clock[gen & 1];
  if (s->count != 0 && s->arrived++ == 0) tg_vc_free(clock);
  tg_vc_join(clock, &t->vc);
  if (s->count != 0 && s->arrived == s->count) {
    s->arrived = 0;
    s->gen++;
  }
  tg_sync_unlock(s);
  tg_thread_tick(t);
  t->in_rt--;

  bool registered = tg_dl_on && !barrier_pshared(b);
  if (registered)
    tg_wf_begin(t, TG_WAIT_BARRIER, (uptr)b, TG_TID_NONE, "pthread_barrier_wait", pc,
                (uptr)&pthread_barrier_wait);
  int rc = REAL(pthread_barrier_wait)(b);
  if (registered) tg_wf_end(t);

  t->in_rt++;
  s = tg_sync_get((uptr)b, TG_SYNC_BARRIER, false);
  if (s != NULL) {
    tg_vc_join(&t->vc, &s->gen_clock[gen & 1]);
    tg_sync_unlock(s);
  }
  t->in_rt--;
  return rc;
}

/* ---- pthread_once --------------------------------------------------- */

REAL_SLOT(pthread_once);

/* The real pthread_once calls a routine without arguments; it finds the
 * control and the program's routine on this stack (an init routine may
 * itself call pthread_once on another control). */
#define ONCE_NEST_MAX 16
typedef struct {
  pthread_once_t *control;
  void (*routine)(void);
} once_frame_t;
static TG_TLS once_frame_t once_stack[ONCE_NEST_MAX];
static TG_TLS int once_depth;

static void once_trampoline(void) {
  once_frame_t f = once_stack[once_depth - 1];
  f.routine();
  tg_thread_t *t = tg_thread_self();
  t->in_rt++;
  tg_release(t, (uptr)f.control);
  t->in_rt--;
}

int pthread_once(pthread_once_t *control, void (*routine)(void)) {
  tg_thread_t *t = enter();
  /* Nested deeper than any sane program: run it unobserved. */
  if (t == NULL || once_depth == ONCE_NEST_MAX)
    return REAL(pthread_once)(control, routine);
  once_stack[once_depth++] = (once_frame_t){control, routine};
  /* The routine is called from libc: without this frame the stacks of its
   * accesses would not show who called pthread_once. */
  __tangle_func_entry((void *)CALLER_PC);
  int rc = REAL(pthread_once)(control, once_trampoline);
  __tangle_func_exit();
  once_depth--;
  acquire_on(t, control);
  return rc;
}

/* ---- threads -------------------------------------------------------- */

/* pthread_t -> tg_thread_t, for join and detach.  An entry is put by the
 * creator (joinable threads: before anyone can join it) and by the thread
 * itself when it starts (before it can detach itself), and removed by join,
 * or for a detached thread by whichever of its exit and the detach comes
 * last.  A pthread_t is reused only after its thread is gone, so an entry
 * whose thread has finished may be replaced. */
#define PMAP_BUCKETS 1024
typedef struct pmap_node {
  uptr th;
  tg_thread_t *t;
  struct pmap_node *next;
} pmap_node_t;
static pmap_node_t *pmap[PMAP_BUCKETS];
static tg_spin_t pmap_lock;

static inline pmap_node_t **pmap_bucket(uptr th) {
  return &pmap[(th >> 12 ^ th >> 22) % PMAP_BUCKETS];
}

static void pmap_put(uptr th, tg_thread_t *t) {
  pmap_node_t *fresh = tg_malloc(sizeof(*fresh));
  TG_CHECK(fresh != NULL);
  tg_spin_lock(&pmap_lock);
  pmap_node_t **head = pmap_bucket(th), *n = *head;
  while (n != NULL && n->th != th) n = n->next;
  if (n == NULL) {
    *fresh = (pmap_node_t){th, t, *head};
    *head = fresh;
    fresh = NULL;
  } else if (n->t == t ||
             atomic_load_explicit(&n->t->state, memory_order_acquire) == TG_THR_FINISHED) {
    n->t = t;
  }
  tg_spin_unlock(&pmap_lock);
  tg_free(fresh);
}

static tg_thread_t *pmap_get(uptr th) {
  tg_spin_lock(&pmap_lock);
  pmap_node_t *n = *pmap_bucket(th);
  while (n != NULL && n->th != th) n = n->next;
  tg_thread_t *t = n ? n->t : NULL;
  tg_spin_unlock(&pmap_lock);
  return t;
}

static void pmap_remove(uptr th, tg_thread_t *t) {
  tg_spin_lock(&pmap_lock);
  pmap_node_t **pp = pmap_bucket(th), *n;
  while ((n = *pp) != NULL && !(n->th == th && n->t == t)) pp = &n->next;
  if (n != NULL) *pp = n->next;
  tg_spin_unlock(&pmap_lock);
  tg_free(n);
}

/* A thread finishes in a pthread key destructor that re-arms itself until
 * the last of PTHREAD_DESTRUCTOR_ITERATIONS rounds, so the program's own
 * key destructors (and C++ thread_local destructors, which run before any)
 * are part of what join acquires.  Where the key is missing (it could not
 * be created), the thread finishes when its start routine returns or it
 * calls pthread_exit. */
static pthread_key_t exit_key;
static atomic_int exit_key_ready; /* 0: not yet, 1: ready, -1: unavailable */
static tg_spin_t exit_key_lock;
static TG_TLS bool exit_armed;

static void thread_exit(tg_thread_t *t) {
  t->in_rt++;
  tg_thread_finish(t);
  /* Pairs with the detach interceptor: one of the two sees the other. */
  atomic_thread_fence(memory_order_seq_cst);
  if (atomic_load(&t->detached)) {
    pmap_remove((uptr)pthread_self(), t);
    tg_thread_drop(t);
  }
  t->in_rt--;
}

static void exit_key_destructor(void *rounds) {
  if ((uptr)rounds > 1) {
    pthread_setspecific(exit_key, (void *)((uptr)rounds - 1));
    return;
  }
  tg_thread_t *t = tg_cur;
  if (t != NULL) thread_exit(t);
}

static void exit_key_init(void) {
  if (atomic_load_explicit(&exit_key_ready, memory_order_acquire) != 0) return;
  tg_spin_lock(&exit_key_lock);
  if (atomic_load_explicit(&exit_key_ready, memory_order_relaxed) == 0) {
    int ok = pthread_key_create(&exit_key, exit_key_destructor) == 0;
    atomic_store_explicit(&exit_key_ready, ok ? 1 : -1, memory_order_release);
  }
  tg_spin_unlock(&exit_key_lock);
}

typedef struct {
  tg_thread_t *thread;
  void *(*fn)(void *);
  void *arg;
  sigset_t mask; /* the creator's: the thread starts with every signal blocked */
} start_t;

/* Cancellation and pthread_exit leave the thread's frames without their
 * func_exit; the key destructors that run after them start from an empty
 * shadow stack, as after a return. */
static void frames_unwound(void *arg) {
  tg_thread_t *t = arg;
  t->depth = t->ctx_valid = 0;
}

static void *thread_start(void *p) {
  start_t st = *(start_t *)p;
  tg_free(p);
  tg_thread_t *t = st.thread;
  tg_thread_start(t);
  /* Only now can a handler run as this thread (or its handler context):
   * before tg_cur was set, its hooks would have adopted the thread as an
   * unknown one, with no happens-before from its creator. */
  tg_sig_setmask(&st.mask, NULL);
  t->in_rt++;
  pmap_put((uptr)pthread_self(), t);
  exit_armed =
      atomic_load_explicit(&exit_key_ready, memory_order_acquire) == 1 &&
      pthread_setspecific(exit_key, (void *)(uptr)PTHREAD_DESTRUCTOR_ITERATIONS) == 0;
  t->in_rt--;
  void *ret;
  pthread_cleanup_push(frames_unwound, t);
  ret = st.fn(st.arg);
  pthread_cleanup_pop(0);
  if (!exit_armed) thread_exit(t);
  return ret;
}

REAL_SLOT(pthread_create);
REAL_SLOT(pthread_join);
REAL_SLOT(pthread_tryjoin_np);
REAL_SLOT(pthread_timedjoin_np);
REAL_SLOT(pthread_clockjoin_np);
REAL_SLOT(pthread_detach);
REAL_SLOT(pthread_exit);

int pthread_create(pthread_t *th, const pthread_attr_t *attr,
                   void *(*fn)(void *), void *arg) {
  tg_thread_t *t = enter();
  if (t == NULL) return REAL(pthread_create)(th, attr, fn, arg);
  t->in_rt++;
  tg_ls_refresh_edges(t);
  exit_key_init();
  /* The creation stack shows pthread_create on top, as the report of a
   * free() shows free: its start + 1, since recorded pcs are return
   * addresses. */
  tg_ctx_t ctx = tg_ctx_intern(tg_thread_ctx(t, CALLER_PC), (uptr)&pthread_create + 1);
  tg_thread_t *child = tg_thread_new(t, ctx);
  int detach = PTHREAD_CREATE_JOINABLE;
  if (attr != NULL) pthread_attr_getdetachstate(attr, &detach);
  atomic_store(&child->detached, detach == PTHREAD_CREATE_DETACHED);
  start_t *st = tg_malloc(sizeof(*st));
  TG_CHECK(st != NULL);
  sigset_t all, mine;
  sigfillset(&all);
  tg_sig_setmask(&all, &mine);
  *st = (start_t){child, fn, arg, mine};
  t->in_rt--;

  int rc = REAL(pthread_create)(th, attr, thread_start, st);
  tg_sig_setmask(&mine, NULL);

  t->in_rt++;
  if (rc != 0) {
    tg_free(st);
    tg_thread_finish(child);
    tg_thread_reap(child);
  } else if (detach == PTHREAD_CREATE_JOINABLE) {
    pmap_put((uptr)*th, child);
  }
  t->in_rt--;
  return rc;
}

/* The thread a join is about to wait for; looked up before the real join,
 * after which its pthread_t may already belong to a new thread. */
static tg_thread_t *join_target(tg_thread_t *t, pthread_t th) {
  t->in_rt++;
  tg_thread_t *c = pmap_get((uptr)th);
  t->in_rt--;
  return c;
}

/* The real join succeeded: c's OS thread is gone. */
static void joined(tg_thread_t *t, pthread_t th, tg_thread_t *c) {
  if (c == NULL) return;
  t->in_rt++;
  tg_vc_join(&t->vc, &c->exit_vc);
  pmap_remove((uptr)th, c);
  tg_thread_reap(c);
  t->in_rt--;
}

#define JOIN_INTERCEPTOR(name, params, args)                 \
  int name params {                                          \
    tg_thread_t *t = enter();                                \
    if (t == NULL) return REAL(name) args;                   \
    tg_thread_t *c = join_target(t, th);                     \
    int rc = REAL(name) args;                                \
    if (rc == 0) joined(t, th, c);                           \
    return rc;                                               \
  }

/* The real join, ending t's registered wait if it is cancelled (apart, as
 * sem_wait_cancellable). */
static int join_cancellable(tg_thread_t *t, pthread_t th, void **ret) {
  int rc;
  pthread_cleanup_push(wait_cancelled, t);
  rc = REAL(pthread_join)(th, ret);
  pthread_cleanup_pop(0);
  return rc;
}

/* Joining yourself never returns (glibc fails it with EDEADLK, which a
 * program seldom checks): reported as the deadlock it is.  A join of a
 * thread still running registers the wait. */
int pthread_join(pthread_t th, void **ret) {
  tg_thread_t *t = enter();
  if (t == NULL) return REAL(pthread_join)(th, ret);
  uptr pc = CALLER_PC, fn = (uptr)&pthread_join;
  if (tg_dl_on && pthread_equal(th, pthread_self()))
    tg_wf_self_deadlock(t, TG_WAIT_JOIN, 0, t->tid, "pthread_join", pc, fn, 0);
  tg_thread_t *c = join_target(t, th);
  if (tg_dl_on && c != NULL && atomic_load(&c->state) != TG_THR_FINISHED)
    tg_wf_begin(t, TG_WAIT_JOIN, 0, c->tid, "pthread_join", pc, fn);
  int rc = join_cancellable(t, th, ret);
  tg_wf_end(t);
  if (rc == 0) joined(t, th, c);
  return rc;
}

JOIN_INTERCEPTOR(pthread_tryjoin_np, (pthread_t th, void **ret), (th, ret))
JOIN_INTERCEPTOR(pthread_timedjoin_np,
                 (pthread_t th, void **ret, const struct timespec *abstime),
                 (th, ret, abstime))
JOIN_INTERCEPTOR(pthread_clockjoin_np,
                 (pthread_t th, void **ret, clockid_t clock,
                  const struct timespec *abstime),
                 (th, ret, clock, abstime))

int pthread_detach(pthread_t th) {
  tg_thread_t *t = enter();
  if (t == NULL) return REAL(pthread_detach)(th);
  tg_thread_t *c = join_target(t, th);
  int rc = REAL(pthread_detach)(th);
  if (rc == 0 && c != NULL) {
    t->in_rt++;
    atomic_store(&c->detached, 1);
    if (atomic_load(&c->state) == TG_THR_FINISHED) {
      pmap_remove((uptr)th, c);
      tg_thread_drop(c);
    }
    t->in_rt--;
  }
  return rc;
}

/* Threads started by thread_start finish in the exit key's destructor; the
 * main thread and adopted ones here. */
void pthread_exit(void *ret) {
  tg_thread_t *t = enter();
  if (t != NULL && !exit_armed) thread_exit(t);
  REAL(pthread_exit)(ret);
  __builtin_unreachable();
}

/* ---- fork ----------------------------------------------------------- */

REAL_SLOT(fork);

/* The program's atfork handlers run inside the real fork, on this thread,
 * with in_rt set: in the parent another thread may hold a runtime lock and
 * wait for a mutex a prepare handler takes, and in the child the runtime's
 * locks are not reset yet.  So they do only their own operations.  In the
 * child the calling thread is the only one left: every lock another thread
 * may have held is reset. */
pid_t fork(void) {
  tg_thread_t *t = enter();
  if (t == NULL) return REAL(fork)();
  t->in_rt++;
  pid_t pid = REAL(fork)();
  if (pid == 0) {
    tg_report_fork_child();
    tg_ctx_fork_child();
    tg_access_fork_child();
    tg_atomic_fork_child();
    tg_sync_fork_child();
    tg_thread_fork_child();
    tg_alloc_fork_child();
    tg_lg_fork_child();
    tg_ls_fork_child();
    tg_wf_fork_child();
    tg_chan_fork_child();
    atomic_store_explicit(&pmap_lock.v, 0, memory_order_relaxed);
    atomic_store_explicit(&exit_key_lock.v, 0, memory_order_relaxed);
  }
  t->in_rt--;
  return pid;
}
