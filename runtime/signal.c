/* signal.c — signal handlers: run where the runtime is consistent, and
 * checked for races as a thread of their own (docs/signals.md).
 *
 * Interception.  sigaction, signal, bsd_signal and sysv_signal keep the
 * program's action in acts[] and give the kernel on_signal instead (flags
 * and mask as the program asked, SA_SIGINFO added, SA_RESETHAND emulated
 * here); sigaction's oldact shows the program's own action.
 *
 * Delivery.  on_signal runs the program's handler
 *   - at once and as part of the interrupted thread, for a synchronous
 *     signal (a fault: SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS with
 *     a kernel si_code), for a thread the runtime does not know, or in a
 *     thread inside the runtime (whose hooks then only do the operation);
 *   - later, for an asynchronous signal that finds the current thread
 *     inside the runtime (in_rt > 0: it may hold a runtime lock, the report
 *     lock included, or be inside glibc's allocator): the signal is recorded
 *     in the thread's pending set (TLS, one slot per signal, no lock, no
 *     malloc: a second one of the same number before delivery is merged, as
 *     the kernel does for standard signals).  It is delivered by the next
 *     interceptor the thread enters (intercept.h's enter(), and the ones
 *     here, before the mask can change), or else by a per-thread POSIX
 *     timer that sends the "kick" signal KICK_SIG (SIGRTMAX) until a kick
 *     finds in_rt == 0 — for a thread that goes on computing without
 *     calling anything;
 *   - otherwise at once, observed: the thread's handler context (below)
 *     becomes tg_cur for the duration of the handler.
 * Since every runtime lock, report and allocator call is made with in_rt
 * set (alloc.c raises it around glibc's allocator too), an observed
 * handler never meets a lock its own thread holds.  The access hooks are
 * unchanged: deferral costs nothing until a signal comes.
 *
 * Races.  Every thread that runs an observed handler gets one handler
 * context: a tg_thread_t of its own (a tid, "thread T<n>" in reports,
 * created by that thread at the sigaction call that installed the first
 * handler it ran).  Its accesses race with the thread's like another
 * thread's would.  Happens-before, through hidden sync objects:
 *   - sigaction releases into install[sig]; kill, raise, pthread_kill and
 *     sigqueue release into sent[sig]; unblocking sig (sigprocmask,
 *     pthread_sigmask, sigsuspend's mask) releases into the thread's
 *     unblocked[sig].  A handler for sig acquires all three on entry.
 *   - a handler for sig releases into the thread's handled[sig] when it
 *     returns; the thread acquires it when it blocks sig, when raise or a
 *     pthread_kill/kill of itself returns, and when sigsuspend or pause
 *     returns after that handler ran.  sigwait* acquire sent[sig].
 * Locks and atomics inside the handler synchronize as anywhere else.
 *
 * A handler left by siglongjmp/longjmp: lifecycle.c's jump interceptors
 * call tg_sig_longjmp, which gives the thread its own context back.
 *
 * Locking: act_lock serializes the sigaction interceptors (held with in_rt
 * set); on_signal reads acts[] without it (handler and flags are atomic;
 * a mask torn by a concurrent sigaction only affects that delivery).  The
 * pending set, the kick timer and the swap state are the thread's own.
 */
#include "tg.h"
#include "intercept.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#define NSIG_MAX 65 /* signals 1..64 */
#define SA_RESTORER_FLAG 0x04000000 /* the kernel's SA_RESTORER: glibc's own */
#define KICK_SIG (SIGRTMAX)
/* The first kick comes 50 us after the deferral; each kick that finds the
 * thread still inside the runtime doubles the wait, up to 5 ms (a report
 * being symbolized), so a long stay costs few kicks. */
#define KICK_FIRST_NS 50000L
#define KICK_MAX_NS 5000000L

/* ---- the program's actions ------------------------------------------ */

