/* annotate.c — the annotation API: Tangle's <tangle/annotations.h> entry
 * points, and ThreadSanitizer's names for the same things (the dynamic
 * annotations and the __tsan_acquire/__tsan_release/__tsan_mutex_* API of
 * <sanitizer/tsan_interface.h>), so code already annotated for
 * ThreadSanitizer needs no edit.
 *
 * - Happens-before annotations synchronize through hidden sync objects
 *   (TG_SYNC_HIDDEN), so they pair only with annotations, whatever else
 *   lives at the address.
 * - Lock annotations use the lock's own address: the lock is named like a
 *   pthread mutex in reports and joins the lock-order graph, through the
 *   same helpers as the pthread interceptors (tg_lock_acquired/releasing).
 * - Channel annotations go to chan.c, per message.
 * - Benign races: a fixed table of ranges, consulted by the report path
 *   (tg_annotate_is_benign) before anything is printed.
 * - Ignore regions: the thread's ignore_accesses count.
 * - ThreadSanitizer's __tsan_mutex_pre_* .. post_* brackets make the code in
 *   between opaque, as in TSan: the mutex's own implementation (its atomics,
 *   its futex calls, the plain accesses of its slow path) is neither checked
 *   nor synchronizes; the annotation says what it does.  Opaque means the
 *   thread's in_rt count is raised, which makes every hook and interceptor
 *   do only the program's operation.  Brackets nest, and pre_divert /
 *   post_divert open a window inside one.
 *
 * Locking: benign_lock guards appending to the benign table; readers take
 * no lock (entries are complete before the count that publishes them).
 */
#include "tg.h"
#include "intercept.h"

#include "include/tangle/annotations.h"

/* ---- happens-before ------------------------------------------------- */

/* On the hidden object at addr (TG_SYNC_HIDDEN): annotations pair with
 * annotations, whatever else the address is used for. */
static void annotate_release(const volatile void *addr) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  t->in_rt++;
  tg_release(t, (uptr)addr | TG_SYNC_HIDDEN);
  t->in_rt--;
}

static void annotate_acquire(const volatile void *addr) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  t->in_rt++;
  tg_acquire(t, (uptr)addr | TG_SYNC_HIDDEN);
  t->in_rt--;
}

void __tangle_annotate_happens_before(const volatile void *addr) {
  annotate_release(addr);
}
void __tangle_annotate_happens_after(const volatile void *addr) {
  annotate_acquire(addr);
}

/* ---- channels ------------------------------------------------------- */

void __tangle_annotate_chan_send(const volatile void *ch, uintptr_t msg) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  t->in_rt++;
  tg_chan_send(t, (uptr)ch, msg);
  t->in_rt--;
}

void __tangle_annotate_chan_recv(const volatile void *ch, uintptr_t msg) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  t->in_rt++;
  tg_chan_recv(t, (uptr)ch, msg);
  t->in_rt--;
}

void __tangle_annotate_chan_close(const volatile void *ch) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  t->in_rt++;
  tg_chan_close(t, (uptr)ch);
  t->in_rt--;
}

void __tangle_annotate_chan_recv_closed(const volatile void *ch) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  t->in_rt++;
  tg_chan_recv_closed(t, (uptr)ch);
  t->in_rt--;
}

/* ---- locks ---------------------------------------------------------- */

/* A shared acquisition makes the object an rwlock; an exclusive one a
 * mutex unless it already is one (an object keeps its first kind). */
static tg_sync_kind_t lock_kind(bool write) {
  return write ? TG_SYNC_MUTEX : TG_SYNC_RWLOCK;
}

static void lock_acquired(const volatile void *lock, bool write, bool blocking,
                          uptr pc, uptr fn) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  tg_lock_acquired(t, lock, lock_kind(write), write, blocking, pc, fn);
}

static void lock_released(const volatile void *lock, bool write, uptr pc) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  tg_lock_releasing(t, lock, lock_kind(write), pc);
}

void __tangle_annotate_lock_acquired(const volatile void *lock, int is_write,
                                     int is_try) {
  lock_acquired(lock, is_write != 0, is_try == 0, CALLER_PC,
                (uptr)&__tangle_annotate_lock_acquired);
}

void __tangle_annotate_lock_released(const volatile void *lock, int is_write) {
  lock_released(lock, is_write != 0, CALLER_PC);
}

/* ---- benign races --------------------------------------------------- */

/* At most max_benign_races ranges, reserved (not committed) on the first
 * declaration. */
typedef struct {
  uptr lo, hi; /* [lo, hi) */
} range_t;

static range_t *benign;
static atomic_uint nbenign; /* entries below it are complete */
static tg_spin_t benign_lock;
static bool benign_full_said;

