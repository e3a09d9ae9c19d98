/* report.c — from a detected problem to a printed report.
 *
 * The detectors decide under their own locks and call in here after
 * releasing them: the access path with a race, the lock-order graph with a
 * cycle, the watchdog or a lock interceptor with a deadlock, a lock
 * interceptor with a misuse.  Here: deduplicate, gather the stacks (the
 * current one from libunwind, earlier ones from their interned contexts),
 * find what the memory is (heap block, a thread's stack, a global) or what
 * a lock is called (its global variable, else M<n>), describe the threads
 * involved, symbolize it all and hand the finished tg_report_t to
 * report_print.c.
 *
 * Dedup: races, one report per unordered pair of source locations.  A
 * cheap first test on the pair of top pcs avoids symbolizing the same race
 * again; the second, on the pair of top file:line:col, catches the same
 * pair of lines reached through different pcs (inlined copies, other call
 * paths).  Lock misuse, one per kind and call site.  Lock-order cycles: the
 * graph reports a set of locks and sites (pcs) once; here the same locks at
 * the same source lines (inlined copies of a site) are dropped too.  A
 * deadlock ends the process.
 *
 * Cancellation is off while a report is made: a pthread_cancel acting at a
 * cancellation point inside it (the program's __tangle_on_report, libc
 * reached from the symbolizer) would leave the report lock held for ever
 * and the report half written.
 *
 * Locking: report_lock, the outermost runtime lock, protects both dedup
 * sets, the report counter's meaning (count == reports printed), the
 * symbolizer (symbolize.c) and the output.  Nothing taken here re-enters
 * the hooks: the caller's in_rt is set, so interceptors reached from libc
 * (posix_spawn's malloc, ...) only do the operation.
 */
#include "tg.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Room for inlined frames kept free before symbolizing each pc. */
#define INLINE_ROOM 16

/* A set of unordered pairs of 64-bit keys; open addressing, grows at 1/2. */
typedef struct {
  uint64_t a, b; /* a <= b */
  bool used;
} pair_t;

typedef struct {
  pair_t *slots;
  size_t cap, n;
} pair_set_t;

static tg_spin_t report_lock;
static pair_set_t seen_pcs, seen_lines; /* protected by report_lock */
static atomic_uint nreports;
static atomic_uint nsuppressed; /* matched a suppression: counted, not printed */
/* No more reports: halt_on_error's first one is out, or the process is
 * exiting.  Protected by report_lock. */
static bool halting;

static pair_t make_pair(uint64_t x, uint64_t y) {
  return x < y ? (pair_t){x, y, true} : (pair_t){y, x, true};
}

static size_t pair_slot(const pair_set_t *s, pair_t p) {
  uint64_t h = p.a * 0x9e3779b97f4a7c15ull ^ (p.b + 0x632be59bd9b4e019ull) * 0xc2b2ae3d27d4eb4full;
  size_t i = (size_t)(h ^ h >> 31) & (s->cap - 1);
  while (s->slots[i].used && (s->slots[i].a != p.a || s->slots[i].b != p.b))
    i = (i + 1) & (s->cap - 1);
  return i;
}

static bool pair_seen(const pair_set_t *s, pair_t p) {
  return s->cap != 0 && s->slots[pair_slot(s, p)].used;
}

static void pair_add(pair_set_t *s, pair_t p) {
  if (2 * (s->n + 1) > s->cap) {
    pair_set_t bigger = {tg_calloc(sizeof(pair_t) * (s->cap ? 2 * s->cap : 64)),
                         s->cap ? 2 * s->cap : 64, s->n};
    TG_CHECK(bigger.slots != NULL);
    for (size_t i = 0; i < s->cap; i++)
      if (s->slots[i].used) bigger.slots[pair_slot(&bigger, s->slots[i])] = s->slots[i];
    tg_free(s->slots);
    *s = bigger;
  }
  size_t i = pair_slot(s, p);
  if (!s->slots[i].used) {
    s->slots[i] = p;
    s->n++;
  }
}

/* The source line of a frame as a hash (module+offset when the line is
 * not known). */
static uint64_t line_key(const tg_frame_t *f) {
  uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */
  const char *s = f->file[0] ? f->file : f->module;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
  uint64_t pos = f->file[0] ? (uint64_t)f->line << 32 | (uint32_t)f->col : f->module_offset;
  return (h ^ pos) * 0x100000001b3ull;
}