typedef struct {
  _Atomic uptr handler; /* SIG_DFL, SIG_IGN or the program's function */
  atomic_int flags;     /* the program's sa_flags */
  sigset_t mask;
  bool known;           /* set through us: sigaction answers from here */
  tg_ctx_t ctx;         /* where it was installed, sigaction on top */
} act_t;

static act_t acts[NSIG_MAX];
static tg_spin_t act_lock;
/* How many signals have a handler of the program's (under act_lock). */
static atomic_int nhandled;
static atomic_int kick_ready;
/* Addresses whose hidden sync objects carry the clocks of the header. */
static char install_key[NSIG_MAX], sent_key[NSIG_MAX];
static const int kick_magic;

/* Per thread: the handler context and its clock keys, made on first need
 * outside any handler-critical path (tg_calloc: in_rt == 0 there).  Never
 * freed: a report may name the context after the thread is gone. */
typedef struct {
  tg_thread_t *ctx;
  char unblocked[NSIG_MAX], handled[NSIG_MAX];
} sigthr_t;
static TG_TLS sigthr_t *me;

/* Deferred signals (bit sig-1), each with the start of its siginfo (the
 * fields every asynchronous si_code uses fit in 48 bytes), and the action
 * as it was when it arrived (SA_RESETHAND may have reset it since). */
#define INFO_BYTES 48
TG_TLS _Atomic uint64_t tg_sig_pending;
static TG_TLS unsigned char pending_info[NSIG_MAX][INFO_BYTES];
static TG_TLS uptr pending_handler[NSIG_MAX];
static TG_TLS int pending_flags[NSIG_MAX];
static TG_TLS int kick_timer; /* kernel timer id + 1; 0: none */
static TG_TLS long kick_ns;   /* its current period */
/* Handlers run to completion since the last sigsuspend/pause began. */
static TG_TLS uint64_t ran;
/* While a handler runs as the handler context: the thread it interrupted
 * and the stack pointer of the outermost handler's frame. */
static TG_TLS tg_thread_t *swapped_from;
static TG_TLS uptr swap_sp;
static TG_TLS int swap_sig;

REAL_SLOT(sigaction);
REAL_SLOT(pthread_sigmask);

static inline uint64_t bit(int sig) { return 1ull << (sig - 1); }
static inline bool user_handler(uptr h) {
  return h != (uptr)SIG_DFL && h != (uptr)SIG_IGN;
}

/* ---- handler contexts and clocks ------------------------------------ */

static sigthr_t *thr_state(void) {
  if (me == NULL) {
    me = tg_calloc(sizeof(*me));
    TG_CHECK(me != NULL);
  }
  return me;
}

/* t's handler context (t itself inside a handler).  Precondition: t's
 * in_rt set. */
static tg_thread_t *handler_ctx(tg_thread_t *t, int sig) {
  sigthr_t *st = thr_state();
  if (st->ctx != NULL) return st->ctx;
  tg_thread_t *h = tg_thread_new(NULL, acts[sig].ctx);
  h->parent = t->tid;
  h->os_tid = t->os_tid;
  size_t bytes = (size_t)TG_SHADOW_STACK_MAX * (sizeof(uptr) + sizeof(tg_ctx_t));
  h->pcs = tg_mmap_reserve(bytes);
  h->ctxs = (tg_ctx_t *)(h->pcs + TG_SHADOW_STACK_MAX);
  atomic_store_explicit(&h->state, TG_THR_RUNNING, memory_order_release);
  st->ctx = h;
  return h;
}

static inline uptr key(char *k) { return TG_SYNC_HIDDEN | (uptr)k; }

/* t, about to unblock the signals in set: what it did so far happens
 * before their handlers.  Precondition: t's in_rt set. */
/* Both: called from an interceptor (in_rt not set); they set it around
 * their work, and keep the program's errno. */
