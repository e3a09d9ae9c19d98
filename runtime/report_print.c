/* report_print.c — the report's text and JSON forms.  Both are APIs (tests,
 * scripts and `tangle report` parse them; docs/report-format.md describes
 * them), so every fixed string of a report lives in this file and nowhere
 * else.
 *
 * Text goes to stderr in one write per report, so reports from several
 * threads or processes sharing the terminal never interleave.  With
 * report_path, each report is also one JSON line appended to
 * <report_path>.<pid>.json with one write() before the report returns: an
 * abort, _exit or kill right after loses nothing.  The file is created on
 * the first report of each process (a forked child gets its own file), and
 * is always a new one (json_file).
 *
 * tg_report_print runs under the report lock (report.c), which protects
 * the JSON file state here.
 */
#include "tg.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *const kind_titles[] = {
#define TG_REPORT_KIND(id, title, name, help) [TG_REPORT_##id] = title,
#include "report_kinds.def"
#undef TG_REPORT_KIND
};

/* ---- a growable output buffer ---- */

typedef struct {
  char *p;
  size_t len, cap;
} buf_t;

static void buf_reserve(buf_t *b, size_t more) {
  if (b->len + more + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + more + 1) cap *= 2;
  b->p = tg_realloc(b->p, cap);
  TG_CHECK(b->p != NULL);
  b->cap = cap;
}

