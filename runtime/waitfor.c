/* waitfor.c — actual deadlocks: wait records and the watchdog.
 *
 * A call that may block for ever registers what its thread waits for in the
 * thread's wait record (tg_dl_state_t.wait): a lock (only once a trylock has
 * failed, so an uncontended lock costs nothing here), a thread to join, a
 * condition variable, a semaphore (once a trywait has failed), a barrier,
 * or a channel (chan_fd.c, chan_glib.c: only a receive from an empty
 * channel, or a send to a full one, that nothing outside the process can
 * end),
 * with the call's name and the thread's stack: the interned shadow stack
 * and the caller's pc, as cheap as the held set's, for a lock and for any
 * wait of a thread with instrumented frames (a contended lock registers a
 * wait every time, and so does every condition wait of a producer/consumer
 * queue: libunwind, which blocks signals around its every step, made a
 * lock-only pipeline_queue 1.7x native); the whole stack from libunwind
 * only for a thread with no instrumented frame.  wait_seq is bumped by
 * every begin and end, so it is odd inside a wait and names that one wait.
 * Timed waits and trylocks never register: they end by themselves.
 *
 * The interceptors report at once what certainly never returns
 * (tg_wf_self_deadlock): a relock of a normal mutex or a spinlock the thread
 * holds, a write lock of an rwlock it holds for reading, a join of itself.
 * Everything else is the watchdog's: a thread of the runtime's own (made with
 * the real pthread_create on the first registered wait, again in a forked
 * child; not a program thread, so it never counts as one) that polls every
 * POLL_MS:
 *   - the wait-for graph: T -> U when T waits for a lock that U holds (for
 *     writing, if T wants to read), or joins U which is still running.  A
 *     cycle is reported when the next poll finds the same threads in the same
 *     waits (same wait_seq): a thread inside a wait cannot change its held
 *     set, so the cycle held for the whole interval and always will;
 *   - a lock wait whose every holder has finished (an abandoned lock),
 *     found in the same wait by two polls: reported whatever the other
 *     threads do;
 *   - a global stall: every live program thread in a registered wait, none
 *     of them moved (same wait_seq) for deadlock_timeout_ms: nobody is left
 *     to signal the condition variable, post the semaphore or arrive at the
 *     barrier.  A thread blocked
 *     in something not registered (I/O, sleep, a timed wait) or still
 *     starting means no stall; so does a semaphore or channel wait while
 *     the program has a signal handler (sem_post, write and mq_send are
 *     async-signal-safe: a handler may be what ends the wait).
 * The report names every thread involved (its call, the object, who holds
 * it, its stack); then every report is flushed and the process exits with
 * exitcode (tg_report_deadlock).
 *
 * Locking: each thread's state lock (lockset.c) guards its wait record and
 * held set; the watchdog takes them one at a time.  Its own state (the snapshot, the
 * pending cycle, the stall) belongs to the watchdog thread alone.
 */
#include "tg.h"

#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define POLL_MS 50

static atomic_ullong wait_order;
static atomic_int wd_started;

/* ---- wait records ----------------------------------------------------- */

static int stack_with(uptr pc, uptr fn, uptr *pcs) {
  pcs[0] = fn + 1;
  return 1 + tg_stack_unwind(pc, pcs + 1, TG_MAX_FRAMES - 1);
}

static void start_watchdog(void);

static bool is_lock_wait(uint8_t kind) {
  return kind == TG_WAIT_MUTEX || kind == TG_WAIT_RDLOCK || kind == TG_WAIT_WRLOCK ||
         kind == TG_WAIT_SPIN;
}

void tg_wf_begin(tg_thread_t *t, tg_wait_kind_t kind, uptr obj, tg_tid_t target,
                 const char *call, uptr pc, uptr fn) {
  t->in_rt++;
  uptr pcs[TG_MAX_FRAMES];
  tg_ctx_t ctx = 0;
  int n = 0;
  if (is_lock_wait(kind) || t->depth > 0)
    ctx = tg_ctx_intern(tg_thread_ctx(t, pc), fn + 1);
  else
    n = stack_with(pc, fn, pcs);
  uint64_t order = atomic_fetch_add_explicit(&wait_order, 1, memory_order_relaxed);
  tg_dl_state_t *d = tg_ls_state(t);
  tg_spin_lock(&d->lock);
  tg_wait_t *w = &d->wait;
  w->kind = (uint8_t)kind;
  w->obj = obj;
  w->target = target;
  w->call = call;
  w->order = order;
  w->ctx = ctx;
  w->npcs = n;
  memcpy(w->pcs, pcs, (size_t)n * sizeof(*pcs));
  atomic_fetch_add_explicit(&d->wait_seq, 1, memory_order_relaxed);
  tg_spin_unlock(&d->lock);
  if (!atomic_load_explicit(&wd_started, memory_order_relaxed)) start_watchdog();
  t->in_rt--;
}