static void release_unblocked(tg_thread_t *t, uint64_t set) {
  if (set == 0) return;
  int saved = errno;
  t->in_rt++;
  for (int sig = 1; set != 0 && sig < NSIG_MAX; sig++) {
    if (!(set & bit(sig))) continue;
    set &= ~bit(sig);
    if (user_handler(atomic_load(&acts[sig].handler)))
      tg_release(t, key(&thr_state()->unblocked[sig]));
  }
  t->in_rt--;
  errno = saved;
}

/* t now knows the handlers of the signals in set are done. */
static void acquire_handled(tg_thread_t *t, uint64_t set) {
  if (me == NULL || set == 0) return;
  int saved = errno;
  t->in_rt++;
  for (int sig = 1; set != 0 && sig < NSIG_MAX; sig++) {
    if (!(set & bit(sig))) continue;
    set &= ~bit(sig);
    tg_acquire(t, key(&me->handled[sig]));
  }
  t->in_rt--;
  errno = saved;
}

/* ---- running a handler ---------------------------------------------- */

static void call(int sig, siginfo_t *info, void *uc, uptr h, int flags) {
  if (flags & SA_SIGINFO)
    ((void (*)(int, siginfo_t *, void *))h)(sig, info, uc);
  else
    ((void (*)(int))h)(sig);
}

/* The handler h for sig as t's handler context.  Precondition: tg_cur is
 * t, t->in_rt == 0; errno is the interrupted code's. */
static void run_observed(tg_thread_t *t, int sig, siginfo_t *info, void *uc, uptr h,
                         int flags) {
  int saved = errno;
  t->in_rt++;
  tg_thread_t *c = handler_ctx(t, sig);
  bool outer = c != t; /* else a handler interrupted a handler */
  if (outer) {
    /* A handler left by a longjmp may have left these behind. */
    c->in_rt = 1;
    c->depth = c->ctx_valid = 0;
  }
  tg_acquire(c, key(&install_key[sig]));
  tg_acquire(c, key(&sent_key[sig]));
  tg_acquire(c, key(&me->unblocked[sig]));
  volatile uptr frame = 0;
  if (outer) {
    c->in_rt = 0;
    swapped_from = t;
    swap_sp = (uptr)&frame;
    swap_sig = sig;
    tg_cur = c;
  }
  t->in_rt--;
  errno = saved;
  call(sig, info, uc, h, flags);
  saved = errno;
  c->in_rt++;
  tg_release(c, key(&me->handled[sig]));
  ran |= bit(sig);
  c->in_rt--;
  if (outer) {
    tg_cur = t;
    swapped_from = NULL;
  }
  errno = saved;
}

/* ---- deferral -------------------------------------------------------- */

static void set_kick_period(void) {
  struct itimerspec its = {{0, kick_ns}, {0, kick_ns}};
  syscall(SYS_timer_settime, kick_timer - 1, 0, &its, NULL);
}

/* Sends KICK_SIG to this thread soon, and then periodically, until
 * disarmed.  Async-signal-safe: system calls only.  If no timer can be
 * made, pending signals wait for the next interceptor here. */
static void arm_kick(void) {
  if (kick_timer != 0 || !atomic_load_explicit(&kick_ready, memory_order_acquire)) return;
  struct sigevent sev;
  memset(&sev, 0, sizeof(sev));
  sev.sigev_notify = SIGEV_THREAD_ID;
  sev.sigev_signo = KICK_SIG;
  sev.sigev_value.sival_ptr = (void *)&kick_magic;
  sev._sigev_un._tid = tg_gettid();
  int id;
  if (syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id) != 0) return;
  kick_timer = id + 1;
  kick_ns = KICK_FIRST_NS;
  set_kick_period();
}

static void disarm_kick(void) {
  if (kick_timer == 0) return;
  syscall(SYS_timer_delete, kick_timer - 1);
  kick_timer = 0;
}

static void defer(int sig, const siginfo_t *info, uptr h, int flags) {
  memcpy(pending_info[sig], info, INFO_BYTES);
  pending_handler[sig] = h;
  pending_flags[sig] = flags;
  atomic_fetch_or_explicit(&tg_sig_pending, bit(sig), memory_order_relaxed);
  arm_kick();
}