TG_PRINTF(2, 3) static void bprintf(buf_t *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n <= 0) return;
  buf_reserve(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

static void bput(buf_t *b, const char *s, size_t n) {
  buf_reserve(b, n);
  memcpy(b->p + b->len, s, n);
  b->len += n;
}

/* ---- pieces shared by both forms ---- */

/* "main thread" / "thread T3" in text; "main" / "T3" in JSON. */
static void thread_name(char *out, size_t n, tg_tnum_t tid, bool json) {
  if (tid == 0)
    snprintf(out, n, json ? "main" : "main thread");
  else if (tid == TG_TNUM_NONE)
    snprintf(out, n, json ? "unknown" : "unknown thread");
  else
    snprintf(out, n, json ? "T%u" : "thread T%u", tid);
}

/* " file:line:col", dropping what is unknown (nothing if the file is). */
static void frame_source(buf_t *b, const tg_frame_t *f) {
  if (f->file[0] == '\0') return;
  bprintf(b, " %s", f->file);
  if (f->line > 0) bprintf(b, ":%d", f->line);
  if (f->line > 0 && f->col > 0) bprintf(b, ":%d", f->col);
}

/* " (app+0x1234)" */
static void frame_module(buf_t *b, const tg_frame_t *f) {
  bprintf(b, " (%s+0x%lx)", f->module[0] ? f->module : "<unknown module>",
          f->module_offset);
}

/* Where a report happened: the top frame of the current access; for the
 * lock reports, whose stacks start with the interceptor's frame, the frame
 * below it (the program's call). */
static const tg_frame_t *summary_frame(const tg_report_t *r) {
  const tg_frames_t *s = NULL;
  int skip = 1;
  switch (r->kind) {
  case TG_REPORT_RACE:
    s = &r->access[0].stack;
    skip = 0;
    break;
  case TG_REPORT_LOCK_ORDER:
    if (r->nedges > 0) s = &r->edges[0].to_stack;
    break;
  case TG_REPORT_DEADLOCK:
    if (r->nblocked > 0) s = &r->blocked[0].stack;
    break;
  case TG_REPORT_UNLOCK_UNLOCKED:
  case TG_REPORT_DESTROY_LOCKED:
  case TG_REPORT_LOCK_DESTROYED:
    s = &r->stack;
    break;
  case TG_REPORT_KIND_COUNT: /* not a kind */
    break;
  }
  if (s == NULL || s->n == 0) return NULL;
  return &s->f[s->n > skip ? skip : 0];
}

/* "data race /p/f.c:12:5 in worker" */
static void summary(buf_t *b, const tg_report_t *r) {
  bprintf(b, "%s", kind_titles[r->kind]);
  const tg_frame_t *f = summary_frame(r);
  if (f == NULL) return;
  if (f->file[0])
    frame_source(b, f);
  else
    frame_module(b, f);
  if (f->func[0]) bprintf(b, " in %s", f->func);
}

/* What an object is, in a sentence ("mutex") or at its start ("Mutex"),
 * and in JSON (the lower-case form). */
static const char *obj_word(uint8_t kind, bool capital) {
  switch ((tg_sync_kind_t)kind) {
  case TG_SYNC_MUTEX:
    return capital ? "Mutex" : "mutex";
  case TG_SYNC_RWLOCK:
    return capital ? "RWLock" : "rwlock";
  case TG_SYNC_SPIN:
    return capital ? "Spinlock" : "spinlock";
  case TG_SYNC_COND:
    return capital ? "Condition variable" : "condition variable";
  case TG_SYNC_SEM:
    return capital ? "Semaphore" : "semaphore";
  case TG_SYNC_BARRIER:
    return capital ? "Barrier" : "barrier";
  case TG_SYNC_CHAN:
    return capital ? "Channel" : "channel";
  case TG_SYNC_ONCE:
  case TG_SYNC_ATOMIC:
  case TG_SYNC_ANNOTATION:
    break;
  }
  return capital ? "Object" : "object";
}

/* A channel outside program memory says what it is ("pipe"). */
static const char *obj_noun(const tg_report_obj_t *o) {
  return o->what != NULL ? o->what : obj_word(o->kind, false);
}

static bool obj_is_lock(uint8_t kind) {
  return kind == TG_SYNC_MUTEX || kind == TG_SYNC_RWLOCK || kind == TG_SYNC_SPIN;
}

/* ---- text ---- */

static void text_frames(buf_t *b, const tg_frames_t *s) {
  if (s->n == 0) bprintf(b, "    <empty stack>\n");
  for (int i = 0; i < s->n; i++) {
    const tg_frame_t *f = &s->f[i];
    bprintf(b, "    #%d %s", i, f->func[0] ? f->func : "<unknown>");
    frame_source(b, f);
    frame_module(b, f);
    bput(b, "\n", 1);
  }
}

/* A stack, then a blank line. */
static void text_stack(buf_t *b, const tg_frames_t *s) {
  text_frames(b, s);
  bput(b, "\n", 1);
}

static void text_access(buf_t *b, const tg_report_access_t *a, bool previous) {
  static const char *const ops[2][2][2] = {
      /* [previous][atomic][write] */
      {{"Read", "Write"}, {"Atomic read", "Atomic write"}},
      {{"Previous read", "Previous write"},
       {"Previous atomic read", "Previous atomic write"}},
  };
  char who[32];
  thread_name(who, sizeof(who), a->tid, false);
  bprintf(b, "  %s of size %u at 0x%lx by %s:\n", ops[previous][a->atomic][a->write],
          a->size, a->addr, who);
  text_stack(b, &a->stack);
}

static void text_location(buf_t *b, const tg_report_loc_t *l) {
  char who[32];
  thread_name(who, sizeof(who), l->tid, false);
  switch (l->kind) {
  case TG_LOC_NONE:
    break;
  case TG_LOC_GLOBAL:
    bprintf(b, "  Location is global '%s' of size %zu at 0x%lx (%s+0x%lx)\n\n",
            l->name, l->size, l->addr, l->module, l->module_offset);
    break;
  case TG_LOC_HEAP:
    bprintf(b, "  Location is heap block of size %zu at 0x%lx allocated by %s:\n",
            l->size, l->addr, who);
    text_stack(b, &l->stack);
    break;
  case TG_LOC_STACK:
    bprintf(b, "  Location is stack of %s.\n\n", who);
    break;
  }
}

static void text_threads(buf_t *b, const tg_report_t *r) {
  for (int i = 0; i < r->nthreads; i++) {
    const tg_report_thread_t *th = &r->threads[i];
    char parent[32];
    thread_name(parent, sizeof(parent), th->parent, false);
    bprintf(b, "  Thread T%u (tid=%d, %s) created by %s at:\n", th->tid, th->os_tid,
            th->finished ? "finished" : "running", parent);
    text_stack(b, &th->stack);
  }
}

/* "Mutex M1 first locked at:" for each object named by its number, where
 * that is known. */
static void text_numbered(buf_t *b, const tg_report_t *r) {
  for (int i = 0; i < r->nobjs; i++) {
    const tg_report_obj_t *o = &r->objs[i];
    if (!o->numbered || o->first.n == 0) continue;
    bprintf(b, "  %s %s first %s at:\n", obj_word(o->kind, true), o->name,
            obj_is_lock(o->kind) ? "locked" : "used");
    text_stack(b, &o->first);
  }
}

static void text_lock_order(buf_t *b, const tg_report_t *r) {
  bprintf(b, "  Cycle: ");
  for (int i = 0; i < r->nobjs; i++) bprintf(b, "%s => ", r->objs[i].name);
  bprintf(b, "%s\n\n", r->nobjs > 0 ? r->objs[0].name : "");
  for (int i = 0; i < r->nedges; i++) {
    const tg_report_edge_t *e = &r->edges[i];
    const tg_report_obj_t *to = &r->objs[e->to], *from = &r->objs[e->from];
    char who[32];
    thread_name(who, sizeof(who), e->tid, false);
    bprintf(b, "  %s %s acquired here while holding %s %s in %s:\n",
            obj_word(to->kind, true), to->name, obj_word(from->kind, false),
            from->name, who);
    text_frames(b, &e->to_stack);
    bprintf(b, "  %s %s previously acquired by the same thread here:\n",
            obj_word(from->kind, true), from->name);
    text_stack(b, &e->from_stack);
  }
  text_numbered(b, r);
  text_threads(b, r);
}

/* "Main thread" / "Thread T3" at the start of a sentence. */
static void thread_name_capital(char *out, size_t n, tg_tnum_t tid) {
  thread_name(out, n, tid, false);
  out[0] = (char)(out[0] - 'a' + 'A');
}

static void text_holders(buf_t *b, const tg_report_blocked_t *bl) {
  if (bl->nholders == 0) return;
  bprintf(b, " held by ");
  for (int k = 0; k < bl->nholders; k++) {
    char who[32];
    thread_name(who, sizeof(who), bl->holders[k], false);
    bprintf(b, "%s%s", k == 0 ? "" : k == bl->nholders - 1 ? " and " : ", ", who);
  }
}

static void text_deadlock(buf_t *b, const tg_report_t *r) {
  for (int i = 0; i < r->nblocked; i++) {
    const tg_report_blocked_t *bl = &r->blocked[i];
    char who[32], whom[32];
    thread_name_capital(who, sizeof(who), bl->tid);
    bprintf(b, "  %s is blocked in %s on ", who, bl->call);
    if (bl->obj < 0) {
      thread_name(whom, sizeof(whom), bl->target, false);
      bprintf(b, "%s:\n", whom);
      text_stack(b, &bl->stack);
      continue;
    }
    const tg_report_obj_t *o = &r->objs[bl->obj];
    bprintf(b, "%s %s", obj_noun(o), o->name);
    text_holders(b, bl);
    bprintf(b, ":\n");
    if (bl->held_stack.n == 0) {
      text_stack(b, &bl->stack);
      continue;
    }
    text_frames(b, &bl->stack);
    bprintf(b, "  %s %s previously acquired by the same thread here:\n",
            obj_word(o->kind, true), o->name);
    text_stack(b, &bl->held_stack);
  }
  text_numbered(b, r);
  text_threads(b, r);
}

static void text_misuse(buf_t *b, const tg_report_t *r) {
  const tg_report_obj_t *o = &r->objs[0];
  const char *done = r->kind == TG_REPORT_UNLOCK_UNLOCKED  ? "unlocked"
                     : r->kind == TG_REPORT_DESTROY_LOCKED ? "destroyed"
                                                           : "locked";
  char who[32];
  thread_name(who, sizeof(who), r->tid, false);
  bprintf(b, "  %s %s %s by %s:\n", obj_word(o->kind, true), o->name, done, who);
  text_stack(b, &r->stack);
  if (r->other != TG_TNUM_NONE) {
    thread_name(who, sizeof(who), r->other, false);
    if (r->kind == TG_REPORT_LOCK_DESTROYED)
      bprintf(b, "  %s %s was destroyed by %s here:\n", obj_word(o->kind, true),
              o->name, who);
    else
      bprintf(b, "  %s %s is held by %s, locked here:\n", obj_word(o->kind, true),
              o->name, who);
    text_stack(b, &r->other_stack);
  }
  text_numbered(b, r);
  text_threads(b, r);
}

static void print_text(buf_t *b, const tg_report_t *r) {
  bprintf(b, "WARNING: Tangle: %s\n", kind_titles[r->kind]);
  switch (r->kind) {
  case TG_REPORT_RACE:
    text_access(b, &r->access[0], false);
    text_access(b, &r->access[1], true);
    text_location(b, &r->loc);
    text_threads(b, r);
    break;
  case TG_REPORT_LOCK_ORDER:
    text_lock_order(b, r);
    break;
  case TG_REPORT_DEADLOCK:
    text_deadlock(b, r);
    break;
  case TG_REPORT_UNLOCK_UNLOCKED:
  case TG_REPORT_DESTROY_LOCKED:
  case TG_REPORT_LOCK_DESTROYED:
    text_misuse(b, r);
    break;
  case TG_REPORT_KIND_COUNT: /* not a kind */
    break;
  }
  bprintf(b, "SUMMARY: Tangle: ");
  summary(b, r);
  bprintf(b, "\n==================\n");
}

/* ---- JSON ---- */

/* Length of the valid UTF-8 sequence at p, or 0 (so that file names in any
 * encoding still make valid JSON: invalid bytes become U+FFFD). */
static int utf8_len(const unsigned char *p) {
  int n;
  unsigned lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
  if (p[0] >= 0xc2 && p[0] <= 0xdf) n = 2;
  else if (p[0] >= 0xe0 && p[0] <= 0xef) n = 3;
  else if (p[0] >= 0xf0 && p[0] <= 0xf4) n = 4;
  else return 0;
  if (p[0] == 0xe0) lo = 0xa0;      /* overlong */
  else if (p[0] == 0xed) hi = 0x9f; /* surrogates */
  else if (p[0] == 0xf0) lo = 0x90; /* overlong */
  else if (p[0] == 0xf4) hi = 0x8f; /* above U+10FFFF */
  if (p[1] < lo || p[1] > hi) return 0;
  for (int i = 2; i < n; i++)
    if ((p[i] & 0xc0) != 0x80) return 0;
  return n;
}

static void json_str(buf_t *b, const char *s) {
  bput(b, "\"", 1);
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    int n = *p < 0x80 ? 1 : utf8_len(p);
    if (*p == '"' || *p == '\\')
      bprintf(b, "\\%c", *p);
    else if (*p == '\n')
      bput(b, "\\n", 2);
    else if (*p < 0x20 || *p == 0x7f)
      bprintf(b, "\\u%04x", *p);
    else if (n == 0)
      bput(b, "\\ufffd", 6);
    else
      bput(b, (const char *)p, (size_t)n);
    p += n ? n : 1;
  }
  bput(b, "\"", 1);
}