/* Idempotent: a cancellation handler may end a wait that never began. */
void tg_wf_end(tg_thread_t *t) {
  tg_dl_state_t *d = atomic_load_explicit(&t->dl, memory_order_relaxed);
  if (d == NULL) return;
  tg_spin_lock(&d->lock);
  if (d->wait.kind != TG_WAIT_NONE) {
    d->wait.kind = TG_WAIT_NONE;
    atomic_fetch_add_explicit(&d->wait_seq, 1, memory_order_relaxed);
  }
  tg_spin_unlock(&d->lock);
}

void tg_wf_self_deadlock(tg_thread_t *t, tg_wait_kind_t kind, uptr obj,
                         tg_tid_t target, const char *call, uptr pc, uptr fn,
                         tg_ctx_t held_ctx) {
  t->in_rt++;
  tg_blocked_t *b = tg_calloc(sizeof(*b));
  TG_CHECK(b != NULL);
  b->tid = t->tid;
  b->kind = (uint8_t)kind;
  b->obj = obj;
  b->target = target;
  b->call = call;
  if (kind != TG_WAIT_JOIN) {
    b->holders[0] = t->tid;
    b->nholders = 1;
  }
  b->held_ctx = held_ctx;
  b->npcs = stack_with(pc, fn, b->pcs);
  tg_report_deadlock(b, 1);
}

/* ---- the watchdog's view of the threads ------------------------------- */

typedef struct {
  tg_thread_t *t;
  unsigned seq;
  bool blocked;
  tg_wait_t wait;  /* if blocked */
  int nholders;    /* who holds what it waits for, or whom it joins */
  tg_tid_t holders[TG_MAX_HOLDERS];
  int next;        /* cycle search: the next thread on the cycle */
  uint8_t color;   /* cycle search: 0 new, 1 on the path, 2 done */
} snap_t;

static snap_t *snaps;      /* the live threads at this poll */
static int nsnaps, snaps_cap;
static int32_t *snap_of;   /* tid -> index in snaps, or -1 */
static uint32_t snap_of_cap;

/* The confirmation rule's memory: the cycle seen at the last poll, and the
 * stall seen since stall_since, as sorted (tid, seq) lists. */
typedef struct {
  int n;
  uint64_t *v; /* tid << 32 | seq */
} seen_t;
static seen_t pending_cycle, stall;
static uint64_t stall_since_ms;

static uint64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void nap_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
  while (syscall(SYS_nanosleep, &ts, &ts) != 0) {
  }
}

/* Copies every live thread's state; false if a thread is still starting
 * (so no stall).  Each thread's under its state's lock. */
static bool take_snapshot(void) {
  uint32_t count = tg_thread_count();
  bool starting = false;
  if (count > snap_of_cap) {
    snap_of_cap = count * 2;
    snap_of = tg_realloc(snap_of, sizeof(*snap_of) * snap_of_cap);
    TG_CHECK(snap_of != NULL);
  }
  nsnaps = 0;
  for (uint32_t i = 0; i < count; i++) {
    snap_of[i] = -1;
    tg_thread_t *t = tg_thread_get((tg_tid_t)i);
    if (t == NULL) continue;
    int state = atomic_load_explicit(&t->state, memory_order_acquire);
    if (state == TG_THR_CREATED) starting = true;
    if (state != TG_THR_RUNNING) continue;
    if (nsnaps == snaps_cap) {
      snaps_cap = snaps_cap ? 2 * snaps_cap : 16;
      snaps = tg_realloc(snaps, sizeof(*snaps) * (size_t)snaps_cap);
      TG_CHECK(snaps != NULL);
    }
    snap_t *s = &snaps[nsnaps];
    s->t = t;
    s->nholders = 0;
    s->color = 0;
    s->next = -1;
    s->seq = 0;
    s->blocked = false;
    tg_dl_state_t *d = tg_ls_lock_other(t);
    if (d != NULL) {
      /* The state's sequence number counts on across owners: with the tid,
       * it names one wait. */
      s->seq = atomic_load_explicit(&d->wait_seq, memory_order_relaxed);
      s->blocked = (s->seq & 1) != 0;
      if (s->blocked) s->wait = d->wait;
      tg_spin_unlock(&d->lock);
    }
    snap_of[i] = nsnaps++;
  }
  return !starting;
}

