/* chan_glib.c — GLib: GAsyncQueue as a channel, and GLib's own locks.
 *
 * The runtime declares GLib's types itself (opaque pointers), so it needs
 * no GLib headers; each real function is found with dlsym on first use,
 * which only happens in a program that calls it (and so links GLib).
 * libglib calls its own functions directly, never through the PLT, so
 * every exported name is intercepted on its own (pop and pop_unlocked,
 * ...), and what a GLib function does inside stays invisible.  In case a
 * GLib build did call one exported queue function from another, a
 * thread-local depth makes the inner one do only the operation (no double
 * count).
 *
 * GAsyncQueue: the queue is the channel (its address is the key) and each
 * message is named by its data pointer (tg_chan_send with key = data): a
 * push records the pusher's clock before the real push; a pop that
 * returned data acquires the clock of that push only, whatever else is in
 * the queue.  push_front and push_sorted change where the data waits, not
 * which push a pop acquires.  g_async_queue_remove consumes the message as
 * a pop would.  g_async_queue_new forgets any channel left at its address
 * (the queue that lived there was freed); a queue that is freed keeps its
 * unreceived messages' records until then (GLib's refcount is internal).
 * g_async_queue_lock/unlock are a mutex on the queue, and a waiting
 * *_pop_unlocked releases it while it waits, as GLib's condition wait does.
 * A pop that finds the queue empty (untimed) registers TG_WAIT_CHAN_RECV.
 *
 * Locks: GMutex and GCond are futex-based, invisible to the pthread
 * interceptors: g_mutex_* and g_cond_wait* are intercepted like their
 * pthread counterparts (tg_lock_acquired / tg_lock_releasing; a GMutex is
 * not recursive, so its holder locking it again is reported as a
 * deadlock).  GRecMutex and GRWLock are pthread objects GLib allocates
 * behind the program's; they are intercepted under the program's address
 * (so reports name the program's variable) and the pthread calls GLib
 * makes inside run with in_rt set, so they are not seen twice.
 */
#include "chan.h"
#include "intercept.h"

typedef struct GAsyncQueue GAsyncQueue;
typedef struct GMutex GMutex;
typedef struct GRecMutex GRecMutex;
typedef struct GRWLock GRWLock;
typedef struct GCond GCond;
typedef struct GTimeVal GTimeVal;
typedef int gboolean;
typedef int gint;
typedef void (*GDestroyNotify)(void *);
typedef gint (*GCompareDataFunc)(const void *, const void *, void *);

/* Declared for REAL's types; the runtime does not intercept them. */
gint g_async_queue_length(GAsyncQueue *q);
gint g_async_queue_length_unlocked(GAsyncQueue *q);
/* Intercepted below, called (as the real one) by the blocking locks. */
gboolean g_mutex_trylock(GMutex *m);
gboolean g_rec_mutex_trylock(GRecMutex *m);
gboolean g_rw_lock_writer_trylock(GRWLock *l);
gboolean g_rw_lock_reader_trylock(GRWLock *l);

static TG_TLS int queue_depth;

/* ---- GAsyncQueue ---------------------------------------------------- */

REAL_SLOT(g_async_queue_new);
REAL_SLOT(g_async_queue_new_full);
REAL_SLOT(g_async_queue_length);
REAL_SLOT(g_async_queue_length_unlocked);

static void queue_made(GAsyncQueue *q) {
  tg_thread_t *t = enter();
  if (t == NULL || q == NULL) return;
  t->in_rt++;
  tg_chan_destroy((uptr)q);
  tg_chan_open((uptr)q, TG_CHAN_GQUEUE, NULL, 0, true);
  t->in_rt--;
}

GAsyncQueue *g_async_queue_new(void) {
  GAsyncQueue *q = REAL(g_async_queue_new)();
  queue_made(q);
  return q;
}

GAsyncQueue *g_async_queue_new_full(GDestroyNotify item_free) {
  GAsyncQueue *q = REAL(g_async_queue_new_full)(item_free);
  queue_made(q);
  return q;
}

/* The thread, if this call is the program's own (not nested in another
 * queue call of GLib's). */
static tg_thread_t *queue_enter(void) {
  if (queue_depth > 0) return NULL;
  return enter();
}

