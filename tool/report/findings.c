/* findings.c — reading report files and merging reports by fingerprint
 * (see findings.h), and the walks over a report's stacks that every output
 * format shares.
 */
#include "findings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the kinds table -------------------------------------------------- */

static const struct {
  const char *title, *name, *help;
} kinds[] = {
#define TG_REPORT_KIND(id, title, name, help) {title, name, help},
#include "report_kinds.def"
#undef TG_REPORT_KIND
};
const int findings_n_kinds = (int)(sizeof kinds / sizeof kinds[0]);

int findings_kind_index(const char *kind) {
  for (int i = 0; i < findings_n_kinds; i++)
    if (strcmp(kinds[i].title, kind) == 0) return i;
  return -1;
}
const char *findings_kind_title(int i) { return kinds[i].title; }
const char *findings_kind_name(int i) { return kinds[i].name; }
const char *findings_kind_help(int i) { return kinds[i].help; }

/* ---- loading ------------------------------------------------------------ */

/* What a line must have to be a report `tangle report` can use. */
static const char *check_report(const jval_t *r) {
  if (r->type != J_OBJ) return "expected a JSON object (one report per line)";
  if (json_get_int(r, "schema", -1) != 1)
    return "expected \"schema\":1 (a report of another version of Tangle?)";
  const char *tool = json_get_str(r, "tool");
  if (tool == NULL || strcmp(tool, "tangle") != 0) return "expected \"tool\":\"tangle\"";
  const char *kind = json_get_str(r, "kind");
  if (kind == NULL) return "expected a string \"kind\"";
  if (findings_kind_index(kind) < 0) return "unknown \"kind\"";
  const char *fp = json_get_str(r, "fingerprint");
  if (fp == NULL || fp[0] == 0) return "expected a string \"fingerprint\"";
  if (json_get_str(r, "summary") == NULL) return "expected a string \"summary\"";
  return NULL;
}

static finding_t *find(findings_t *fs, const char *fp) {
  for (size_t i = 0; i < fs->n; i++)
    if (strcmp(fs->v[i].fingerprint, fp) == 0) return &fs->v[i];
  return NULL;
}

static bool add(findings_t *fs, json_doc_t *doc, const char *path, unsigned long lineno) {
  const jval_t *r = json_root(doc);
  /* A line of a merged file (tangle report --format json) stands for the
   * reports merged into it. */
  long long times = json_get_int(r, "occurrences", 1);
  unsigned count = times >= 1 && times < 1000000000 ? (unsigned)times : 1;
  if (json_get_str(r, "suppressed") != NULL) {
    /* Matched a suppression in the run: counted, not a finding. */
    fs->suppressed += count;
    json_free(doc);
    return true;
  }
  fs->reports += count;
  finding_t *f = find(fs, json_get_str(r, "fingerprint"));
  if (f != NULL) {
    f->count += count;
    json_free(doc);
    return true;
  }
  if (fs->n == fs->cap) {
    size_t cap = fs->cap ? 2 * fs->cap : 16;
    finding_t *v = realloc(fs->v, cap * sizeof *v);
    if (v == NULL) return false;
    fs->v = v;
    fs->cap = cap;
  }
  f = &fs->v[fs->n];
  size_t n = strlen(path) + 32;
  f->origin = malloc(n);
  if (f->origin == NULL) return false;
  snprintf(f->origin, n, "%s:%lu", path, lineno);
  f->doc = doc;
  f->rep = r;
  f->kind = json_get_str(r, "kind");
  f->fingerprint = json_get_str(r, "fingerprint");
  f->count = count;
  fs->n++;
  return true;
}

bool findings_load(findings_t *fs, const char *path, long long from, char *err,
                   size_t errsz) {
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    snprintf(err, errsz, "%s: cannot open: %s", path, strerror(errno));
    return false;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  unsigned long lineno = 0;
  long long offset = 0;
  bool ok = true;
  while ((len = getline(&line, &cap, f)) >= 0) {
    lineno++;
    offset += len;
    if (offset <= from) continue;
    if (memchr(line, 0, (size_t)len) != NULL) {
      snprintf(err, errsz, "%s:%lu: a NUL byte (not a report file?)", path, lineno);
      ok = false;
      break;
    }
    size_t n = (size_t)len;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
      n--;
    if (n == 0) continue;
    char jerr[160];
    json_doc_t *doc = json_parse(line, n, jerr, sizeof jerr);
    if (doc == NULL) {
      snprintf(err, errsz, "%s:%lu: not a JSON report: %s", path, lineno, jerr);
      ok = false;
      break;
    }
    const char *why = check_report(json_root(doc));
    if (why != NULL) {
      snprintf(err, errsz, "%s:%lu: not a Tangle report: %s", path, lineno, why);
      json_free(doc);
      ok = false;
      break;
    }
    if (!add(fs, doc, path, lineno)) {
      snprintf(err, errsz, "%s:%lu: out of memory", path, lineno);
      json_free(doc);
      ok = false;
      break;
    }
  }
  if (ok && ferror(f)) {
    snprintf(err, errsz, "%s: cannot read: %s", path, strerror(errno));
    ok = false;
  }
  free(line);
  fclose(f);
  return ok;
}