static void add_benign(const volatile void *addr, size_t size) {
  if (size == 0) return;
  tg_spin_lock(&benign_lock);
  uint32_t n = atomic_load_explicit(&nbenign, memory_order_relaxed);
  uint32_t max = (uint32_t)tg_flags.max_benign_races;
  if (benign == NULL) benign = tg_mmap_reserve(sizeof(range_t) * max);
  if (n < max) {
    benign[n] = (range_t){(uptr)addr, (uptr)addr + size};
    atomic_store_explicit(&nbenign, n + 1, memory_order_release);
  } else if (!benign_full_said) {
    benign_full_said = true;
    tg_printf("tangle: more than %u benign-race annotations; later ones are "
              "ignored and races there are reported (raise max_benign_races in "
              "TANGLE_OPTIONS)\n", max);
  }
  tg_spin_unlock(&benign_lock);
}

bool tg_annotate_is_benign(uptr addr, size_t size) {
  uint32_t n = atomic_load_explicit(&nbenign, memory_order_acquire);
  for (uint32_t i = 0; i < n; i++)
    if (addr < benign[i].hi && benign[i].lo < addr + size) return true;
  return false;
}

void __tangle_annotate_benign_race(const volatile void *addr, size_t size,
                                   const char *description) {
  add_benign(addr, size);
}

/* ---- ignore regions ------------------------------------------------- */

/* Not through enter(): the count must balance even where the runtime does
 * no work (before init, inside it). */
static tg_thread_t *self_or_null(void) {
  tg_ensure_init();
  if (!atomic_load_explicit(&tg_inited, memory_order_acquire)) return NULL;
  return tg_thread_self();
}

static void ignore_begin(void) {
  tg_thread_t *t = self_or_null();
  if (t != NULL) t->ignore_accesses++;
}

static void ignore_end(void) {
  tg_thread_t *t = self_or_null();
  if (t != NULL && t->ignore_accesses > 0) t->ignore_accesses--;
}

void __tangle_annotate_ignore_begin(void) { ignore_begin(); }
void __tangle_annotate_ignore_end(void) { ignore_end(); }

/* ---- ThreadSanitizer's dynamic annotations -------------------------- */

/* TSan's signatures (tsan_interface_ann.cpp); file and line are unused:
 * reports show the call's stack. */

void AnnotateHappensBefore(const char *file, int line, const volatile void *addr) {
  annotate_release(addr);
}
void AnnotateHappensAfter(const char *file, int line, const volatile void *addr) {
  annotate_acquire(addr);
}
void __tsan_acquire(void *addr) { annotate_acquire(addr); }
void __tsan_release(void *addr) { annotate_release(addr); }

void AnnotateBenignRaceSized(const char *file, int line, const volatile void *mem,
                             uintptr_t size, const char *desc) {
  add_benign(mem, size);
}
void AnnotateBenignRace(const char *file, int line, const volatile void *mem,
                        const char *desc) {
  add_benign(mem, 1);
}

/* TSan has one ignore count for both: ignoring reads ignores writes too. */
void AnnotateIgnoreReadsBegin(const char *file, int line) { ignore_begin(); }
void AnnotateIgnoreReadsEnd(const char *file, int line) { ignore_end(); }
void AnnotateIgnoreWritesBegin(const char *file, int line) { ignore_begin(); }
void AnnotateIgnoreWritesEnd(const char *file, int line) { ignore_end(); }

/* The memory was handed out anew (a custom allocator): what was done to
 * it before is forgotten, sync objects in it too. */
void AnnotateNewMemory(const char *file, int line, const volatile void *mem,
                       uintptr_t size) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  t->in_rt++;
  tg_shadow_reset((uptr)mem, size);
  tg_sync_remove_range((uptr)mem, size);
  t->in_rt--;
}

static void forget_lock(const volatile void *lock) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  t->in_rt++;
  tg_sync_remove((uptr)lock);
  t->in_rt--;
}

void AnnotateRWLockCreate(const char *file, int line, const volatile void *lock) {
  forget_lock(lock);
}
void AnnotateRWLockCreateStatic(const char *file, int line,
                                const volatile void *lock) {
  forget_lock(lock);
}
void AnnotateRWLockDestroy(const char *file, int line, const volatile void *lock) {
  forget_lock(lock);
}
void AnnotateRWLockAcquired(const char *file, int line, const volatile void *lock,
                            uintptr_t is_w) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  tg_lock_acquired(t, lock, TG_SYNC_RWLOCK, is_w != 0, true, CALLER_PC,
                   (uptr)&AnnotateRWLockAcquired);
}
void AnnotateRWLockReleased(const char *file, int line, const volatile void *lock,
                            uintptr_t is_w) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  tg_lock_releasing(t, lock, TG_SYNC_RWLOCK, CALLER_PC);
}

/* ---- ThreadSanitizer's __tsan_mutex_* API --------------------------- */