/* A string, or null when it is empty (unknown). */
static void json_str_or_null(buf_t *b, const char *s) {
  if (s[0])
    json_str(b, s);
  else
    bprintf(b, "null");
}

static void json_thread(buf_t *b, const char *key, tg_tnum_t tid) {
  char name[32];
  thread_name(name, sizeof(name), tid, true);
  bprintf(b, ",\"%s\":\"%s\"", key, name);
}

static void json_stack_key(buf_t *b, const char *key, const tg_frames_t *s) {
  bprintf(b, ",\"%s\":[", key);
  for (int i = 0; i < s->n; i++) {
    const tg_frame_t *f = &s->f[i];
    bprintf(b, "%s{\"function\":", i ? "," : "");
    json_str_or_null(b, f->func);
    if (f->file[0]) { /* no debug information: no file, line, column */
      bprintf(b, ",\"file\":");
      json_str(b, f->file);
      bprintf(b, ",\"line\":%d,\"column\":%d", f->line, f->col);
    }
    bprintf(b, ",\"module\":");
    json_str_or_null(b, f->module);
    bprintf(b, ",\"offset\":\"0x%lx\"}", f->module_offset);
  }
  bprintf(b, "]");
}

static void json_stack(buf_t *b, const tg_frames_t *s) { json_stack_key(b, "stack", s); }