/* Runs what is pending and not blocked, lowest signal first, each with the
 * mask its action asks for.  Precondition: tg_cur == t, t->in_rt == 0. */
static void deliver_pending(tg_thread_t *t, void *uc) {
  if (atomic_load_explicit(&tg_sig_pending, memory_order_relaxed) == 0) {
    disarm_kick();
    return;
  }
  int saved = errno;
  ucontext_t here;
  if (uc == NULL && getcontext(&here) == 0) uc = &here;
  sigset_t cur;
  REAL(pthread_sigmask)(SIG_BLOCK, NULL, &cur);
  uint64_t p;
  while ((p = atomic_load_explicit(&tg_sig_pending, memory_order_relaxed)) != 0) {
    uint64_t todo = 0;
    for (int sig = 1; sig < NSIG_MAX; sig++)
      if ((p & bit(sig)) && !sigismember(&cur, sig)) todo |= bit(sig);
    if (todo == 0) break;
    int sig = __builtin_ctzll(todo) + 1;
    atomic_fetch_and_explicit(&tg_sig_pending, ~bit(sig), memory_order_relaxed);
    siginfo_t info;
    memset(&info, 0, sizeof(info));
    memcpy(&info, pending_info[sig], INFO_BYTES);
    uptr h = pending_handler[sig];
    int flags = pending_flags[sig];
    /* The program took its handler away since: as the kernel, drop it. */
    if (!user_handler(atomic_load(&acts[sig].handler)) &&
        !(pending_flags[sig] & SA_RESETHAND))
      continue;
    sigset_t during = acts[sig].mask, old;
    if (!(flags & SA_NODEFER)) sigaddset(&during, sig);
    REAL(pthread_sigmask)(SIG_BLOCK, &during, &old);
    run_observed(t, sig, &info, uc, h, flags);
    REAL(pthread_sigmask)(SIG_SETMASK, &old, NULL);
  }
  if (atomic_load_explicit(&tg_sig_pending, memory_order_relaxed) == 0) disarm_kick();
  errno = saved;
}

void tg_sig_deliver(tg_thread_t *t) {
  if (atomic_load_explicit(&tg_inited, memory_order_acquire)) deliver_pending(t, NULL);
}

/* ---- the kernel's handler ------------------------------------------- */

/* A fault the instruction itself raised: its handler must run now, and
 * belongs to the interrupted code's own order. */
static bool is_sync(int sig, const siginfo_t *info) {
  switch (sig) {
  case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP: case SIGSYS:
    return info->si_code > 0;
  default:
    return false;
  }
}

/* sig's action is SIG_DFL (reset by SA_RESETHAND, or the kick signal's):
 * what the kernel would have done. */
static void default_action(int sig) {
  if (sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT) return;
  struct sigaction dfl;
  memset(&dfl, 0, sizeof(dfl));
  dfl.sa_handler = SIG_DFL;
  REAL(sigaction)(sig, &dfl, NULL);
  /* Blocked while we run: taken when the handler returns. */
  syscall(SYS_tgkill, tg_getpid(), tg_gettid(), sig);
}