static void queue_push(tg_thread_t *t, GAsyncQueue *q, void *data, bool front) {
  if (t == NULL) return;
  t->in_rt++;
  tg_chan_send_keyed(t, (uptr)q, (uptr)data, front);
  t->in_rt--;
}

#define PUSH_INTERCEPTOR(name, front, params, args) \
  REAL_SLOT(name);                                  \
  void name params {                                \
    tg_thread_t *t = queue_enter();                 \
    queue_push(t, q, data, front);                  \
    queue_depth++;                                  \
    REAL(name) args;                                \
    queue_depth--;                                  \
  }

PUSH_INTERCEPTOR(g_async_queue_push, false, (GAsyncQueue *q, void *data), (q, data))
PUSH_INTERCEPTOR(g_async_queue_push_unlocked, false, (GAsyncQueue *q, void *data),
                 (q, data))
PUSH_INTERCEPTOR(g_async_queue_push_front, true, (GAsyncQueue *q, void *data), (q, data))
PUSH_INTERCEPTOR(g_async_queue_push_front_unlocked, true, (GAsyncQueue *q, void *data),
                 (q, data))
PUSH_INTERCEPTOR(g_async_queue_push_sorted, false,
                 (GAsyncQueue *q, void *data, GCompareDataFunc cmp, void *user),
                 (q, data, cmp, user))
PUSH_INTERCEPTOR(g_async_queue_push_sorted_unlocked, false,
                 (GAsyncQueue *q, void *data, GCompareDataFunc cmp, void *user),
                 (q, data, cmp, user))

/* A pop.  `wait`: it may wait for a push (not a try); `forever`: untimed;
 * `unlocked`: the caller holds the queue's lock, which GLib releases while
 * it waits.  The real call is `call`, evaluated between the two halves. */
typedef struct {
  tg_thread_t *t;
  GAsyncQueue *q;
  uptr pc, fn;
  bool registered, released;
} pop_t;

static void pop_begin(pop_t *p, const char *name, bool forever, bool unlocked) {
  tg_thread_t *t = p->t;
  t->in_rt++;
  gint len = unlocked ? REAL(g_async_queue_length_unlocked)(p->q)
                      : REAL(g_async_queue_length)(p->q);
  if (len <= 0) {
    if (unlocked) {
      t->in_rt--;
      tg_lock_releasing(t, p->q, TG_SYNC_MUTEX, p->pc);
      t->in_rt++;
      p->released = true;
    }
    if (forever && tg_dl_on) {
      tg_wf_begin(t, TG_WAIT_CHAN_RECV, (uptr)p->q, TG_TID_NONE, name, p->pc, p->fn);
      p->registered = true;
    }
  }
  t->in_rt--;
}

static void *pop_end(pop_t *p, void *data) {
  tg_thread_t *t = p->t;
  if (p->registered) tg_wf_end(t);
  if (p->released) tg_lock_acquired(t, p->q, TG_SYNC_MUTEX, true, true, p->pc, p->fn);
  if (data != NULL) {
    t->in_rt++;
    tg_chan_recv(t, (uptr)p->q, (uptr)data);
    t->in_rt--;
  }
  return data;
}