static void json_access(buf_t *b, const tg_report_access_t *a, bool previous) {
  bprintf(b, "{\"role\":\"%s\",\"op\":\"%s\",\"atomic\":%s,\"size\":%u,\"addr\":\"0x%lx\"",
          previous ? "previous" : "current", a->write ? "write" : "read",
          a->atomic ? "true" : "false", a->size, a->addr);
  json_thread(b, "thread", a->tid);
  json_stack(b, &a->stack);
  bprintf(b, "}");
}

static void json_location(buf_t *b, const tg_report_loc_t *l) {
  switch (l->kind) {
  case TG_LOC_NONE:
    break;
  case TG_LOC_GLOBAL:
    bprintf(b, ",\"location\":{\"kind\":\"global\",\"name\":");
    json_str(b, l->name);
    bprintf(b, ",\"size\":%zu,\"addr\":\"0x%lx\",\"module\":", l->size, l->addr);
    json_str(b, l->module);
    bprintf(b, ",\"offset\":\"0x%lx\"}", l->module_offset);
    break;
  case TG_LOC_HEAP:
    bprintf(b, ",\"location\":{\"kind\":\"heap\",\"size\":%zu,\"addr\":\"0x%lx\"",
            l->size, l->addr);
    json_thread(b, "thread", l->tid);
    json_stack(b, &l->stack);
    bprintf(b, "}");
    break;
  case TG_LOC_STACK:
    bprintf(b, ",\"location\":{\"kind\":\"stack\"");
    json_thread(b, "thread", l->tid);
    bprintf(b, "}");
    break;
  }
}