static bool func_is(const tg_frame_t *f, const char *name) {
  return strcmp(f->func, name) == 0;
}

/* Drops the frames outside the program's own code at the bottom of a stack,
 * as ThreadSanitizer does: everything below main (libc's start-up code),
 * or, in other threads, libc's thread start (start_thread, clone) and the
 * runtime's trampoline that calls the thread's function (interceptors.c's
 * thread_start, which recorded stacks end in since the function's
 * func_entry pushed a return address into it). */
static void strip_outer_frames(tg_frames_t *s) {
  for (int i = s->n; i-- > 0;) {
    if (func_is(&s->f[i], "main")) {
      s->n = i + 1;
      return;
    }
  }
  while (s->n > 0 && (func_is(&s->f[s->n - 1], "clone3") ||
                      func_is(&s->f[s->n - 1], "clone") ||
                      func_is(&s->f[s->n - 1], "start_thread")))
    s->n--;
  if (s->n > 1 && func_is(&s->f[s->n - 1], "thread_start")) s->n--;
}

/* Symbolizes pcs[0..n) into out (allocated; free with tg_free(out->f)). */
static void symbolize_stack(const uptr *pcs, int n, tg_frames_t *out) {
  int cap = n + INLINE_ROOM;
  out->f = tg_malloc(sizeof(tg_frame_t) * (size_t)cap);
  TG_CHECK(out->f != NULL);
  out->n = 0;
  for (int i = 0; i < n; i++) {
    if (cap - out->n < INLINE_ROOM) {
      cap *= 2;
      out->f = tg_realloc(out->f, sizeof(tg_frame_t) * (size_t)cap);
      TG_CHECK(out->f != NULL);
    }
    out->n += tg_symbolize_pc(pcs[i], out->f + out->n, cap - out->n);
  }
  strip_outer_frames(out);
}

static void symbolize_ctx(tg_ctx_t ctx, tg_frames_t *out) {
  uptr pcs[TG_MAX_FRAMES];
  symbolize_stack(pcs, tg_ctx_unwind(ctx, pcs, TG_MAX_FRAMES), out);
}

/* The pc that stands for where an access was made: for a free() the frame
 * below `free` on top, so that all frees do not look alike. */
static uptr key_pc(const uptr *pcs, int n, bool is_free) {
  if (n == 0) return 0;
  return is_free && n > 1 ? pcs[1] : pcs[0];
}

/* The number of the thread that made epoch tid@clock (clock 0: the tid's
 * latest holder, right for a thread still running, or holding a lock). */
static tg_tnum_t thread_num(tg_tid_t tid, tg_clock_t clock) {
  tg_thread_t *th = tid == TG_TID_NONE ? NULL : tg_thread_at(tid, clock);
  return th != NULL ? th->num : TG_TNUM_NONE;
}

static void add_thread(tg_report_t *r, tg_tnum_t num) {
  if (num == 0 || num == TG_TNUM_NONE) return; /* the main thread needs no section */
  for (int i = 0; i < r->nthreads; i++)
    if (r->threads[i].tid == num) return;
  tg_thread_t *th = tg_thread_by_num(num);
  if (th == NULL) return;
  if ((r->nthreads & (r->nthreads - 1)) == 0) { /* 0, 1, 2, 4, ...: grow */
    r->threads = tg_realloc(r->threads, sizeof(*r->threads) *
                                            (size_t)(r->nthreads ? 2 * r->nthreads : 1));
    TG_CHECK(r->threads != NULL);
  }
  tg_report_thread_t *rt = &r->threads[r->nthreads++];
  rt->tid = num;
  rt->parent = th->parent;
  rt->os_tid = th->os_tid;
  rt->finished = atomic_load(&th->state) == TG_THR_FINISHED;
  symbolize_ctx(th->create_ctx, &rt->stack);
}

