/* tg.h — the runtime's internal interfaces, shared by its modules.
 *
 * One section per module, in dependency order: platform (checks, raw output,
 * internal allocation, spinlocks), flags, vector clocks, calling contexts,
 * threads, shadow memory and accesses, sync objects, heap blocks, stacks and
 * symbolization, reports, init.  Cross-module names are tg_<module>_*; the
 * only exported names are the __tangle_* hooks (hooks.def) and the
 * interceptors (the libc/pthread names they replace).
 *
 * Locking, from outermost to innermost (never take an outer one while holding
 * an inner one):
 *   report lock (report.c)  >  sync object lock (sync.c)  >
 *   lock-graph lock (lockgraph.c)  >  a thread's dl state lock (lockset.c)  >
 *   thread registry lock (thread.c)  >  shadow stripe locks (access.c)  >
 *   context table, heap table, allocator (lock-free or leaf locks)
 * The runtime never calls the program's pthread locks for itself.
 */
#ifndef TG_H
#define TG_H

#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tangle_abi.h"

typedef uintptr_t uptr;

#define TG_LIKELY(x) __builtin_expect(!!(x), 1)
#define TG_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define TG_NOINLINE __attribute__((noinline))
#define TG_INLINE static inline __attribute__((always_inline))
#define TG_NORETURN __attribute__((noreturn))
#define TG_EXPORT __attribute__((visibility("default")))
#define TG_TLS __thread __attribute__((tls_model("initial-exec")))
#define TG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define TG_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- platform_linux.c ------------------------------------------------ */