/* The flags, as <sanitizer/tsan_interface.h> defines them. */
enum {
  TSAN_MUTEX_LINKER_INIT = 1 << 0,
  TSAN_MUTEX_READ_LOCK = 1 << 3,
  TSAN_MUTEX_TRY_LOCK = 1 << 4,
  TSAN_MUTEX_TRY_LOCK_FAILED = 1 << 5,
  TSAN_MUTEX_RECURSIVE_LOCK = 1 << 6,
  TSAN_MUTEX_RECURSIVE_UNLOCK = 1 << 7,
};

/* Opaque regions: see the file comment.  The work is done only by the
 * outermost bracket, outside any runtime code (in_rt 0 before it opens,
 * or after it closes). */
static tg_thread_t *opaque_begin(void) {
  tg_thread_t *t = self_or_null();
  if (t != NULL) t->in_rt++;
  return t;
}

static tg_thread_t *opaque_end(void) {
  tg_thread_t *t = self_or_null();
  if (t != NULL && t->in_rt > 0) t->in_rt--;
  return t;
}

void __tsan_mutex_create(void *addr, unsigned flags) { forget_lock(addr); }

void __tsan_mutex_destroy(void *addr, unsigned flags) {
  if (!(flags & TSAN_MUTEX_LINKER_INIT)) forget_lock(addr);
}

void __tsan_mutex_pre_lock(void *addr, unsigned flags) {
  tg_thread_t *t = enter();
  if (t != NULL && !(flags & TSAN_MUTEX_TRY_LOCK) && tg_dl_on)
    tg_wf_begin(t, (flags & TSAN_MUTEX_READ_LOCK) ? TG_WAIT_RDLOCK : TG_WAIT_MUTEX,
                (uptr)addr, TG_TID_NONE, "__tsan_mutex_pre_lock", CALLER_PC,
                (uptr)&__tsan_mutex_pre_lock);
  opaque_begin();
}

void __tsan_mutex_post_lock(void *addr, unsigned flags, int recursion) {
  opaque_end();
  tg_thread_t *t = enter();
  if (t == NULL) return;
  bool write = !(flags & TSAN_MUTEX_READ_LOCK);
  bool blocking = !(flags & TSAN_MUTEX_TRY_LOCK);
  if (blocking && tg_dl_on) tg_wf_end(t);
  if (flags & TSAN_MUTEX_TRY_LOCK_FAILED) return;
  int levels = (flags & TSAN_MUTEX_RECURSIVE_LOCK) && recursion > 1 ? recursion : 1;
  for (int i = 0; i < levels; i++)
    tg_lock_acquired(t, addr, write ? TG_SYNC_MUTEX : TG_SYNC_RWLOCK, write,
                     blocking && i == 0, CALLER_PC, (uptr)&__tsan_mutex_pre_lock);
}

/* How many levels the thread holds addr at: what a recursive unlock
 * releases. */
static int held_levels(tg_thread_t *t, void *addr) {
  int n = 1;
  t->in_rt++;
  tg_sync_t *s = tg_sync_get((uptr)addr, TG_SYNC_MUTEX, false);
  if (s != NULL) {
    if (s->owner == t->tid && s->recursion > 1) n = (int)s->recursion;
    tg_sync_unlock(s);
  }
  t->in_rt--;
  return n;
}

int __tsan_mutex_pre_unlock(void *addr, unsigned flags) {
  tg_thread_t *t = enter();
  int levels = 0;
  if (t != NULL) {
    bool write = !(flags & TSAN_MUTEX_READ_LOCK);
    levels = write && (flags & TSAN_MUTEX_RECURSIVE_UNLOCK) ? held_levels(t, addr) : 1;
    for (int i = 0; i < levels; i++)
      tg_lock_releasing(t, addr, write ? TG_SYNC_MUTEX : TG_SYNC_RWLOCK, CALLER_PC);
  }
  opaque_begin();
  /* TSan returns the levels released only for a recursive unlock. */
  return (flags & TSAN_MUTEX_RECURSIVE_UNLOCK) ? levels : 0;
}

void __tsan_mutex_post_unlock(void *addr, unsigned flags) { opaque_end(); }

/* A condition variable's notify: no edge of its own (the mutex carries
 * it), but its implementation is opaque like a lock's. */
void __tsan_mutex_pre_signal(void *addr, unsigned flags) { opaque_begin(); }
void __tsan_mutex_post_signal(void *addr, unsigned flags) { opaque_end(); }

/* A window in a bracket where the code does something unrelated to the
 * mutex (a scheduler call): checked and synchronizing as usual. */
void __tsan_mutex_pre_divert(void *addr, unsigned flags) { opaque_end(); }
void __tsan_mutex_post_divert(void *addr, unsigned flags) { opaque_begin(); }