#define POP_INTERCEPTOR(name, wait, forever, unlocked, params, args)        \
  REAL_SLOT(name);                                                          \
  void *name params {                                                       \
    pop_t p = {queue_enter(), q, CALLER_PC, (uptr)&name, false, false};     \
    if (p.t == NULL) return REAL(name) args;                                \
    if (wait) pop_begin(&p, #name, forever, unlocked);                      \
    queue_depth++;                                                          \
    void *data = REAL(name) args;                                           \
    queue_depth--;                                                          \
    return pop_end(&p, data);                                               \
  }

POP_INTERCEPTOR(g_async_queue_pop, true, true, false, (GAsyncQueue *q), (q))
POP_INTERCEPTOR(g_async_queue_pop_unlocked, true, true, true, (GAsyncQueue *q), (q))
POP_INTERCEPTOR(g_async_queue_try_pop, false, false, false, (GAsyncQueue *q), (q))
POP_INTERCEPTOR(g_async_queue_try_pop_unlocked, false, false, true, (GAsyncQueue *q), (q))
POP_INTERCEPTOR(g_async_queue_timeout_pop, true, false, false,
                (GAsyncQueue *q, uint64_t timeout), (q, timeout))
POP_INTERCEPTOR(g_async_queue_timeout_pop_unlocked, true, false, true,
                (GAsyncQueue *q, uint64_t timeout), (q, timeout))
POP_INTERCEPTOR(g_async_queue_timed_pop, true, false, false,
                (GAsyncQueue *q, GTimeVal *end), (q, end))
POP_INTERCEPTOR(g_async_queue_timed_pop_unlocked, true, false, true,
                (GAsyncQueue *q, GTimeVal *end), (q, end))

#define REMOVE_INTERCEPTOR(name)                                   \
  REAL_SLOT(name);                                                 \
  gboolean name(GAsyncQueue *q, void *data) {                      \
    tg_thread_t *t = queue_enter();                                \
    queue_depth++;                                                 \
    gboolean ok = REAL(name)(q, data);                             \
    queue_depth--;                                                 \
    if (t != NULL && ok) {                                         \
      t->in_rt++;                                                  \
      tg_chan_recv(t, (uptr)q, (uptr)data);                        \
      t->in_rt--;                                                  \
    }                                                              \
    return ok;                                                     \
  }

REMOVE_INTERCEPTOR(g_async_queue_remove)
REMOVE_INTERCEPTOR(g_async_queue_remove_unlocked)

REAL_SLOT(g_async_queue_lock);
REAL_SLOT(g_async_queue_unlock);

void g_async_queue_lock(GAsyncQueue *q) {
  tg_thread_t *t = enter();
  REAL(g_async_queue_lock)(q);
  if (t != NULL)
    tg_lock_acquired(t, q, TG_SYNC_MUTEX, true, true, CALLER_PC, (uptr)&g_async_queue_lock);
}

void g_async_queue_unlock(GAsyncQueue *q) {
  tg_thread_t *t = enter();
  if (t != NULL) tg_lock_releasing(t, q, TG_SYNC_MUTEX, CALLER_PC);
  REAL(g_async_queue_unlock)(q);
}

/* ---- GMutex and GCond (futexes) ------------------------------------- */

REAL_SLOT(g_mutex_init);
REAL_SLOT(g_mutex_clear);
REAL_SLOT(g_mutex_lock);
REAL_SLOT(g_mutex_trylock);
REAL_SLOT(g_mutex_unlock);

static void forget(const void *addr) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  t->in_rt++;
  tg_sync_remove((uptr)addr);
  t->in_rt--;
}

void g_mutex_init(GMutex *m) {
  REAL(g_mutex_init)(m);
  forget(m);
}

void g_mutex_clear(GMutex *m) {
  forget(m);
  REAL(g_mutex_clear)(m);
}

/* With deadlock detection: a relock by the holder never returns; else a
 * try first, and only a taken mutex registers the wait. */
void g_mutex_lock(GMutex *m) {
  tg_thread_t *t = enter();
  if (t == NULL) {
    REAL(g_mutex_lock)(m);
    return;
  }
  uptr pc = CALLER_PC, fn = (uptr)&g_mutex_lock;
  if (!tg_dl_on) {
    REAL(g_mutex_lock)(m);
  } else {
    tg_held_t *h = tg_ls_find(t, (uptr)m);
    if (h != NULL)
      tg_wf_self_deadlock(t, TG_WAIT_MUTEX, (uptr)m, TG_TID_NONE, "g_mutex_lock", pc, fn,
                          h->ctx);
    if (!REAL(g_mutex_trylock)(m)) {
      tg_wf_begin(t, TG_WAIT_MUTEX, (uptr)m, TG_TID_NONE, "g_mutex_lock", pc, fn);
      REAL(g_mutex_lock)(m);
      tg_wf_end(t);
    }
  }
  tg_lock_acquired(t, m, TG_SYNC_MUTEX, true, true, pc, fn);
}

gboolean g_mutex_trylock(GMutex *m) {
  tg_thread_t *t = enter();
  gboolean ok = REAL(g_mutex_trylock)(m);
  if (t != NULL && ok)
    tg_lock_acquired(t, m, TG_SYNC_MUTEX, true, false, CALLER_PC, (uptr)&g_mutex_trylock);
  return ok;
}