/* Who each blocked thread waits for: the holders of its lock (finished
 * threads too: they are named in the report, though they make no cycle),
 * or the thread it joins. */
static void find_holders(void) {
  for (int i = 0; i < nsnaps; i++) {
    snap_t *s = &snaps[i];
    if (!s->blocked) continue;
    if (s->wait.kind == TG_WAIT_JOIN) {
      tg_thread_t *c = tg_thread_get(s->wait.target);
      if (c != NULL && atomic_load(&c->state) != TG_THR_FINISHED) {
        s->holders[0] = s->wait.target;
        s->nholders = 1;
      }
    } else if (is_lock_wait(s->wait.kind)) {
      s->nholders = tg_ls_holders(s->wait.obj, s->wait.kind == TG_WAIT_RDLOCK,
                                  s->holders, NULL, TG_MAX_HOLDERS);
    }
  }
}

/* A cycle through blocked threads, by depth-first search from each: stores
 * it through snap.next and returns one index on it, or -1. */
static int find_cycle(void) {
  for (int root = 0; root < nsnaps; root++) {
    if (!snaps[root].blocked || snaps[root].color != 0) continue;
    /* Iterative DFS: path[] holds (node, next holder to try). */
    int path[64], edge[64], depth = 0;
    path[0] = root;
    edge[0] = 0;
    snaps[root].color = 1;
    while (depth >= 0) {
      snap_t *u = &snaps[path[depth]];
      if (edge[depth] == u->nholders || depth == 63) {
        u->color = 2;
        depth--;
        continue;
      }
      int32_t v = snap_of[u->holders[edge[depth]++]];
      if (v < 0 || !snaps[v].blocked || snaps[v].color == 2) continue;
      u->next = v;
      if (snaps[v].color == 1) return v; /* back to the path: a cycle */
      snaps[v].color = 1;
      depth++;
      path[depth] = v;
      edge[depth] = 0;
    }
  }
  return -1;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* sig = the sorted (tid, seq) of snaps idx[0..n); true if it was already. */
static bool same_sig(seen_t *sig, const int *idx, int n) {
  uint64_t *v = tg_malloc(sizeof(*v) * (size_t)(n ? n : 1));
  TG_CHECK(v != NULL);
  for (int i = 0; i < n; i++)
    v[i] = (uint64_t)snaps[idx[i]].t->tid << 32 | snaps[idx[i]].seq;
  /* n is small for a cycle; a stall of many threads is rare. */
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && cmp_u64(&v[j - 1], &v[j]) > 0; j--) {
      uint64_t x = v[j];
      v[j] = v[j - 1];
      v[j - 1] = x;
    }
  bool same = sig->n == n && memcmp(sig->v, v, sizeof(*v) * (size_t)n) == 0;
  tg_free(sig->v);
  sig->v = v;
  sig->n = n;
  return same;
}

static void forget_sig(seen_t *sig) {
  tg_free(sig->v);
  sig->v = NULL;
  sig->n = 0;
}

TG_NORETURN static void report(const int *idx, int n) {
  tg_blocked_t *b = tg_calloc(sizeof(*b) * (size_t)n);
  TG_CHECK(b != NULL);
  for (int i = 0; i < n; i++) {
    const snap_t *s = &snaps[idx[i]];
    b[i].tid = s->t->tid;
    b[i].kind = s->wait.kind;
    b[i].obj = s->wait.obj;
    b[i].target = s->wait.target;
    b[i].call = s->wait.call;
    b[i].nholders = s->wait.kind == TG_WAIT_JOIN ? 0 : s->nholders;
    memcpy(b[i].holders, s->holders, sizeof(s->holders));
    b[i].ctx = s->wait.ctx;
    b[i].npcs = s->wait.npcs;
    memcpy(b[i].pcs, s->wait.pcs, sizeof(uptr) * (size_t)s->wait.npcs);
  }
  tg_report_deadlock(b, n);
}