/* What the memory at addr is.  Precondition: report lock held. */
static void locate(uptr addr, tg_report_loc_t *loc) {
  tg_block_t blk;
  tg_thread_t *owner;
  if (tg_alloc_find(addr, &blk)) {
    loc->kind = TG_LOC_HEAP;
    loc->addr = blk.addr;
    loc->size = blk.size;
    loc->tid = blk.tid;
    symbolize_ctx(blk.ctx, &loc->stack);
  } else if ((owner = tg_thread_by_stack(addr)) != NULL) {
    loc->kind = TG_LOC_STACK;
    loc->tid = owner->num;
  } else if (tg_symbolize_data(addr, loc->name, sizeof(loc->name), &loc->addr,
                               &loc->size, loc->module, sizeof(loc->module),
                               &loc->module_offset)) {
    loc->kind = TG_LOC_GLOBAL;
  }
}

static void free_frames(tg_frames_t *f) {
  tg_free(f->f);
  f->f = NULL;
  f->n = 0;
}

/* Prints r (unless !print: a duplicate found late), counts it, drops the
 * report lock and frees r's parts; with halt_on_error, then ends the
 * process.  Precondition: report lock held. */
static void print_and_free(tg_report_t *r, bool print) {
  const char *rule = print ? tg_suppress_match(r) : NULL;
  if (rule != NULL) {
    tg_report_print(r, rule);
    atomic_fetch_add(&nsuppressed, 1);
    print = false;
  } else if (print) {
    tg_report_print(r, NULL);
    atomic_fetch_add(&nreports, 1);
    if (tg_flags.halt_on_error) halting = true;
  }
  tg_spin_unlock(&report_lock);

  free_frames(&r->access[0].stack);
  free_frames(&r->access[1].stack);
  free_frames(&r->loc.stack);
  for (int i = 0; i < r->nthreads; i++) free_frames(&r->threads[i].stack);
  tg_free(r->threads);
  for (int i = 0; i < r->nobjs; i++) free_frames(&r->objs[i].first);
  tg_free(r->objs);
  for (int i = 0; i < r->nedges; i++) {
    free_frames(&r->edges[i].to_stack);
    free_frames(&r->edges[i].from_stack);
  }
  tg_free(r->edges);
  for (int i = 0; i < r->nblocked; i++) {
    free_frames(&r->blocked[i].stack);
    free_frames(&r->blocked[i].held_stack);
  }
  tg_free(r->blocked);
  free_frames(&r->stack);
  free_frames(&r->other_stack);
  if (print && tg_flags.halt_on_error) tg_report_finish();
}

static void race(tg_thread_t *t, uptr pc, const tg_race_access_t *cur,
                 const tg_race_access_t *prev) {
  if (tg_annotate_is_benign(cur->addr, cur->size) ||
      tg_annotate_is_benign(prev->addr, prev->size))
    return;
  /* A racy loop calls this again and again for a race already reported,
   * so the pc dedup comes before unwinding, except for a free(): its pc is
   * in free itself, the same for every call site, and only the unwound
   * stack (free's frame, then its caller) tells the sites apart. */
  uptr cur_pcs[TG_MAX_FRAMES], prev_pcs[TG_MAX_FRAMES];
  int ncur = cur->is_free ? tg_stack_unwind(pc, cur_pcs, TG_MAX_FRAMES) : 0;
  int nprev = tg_ctx_unwind(prev->ctx, prev_pcs, TG_MAX_FRAMES);
  uptr cur_key = cur->is_free ? key_pc(cur_pcs, ncur, true) : pc;
  uptr prev_key = key_pc(prev_pcs, nprev, prev->is_free);

  tg_spin_lock(&report_lock);
  pair_t pcs_pair = make_pair(cur_key, prev_key);
  if (halting || pair_seen(&seen_pcs, pcs_pair)) {
    tg_spin_unlock(&report_lock);
    return;
  }
  pair_add(&seen_pcs, pcs_pair);
  if (!cur->is_free) ncur = tg_stack_unwind(pc, cur_pcs, TG_MAX_FRAMES);
  tg_frame_t top[2];
  tg_symbolize_pc(cur_key, &top[0], 1);
  tg_symbolize_pc(prev_key, &top[1], 1);
  pair_t lines_pair = make_pair(line_key(&top[0]), line_key(&top[1]));
  if (pair_seen(&seen_lines, lines_pair)) {
    tg_spin_unlock(&report_lock);
    return;
  }
  pair_add(&seen_lines, lines_pair);

  tg_report_t r;
  memset(&r, 0, sizeof(r));
  r.kind = TG_REPORT_RACE;
  r.pid = tg_getpid();
  const tg_race_access_t *sides[2] = {cur, prev};
  for (int i = 0; i < 2; i++) {
    r.access[i] = (tg_report_access_t){.write = sides[i]->write,
                                       .atomic = sides[i]->atomic,
                                       .size = sides[i]->size,
                                       .addr = sides[i]->addr,
                                       .tid = i == 0 ? t->num
                                                     : thread_num(prev->tid, prev->clock)};
  }
  symbolize_stack(cur_pcs, ncur, &r.access[0].stack);
  symbolize_stack(prev_pcs, nprev, &r.access[1].stack);
  locate(cur->addr, &r.loc);
  add_thread(&r, r.access[0].tid);
  add_thread(&r, r.access[1].tid);
  if (r.loc.kind == TG_LOC_HEAP || r.loc.kind == TG_LOC_STACK) add_thread(&r, r.loc.tid);

  print_and_free(&r, true);
}