void g_mutex_unlock(GMutex *m) {
  tg_thread_t *t = enter();
  if (t != NULL) tg_lock_releasing(t, m, TG_SYNC_MUTEX, CALLER_PC);
  REAL(g_mutex_unlock)(m);
}

REAL_SLOT(g_cond_wait);
REAL_SLOT(g_cond_wait_until);
REAL_SLOT(g_cond_signal);
REAL_SLOT(g_cond_broadcast);

/* wait = unlock + lock of the mutex; only the untimed wait registers. */
void g_cond_wait(GCond *c, GMutex *m) {
  tg_thread_t *t = enter();
  if (t == NULL) {
    REAL(g_cond_wait)(c, m);
    return;
  }
  uptr pc = CALLER_PC, fn = (uptr)&g_cond_wait;
  tg_lock_releasing(t, m, TG_SYNC_MUTEX, pc);
  if (tg_dl_on) tg_wf_begin(t, TG_WAIT_COND, (uptr)c, TG_TID_NONE, "g_cond_wait", pc, fn);
  REAL(g_cond_wait)(c, m);
  tg_wf_end(t);
  tg_lock_acquired(t, m, TG_SYNC_MUTEX, true, true, pc, fn);
}

gboolean g_cond_wait_until(GCond *c, GMutex *m, int64_t end_time) {
  tg_thread_t *t = enter();
  if (t == NULL) return REAL(g_cond_wait_until)(c, m, end_time);
  uptr pc = CALLER_PC;
  tg_lock_releasing(t, m, TG_SYNC_MUTEX, pc);
  gboolean ok = REAL(g_cond_wait_until)(c, m, end_time);
  tg_lock_acquired(t, m, TG_SYNC_MUTEX, true, true, pc, (uptr)&g_cond_wait_until);
  return ok;
}

/* A signal may be what orders the waiter after the signaller's lock-order
 * edges (as pthread_cond_signal). */
void g_cond_signal(GCond *c) {
  tg_thread_t *t = enter();
  if (t != NULL) tg_ls_refresh_edges(t);
  REAL(g_cond_signal)(c);
}

void g_cond_broadcast(GCond *c) {
  tg_thread_t *t = enter();
  if (t != NULL) tg_ls_refresh_edges(t);
  REAL(g_cond_broadcast)(c);
}

/* ---- GRecMutex and GRWLock (pthread objects inside GLib) ------------ */

/* The real call with the runtime's interceptors off for the pthread calls
 * GLib makes inside it (in_rt), t being the calling thread or NULL. */
#define QUIET(t, call)            \
  do {                            \
    if ((t) != NULL) (t)->in_rt++; \
    call;                         \
    if ((t) != NULL) (t)->in_rt--; \
  } while (0)

/* A blocking lock of the lock at l (kind, write), its try `try_call`
 * (true: locked) made first with deadlock detection so that only a taken
 * lock registers the wait (wait_kind, name). */