static void json_threads(buf_t *b, const tg_report_t *r) {
  bprintf(b, ",\"threads\":[");
  for (int i = 0; i < r->nthreads; i++) {
    const tg_report_thread_t *th = &r->threads[i];
    bprintf(b, "%s{\"thread\":\"T%u\",\"tid\":%d,\"state\":\"%s\"", i ? "," : "",
            th->tid, th->os_tid, th->finished ? "finished" : "running");
    json_thread(b, "created_by", th->parent);
    json_stack(b, &th->stack);
    bprintf(b, "}");
  }
  bprintf(b, "]");
}

/* "locks": every object the report names. */
static void json_objs(buf_t *b, const tg_report_t *r) {
  bprintf(b, ",\"locks\":[");
  for (int i = 0; i < r->nobjs; i++) {
    const tg_report_obj_t *o = &r->objs[i];
    bprintf(b, "%s{\"name\":", i ? "," : "");
    json_str(b, o->name);
    bprintf(b, ",\"kind\":\"%s\",\"addr\":\"0x%lx\"", obj_noun(o), o->addr);
    if (o->numbered && o->first.n > 0) json_stack_key(b, "first_stack", &o->first);
    bprintf(b, "}");
  }
  bprintf(b, "]");
}

static void json_lock_order(buf_t *b, const tg_report_t *r) {
  json_objs(b, r);
  bprintf(b, ",\"cycle\":[");
  for (int i = 0; i <= r->nobjs && r->nobjs > 0; i++) {
    if (i) bprintf(b, ",");
    json_str(b, r->objs[i % r->nobjs].name);
  }
  bprintf(b, "],\"edges\":[");
  for (int i = 0; i < r->nedges; i++) {
    const tg_report_edge_t *e = &r->edges[i];
    bprintf(b, "%s{\"lock\":", i ? "," : "");
    json_str(b, r->objs[e->to].name);
    bprintf(b, ",\"mode\":\"%s\",\"held\":", e->to_write ? "write" : "read");
    json_str(b, r->objs[e->from].name);
    bprintf(b, ",\"held_mode\":\"%s\"", e->from_write ? "write" : "read");
    json_thread(b, "thread", e->tid);
    json_stack(b, &e->to_stack);
    json_stack_key(b, "held_stack", &e->from_stack);
    bprintf(b, "}");
  }
  bprintf(b, "]");
  json_threads(b, r);
}