void tg_report_race(tg_thread_t *t, uptr pc, const tg_race_access_t *cur,
                    const tg_race_access_t *prev) {
  int cancel_state;
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel_state);
  race(t, pc, cur, prev);
  pthread_setcancelstate(cancel_state, NULL);
}

/* ---- lock reports ---------------------------------------------------- */

/* Names the object at addr: the global variable holding it ("lock_a", or
 * "accounts+16" inside one), else M<num>, numbered now if num is 0.
 * Precondition: report lock held. */
static void name_obj(tg_report_obj_t *o, uptr addr, uint8_t kind, uint32_t num,
                     tg_ctx_t first) {
  char name[256], module[256];
  uptr start, modoff;
  size_t size;
  o->addr = addr;
  o->kind = kind;
  if (kind == TG_SYNC_CHAN && tg_chan_describe(addr, &o->what, o->name, sizeof(o->name)))
    return;
  if (tg_symbolize_data(addr, name, sizeof(name), &start, &size, module,
                        sizeof(module), &modoff)) {
    if (addr == start)
      snprintf(o->name, sizeof(o->name), "%s", name);
    else
      snprintf(o->name, sizeof(o->name), "%.200s+%lu", name, addr - start);
    return;
  }
  if (num == 0) num = tg_lg_number(addr, (tg_sync_kind_t)kind, &first);
  if (num == 0) { /* the graph is full */
    snprintf(o->name, sizeof(o->name), "0x%lx", addr);
    return;
  }
  snprintf(o->name, sizeof(o->name), "M%u", num);
  o->numbered = true;
  if (first != 0) symbolize_ctx(first, &o->first);
}

/* The index of the object at addr in r->objs, named on first sight. */
static int obj_index(tg_report_t *r, uptr addr, uint8_t kind) {
  for (int i = 0; i < r->nobjs; i++)
    if (r->objs[i].addr == addr) return i;
  name_obj(&r->objs[r->nobjs], addr, kind, 0, 0);
  return r->nobjs++;
}

/* The frame a lock report's stack stands for: the program's call below
 * the interceptor's frame. */
static const tg_frame_t *call_frame(const tg_frames_t *s) {
  return s->n > 1 ? &s->f[1] : s->n == 1 ? &s->f[0] : NULL;
}