static void on_signal(int sig, siginfo_t *info, void *uc) {
  int saved = errno;
  tg_thread_t *t = tg_cur;
  if (sig == KICK_SIG && info->si_code == SI_TIMER &&
      info->si_value.sival_ptr == (void *)&kick_magic) {
    if (t != NULL && t->in_rt == 0) {
      deliver_pending(t, uc);
    } else if (kick_timer != 0 && kick_ns < KICK_MAX_NS) {
      kick_ns *= 2;
      set_kick_period();
    }
    errno = saved;
    return;
  }
  act_t *a = &acts[sig];
  uptr h = atomic_load_explicit(&a->handler, memory_order_acquire);
  int flags = atomic_load_explicit(&a->flags, memory_order_relaxed);
  /* SA_RESETHAND: only one arrival gets the handler, later ones SIG_DFL
   * (a failed exchange leaves h what a concurrent sigaction made it). */
  if (user_handler(h) && (flags & SA_RESETHAND))
    atomic_compare_exchange_strong(&a->handler, &h, (uptr)SIG_DFL);
  if (!user_handler(h)) {
    if (h == (uptr)SIG_DFL) default_action(sig);
    errno = saved;
    return;
  }
  bool sync = is_sync(sig, info);
  if (!sync && t != NULL && t->in_rt > 0) {
    defer(sig, info, h, flags);
    errno = saved;
  } else if (sync || t == NULL) {
    call(sig, info, uc, h, flags);
  } else {
    run_observed(t, sig, info, uc, h, flags);
  }
}

/* ---- longjmp out of a handler ---------------------------------------- */

void tg_sig_longjmp(uptr target_sp) {
  tg_thread_t *t = swapped_from;
  if (t == NULL) return;
  /* The handler ran on t's stack: a jump above its frame leaves it.  On
   * an alternate stack (outside t's), any jump into t's stack does. */
  bool on_stack = swap_sp >= t->stk_lo && swap_sp < t->stk_hi;
  bool leaves = on_stack ? target_sp > swap_sp
                         : target_sp >= t->stk_lo && target_sp < t->stk_hi;
  if (!leaves) return;
  tg_thread_t *c = tg_cur;
  c->in_rt++;
  tg_release(c, key(&me->handled[swap_sig]));
  c->in_rt--;
  c->depth = c->ctx_valid = 0;
  swapped_from = NULL;
  tg_cur = t;
  t->in_rt++;
  tg_acquire(t, key(&me->handled[swap_sig]));
  t->in_rt--;
}

/* ---- volatile accesses ------------------------------------------------ */

/* A volatile access of up to 4 bytes (hooks.def).  C11 lets a handler and
 * the code it interrupted share a volatile sig_atomic_t, so while the
 * program has a handler installed such an access is checked as a relaxed
 * atomic one: no race with another such access, still one with a plain
 * access, and no happens-before.  The price: two threads sharing a
 * volatile int then are not reported either (docs/signals.md).  Without a
 * handler it is a plain access, as ThreadSanitizer has it. */
static void volatile_access(void *addr, uint32_t size, bool write, uptr pc) {
  tg_thread_t *t = tg_cur;
  if (t == NULL || t->in_rt || t->ignore_accesses || !tg_race_on) return;
  bool relaxed = atomic_load_explicit(&nhandled, memory_order_relaxed) > 0;
  tg_access_range(t, (uptr)addr, size, write, relaxed, pc);
}

void __tangle_volatile_read(void *addr, uint32_t size) {
  volatile_access(addr, size, false, CALLER_PC);
}
void __tangle_volatile_write(void *addr, uint32_t size) {
  volatile_access(addr, size, true, CALLER_PC);
}

/* ---- interceptors ----------------------------------------------------- */

/* The calling thread when the runtime should do its work here (and has
 * delivered what was pending), else NULL.  Never adopts a thread: the
 * runtime itself calls pthread_sigmask while it adopts one. */
static tg_thread_t *sig_enter(void *uc) {
  tg_thread_t *t = tg_cur;
  if (t == NULL || t->in_rt > 0 ||
      !atomic_load_explicit(&tg_inited, memory_order_acquire))
    return NULL;
  if (atomic_load_explicit(&tg_sig_pending, memory_order_relaxed) != 0) deliver_pending(t, uc);
  return t;
}

/* In a forked child: the timer did not make it, and another thread may
 * have held act_lock. */
static void child_after_fork(void) {
  kick_timer = 0;
  atomic_store_explicit(&tg_sig_pending, 0, memory_order_relaxed);
  atomic_store_explicit(&act_lock.v, 0, memory_order_relaxed);
}