static void json_deadlock(buf_t *b, const tg_report_t *r) {
  json_objs(b, r);
  bprintf(b, ",\"blocked\":[");
  for (int i = 0; i < r->nblocked; i++) {
    const tg_report_blocked_t *bl = &r->blocked[i];
    bprintf(b, "%s{", i ? "," : "");
    bprintf(b, "\"thread\":");
    char name[32];
    thread_name(name, sizeof(name), bl->tid, true);
    json_str(b, name);
    bprintf(b, ",\"call\":");
    json_str(b, bl->call);
    if (bl->obj < 0) {
      json_thread(b, "target", bl->target);
    } else {
      bprintf(b, ",\"object\":");
      json_str(b, r->objs[bl->obj].name);
      bprintf(b, ",\"held_by\":[");
      for (int k = 0; k < bl->nholders; k++) {
        thread_name(name, sizeof(name), bl->holders[k], true);
        bprintf(b, "%s\"%s\"", k ? "," : "", name);
      }
      bprintf(b, "]");
    }
    json_stack(b, &bl->stack);
    if (bl->held_stack.n > 0) json_stack_key(b, "held_stack", &bl->held_stack);
    bprintf(b, "}");
  }
  bprintf(b, "]");
  json_threads(b, r);
}

static void json_misuse(buf_t *b, const tg_report_t *r) {
  json_objs(b, r);
  json_thread(b, "thread", r->tid);
  json_stack(b, &r->stack);
  if (r->other != TG_TNUM_NONE) {
    bprintf(b, ",\"other\":{\"role\":\"%s\"",
            r->kind == TG_REPORT_LOCK_DESTROYED ? "destroyer" : "holder");
    json_thread(b, "thread", r->other);
    json_stack(b, &r->other_stack);
    bprintf(b, "}");
  }
  json_threads(b, r);
}

/* The JSON line; text is the report's text form, which it carries so that
 * `tangle report` can print it again exactly; rule, if not NULL, the
 * suppression that matched it. */
static void print_json(buf_t *b, const tg_report_t *r, const char *text,
                       const char *rule) {
  bprintf(b, "{\"schema\":1,\"tool\":\"tangle\",\"kind\":");
  json_str(b, kind_titles[r->kind]);
  bprintf(b, ",\"pid\":%d", r->pid);
  switch (r->kind) {
  case TG_REPORT_RACE:
    bprintf(b, ",\"accesses\":[");
    json_access(b, &r->access[0], false);
    bprintf(b, ",");
    json_access(b, &r->access[1], true);
    bprintf(b, "]");
    json_location(b, &r->loc);
    json_threads(b, r);
    break;
  case TG_REPORT_LOCK_ORDER:
    json_lock_order(b, r);
    break;
  case TG_REPORT_DEADLOCK:
    json_deadlock(b, r);
    break;
  case TG_REPORT_UNLOCK_UNLOCKED:
  case TG_REPORT_DESTROY_LOCKED:
  case TG_REPORT_LOCK_DESTROYED:
    json_misuse(b, r);
    break;
  case TG_REPORT_KIND_COUNT: /* not a kind */
    break;
  }
  buf_t sum = {0};
  summary(&sum, r);
  bput(&sum, "", 1); /* NUL-terminate */
  bprintf(b, ",\"summary\":");
  json_str(b, sum.p);
  tg_free(sum.p);
  bprintf(b, ",\"fingerprint\":\"%016llx\"",
          (unsigned long long)tg_report_fingerprint(r, kind_titles[r->kind]));
  bprintf(b, ",\"text\":");
  json_str(b, text);
  if (rule != NULL) {
    bprintf(b, ",\"suppressed\":");
    json_str(b, rule);
  }
  bprintf(b, "}\n");
}