static void lock_order(int n, const tg_lock_ref_t *locks, const tg_cycle_edge_t *edges) {
  tg_spin_lock(&report_lock);
  if (halting) {
    tg_spin_unlock(&report_lock);
    return;
  }
  tg_report_t r;
  memset(&r, 0, sizeof(r));
  r.kind = TG_REPORT_LOCK_ORDER;
  r.pid = tg_getpid();
  r.objs = tg_calloc(sizeof(*r.objs) * (size_t)n);
  r.edges = tg_calloc(sizeof(*r.edges) * (size_t)n);
  TG_CHECK(r.objs != NULL && r.edges != NULL);
  r.nobjs = r.nedges = n;
  /* The graph saw these sites as pcs; the same source lines reached
   * through other pcs (inlined copies) are the same cycle too. */
  uint64_t locks_key = 0, lines_key = 0;
  for (int i = 0; i < n; i++) {
    tg_report_edge_t *e = &r.edges[i];
    e->from = i;
    e->to = (i + 1) % n;
    e->tid = thread_num(edges[i].tid, edges[i].clock);
    e->from_write = edges[i].held_write;
    e->to_write = edges[i].acq_write;
    symbolize_ctx(edges[i].acq_ctx, &e->to_stack);
    symbolize_ctx(edges[i].held_ctx, &e->from_stack);
    const tg_frame_t *to = call_frame(&e->to_stack), *from = call_frame(&e->from_stack);
    locks_key += locks[i].addr * 0x9e3779b97f4a7c15ull;
    lines_key += (to ? line_key(to) : 0) * 31 + (from ? line_key(from) : 0);
  }
  pair_t key = make_pair(TG_REPORT_LOCK_ORDER, locks_key ^ (lines_key * 0xc2b2ae3d27d4eb4full));
  if (pair_seen(&seen_lines, key)) {
    r.nobjs = 0; /* none named yet */
    print_and_free(&r, false);
    return;
  }
  pair_add(&seen_lines, key);
  for (int i = 0; i < n; i++) {
    name_obj(&r.objs[i], locks[i].addr, locks[i].kind, locks[i].num, locks[i].first_ctx);
    add_thread(&r, r.edges[i].tid);
  }
  print_and_free(&r, true);
}

void tg_report_lock_order(int n, const tg_lock_ref_t *locks,
                          const tg_cycle_edge_t *edges) {
  int cancel_state;
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel_state);
  lock_order(n, locks, edges);
  pthread_setcancelstate(cancel_state, NULL);
}

static tg_sync_kind_t wait_object_kind(uint8_t wait_kind) {
  switch ((tg_wait_kind_t)wait_kind) {
  case TG_WAIT_RDLOCK:
  case TG_WAIT_WRLOCK:
    return TG_SYNC_RWLOCK;
  case TG_WAIT_SPIN:
    return TG_SYNC_SPIN;
  case TG_WAIT_COND:
    return TG_SYNC_COND;
  case TG_WAIT_SEM:
    return TG_SYNC_SEM;
  case TG_WAIT_BARRIER:
    return TG_SYNC_BARRIER;
  case TG_WAIT_CHAN_RECV:
  case TG_WAIT_CHAN_SEND:
    return TG_SYNC_CHAN;
  case TG_WAIT_NONE:
  case TG_WAIT_MUTEX:
  case TG_WAIT_JOIN:
    break;
  }
  return TG_SYNC_MUTEX;
}

/* The program's buffered output, without waiting for a stdio lock: its
 * holder may be one of the deadlocked threads. */
static void flush_stdio_nowait(void) {
  FILE *files[2] = {stdout, stderr};
  for (int i = 0; i < 2; i++) {
    if (ftrylockfile(files[i]) == 0) {
      fflush_unlocked(files[i]);
      funlockfile(files[i]);
    }
  }
}

void tg_report_deadlock(const tg_blocked_t *b, int n) {
  /* Never enabled again: this ends the process, or waits for ever. */
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
  tg_spin_lock(&report_lock);
  if (halting) {
    /* Another thread is ending the process; its _exit ends this one. */
    tg_spin_unlock(&report_lock);
    for (;;) syscall(SYS_pause);
  }
  tg_report_t r;
  memset(&r, 0, sizeof(r));
  r.kind = TG_REPORT_DEADLOCK;
  r.pid = tg_getpid();
  r.objs = tg_calloc(sizeof(*r.objs) * (size_t)n);
  r.blocked = tg_calloc(sizeof(*r.blocked) * (size_t)n);
  TG_CHECK(r.objs != NULL && r.blocked != NULL);
  r.nblocked = n;
  for (int i = 0; i < n; i++) {
    tg_report_blocked_t *rb = &r.blocked[i];
    rb->tid = thread_num(b[i].tid, 0);
    rb->call = b[i].call;
    rb->wait_kind = b[i].kind;
    rb->target = thread_num(b[i].target, 0);
    rb->obj = b[i].kind == TG_WAIT_JOIN ? -1
                                         : obj_index(&r, b[i].obj, wait_object_kind(b[i].kind));
    rb->nholders = b[i].nholders;
    for (int k = 0; k < b[i].nholders; k++) rb->holders[k] = thread_num(b[i].holders[k], 0);
    if (b[i].npcs > 0)
      symbolize_stack(b[i].pcs, b[i].npcs, &rb->stack);
    else
      symbolize_ctx(b[i].ctx, &rb->stack);
    if (b[i].held_ctx != 0) symbolize_ctx(b[i].held_ctx, &rb->held_stack);
  }
  for (int i = 0; i < n; i++) {
    const tg_report_blocked_t *rb = &r.blocked[i];
    add_thread(&r, rb->tid);
    if (b[i].kind == TG_WAIT_JOIN) add_thread(&r, rb->target);
    for (int k = 0; k < rb->nholders; k++) add_thread(&r, rb->holders[k]);
  }
  const char *rule = tg_suppress_match(&r);
  tg_report_print(&r, rule);
  if (rule != NULL) {
    /* Suppressed: the program stays stuck, as it would without Tangle;
     * this thread (the watchdog, or the thread that relocked) waits with
     * it, and reports nothing more. */
    atomic_fetch_add(&nsuppressed, 1);
    tg_spin_unlock(&report_lock);
    for (;;) syscall(SYS_pause);
  }
  uint32_t total = atomic_fetch_add(&nreports, 1) + 1;
  halting = true;
  /* The report lock stays held: nothing may print after the total. */
  flush_stdio_nowait();
  tg_report_print_total(total);
  _exit((int)tg_flags.exitcode);
}