/* Once per process: the kick signal goes to on_signal.  Precondition:
 * act_lock held. */
static void install_kick(void) {
  if (atomic_load_explicit(&kick_ready, memory_order_relaxed)) return;
  struct sigaction old, sa;
  if (REAL(sigaction)(KICK_SIG, NULL, &old) != 0) return;
  if (!acts[KICK_SIG].known) {
    atomic_store(&acts[KICK_SIG].handler, (uptr)old.sa_handler);
    atomic_store(&acts[KICK_SIG].flags, old.sa_flags);
    acts[KICK_SIG].mask = old.sa_mask;
    acts[KICK_SIG].known = true;
  }
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&sa.sa_mask);
  if (REAL(sigaction)(KICK_SIG, &sa, NULL) != 0) return;
  pthread_atfork(NULL, NULL, child_after_fork);
  atomic_store_explicit(&kick_ready, 1, memory_order_release);
}

/* The program has no handler left: the kick signal is ignored again (not
 * SIG_DFL: a kick still on its way must not end the process), so that
 * nothing shows a handler where the program has none (the watchdog asks
 * the kernel whether a handler could end a wait).  Precondition: act_lock
 * held. */
static void retire_kick(void) {
  if (!atomic_load_explicit(&kick_ready, memory_order_relaxed)) return;
  for (int sig = 1; sig < NSIG_MAX; sig++)
    if (user_handler(atomic_load(&acts[sig].handler))) return;
  struct sigaction ign;
  memset(&ign, 0, sizeof(ign));
  ign.sa_handler = SIG_IGN;
  REAL(sigaction)(KICK_SIG, &ign, NULL);
  atomic_store_explicit(&kick_ready, 0, memory_order_release);
}

/* The action for the kernel: on_signal for a handler (and always for the
 * kick signal, whose own SIG_DFL/SIG_IGN on_signal emulates). */
static struct sigaction kernel_action(int sig, const struct sigaction *act) {
  struct sigaction k = *act;
  if (user_handler((uptr)act->sa_handler) || sig == KICK_SIG) {
    k.sa_sigaction = on_signal;
    k.sa_flags = (act->sa_flags & ~(SA_RESETHAND | SA_RESTORER_FLAG)) | SA_SIGINFO;
    if (sig == KICK_SIG) k.sa_flags |= SA_RESTART;
  }
  return k;
}

/* Precondition: t's in_rt set, act_lock held. */
static int set_action(tg_thread_t *t, int sig, const struct sigaction *act,
                      struct sigaction *oldact, uptr pc) {
  act_t *a = &acts[sig];
  struct sigaction prev;
  memset(&prev, 0, sizeof(prev));
  prev.sa_handler = (void (*)(int))atomic_load(&a->handler);
  prev.sa_flags = atomic_load(&a->flags);
  prev.sa_mask = a->mask;
  bool was_known = a->known;
  if (act != NULL) {
    /* Before the kernel can call it: the install happens before it. */
    a->mask = act->sa_mask;
    atomic_store(&a->flags, act->sa_flags);
    atomic_store_explicit(&a->handler, (uptr)act->sa_handler, memory_order_release);
    a->known = true;
    a->ctx = tg_ctx_intern(tg_thread_ctx(t, pc), (uptr)&sigaction + 1);
    tg_release(t, key(&install_key[sig]));
    if (!user_handler((uptr)act->sa_handler)) {
      atomic_fetch_and_explicit(&tg_sig_pending, ~bit(sig), memory_order_relaxed);
    }
  }
  struct sigaction k, kold;
  if (act != NULL) k = kernel_action(sig, act);
  int rc = REAL(sigaction)(sig, act ? &k : NULL, &kold);
  if (rc != 0 && act != NULL) { /* not a signal one may handle */
    atomic_store(&a->handler, (uptr)prev.sa_handler);
    atomic_store(&a->flags, prev.sa_flags);
    a->mask = prev.sa_mask;
    a->known = was_known;
  }
  if (rc == 0 && act != NULL)
    atomic_fetch_add(&nhandled, (int)user_handler((uptr)act->sa_handler) -
                                    (int)user_handler((uptr)prev.sa_handler));
  if (rc == 0 && oldact != NULL) *oldact = was_known ? prev : kold;
  if (rc == 0 && act != NULL && !user_handler((uptr)act->sa_handler)) retire_kick();
  return rc;
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *oldact) {
  tg_thread_t *t = sig_enter(NULL);
  if (t == NULL || sig <= 0 || sig >= NSIG_MAX) return REAL(sigaction)(sig, act, oldact);
  uptr pc = CALLER_PC;
  t->in_rt++;
  tg_spin_lock(&act_lock);
  if (act != NULL && user_handler((uptr)act->sa_handler)) install_kick();
  int rc = set_action(t, sig, act, oldact, pc);
  tg_spin_unlock(&act_lock);
  t->in_rt--;
  return rc;
}

