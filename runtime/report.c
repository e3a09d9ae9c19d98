/* report.c — from a detected race to a printed report.
 *
 * The access path decides that there is a race (under its own locks) and
 * calls tg_report_race after releasing them.  Here: deduplicate, gather the
 * stacks (the current one from libunwind, the earlier one from its interned
 * context), find what the memory is (heap block, a thread's stack, a
 * global), describe the threads involved, symbolize it all and hand the
 * finished tg_report_t to report_print.c.
 *
 * Dedup: one report per unordered pair of source locations.  A cheap first
 * test on the pair of top pcs avoids symbolizing the same race again; the
 * second, on the pair of top file:line:col, catches the same pair of lines
 * reached through different pcs (inlined copies, other call paths).
 *
 * Locking: report_lock, the outermost runtime lock, protects both dedup
 * sets, the report counter's meaning (count == reports printed), the
 * symbolizer (symbolize.c) and the output.  Nothing taken here re-enters
 * the hooks: the caller's in_rt is set, so interceptors reached from libc
 * (posix_spawn's malloc, ...) only do the operation.
 */
#include "tg.h"

#include <stdio.h>
#include <string.h>
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

static void add_thread(tg_report_t *r, tg_tid_t tid) {
  if (tid == 0 || tid == TG_TID_NONE) return; /* the main thread needs no section */
  for (int i = 0; i < r->nthreads; i++)
    if (r->threads[i].tid == tid) return;
  tg_thread_t *th = tg_thread_get(tid);
  if (th == NULL) return;
  TG_CHECK(r->nthreads < (int)TG_ARRAY_SIZE(r->threads));
  tg_report_thread_t *rt = &r->threads[r->nthreads++];
  rt->tid = tid;
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
    loc->tid = owner->tid;
  } else if (tg_symbolize_data(addr, loc->name, sizeof(loc->name), &loc->addr,
                               &loc->size, loc->module, sizeof(loc->module),
                               &loc->module_offset)) {
    loc->kind = TG_LOC_GLOBAL;
  }
}

void tg_report_race(tg_thread_t *t, uptr pc, const tg_race_access_t *cur,
                    const tg_race_access_t *prev) {
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
                                       .tid = sides[i]->tid};
  }
  symbolize_stack(cur_pcs, ncur, &r.access[0].stack);
  symbolize_stack(prev_pcs, nprev, &r.access[1].stack);
  locate(cur->addr, &r.loc);
  add_thread(&r, cur->tid);
  add_thread(&r, prev->tid);
  if (r.loc.kind == TG_LOC_HEAP || r.loc.kind == TG_LOC_STACK) add_thread(&r, r.loc.tid);

  tg_report_print(&r);
  atomic_fetch_add(&nreports, 1);
  if (tg_flags.halt_on_error) halting = true;
  tg_spin_unlock(&report_lock);

  tg_free(r.access[0].stack.f);
  tg_free(r.access[1].stack.f);
  tg_free(r.loc.stack.f);
  for (int i = 0; i < r.nthreads; i++) tg_free(r.threads[i].stack.f);
  if (tg_flags.halt_on_error) tg_report_finish();
}

uint32_t tg_report_count(void) { return atomic_load(&nreports); }

void tg_report_fork_child(void) {
  atomic_store_explicit(&report_lock.v, 0, memory_order_relaxed);
  atomic_store(&nreports, 0);
}

void tg_report_finish(void) {
  tg_spin_lock(&report_lock);
  uint32_t n = tg_report_count();
  if (n == 0) {
    tg_spin_unlock(&report_lock);
    return;
  }
  halting = true; /* nothing may print after the total */
  tg_spin_unlock(&report_lock);
  /* _exit skips stdio's own flush; the program's buffered output must not
   * be lost because Tangle found something, and comes before the total.
   * Not under the report lock: a thread holding a stdio lock may be waiting
   * for it (fclose -> free -> a race report). */
  fflush(NULL);
  tg_report_print_total(n);
  _exit((int)tg_flags.exitcode);
}