static void check_cycle(void) {
  int at = find_cycle();
  if (at < 0) {
    forget_sig(&pending_cycle);
    return;
  }
  int idx[64], n = 0, first = 0;
  int i = at;
  do {
    idx[n] = i;
    if (snaps[i].wait.order > snaps[idx[first]].wait.order) first = n;
    n++;
    i = snaps[i].next;
  } while (i != at && n < 64);
  if (!same_sig(&pending_cycle, idx, n)) return;
  /* From the thread that blocked last, along the waits. */
  int ordered[64];
  for (int k = 0; k < n; k++) ordered[k] = idx[(first + k) % n];
  report(ordered, n);
}

/* A lock wait whose holders have all finished never ends (a robust mutex
 * would have returned EOWNERDEAD instead of blocking), however busy the
 * other threads are: reported once the next poll finds the thread still
 * in the same wait, as a cycle is. */
static seen_t pending_abandoned;

static void check_abandoned(void) {
  for (int i = 0; i < nsnaps; i++) {
    snap_t *s = &snaps[i];
    if (!s->blocked || !is_lock_wait(s->wait.kind) || s->nholders == 0) continue;
    bool all_gone = true;
    for (int k = 0; k < s->nholders && all_gone; k++) {
      tg_thread_t *h = tg_thread_get(s->holders[k]);
      all_gone = h != NULL && atomic_load(&h->state) == TG_THR_FINISHED;
    }
    if (!all_gone) continue;
    if (same_sig(&pending_abandoned, &i, 1)) report(&i, 1);
    return;
  }
  forget_sig(&pending_abandoned);
}

static void check_stall(void) {
  int *idx = tg_malloc(sizeof(int) * (size_t)(nsnaps ? nsnaps : 1));
  TG_CHECK(idx != NULL);
  /* Threads nobody they wait for can wake (no holder or joined thread
   * alive) first: they are where the stall starts. */
  int n = 0;
  bool sem = false;
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < nsnaps; i++)
      if ((snaps[i].nholders == 0) == (pass == 0)) {
        idx[n++] = i;
        sem |= snaps[i].wait.kind == TG_WAIT_SEM || snaps[i].wait.kind == TG_WAIT_CHAN_RECV ||
               snaps[i].wait.kind == TG_WAIT_CHAN_SEND;
      }
  uint64_t now = now_ms();
  if (!same_sig(&stall, idx, n)) {
    stall_since_ms = now;
  } else if (now - stall_since_ms >= (uint64_t)tg_flags.deadlock_timeout_ms &&
             !(sem && tg_handler_installed(false))) {
    report(idx, n);
  }
  tg_free(idx);
}

static void poll_threads(void) {
  bool all_started = take_snapshot();
  bool all_blocked = nsnaps > 0 && all_started;
  bool any_blocked = false;
  for (int i = 0; i < nsnaps; i++) {
    all_blocked &= snaps[i].blocked;
    any_blocked |= snaps[i].blocked;
  }
  if (!any_blocked) {
    forget_sig(&pending_cycle);
    forget_sig(&pending_abandoned);
    forget_sig(&stall);
    return;
  }
  find_holders();
  check_cycle();
  check_abandoned();
  if (all_blocked)
    check_stall();
  else
    forget_sig(&stall);
}

/* The watchdog's thread state: never registered, so never a program thread
 * (nor counted as one); in_rt set for good, so whatever it reaches in libc
 * goes through the interceptors untouched. */
static tg_thread_t wd_self;

static void *watchdog_main(void *arg) {
  wd_self.tid = TG_TID_NONE;
  wd_self.in_rt = 1;
  wd_self.ignore_accesses = 1;
  tg_cur = &wd_self;
  forget_sig(&pending_cycle);
  forget_sig(&pending_abandoned);
  forget_sig(&stall);
  for (;;) {
    nap_ms(POLL_MS);
    if (tg_dl_on) poll_threads();
  }
  return arg;
}

/* Precondition: the caller's in_rt is set. */
static void start_watchdog(void) {
  if (atomic_exchange(&wd_started, 1)) return;
  int (*create)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *) =
      (__typeof__(create))dlsym(RTLD_NEXT, "pthread_create");
  pthread_attr_t attr;
  pthread_t th;
  sigset_t all, old;
  int rc = -1;
  if (create != NULL && pthread_attr_init(&attr) == 0) {
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* No program signal handler may run on the watchdog. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    rc = create(&th, &attr, watchdog_main, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
  }
  if (rc != 0)
    tg_printf("tangle: cannot start the deadlock watchdog; deadlocks other than "
              "a thread relocking its own lock go unreported\n");
}

/* The watchdog is gone (the states' locks it may have held are reset by
 * tg_ls_fork_child). */
void tg_wf_fork_child(void) { atomic_store(&wd_started, 0); }