static int finding_order(const void *pa, const void *pb) {
  const finding_t *a = pa, *b = pb;
  int ka = findings_kind_index(a->kind), kb = findings_kind_index(b->kind);
  if (ka != kb) return ka < kb ? -1 : 1;
  int c = strcmp(json_get_str(a->rep, "summary"), json_get_str(b->rep, "summary"));
  return c != 0 ? c : strcmp(a->fingerprint, b->fingerprint);
}

void findings_sort(findings_t *fs) {
  if (fs->n > 1) qsort(fs->v, fs->n, sizeof fs->v[0], finding_order);
}

void findings_free(findings_t *fs) {
  for (size_t i = 0; i < fs->n; i++) {
    json_free(fs->v[i].doc);
    free(fs->v[i].origin);
  }
  free(fs->v);
  memset(fs, 0, sizeof *fs);
}

/* ---- walking a report --------------------------------------------------- */

bool findings_frame(const jval_t *stack, size_t i, frame_t *out) {
  if (stack == NULL || stack->type != J_ARR || i >= stack->n) return false;
  const jval_t *f = stack->items[i];
  if (f->type != J_OBJ) return false;
  out->function = json_get_str(f, "function");
  out->file = json_get_str(f, "file");
  out->module = json_get_str(f, "module");
  out->offset = json_get_str(f, "offset");
  out->line = (long)json_get_int(f, "line", 0);
  out->column = (long)json_get_int(f, "column", 0);
  return true;
}

void findings_thread_words(const char *thread, bool capital, char *out, size_t n) {
  if (thread == NULL)
    snprintf(out, n, "%s unknown thread", capital ? "An" : "an");
  else if (strcmp(thread, "main") == 0)
    snprintf(out, n, "%s thread", capital ? "Main" : "main");
  else
    snprintf(out, n, "%s %s", capital ? "Thread" : "thread", thread);
}

/* The kind of the lock or object called name in the report's "locks". */
static const char *lock_kind(const jval_t *rep, const char *name) {
  const jval_t *locks = json_get_arr(rep, "locks");
  for (size_t i = 0; locks != NULL && name != NULL && i < locks->n; i++) {
    const char *n = json_get_str(locks->items[i], "name");
    if (n != NULL && strcmp(n, name) == 0) {
      const char *k = json_get_str(locks->items[i], "kind");
      return k != NULL ? k : "lock";
    }
  }
  return "lock";
}

static int push(labelled_stack_t *out, int n, int max, const char *thread,
                const jval_t *stack) {
  if (n >= max || stack == NULL || stack->type != J_ARR) return n;
  out[n].thread = thread;
  out[n].stack = stack;
  return n + 1;
}

static int race_stacks(const jval_t *rep, labelled_stack_t *out, int max) {
  const jval_t *acc = json_get_arr(rep, "accesses");
  int n = 0;
  for (size_t i = 0; acc != NULL && i < acc->n; i++) {
    const jval_t *a = acc->items[i];
    const char *role = json_get_str(a, "role"), *op = json_get_str(a, "op");
    const char *thread = json_get_str(a, "thread");
    const jval_t *atomic = json_get(a, "atomic");
    bool is_atomic = atomic != NULL && atomic->type == J_BOOL && atomic->b;
    bool prev = role != NULL && strcmp(role, "previous") == 0;
    char who[64];
    findings_thread_words(thread, false, who, sizeof who);
    int k = push(out, n, max, thread, json_get_arr(a, "stack"));
    if (k == n) continue;
    snprintf(out[n].label, sizeof out[n].label, "%s%s%s of size %lld by %s",
             prev ? "Previous " : "", is_atomic ? (prev ? "atomic " : "Atomic ") : "",
             op != NULL ? op : "access", json_get_int(a, "size", 0), who);
    n = k;
  }
  return n;
}

static int lock_order_stacks(const jval_t *rep, labelled_stack_t *out, int max) {
  const jval_t *edges = json_get_arr(rep, "edges");
  int n = 0;
  for (size_t i = 0; edges != NULL && i < edges->n; i++) {
    const jval_t *e = edges->items[i];
    const char *lock = json_get_str(e, "lock"), *held = json_get_str(e, "held");
    const char *thread = json_get_str(e, "thread");
    char who[64];
    findings_thread_words(thread, false, who, sizeof who);
    int k = push(out, n, max, thread, json_get_arr(e, "stack"));
    if (k > n)
      snprintf(out[n].label, sizeof out[n].label, "%s %s acquired while holding %s %s in %s",
               lock_kind(rep, lock), lock ? lock : "?", lock_kind(rep, held),
               held ? held : "?", who);
    n = k;
    k = push(out, n, max, thread, json_get_arr(e, "held_stack"));
    if (k > n)
      snprintf(out[n].label, sizeof out[n].label, "%s %s acquired earlier by %s",
               lock_kind(rep, held), held ? held : "?", who);
    n = k;
  }
  return n;
}