/* The JSON file of this process: made on its first report; -1 if it
 * could not be (said once).  Made, never opened: O_CREAT|O_EXCL does not
 * follow a symbolic link planted at the name, and never appends to another
 * process's file (an earlier process with the same pid, this process before
 * an exec, a second program given the same report_path): when
 * <report_path>.<pid>.json exists, the next free <report_path>.<pid>.<n>.json
 * (n = 1, 2, ...) is used instead. */
#define JSON_NAME_TRIES 100
static int json_fd = -1;
static int json_pid;

static int json_file(void) {
  int pid = tg_getpid();
  if (json_pid == pid) return json_fd;
  if (json_fd >= 0) syscall(SYS_close, json_fd); /* the parent's, after fork */
  json_pid = pid;
  json_fd = -1;
  char path[4096];
  int err = 0;
  for (int n = 0; n < JSON_NAME_TRIES && json_fd < 0; n++) {
    if (n == 0)
      snprintf(path, sizeof(path), "%s.%d.json", tg_flags.report_path, pid);
    else
      snprintf(path, sizeof(path), "%s.%d.%d.json", tg_flags.report_path, pid, n);
    json_fd = (int)syscall(SYS_openat, AT_FDCWD, path,
                           O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_NOFOLLOW | O_CLOEXEC,
                           0644);
    err = errno;
    if (json_fd < 0 && err != EEXIST) break;
  }
  if (json_fd < 0)
    tg_printf("tangle: cannot create report file '%s': %s\n", path, strerror(err));
  return json_fd;
}

/* Called with the report's kind and text just before it is printed, so that
 * `break __tangle_on_report` in a debugger stops at the moment of detection
 * with the racing thread's stack intact.  Weak: a program may define its
 * own to act on reports (ThreadSanitizer's __tsan_on_report, likewise). */
__attribute__((weak, noinline)) void __tangle_on_report(const char *kind, const char *text) {
  /* Not optimized away, and a place for the breakpoint to land. */
  __asm__ volatile("" : : "r"(kind), "r"(text) : "memory");
}

/* The text of the last report printed, for debuggers (the gdb extension's
 * `tangle report`); written under the report lock. */
TG_EXPORT char *__tangle_last_report;

void tg_report_print(const tg_report_t *r, const char *rule) {
  buf_t b = {0};
  print_text(&b, r);
  bput(&b, "", 1); /* NUL-terminate the text */
  if (rule == NULL) {
    tg_free(__tangle_last_report);
    __tangle_last_report = tg_strdup(b.p);
    __tangle_on_report(kind_titles[r->kind], b.p);
    tg_write_all(2, b.p, b.len - 1);
  }
  if (tg_flags.report_path[0] != '\0') {
    int fd = json_file();
    if (fd >= 0) {
      buf_t j = {0};
      print_json(&j, r, b.p, rule);
      tg_write_all(fd, j.p, j.len);
      tg_free(j.p);
    }
  }
  tg_free(b.p);
}

void tg_report_print_total(uint32_t n) {
  tg_printf("Tangle: reported %u report(s)\n", n);
}

void tg_report_print_suppressed(uint32_t n) {
  tg_printf("Tangle: suppressed %u report(s) (suppressions=%s)\n", n, tg_flags.suppressions);
}