/* signal() with the given flags; the previous handler, or SIG_ERR. */
static sighandler_t set_handler(int sig, sighandler_t h, int flags, uptr pc) {
  struct sigaction act, old;
  memset(&act, 0, sizeof(act));
  act.sa_handler = h;
  act.sa_flags = flags;
  sigemptyset(&act.sa_mask);
  tg_thread_t *t = sig_enter(NULL);
  int rc;
  if (t == NULL || sig <= 0 || sig >= NSIG_MAX) {
    rc = REAL(sigaction)(sig, &act, &old);
  } else {
    t->in_rt++;
    tg_spin_lock(&act_lock);
    if (user_handler((uptr)h)) install_kick();
    rc = set_action(t, sig, &act, &old, pc);
    tg_spin_unlock(&act_lock);
    t->in_rt--;
  }
  return rc == 0 ? old.sa_handler : SIG_ERR;
}

/* glibc's signal() has BSD semantics; sysv_signal resets and does not
 * block the signal in its handler. */
sighandler_t signal(int sig, sighandler_t h) {
  return set_handler(sig, h, SA_RESTART, CALLER_PC);
}
sighandler_t bsd_signal(int sig, sighandler_t h) {
  return set_handler(sig, h, SA_RESTART, CALLER_PC);
}
sighandler_t sysv_signal(int sig, sighandler_t h) {
  return set_handler(sig, h, SA_RESETHAND | SA_NODEFER, CALLER_PC);
}

static uint64_t set_bits(const sigset_t *s) {
  uint64_t b = 0;
  for (int sig = 1; sig < NSIG_MAX; sig++)
    if (sigismember(s, sig) == 1) b |= bit(sig);
  return b;
}

/* A mask change: what it unblocks is released to those handlers before
 * it happens; the handlers of what it blocks are done after it. */
static int change_mask(tg_thread_t *t, int how, const sigset_t *set, sigset_t *old) {
  sigset_t cur;
  if (t == NULL || set == NULL) return REAL(pthread_sigmask)(how, set, old);
  REAL(pthread_sigmask)(SIG_BLOCK, NULL, &cur);
  uint64_t before = set_bits(&cur), s = set_bits(set), after;
  if (how == SIG_BLOCK)
    after = before | s;
  else if (how == SIG_UNBLOCK)
    after = before & ~s;
  else
    after = s;
  release_unblocked(t, before & ~after);
  int rc = REAL(pthread_sigmask)(how, set, old);
  if (rc == 0) acquire_handled(t, after & ~before);
  return rc;
}

void tg_sig_setmask(const sigset_t *set, sigset_t *old) {
  REAL(pthread_sigmask)(SIG_SETMASK, set, old);
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old) {
  return change_mask(sig_enter(NULL), how, set, old);
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old) {
  int rc = change_mask(sig_enter(NULL), how, set, old);
  if (rc != 0) {
    errno = rc;
    return -1;
  }
  return 0;
}