#define GLIB_BLOCKING_LOCK(l, kind, write, wait_kind, name, lock_call, try_call) \
  do {                                                                        \
    tg_thread_t *t = enter();                                                 \
    if (t == NULL) {                                                          \
      lock_call;                                                              \
      return;                                                                 \
    }                                                                         \
    uptr pc = CALLER_PC, fn = (uptr)&name;                                    \
    bool got = false;                                                         \
    if (tg_dl_on) QUIET(t, got = (try_call));                                 \
    if (!got) {                                                               \
      if (tg_dl_on) tg_wf_begin(t, wait_kind, (uptr)(l), TG_TID_NONE, #name, pc, fn); \
      QUIET(t, lock_call);                                                    \
      tg_wf_end(t);                                                           \
    }                                                                         \
    tg_lock_acquired(t, l, kind, write, true, pc, fn);                        \
  } while (0)

#define GLIB_TRYLOCK(l, kind, write, name, try_call)                        \
  do {                                                                      \
    tg_thread_t *t = enter();                                               \
    gboolean ok;                                                            \
    QUIET(t, ok = (try_call));                                              \
    if (t != NULL && ok)                                                    \
      tg_lock_acquired(t, l, kind, write, false, CALLER_PC, (uptr)&name);   \
    return ok;                                                              \
  } while (0)

#define GLIB_UNLOCK(l, kind, unlock_call)                                   \
  do {                                                                      \
    tg_thread_t *t = enter();                                               \
    if (t != NULL) tg_lock_releasing(t, l, kind, CALLER_PC);                \
    QUIET(t, unlock_call);                                                  \
  } while (0)

REAL_SLOT(g_rec_mutex_init);
REAL_SLOT(g_rec_mutex_clear);
REAL_SLOT(g_rec_mutex_lock);
REAL_SLOT(g_rec_mutex_trylock);
REAL_SLOT(g_rec_mutex_unlock);

void g_rec_mutex_init(GRecMutex *m) {
  tg_thread_t *t = enter();
  QUIET(t, REAL(g_rec_mutex_init)(m));
  forget(m);
}

void g_rec_mutex_clear(GRecMutex *m) {
  tg_thread_t *t = enter();
  forget(m);
  QUIET(t, REAL(g_rec_mutex_clear)(m));
}

void g_rec_mutex_lock(GRecMutex *m) {
  GLIB_BLOCKING_LOCK(m, TG_SYNC_MUTEX, true, TG_WAIT_MUTEX, g_rec_mutex_lock,
                     REAL(g_rec_mutex_lock)(m), REAL(g_rec_mutex_trylock)(m));
}

gboolean g_rec_mutex_trylock(GRecMutex *m) {
  GLIB_TRYLOCK(m, TG_SYNC_MUTEX, true, g_rec_mutex_trylock, REAL(g_rec_mutex_trylock)(m));
}

void g_rec_mutex_unlock(GRecMutex *m) {
  GLIB_UNLOCK(m, TG_SYNC_MUTEX, REAL(g_rec_mutex_unlock)(m));
}

REAL_SLOT(g_rw_lock_init);
REAL_SLOT(g_rw_lock_clear);
REAL_SLOT(g_rw_lock_writer_lock);
REAL_SLOT(g_rw_lock_writer_trylock);
REAL_SLOT(g_rw_lock_writer_unlock);
REAL_SLOT(g_rw_lock_reader_lock);
REAL_SLOT(g_rw_lock_reader_trylock);
REAL_SLOT(g_rw_lock_reader_unlock);

void g_rw_lock_init(GRWLock *l) {
  tg_thread_t *t = enter();
  QUIET(t, REAL(g_rw_lock_init)(l));
  forget(l);
}

void g_rw_lock_clear(GRWLock *l) {
  tg_thread_t *t = enter();
  forget(l);
  QUIET(t, REAL(g_rw_lock_clear)(l));
}

void g_rw_lock_writer_lock(GRWLock *l) {
  GLIB_BLOCKING_LOCK(l, TG_SYNC_RWLOCK, true, TG_WAIT_WRLOCK, g_rw_lock_writer_lock,
                     REAL(g_rw_lock_writer_lock)(l), REAL(g_rw_lock_writer_trylock)(l));
}

gboolean g_rw_lock_writer_trylock(GRWLock *l) {
  GLIB_TRYLOCK(l, TG_SYNC_RWLOCK, true, g_rw_lock_writer_trylock,
               REAL(g_rw_lock_writer_trylock)(l));
}

void g_rw_lock_writer_unlock(GRWLock *l) {
  GLIB_UNLOCK(l, TG_SYNC_RWLOCK, REAL(g_rw_lock_writer_unlock)(l));
}

void g_rw_lock_reader_lock(GRWLock *l) {
  GLIB_BLOCKING_LOCK(l, TG_SYNC_RWLOCK, false, TG_WAIT_RDLOCK, g_rw_lock_reader_lock,
                     REAL(g_rw_lock_reader_lock)(l), REAL(g_rw_lock_reader_trylock)(l));
}

gboolean g_rw_lock_reader_trylock(GRWLock *l) {
  GLIB_TRYLOCK(l, TG_SYNC_RWLOCK, false, g_rw_lock_reader_trylock,
               REAL(g_rw_lock_reader_trylock)(l));
}

void g_rw_lock_reader_unlock(GRWLock *l) {
  GLIB_UNLOCK(l, TG_SYNC_RWLOCK, REAL(g_rw_lock_reader_unlock)(l));
}
