/* fingerprint.c — a report's stable fingerprint.
 *
 * One bug should be one finding across processes, runs and CI shards, so
 * the fingerprint hashes only what stays the same from run to run: the
 * report kind and the symbolized stacks the report is about (the two
 * accesses of a race, the lock-order edges, the blocked threads, the
 * misused call).  Not addresses, pids, thread numbers or lock numbers, and
 * not which side of a race came first or which edge of a cycle was made
 * last: the per-stack hashes are sorted before they are combined.
 *
 * A frame counts by its function, its file's base name (so two checkouts in
 * different directories agree) and its line; of the runtime's own frames
 * (the interceptor on top of a lock stack, free) only the function name
 * counts, so a new version of Tangle does not change every fingerprint.
 * The innermost FRAMES_HASHED frames of each stack are hashed: enough to
 * tell call sites apart, few enough that an unrelated change further up
 * the call chain keeps the finding the same.
 *
 * The hash is 64-bit FNV-1a, printed as 16 hex digits.
 */
#include "tg.h"

#include <string.h>

#define FRAMES_HASHED 4
#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * FNV_PRIME;
  return h;
}

static uint64_t fnv_str(uint64_t h, const char *s) { return fnv(h, s, strlen(s) + 1); }

/* This file's directory is the runtime's source directory, which the
 * runtime's frames name as their file. */
static bool runtime_frame(const tg_frame_t *f) {
  const char *me = __FILE__, *slash = strrchr(me, '/');
  size_t n = slash != NULL ? (size_t)(slash - me) : 0;
  return n > 0 && strncmp(f->file, me, n) == 0 && f->file[n] == '/';
}

static uint64_t stack_hash(uint64_t h, const tg_frames_t *s) {
  for (int i = 0; i < s->n && i < FRAMES_HASHED; i++) {
    const tg_frame_t *f = &s->f[i];
    h = fnv_str(h, f->func);
    if (runtime_frame(f)) continue;
    const char *base = strrchr(f->file, '/');
    h = fnv_str(h, base != NULL ? base + 1 : f->file);
    h = fnv(h, &f->line, sizeof f->line);
  }
  return fnv(h, "|", 1);
}

static void sort(uint64_t *v, int n) {
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
      uint64_t t = v[j];
      v[j] = v[j - 1];
      v[j - 1] = t;
    }
}

#define MAX_PARTS 64

uint64_t tg_report_fingerprint(const tg_report_t *r, const char *kind_title) {
  uint64_t part[MAX_PARTS];
  int n = 0;
  switch (r->kind) {
  case TG_REPORT_RACE:
    for (int i = 0; i < 2; i++) {
      const tg_report_access_t *a = &r->access[i];
      char op[2] = {a->write ? 'w' : 'r', a->atomic ? 'a' : 'p'};
      part[n++] = stack_hash(fnv(FNV_OFFSET, op, 2), &a->stack);
    }
    break;
  case TG_REPORT_LOCK_ORDER:
    for (int i = 0; i < r->nedges && n < MAX_PARTS; i++)
      part[n++] = stack_hash(stack_hash(FNV_OFFSET, &r->edges[i].to_stack),
                             &r->edges[i].from_stack);
    break;
  case TG_REPORT_DEADLOCK:
    for (int i = 0; i < r->nblocked && n < MAX_PARTS; i++)
      part[n++] = stack_hash(fnv_str(FNV_OFFSET, r->blocked[i].call), &r->blocked[i].stack);
    break;
  case TG_REPORT_UNLOCK_UNLOCKED:
  case TG_REPORT_DESTROY_LOCKED:
  case TG_REPORT_LOCK_DESTROYED:
    part[n++] = stack_hash(FNV_OFFSET, &r->stack);
    break;
  case TG_REPORT_KIND_COUNT: /* not a kind */
    break;
  }
  sort(part, n);
  uint64_t h = fnv_str(FNV_OFFSET, kind_title);
  return fnv(h, part, (size_t)n * sizeof part[0]);
}