/* Broken invariant: prints "tangle: CHECK failed: file:line: cond", aborts. */
TG_NORETURN void tg_check_failed(const char *file, int line, const char *cond);
#define TG_CHECK(c) \
  do { if (TG_UNLIKELY(!(c))) tg_check_failed(__FILE__, __LINE__, #c); } while (0)
#ifdef TG_DEBUG
#define TG_DCHECK(c) TG_CHECK(c)
#else
#define TG_DCHECK(c) do { (void)sizeof(c); } while (0)
#endif

/* Output that bypasses stdio (and its locks): straight write(2) to fd 2. */
void tg_write_all(int fd, const char *buf, size_t n);
void tg_printf(const char *fmt, ...) TG_PRINTF(1, 2);
/* A user-facing fatal error: prints "tangle: <message>\n" and _exit(1)s. */
TG_NORETURN void tg_die(const char *fmt, ...) TG_PRINTF(1, 2);

/* The runtime's own heap: glibc's __libc_* entry points, which the program's
 * malloc interceptors never see.  tg_calloc zeroes; tg_free(NULL) is fine. */
void *tg_malloc(size_t n);
void *tg_calloc(size_t n);
void *tg_realloc(void *p, size_t n);
void tg_free(void *p);
char *tg_strdup(const char *s);
/* The whole file at path, NUL-terminated (its length in *len), in tg_malloc
 * memory; NULL with *err set to an errno value if it cannot be read.  Uses
 * the system calls directly, around the program's interceptors. */
char *tg_read_file(const char *path, size_t *len, int *err);
/* Reserve (not commit) address space; dies with a clear error on failure. */
void *tg_mmap_reserve(size_t n);
/* Give the pages of [p, p+n) back to the kernel; they read as zero after. */
void tg_release_pages(void *p, size_t n);
/* Has the program a signal handler installed (in the kernel, so whoever
 * installed it)?  With without_restart, only one lacking SA_RESTART counts.
 * The signals glibc keeps for itself (32 up to SIGRTMIN) are not the
 * program's. */
bool tg_handler_installed(bool without_restart);

/* Spinlocks for the runtime's own tables.  Zero-initialized is unlocked. */
typedef struct { atomic_int v; } tg_spin_t;
TG_INLINE bool tg_spin_trylock(tg_spin_t *l) {
  return atomic_exchange_explicit(&l->v, 1, memory_order_acquire) == 0;
}
void tg_spin_lock_slow(tg_spin_t *l);
TG_INLINE void tg_spin_lock(tg_spin_t *l) {
  if (TG_UNLIKELY(!tg_spin_trylock(l))) tg_spin_lock_slow(l);
}
TG_INLINE void tg_spin_unlock(tg_spin_t *l) {
  atomic_store_explicit(&l->v, 0, memory_order_release);
}

int tg_gettid(void);
int tg_getpid(void);

/* ---- flags.c (table in flags.def) ------------------------------------ */

typedef struct {
#define TG_FLAG_TYPE_BOOL int
#define TG_FLAG_TYPE_INT long
#define TG_FLAG_TYPE_STRING const char *
#define TG_FLAG(type, name, def, help) TG_FLAG_TYPE_##type name;
#include "flags.def"
#undef TG_FLAG
} tg_flags_t;
extern tg_flags_t tg_flags;

/* Parses TANGLE_OPTIONS (ignored for set-uid programs).  On an unknown key
 * or a bad value prints one line naming the key and _exit(1)s. */
void tg_flags_init(void);
/* Parses "k=v:k=v" into *f; on error writes a one-line message to err and
 * returns false.  Exposed for the unit tests. */
bool tg_flags_parse(tg_flags_t *f, const char *s, char *err, size_t errsz);
void tg_flags_set_defaults(tg_flags_t *f);

/* ---- vclock.c -------------------------------------------------------- */

/* Thread ids are dense slots of the vector clocks.  The main thread is tid
 * 0.  A tid is reused by a thread whose creator has acquired the exit of
 * the slot's last holder; the new holder continues the slot's clock, so an
 * epoch tid@clock still names one thread (thread.c).  Clocks start at 1. */
typedef uint16_t tg_tid_t;
typedef uint32_t tg_clock_t;
#define TG_MAX_THREADS 65535u
#define TG_TID_NONE ((tg_tid_t)0xffff)

/* A vector clock: c[i] for i < n; entries at i >= n are 0.  The buffer
 * holds cap entries, cap 0 or at least TG_VC_MIN_CAP (so a copy of a short
 * clock may move TG_VC_MIN_CAP entries whole). */
#define TG_VC_MIN_CAP 8
typedef struct {
  uint32_t n, cap;
  tg_clock_t *c;
} tg_vc_t;

void tg_vc_free(tg_vc_t *vc);
TG_INLINE tg_clock_t tg_vc_get(const tg_vc_t *vc, tg_tid_t t) {
  return t < vc->n ? vc->c[t] : 0;
}
void tg_vc_set(tg_vc_t *vc, tg_tid_t t, tg_clock_t c);
void tg_vc_join(tg_vc_t *dst, const tg_vc_t *src); /* dst = max(dst, src) */
void tg_vc_copy(tg_vc_t *dst, const tg_vc_t *src); /* dst = src */
bool tg_vc_leq(const tg_vc_t *a, const tg_vc_t *b); /* a <= b pointwise */

/* ---- context.c: calling contexts ------------------------------------- */

/* An interned calling context: a node (parent, pc) in one global tree, so a
 * whole stack is one 32-bit id that stays valid for the life of the process
 * (this is how the stack of an earlier access is never lost).  0 is the
 * root (empty stack). */
typedef uint32_t tg_ctx_t;
#define TG_MAX_FRAMES 64  /* frames kept in a report stack */

tg_ctx_t tg_ctx_intern(tg_ctx_t parent, uptr pc);
/* Innermost pc first; returns the number written (at most max). */
int tg_ctx_unwind(tg_ctx_t ctx, uptr *pcs, int max);

/* In the child of fork: unlock the race engine's locks (context.c,
 * access.c, atomic.c), which threads that no longer exist may have held. */
void tg_ctx_fork_child(void);
void tg_access_fork_child(void);
void tg_atomic_fork_child(void);

/* ---- thread.c -------------------------------------------------------- */

#define TG_SHADOW_STACK_MAX 65536

typedef enum { TG_THR_CREATED, TG_THR_RUNNING, TG_THR_FINISHED } tg_thr_state_t;

/* A thread's number, T<n> in reports: the order of creation (0: the main
 * thread), never reused, unlike its tid. */
typedef uint32_t tg_tnum_t;
#define TG_TNUM_NONE 0xffffffffu

/* Deadlock detection's per-thread state: the locks the thread holds
 * (lockset.c) and what it is blocked on (waitfor.c). */
#define TG_EDGE_CACHE 64 /* lock-order edges remembered per thread */

typedef struct {
  uptr addr;
  uint32_t node, serial; /* lock-graph node, and its serial number (the
                            node is stale if that changed: the lock died) */
  uint32_t count;     /* recursion depth */
  uint8_t kind;       /* TG_SYNC_MUTEX, TG_SYNC_RWLOCK or TG_SYNC_SPIN */
  bool write;         /* exclusive: a mutex, a spinlock, an rwlock's writer */
  tg_ctx_t ctx;       /* where it was acquired, the lock call on top */
  uptr pc;            /* the call site */
  tg_vc_t vc;         /* the thread's clock just before it acquired it */
} tg_held_t;

typedef enum {
  TG_WAIT_NONE, TG_WAIT_MUTEX, TG_WAIT_RDLOCK, TG_WAIT_WRLOCK, TG_WAIT_SPIN,
  TG_WAIT_JOIN, TG_WAIT_COND, TG_WAIT_SEM, TG_WAIT_BARRIER,
  TG_WAIT_CHAN_RECV, TG_WAIT_CHAN_SEND, /* a channel: obj is its key */
} tg_wait_kind_t;

typedef struct {
  uint8_t kind;         /* tg_wait_kind_t */
  uptr obj;             /* the lock, condition variable, semaphore, barrier */
  tg_tid_t target;      /* TG_WAIT_JOIN: the thread waited for */
  const char *call;     /* "pthread_mutex_lock", ... */
  uint64_t order;       /* waits begun in the process before this one */
  tg_ctx_t ctx;         /* a lock wait: the interned stack, the call on top */
  int npcs;             /* other waits: the whole stack, the call on top */
  uptr pcs[TG_MAX_FRAMES];
} tg_wait_t;

/* A thread's deadlock-detection state, apart from tg_thread_t because only
 * a running thread needs it: made on its first lock or wait (lockset.c),
 * given back to a pool when the thread finishes holding nothing (kept
 * otherwise, to name the holder of what it abandoned).  Pooled states are
 * never freed, so another thread may read the state it found in t->dl, and
 * checks under its lock that owner is still t.
 * lock guards owner, wait_seq and wait: the thread changes them under it,
 * others (the watchdog, a report naming a holder) read them under it.  The
 * thread changes nheld and held[] without it (an append is published by a
 * release store of nheld; any other change is made inside an odd held_seq),
 * and others read them under it, again if held_seq moved (lockset.c).  The
 * rest is the thread's alone. */
typedef struct tg_dl_state {
  tg_spin_t lock;
  struct tg_thread *owner;
  uint32_t nheld;
  atomic_uint wait_seq; /* bumped by every wait begin and end: odd inside */
  atomic_uint held_seq; /* odd while the thread moves or changes entries of
                           held[] (lockset.c) */
  tg_wait_t wait;
  uint64_t edge_gen;  /* a change forgets edge_cache */
  uint64_t edge_cache[TG_EDGE_CACHE]; /* lock-order edges already made */
  struct tg_dl_state *next_free;      /* in the pool */
  tg_held_t held[]; /* room for tg_flags.max_held_locks */
} tg_dl_state_t;

typedef struct tg_thread {
  tg_tid_t tid;
  /* The current epoch in shadow encoding (see shadow.h), recomputed by
   * tg_thread_tick; the fast path compares against it. */
  uint64_t epoch;
  tg_vc_t vc; /* vc.c[tid] is this thread's own clock */
  /* Reentrancy guard: >0 while the runtime runs on this thread.  A hook or
   * interceptor entered while it is set (a signal handler interrupting the
   * runtime) does only the program's operation, so it cannot deadlock on a
   * runtime lock the interrupted code holds. */
  int in_rt;
  int ignore_accesses; /* >0: accesses are not checked (runtime internals) */

  /* Shadow call stack: pcs[i] is the return address pushed by the i-th
   * func_entry; ctxs[i] is the interned context of frames 0..i, valid for
   * i < ctx_valid (filled lazily by tg_thread_ctx). */
  uptr *pcs;
  tg_ctx_t *ctxs;
  uint32_t depth, ctx_valid;

  int os_tid;
  uptr stk_lo, stk_hi; /* the thread's stack, for "Location is stack" */
  tg_tnum_t num, parent; /* its number and its creator's (TG_TNUM_NONE) */
  tg_ctx_t create_ctx; /* where pthread_create was called */
  /* Its tid's clock started at clock0; prev_holder is the thread that had
   * the tid before (whose epochs are all below clock0). */
  tg_clock_t clock0;
  struct tg_thread *prev_holder;
  struct tg_thread *zombie_next; /* thread.c: detached, finished */
  _Atomic int retired;           /* reaped or dropped (thread.c) */
  _Atomic int state;   /* tg_thr_state_t */
  _Atomic int detached;
  tg_vc_t exit_vc; /* the thread's clock when it finished (for join) */

  /* C11 fences (atomic.c): fence_rel is the clock at the last release
   * fence, published by later relaxed stores; fence_acq collects what
   * relaxed loads read since, taken by the next acquire fence. */
  tg_vc_t fence_rel, fence_acq;
  bool has_fence_rel;
  /* atomic_begin..atomic_end bracket (atomic.c): the address's sync
   * object, held locked, or else its stripe lock. */
  struct tg_sync *atomic_obj;
  tg_spin_t *atomic_lock;
  uint32_t atomic_skip;

  /* Deadlock detection: NULL until the thread first locks or waits. */
  tg_dl_state_t *_Atomic dl;
} tg_thread_t;

extern TG_TLS tg_thread_t *tg_cur;

/* The calling thread's state, creating it for threads the runtime did not
 * see start (created before init or by a raw clone). */
tg_thread_t *tg_thread_self_slow(void);
TG_INLINE tg_thread_t *tg_thread_self(void) {
  tg_thread_t *t = tg_cur;
  return TG_LIKELY(t != NULL) ? t : tg_thread_self_slow();
}
/* Registry. tg_thread_new gives the child a copy of parent's clock and ticks
 * the parent; the child is not yet running. */
tg_thread_t *tg_thread_new(tg_thread_t *parent, tg_ctx_t create_ctx);
tg_thread_t *tg_thread_get(tg_tid_t tid); /* its latest holder, or NULL */
uint32_t tg_thread_count(void);           /* 1 + the highest tid handed out */
/* The thread that made epoch tid@clock (clock 0: the tid's latest holder),
 * or NULL.  For reports: walks the tid's earlier holders. */
tg_thread_t *tg_thread_at(tg_tid_t tid, tg_clock_t clock);
tg_thread_t *tg_thread_by_num(tg_tnum_t num); /* NULL if none */
/* In the new thread, before it runs user code. */
void tg_thread_start(tg_thread_t *t);
/* In the thread, after its last user code (return or pthread_exit). */
void tg_thread_finish(tg_thread_t *t);
/* After the thread is gone (joined, by the caller): frees what only a
 * running thread needs, its clocks and its shadow stack (kept for a later
 * thread), and lets a later thread take its tid.  What reports use stays. */
void tg_thread_reap(tg_thread_t *t);
/* t is detached and finished (no join will reap it): its clocks and shadow
 * stack go once its OS thread is gone.  Its tid is not reused: no join
 * publishes its last epoch.  Idempotent. */
void tg_thread_drop(tg_thread_t *t);
/* Increment the thread's own clock (after a release). */
void tg_thread_tick(tg_thread_t *t);
/* The thread whose stack holds addr, or NULL. */
tg_thread_t *tg_thread_by_stack(uptr addr);
/* Intern the current shadow stack, with pc as the innermost frame. */
tg_ctx_t tg_thread_ctx(tg_thread_t *t, uptr pc);
/* In the child of fork (the calling thread is the only one left): reset
 * the registry lock and mark every other thread finished. */
void tg_thread_fork_child(void);

/* ---- shadow.h / access.c --------------------------------------------- */

/* The shadow encoding of epoch tid@clock (thread.c keeps t->epoch in it). */
uint64_t tg_shadow_epoch(tg_tid_t tid, tg_clock_t clock);
/* Race detection is on (flag detect_races and no detector shut down). */
extern int tg_race_on;

/* Check an access of [addr, addr+size) by thread t at pc and record it.
 * Used by interceptors (free as a write of the block, memcpy ranges). */
void tg_access_range(tg_thread_t *t, uptr addr, size_t size, bool write,
                     bool atomic, uptr pc);
/* Like tg_access_range, but the recorded stack of the write is ctx (e.g.
 * the stack of free()). */
void tg_access_range_ctx(tg_thread_t *t, uptr addr, size_t size, bool write,
                         tg_ctx_t ctx, uptr pc);
/* Forget every access to [addr, addr+size): the memory was handed out anew. */
void tg_shadow_reset(uptr addr, size_t size);
void tg_shadow_init(void);

/* ---- sync.c: sync objects and happens-before ------------------------- */

typedef enum {
  TG_SYNC_MUTEX, TG_SYNC_RWLOCK, TG_SYNC_SPIN, TG_SYNC_COND, TG_SYNC_SEM,
  TG_SYNC_BARRIER, TG_SYNC_ONCE, TG_SYNC_ATOMIC, TG_SYNC_ANNOTATION, TG_SYNC_CHAN,
} tg_sync_kind_t;

typedef struct tg_sync {
  uptr addr;
  struct tg_sync *next; /* hash chain */
  tg_spin_t lock;       /* protects every field below */
  /* What every lock and unlock touches first, on one cache line. */
  uint8_t kind;         /* tg_sync_kind_t */
  uint8_t mutex_type;   /* PTHREAD_MUTEX_* when known */
  bool destroyed;       /* a mutex after pthread_mutex_destroy */
  bool dead;            /* removed from the table (sync.c: lookups that
                           found it without the table lock look again) */
  tg_tid_t owner;       /* holding writer, TG_TID_NONE if none; atomics:
                           the thread whose stores continue the release
                           sequence (atomic.c) */
  tg_tid_t destroyer;   /* ... by this thread */
  uint32_t recursion;   /* lock count of owner */
  uint32_t lg_node, lg_serial; /* lock-graph node, 0 until first needed */
  uint64_t covered;     /* bit i (tid i < 64): thread i's clock is >= clock,
                           so its acquire of clock has nothing to join */
  tg_vc_t clock;        /* release clock (write-release for rwlocks) */
  tg_vc_t rclock;       /* read-release clock (rwlocks); atomics: the
                           owner's part of clock (atomic.c) */
  uint32_t readers;     /* read holders (rwlocks) */
  uint32_t count, arrived, gen; /* barriers */
  tg_vc_t gen_clock[2];         /* barriers: arrivals of a generation */
  tg_ctx_t ctx;         /* where it was initialized or first used; where it
                           was destroyed if destroyed */
} tg_sync_t;

/* covered (above) is kept exact, never too large: every change of clock
 * by t makes it something within the old clock joined with a clock t has
 * had (t's own, or its clock at a fence), after which only t can be sure
 * to cover it, if it did before; an acquire by t joins it (or skips the
 * join, covered) and then t covers it.  A thread's clock only grows.
 * Only thread i ever sets bit i: atomic.c's lock-free load relies on it
 * (a set bit read before and after the load means no clock-changing store
 * was read, because such a store clears the other bits before it writes). */
TG_INLINE uint64_t tg_tid_bit(tg_tid_t tid) { return tid < 64 ? 1ull << tid : 0; }
/* After t changed s->clock.  Precondition: s locked. */
TG_INLINE void tg_sync_clock_changed(tg_sync_t *s, const tg_thread_t *t) {
  s->covered &= tg_tid_bit(t->tid);
}
/* into |= s->clock, where into is t's clock or a clock that ends up in it
 * (an acquire fence's): skipped when t's clock already covers s's.
 * Precondition: s locked. */
TG_INLINE void tg_sync_acquire_into(tg_vc_t *into, tg_thread_t *t, tg_sync_t *s) {
  uint64_t bit = tg_tid_bit(t->tid);
  if ((s->covered & bit) != 0 || s->clock.n == 0) return;
  tg_vc_join(into, &s->clock);
  if (into == &t->vc) s->covered |= bit;
}

/* Find (or, if create, make) the object at addr; returns it locked, or NULL
 * when !create and none exists.  Release with tg_sync_unlock. */
tg_sync_t *tg_sync_get(uptr addr, tg_sync_kind_t kind, bool create);
TG_INLINE void tg_sync_unlock(tg_sync_t *s) { tg_spin_unlock(&s->lock); }
/* Forget the object at addr (destroy, or its memory was freed). */
void tg_sync_remove(uptr addr);
/* Forget every object in [addr, addr+size) (the memory was freed). */
void tg_sync_remove_range(uptr addr, size_t size);
/* In the child of fork: reset the table's and the objects' locks. */
void tg_sync_fork_child(void);
/* Forget the object at addr, leaving in its place a fresh one marked
 * destroyed (by t, at ctx): a later lock of it is reported. */
void tg_sync_mark_destroyed(uptr addr, tg_tid_t tid, tg_ctx_t ctx);

/* Happens-before primitives on the object at addr (created on demand). */
void tg_acquire(tg_thread_t *t, uptr addr);       /* t.vc |= s.clock */
void tg_release(tg_thread_t *t, uptr addr);       /* s.clock |= t.vc; tick */
void tg_release_store(tg_thread_t *t, uptr addr); /* s.clock = t.vc; tick */
/* Annotations synchronize through a hidden object per address, apart from
 * the atomic or lock that may live there (a relaxed store to a flag must
 * not erase what an annotation on the flag published): their key is the
 * address with this bit set, never a user address.  The table files and
 * frees tagged keys under the untagged address. */
#define TG_SYNC_HIDDEN ((uptr)1 << 63)

/* ---- lockset.c: the lock helpers every kind of lock shares ---------- */

/* After a real lock of the lock at addr succeeded (kind TG_SYNC_MUTEX,
 * _RWLOCK or _SPIN; write: exclusive; blocking: the thread could have
 * waited, so lock-order edges are made; the call at pc in the intercepted
 * function fn).  Acquires what earlier unlocks released and, with deadlock
 * detection, joins the thread's held set. */
void tg_lock_acquired(tg_thread_t *t, const volatile void *addr, tg_sync_kind_t kind,
                      bool write, bool blocking, uptr pc, uptr fn);
/* Before the real unlock: releases, and drops the lock from the held set;
 * false when deadlock detection is on and the thread did not hold it. */
bool tg_lock_releasing(tg_thread_t *t, const volatile void *addr, tg_sync_kind_t kind,
                       uptr pc);

/* ---- annotate.c ------------------------------------------------------ */

/* [addr, addr+size) overlaps a range declared a benign race (annotations):
 * a race on it is not reported.  Lock-free. */
bool tg_annotate_is_benign(uptr addr, size_t size);

/* ---- chan.c: channels, per message (DESIGN §4) ----------------------- */

/* A channel is any object messages go through: a pipe (keyed by its inode),
 * a message queue, a GAsyncQueue, a channel declared in a model file or by
 * annotations.  A receive acquires the clock of the message it got, and of
 * no other.  A message is named by key when the channel can say which one a
 * receive got (a GAsyncQueue's data pointer); with key 0, messages are
 * matched in FIFO order.
 *
 * Send: before the real send makes the message visible, records t's clock
 * for it.  Recv: after a real receive got a message, acquires its clock
 * (no-op if no send of it was recorded).  Close: before the real close;
 * recv_closed: after a receive saw the channel closed, acquires the
 * close's clock.  Destroy: the channel is gone (its messages too). */
void tg_chan_send(tg_thread_t *t, uptr ch, uptr key);
void tg_chan_recv(tg_thread_t *t, uptr ch, uptr key);
void tg_chan_close(tg_thread_t *t, uptr ch);
void tg_chan_recv_closed(tg_thread_t *t, uptr ch);
void tg_chan_destroy(uptr ch);
/* How a report names the channel ch when it is not at a program address:
 * *what is the noun ("pipe", "socket", "eventfd", "message queue") and
 * name the rest ("fd 3", "/jobs"); false for a channel named like any
 * other object (a GAsyncQueue, an annotated channel). */
bool tg_chan_describe(uptr ch, const char **what, char *name, size_t n);
/* In the child of fork: reset chan.c's locks. */
void tg_chan_fork_child(void);

/* ---- lockset.c, lockgraph.c, waitfor.c: deadlock detection ----------- */

/* Deadlock detection is on (flag detect_deadlocks, and no limit hit). */
extern int tg_dl_on;
void tg_dl_init(void);
/* More than limit `what` (say "locks alive at once"), the size of a table
 * that option sizes: say so in one line naming both, then turn deadlock
 * detection off. */
void tg_dl_shutdown(const char *what, long limit, const char *option);

/* lockset.c: the held-lock set.  Precondition for both: s locked, t's
 * clock not yet joined with s's (the entry keeps the clock from before).
 * Adds the acquisition of s by t (a new entry, or one more level of
 * recursion; made at pc by the interceptor fn) and returns the new entry,
 * or NULL for a recursion. */
tg_held_t *tg_ls_acquire(tg_thread_t *t, tg_sync_t *s, bool write, uptr pc,
                         uptr fn);
/* After s is unlocked: a blocking acquisition makes lock-order edges from
 * every other lock t holds to h. */
void tg_ls_acquired(tg_thread_t *t, tg_held_t *h, bool blocking);
/* Before the real unlock: drops one level of t's hold on addr; false when
 * t did not hold it. */
bool tg_ls_release(tg_thread_t *t, uptr addr);
/* t's entry for addr, or NULL. */
tg_held_t *tg_ls_find(tg_thread_t *t, uptr addr);
/* t's deadlock state, made (or taken from the pool) if it has none. */
tg_dl_state_t *tg_ls_state(tg_thread_t *t);
/* Another thread's state, locked, if it has one: release with
 * tg_spin_unlock(&d->lock). */
tg_dl_state_t *tg_ls_lock_other(tg_thread_t *o);
/* Up to max threads that hold addr (in write mode only, if writers_only),
 * with where they acquired it when ctxs is not NULL.  Takes each thread's
 * state lock in turn. */
int tg_ls_holders(uptr addr, bool writers_only, tg_tid_t *tids, tg_ctx_t *ctxs,
                  int max);
/* Lock misuse, checked by the mutex interceptors (t, the call at pc in the
 * interceptor fn).  Each reports, and lets the real call go ahead. */
void tg_ls_check_lock(tg_thread_t *t, void *m, uptr pc, uptr fn);
void tg_ls_check_unlock(tg_thread_t *t, void *m, uptr pc, uptr fn);
void tg_ls_check_destroy(tg_thread_t *t, void *m, uptr pc, uptr fn);
/* A lock of m by t would wait for ever: m is a normal or default mutex
 * (glibc's __kind, so static initializers count) that t owns. */
bool tg_ls_mutex_relock_hangs(tg_thread_t *t, void *m);
/* t has finished: its state goes back to the pool, unless it still holds
 * locks (abandoned: they stay known, the clocks go).  Precondition: t is
 * the calling thread, or never ran. */
void tg_ls_thread_finish(tg_thread_t *t);
/* In the child of fork: reset every state's lock and the pool's. */
void tg_ls_fork_child(void);
/* t released something other threads may acquire before they make their
 * own lock-order edges (create, sem_post, barrier, condvar signal): its
 * next edges go to the graph again instead of being found in its cache, so
 * an edge that is now concurrent with another thread's is not hidden by the
 * same edge made while it was still ordered before it. */
TG_INLINE void tg_ls_refresh_edges(tg_thread_t *t) {
  tg_dl_state_t *d = atomic_load_explicit(&t->dl, memory_order_relaxed);
  if (d != NULL) d->edge_gen++;
}

/* lockgraph.c: the lock-order graph.  The node of the lock s (made on first
 * use, where ctx says); 0 when the graph is full.  Precondition: s locked. */
uint32_t tg_lg_node(tg_sync_t *s, tg_ctx_t ctx);
/* The lock at node (with that serial) is gone: its edges go with it. */
void tg_lg_forget(uint32_t node, uint32_t serial);
/* Edges from each lock t holds (but b) to b, b being acquired (blocking);
 * a new edge that closes a cycle that can deadlock is reported. */
void tg_lg_add_edges(tg_thread_t *t, const tg_held_t *b);
/* The n of M<n> for the object at addr, numbered now if it was not, and
 * where it was first locked (a lock) or used (other objects); 0 if that is
 * not known.  Precondition: no runtime lock held but the report lock. */
uint32_t tg_lg_number(uptr addr, tg_sync_kind_t kind, tg_ctx_t *first_ctx);
void tg_lg_fork_child(void);

/* waitfor.c: wait records and the watchdog.  A blocking call brackets the
 * real call that may block for ever (kind on obj, or the thread target for
 * a join) with begin and end; begin records the stack from pc with the
 * interceptor fn on top (see waitfor.c for which stack), and starts the
 * watchdog on first use. */
void tg_wf_begin(tg_thread_t *t, tg_wait_kind_t kind, uptr obj, tg_tid_t target,
                 const char *call, uptr pc, uptr fn);
void tg_wf_end(tg_thread_t *t);
/* A call that can never return: report the deadlock and exit.  held_ctx is
 * where t acquired the lock it relocks (0 for a join). */
TG_NORETURN void tg_wf_self_deadlock(tg_thread_t *t, tg_wait_kind_t kind, uptr obj,
                                     tg_tid_t target, const char *call, uptr pc,
                                     uptr fn, tg_ctx_t held_ctx);
/* In the child of fork: the watchdog did not make it; restart it lazily. */
void tg_wf_fork_child(void);

/* ---- alloc.c: heap blocks -------------------------------------------- */

typedef struct {
  uptr addr;
  size_t size;
  tg_tnum_t tid; /* allocating thread's number */
  tg_ctx_t ctx;  /* allocation stack */
} tg_block_t;

/* The live heap block containing addr (blocks are recorded only while race
 * detection is on). */
bool tg_alloc_find(uptr addr, tg_block_t *out);
/* In the child of fork: reset the heap table's locks. */
void tg_alloc_fork_child(void);

/* ---- stack.c / symbolize.c ------------------------------------------- */

/* The calling thread's stack via libunwind, innermost first, starting at the
 * frame whose pc is start_pc (frames of the runtime above it dropped). */
int tg_stack_unwind(uptr start_pc, uptr *pcs, int max);

typedef struct {
  char func[256];
  char file[512];
  int line, col;
  char module[256];
  uptr module_offset;
} tg_frame_t;

/* Every pc the runtime records is a return address (of a hook call, of a
 * function, or a synthetic "function start + 1"), so the symbolizer is asked
 * about pc-1.  Fills up to max frames, innermost inlined frame first; returns
 * how many (at least 1: an unknown frame carries module and offset only).
 * Precondition for both: report lock held (it guards the symbolizer). */
int tg_symbolize_pc(uptr pc, tg_frame_t *out, int max);
/* Global variable containing addr: its name, start and size. */
bool tg_symbolize_data(uptr addr, char *name, size_t namesz, uptr *start,
                       size_t *size, char *module, size_t modsz, uptr *modoff);

/* ---- report.c / report_print.c --------------------------------------- */

typedef enum {
#define TG_REPORT_KIND(id, title, name, help) TG_REPORT_##id,
#include "report_kinds.def"
#undef TG_REPORT_KIND
  TG_REPORT_KIND_COUNT
} tg_report_kind_t;

/* One side of a race: the access as the shadow recorded it. */
typedef struct {
  uptr addr;
  uint32_t size;
  bool write, atomic;
  tg_tid_t tid;
  tg_clock_t clock; /* the earlier access: its epoch's clock (which holder
                       of tid made it, tg_thread_at); 0 for current */
  tg_ctx_t ctx;   /* the earlier access: interned stack; 0 for current */
  bool is_free;   /* the earlier "write" was free() of the block */
} tg_race_access_t;

/* Report a race between the current access (by t at pc) and an earlier one.
 * Call with no runtime lock held but the caller's in_rt set.  Dedups by the
 * pair of source locations, symbolizes, prints, writes JSON, and honours
 * halt_on_error. */
void tg_report_race(tg_thread_t *t, uptr pc, const tg_race_access_t *cur,
                    const tg_race_access_t *prev);
/* A lock-order cycle as lockgraph.c decided it: edge i is "locks[(i+1)%n]
 * acquired while holding locks[i]", made by thread tid; edge 0 is the one
 * made last. */
#define TG_MAX_CYCLE 16
typedef struct {
  uptr addr;
  uint32_t num;       /* M<num>, or 0 if not numbered yet */
  uint8_t kind;       /* tg_sync_kind_t */
  tg_ctx_t first_ctx; /* where it was first locked */
} tg_lock_ref_t;

typedef struct {
  tg_tid_t tid;
  bool held_write, acq_write;
  tg_ctx_t held_ctx, acq_ctx;
  tg_clock_t clock; /* tid's clock then (which holder of tid made it) */
} tg_cycle_edge_t;

/* Call with no runtime lock held.  Prints the report, unless the same
 * locks at the same source lines were reported already (the graph only
 * knows sites as pcs), and honours halt_on_error. */
void tg_report_lock_order(int n, const tg_lock_ref_t *locks,
                          const tg_cycle_edge_t *edges);

/* One blocked thread of a deadlock, as waitfor.c saw it. */
#define TG_MAX_HOLDERS 8
typedef struct {
  tg_tid_t tid;
  uint8_t kind;         /* tg_wait_kind_t */
  uptr obj;
  tg_tid_t target;      /* TG_WAIT_JOIN */
  const char *call;
  int nholders;
  tg_tid_t holders[TG_MAX_HOLDERS];
  tg_ctx_t held_ctx;    /* a relock: where the thread first acquired obj */
  tg_ctx_t ctx;         /* its stack: interned if npcs is 0, else pcs */
  int npcs;
  uptr pcs[TG_MAX_FRAMES];
} tg_blocked_t;

/* Prints the deadlock (threads in the given order), then every report is
 * out: exits with exitcode.  Call with no runtime lock held. */
TG_NORETURN void tg_report_deadlock(const tg_blocked_t *b, int n);

/* Lock misuse of kind by t at pc (in the interceptor fn) on the mutex at
 * addr; other/other_ctx (TG_TID_NONE if unknown) is the thread holding it
 * and where it locked it, or, for a lock of a destroyed mutex, the thread
 * that destroyed it and where.  One report per kind and call site. */
void tg_report_lock_misuse(tg_report_kind_t kind, tg_thread_t *t, uptr addr,
                           uptr pc, uptr fn, tg_tid_t other, tg_ctx_t other_ctx);

/* Reports printed so far in this process. */
uint32_t tg_report_count(void);
/* At exit, and after the first report with halt_on_error: if anything was
 * reported, prints the total, flushes the program's stdio and
 * _exit(exitcode)s; otherwise returns. */
void tg_report_finish(void);
/* In the child of fork: reset the report lock; the parent's reports are
 * not the child's (its count starts at 0, its JSON file is its own). */
void tg_report_fork_child(void);

/* A report as report.c builds it and report_print.c prints it: everything
 * looked up and symbolized already.  Threads are named by number here
 * (tg_tnum_t, T<n>), not by tid. */
typedef struct {
  tg_frame_t *f; /* innermost first, inlined frames expanded */
  int n;
} tg_frames_t;

typedef struct {
  bool write, atomic;
  uint32_t size;
  uptr addr;
  tg_tnum_t tid;
  tg_frames_t stack;
} tg_report_access_t;

typedef enum { TG_LOC_NONE, TG_LOC_GLOBAL, TG_LOC_HEAP, TG_LOC_STACK } tg_loc_kind_t;

typedef struct {
  tg_loc_kind_t kind;
  uptr addr;          /* global, heap: start of the object */
  size_t size;        /* global, heap */
  char name[256];     /* global */
  char module[256];   /* global: module basename and offset of addr */
  uptr module_offset;
  tg_tnum_t tid;      /* heap: allocating thread; stack: its owner */
  tg_frames_t stack;  /* heap: allocation stack */
} tg_report_loc_t;

typedef struct {
  tg_tnum_t tid, parent;
  int os_tid;
  bool finished;
  tg_frames_t stack; /* where it was created */
} tg_report_thread_t;

/* A lock or another sync object named in a report. */
typedef struct {
  char name[256];     /* "lock_a", "accounts+16", "M3", "fd 3" */
  const char *what;   /* a channel's noun ("pipe"); NULL: by kind */
  uint8_t kind;       /* tg_sync_kind_t */
  uptr addr;
  bool numbered;      /* named M<n>: first is where it was first locked
                         (used, if not a lock); empty if not known */
  tg_frames_t first;
} tg_report_obj_t;

/* Lock order: objs[to] acquired while holding objs[from] by tid. */
typedef struct {
  int from, to;
  tg_tnum_t tid;
  bool from_write, to_write;
  tg_frames_t to_stack, from_stack;
} tg_report_edge_t;

/* Deadlock: tid blocked in call on objs[obj] (or on thread target). */
typedef struct {
  tg_tnum_t tid;
  const char *call;
  uint8_t wait_kind;  /* tg_wait_kind_t */
  int obj;            /* -1 for a join */
  tg_tnum_t target;
  int nholders;
  tg_tnum_t holders[TG_MAX_HOLDERS];
  tg_frames_t stack;
  tg_frames_t held_stack; /* a relock: where it was first acquired */
} tg_report_blocked_t;

typedef struct {
  tg_report_kind_t kind;
  int pid;
  tg_report_access_t access[2]; /* races: [0] current, [1] previous */
  tg_report_loc_t loc;
  tg_report_thread_t *threads;  /* non-main threads the report names */
  int nthreads;
  tg_report_obj_t *objs;        /* lock order: the cycle's locks, in order */
  int nobjs;
  tg_report_edge_t *edges;      /* lock order: one per lock */
  int nedges;
  tg_report_blocked_t *blocked; /* deadlock */
  int nblocked;
  /* Lock misuse on objs[0]: by tid at stack; other (TG_TNUM_NONE if not
   * known) holds it (locked at other_stack), or destroyed it. */
  tg_tnum_t tid, other;
  tg_frames_t stack, other_stack;
} tg_report_t;

/* report_print.c: the text to stderr (one write) and, with report_path, one
 * JSON line.  A suppressed report (rule: the suppression that matched it)
 * has no text, and its JSON line says which rule.  Before the text, calls
 * __tangle_on_report (a debugger's breakpoint).  Precondition: report lock
 * held (report.c). */
void tg_report_print(const tg_report_t *r, const char *rule);
/* The exit line: "Tangle: reported N report(s)". */
void tg_report_print_total(uint32_t n);
/* At exit, when reports were suppressed: "Tangle: suppressed N report(s)". */
void tg_report_print_suppressed(uint32_t n);
/* suppress.c: suppression files (docs/suppressions.md).  Init loads the
 * file the option names, or ends the process with a message naming the
 * file and line of a bad rule.  Match returns the first rule that
 * suppresses r ("race:worker"), or NULL. */
void tg_suppress_init(void);
const char *tg_suppress_match(const tg_report_t *r);
/* For tests: parse text (modified in place) as the file fname; pattern
 * matching as the rules do it. */
bool tg_suppress_parse(char *text, const char *fname, char *err, size_t errsz);
/* Forget every rule (the fuzz target parses many files in one process). */
void tg_suppress_clear(void);
bool tg_suppress_pattern_match(const char *pattern, const char *s);

/* fingerprint.c: the report's stable fingerprint (kind and symbolized
 * frames, no addresses), the same for the same bug in every run. */
uint64_t tg_report_fingerprint(const tg_report_t *r, const char *kind_title);

/* ---- signal.c -------------------------------------------------------- */

/* A longjmp to the frame at target_sp is about to happen on the calling
 * thread: if it leaves a signal handler running as the thread's handler
 * context, the thread gets its own context back (called by the jump
 * interceptors before they touch tg_cur's shadow stack). */
void tg_sig_longjmp(uptr target_sp);
/* Signals that arrived while the thread was inside the runtime and wait
 * for it to leave (bit sig-1); tg_sig_deliver runs their handlers.
 * Precondition: t is tg_cur, t->in_rt == 0. */
extern TG_TLS _Atomic uint64_t tg_sig_pending;
void tg_sig_deliver(tg_thread_t *t);
/* The calling thread's signal mask set to *set (old one in *old if not
 * NULL) by libc itself, with none of the interceptor's happens-before. */
void tg_sig_setmask(const sigset_t *set, sigset_t *old);

/* ---- init.c ---------------------------------------------------------- */

extern atomic_int tg_inited;
void tg_init(void);
TG_INLINE void tg_ensure_init(void) {
  if (TG_UNLIKELY(!atomic_load_explicit(&tg_inited, memory_order_acquire)))
    tg_init();
}

/* ---- the hooks (hooks.def) ------------------------------------------- */

#define TG_T_VOID void
#define TG_T_PTR void *
#define TG_T_I32 uint32_t
#define TG_T_I64 uint64_t
#define TG_HOOK0(n, r) TG_EXPORT TG_T_##r __tangle_##n(void);
#define TG_HOOK1(n, r, a) TG_EXPORT TG_T_##r __tangle_##n(TG_T_##a);
#define TG_HOOK2(n, r, a, b) TG_EXPORT TG_T_##r __tangle_##n(TG_T_##a, TG_T_##b);
#define TG_HOOK3(n, r, a, b, c) \
  TG_EXPORT TG_T_##r __tangle_##n(TG_T_##a, TG_T_##b, TG_T_##c);
#define TG_HOOK4(n, r, a, b, c, d) \
  TG_EXPORT TG_T_##r __tangle_##n(TG_T_##a, TG_T_##b, TG_T_##c, TG_T_##d);
#include "hooks.def"
#undef TG_HOOK0
#undef TG_HOOK1
#undef TG_HOOK2
#undef TG_HOOK3
#undef TG_HOOK4

#endif /* TG_H */