static int deadlock_stacks(const jval_t *rep, labelled_stack_t *out, int max) {
  const jval_t *blocked = json_get_arr(rep, "blocked");
  int n = 0;
  for (size_t i = 0; blocked != NULL && i < blocked->n; i++) {
    const jval_t *b = blocked->items[i];
    const char *thread = json_get_str(b, "thread"), *call = json_get_str(b, "call");
    const char *obj = json_get_str(b, "object"), *target = json_get_str(b, "target");
    char who[64], on[128] = "";
    findings_thread_words(thread, false, who, sizeof who);
    if (obj != NULL)
      snprintf(on, sizeof on, " on %s %s", lock_kind(rep, obj), obj);
    else if (target != NULL)
      snprintf(on, sizeof on, " on thread %s", target);
    int k = push(out, n, max, thread, json_get_arr(b, "stack"));
    if (k > n)
      snprintf(out[n].label, sizeof out[n].label, "%s is blocked in %s%s", who,
               call ? call : "?", on);
    n = k;
  }
  return n;
}

static int misuse_stacks(const jval_t *rep, labelled_stack_t *out, int max) {
  const char *thread = json_get_str(rep, "thread");
  char who[64];
  findings_thread_words(thread, false, who, sizeof who);
  int n = push(out, 0, max, thread, json_get_arr(rep, "stack"));
  if (n > 0)
    snprintf(out[0].label, sizeof out[0].label, "%s by %s", json_get_str(rep, "kind"), who);
  const jval_t *other = json_get(rep, "other");
  if (other != NULL) {
    const char *othr = json_get_str(other, "thread"), *role = json_get_str(other, "role");
    findings_thread_words(othr, false, who, sizeof who);
    int k = push(out, n, max, othr, json_get_arr(other, "stack"));
    if (k > n)
      snprintf(out[n].label, sizeof out[n].label, "%s: %s",
               role != NULL && strcmp(role, "destroyer") == 0 ? "Destroyed earlier"
                                                              : "Locked by its holder",
               who);
    n = k;
  }
  return n;
}

int findings_stacks(const jval_t *rep, labelled_stack_t *out, int max) {
  int n = 0;
  if (json_get_arr(rep, "accesses") != NULL)
    n = race_stacks(rep, out, max);
  else if (json_get_arr(rep, "edges") != NULL)
    n = lock_order_stacks(rep, out, max);
  else if (json_get_arr(rep, "blocked") != NULL)
    n = deadlock_stacks(rep, out, max);
  else
    n = misuse_stacks(rep, out, max);
  /* Each label is a heading: it starts with a capital. */
  for (int i = 0; i < n; i++)
    if (out[i].label[0] >= 'a' && out[i].label[0] <= 'z')
      out[i].label[0] = (char)(out[i].label[0] - 'a' + 'A');
  return n;
}

/* The summary line names the frame the text report leads with (for lock
 * reports the program's call, below the interceptor): "<kind> FILE:LINE:COL
 * in FUNCTION", parsed from the right since a path may hold spaces. */
static bool summary_frame(const jval_t *rep, frame_t *out) {
  const char *sum = json_get_str(rep, "summary"), *kind = json_get_str(rep, "kind");
  size_t klen = strlen(kind);
  if (strncmp(sum, kind, klen) != 0 || sum[klen] != ' ') return false;
  static char buf[4096];
  snprintf(buf, sizeof buf, "%s", sum + klen + 1);
  char *in = NULL;
  for (char *p = strstr(buf, " in "); p != NULL; p = strstr(p + 1, " in ")) in = p;
  if (in == NULL) return false;
  *in = 0;
  char *c2 = strrchr(buf, ':');
  if (c2 == NULL) return false;
  *c2 = 0;
  char *c1 = strrchr(buf, ':');
  long line, col = 0;
  if (c1 != NULL && (line = strtol(c1 + 1, NULL, 10)) > 0) {
    *c1 = 0;
    col = strtol(c2 + 1, NULL, 10);
  } else {
    line = strtol(c2 + 1, NULL, 10);
  }
  if (line <= 0 || buf[0] == 0) return false;
  memset(out, 0, sizeof *out);
  out->file = buf;
  out->function = in + 4;
  out->line = line;
  out->column = col;
  return true;
}

bool findings_primary(const jval_t *rep, frame_t *out) {
  if (summary_frame(rep, out)) return true;
  labelled_stack_t st[8];
  int n = findings_stacks(rep, st, 8);
  for (int s = 0; s < n; s++)
    for (size_t i = 0; findings_frame(st[s].stack, i, out); i++)
      if (out->file != NULL && out->line > 0) return true;
  return false;
}