static void lock_misuse(tg_report_kind_t kind, tg_thread_t *t, uptr addr, uptr pc,
                        uptr fn, tg_tid_t other, tg_ctx_t other_ctx) {
  tg_spin_lock(&report_lock);
  pair_t key = make_pair((uint64_t)kind, pc);
  if (halting || pair_seen(&seen_pcs, key)) {
    tg_spin_unlock(&report_lock);
    return;
  }
  pair_add(&seen_pcs, key);
  uptr pcs[TG_MAX_FRAMES];
  pcs[0] = fn + 1;
  int npcs = 1 + tg_stack_unwind(pc, pcs + 1, TG_MAX_FRAMES - 1);
  tg_report_t r;
  memset(&r, 0, sizeof(r));
  r.kind = kind;
  r.pid = tg_getpid();
  r.objs = tg_calloc(sizeof(*r.objs));
  TG_CHECK(r.objs != NULL);
  obj_index(&r, addr, TG_SYNC_MUTEX);
  r.tid = t->num;
  r.other = thread_num(other, 0);
  symbolize_stack(pcs, npcs, &r.stack);
  if (r.other != TG_TNUM_NONE && other_ctx != 0) symbolize_ctx(other_ctx, &r.other_stack);
  add_thread(&r, r.tid);
  add_thread(&r, r.other);
  print_and_free(&r, true);
}

void tg_report_lock_misuse(tg_report_kind_t kind, tg_thread_t *t, uptr addr,
                           uptr pc, uptr fn, tg_tid_t other, tg_ctx_t other_ctx) {
  int cancel_state;
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel_state);
  lock_misuse(kind, t, addr, pc, fn, other, other_ctx);
  pthread_setcancelstate(cancel_state, NULL);
}

uint32_t tg_report_count(void) { return atomic_load(&nreports); }

void tg_report_fork_child(void) {
  atomic_store_explicit(&report_lock.v, 0, memory_order_relaxed);
  atomic_store(&nreports, 0);
  atomic_store(&nsuppressed, 0);
}

void tg_report_finish(void) {
  tg_spin_lock(&report_lock);
  uint32_t n = tg_report_count();
  uint32_t suppressed = atomic_exchange(&nsuppressed, 0);
  if (n == 0) {
    tg_spin_unlock(&report_lock);
    if (suppressed > 0) {
      fflush(NULL); /* the program's output first, as below */
      tg_report_print_suppressed(suppressed);
    }
    return;
  }
  halting = true; /* nothing may print after the total */
  tg_spin_unlock(&report_lock);
  /* _exit skips stdio's own flush; the program's buffered output must not
   * be lost because Tangle found something, and comes before the total.
   * Not under the report lock: a thread holding a stdio lock may be waiting
   * for it (fclose -> free -> a race report). */
  fflush(NULL);
  if (suppressed > 0) tg_report_print_suppressed(suppressed);
  tg_report_print_total(n);
  _exit((int)tg_flags.exitcode);
}