REAL_SLOT(sigsuspend);
REAL_SLOT(pause);

/* Waiting for a handler: the ones that ran during the wait are done when
 * it returns. */
int sigsuspend(const sigset_t *mask) {
  tg_thread_t *t = sig_enter(NULL);
  if (t == NULL) return REAL(sigsuspend)(mask);
  sigset_t cur;
  REAL(pthread_sigmask)(SIG_BLOCK, NULL, &cur);
  release_unblocked(t, set_bits(&cur) & ~set_bits(mask));
  ran = 0;
  int rc = REAL(sigsuspend)(mask);
  acquire_handled(t, ran);
  return rc;
}

int pause(void) {
  tg_thread_t *t = sig_enter(NULL);
  if (t == NULL) return REAL(pause)();
  ran = 0;
  int rc = REAL(pause)();
  acquire_handled(t, ran);
  return rc;
}

/* ---- sending and waiting --------------------------------------------- */

static void sending(tg_thread_t *t, int sig) {
  if (t == NULL || sig <= 0 || sig >= NSIG_MAX) return;
  t->in_rt++;
  tg_release(t, key(&sent_key[sig]));
  t->in_rt--;
}

/* The signal went to the calling thread itself: delivered before the call
 * returned, if it was not blocked. */
static void sent_to_self(tg_thread_t *t, int sig) {
  if (t == NULL || sig <= 0 || sig >= NSIG_MAX) return;
  acquire_handled(t, bit(sig));
}

REAL_SLOT(raise);
REAL_SLOT(kill);
REAL_SLOT(pthread_kill);
REAL_SLOT(sigqueue);
REAL_SLOT(sigwait);
REAL_SLOT(sigwaitinfo);
REAL_SLOT(sigtimedwait);

int raise(int sig) {
  tg_thread_t *t = sig_enter(NULL);
  sending(t, sig);
  int rc = REAL(raise)(sig);
  if (rc == 0) sent_to_self(t, sig);
  return rc;
}

int pthread_kill(pthread_t th, int sig) {
  tg_thread_t *t = sig_enter(NULL);
  sending(t, sig);
  int rc = REAL(pthread_kill)(th, sig);
  if (rc == 0 && pthread_equal(th, pthread_self())) sent_to_self(t, sig);
  return rc;
}

int kill(pid_t pid, int sig) {
  tg_thread_t *t = sig_enter(NULL);
  sending(t, sig);
  int rc = REAL(kill)(pid, sig);
  int saved = errno;
  if (rc == 0 && pid == tg_getpid()) sent_to_self(t, sig);
  errno = saved;
  return rc;
}

int sigqueue(pid_t pid, int sig, const union sigval value) {
  tg_thread_t *t = sig_enter(NULL);
  sending(t, sig);
  int rc = REAL(sigqueue)(pid, sig, value);
  int saved = errno;
  if (rc == 0 && pid == tg_getpid()) sent_to_self(t, sig);
  errno = saved;
  return rc;
}

/* A signal taken by sigwait* is a message from whoever sent it. */
static void received(tg_thread_t *t, int sig) {
  if (t == NULL || sig <= 0 || sig >= NSIG_MAX) return;
  int saved = errno;
  t->in_rt++;
  tg_acquire(t, key(&sent_key[sig]));
  t->in_rt--;
  errno = saved;
}

int sigwait(const sigset_t *set, int *sig) {
  tg_thread_t *t = sig_enter(NULL);
  int rc = REAL(sigwait)(set, sig);
  if (rc == 0) received(t, *sig);
  return rc;
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info) {
  tg_thread_t *t = sig_enter(NULL);
  int rc = REAL(sigwaitinfo)(set, info);
  if (rc > 0) received(t, rc);
  return rc;
}

int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout) {
  tg_thread_t *t = sig_enter(NULL);
  int rc = REAL(sigtimedwait)(set, info, timeout);
  if (rc > 0) received(t, rc);
  return rc;
}
