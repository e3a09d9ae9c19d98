/* suppress.c — suppression files (option `suppressions`).
 *
 * The format is ThreadSanitizer's, so existing files work unchanged: one
 * rule per line, `KIND:PATTERN`, blank lines and `#` comments ignored,
 * white space around both parts dropped.  A pattern matches a string when
 * it occurs in it, with `*` matching any run of characters, `^` anchoring
 * it at the start and `$` at the end.  A rule suppresses a report when its
 * pattern matches the function, the file or the module of a frame of the
 * stacks the kind names:
 *
 *   race             a data race: any frame of either access
 *   race_top         a data race: the top frame of either access
 *   deadlock         a lock-order inversion or a deadlock: any frame of any
 *                    edge or blocked thread (ThreadSanitizer's `deadlock:`
 *                    covers its lock-order reports, so both kinds match)
 *   mutex            any report naming a lock whose name matches, or a
 *                    frame of where it was first locked
 *   thread           any report naming a thread created at a matching frame
 *   called_from_lib  any report with a frame in a module whose name matches
 *                    (ThreadSanitizer instead stops intercepting calls made
 *                    from the library; Tangle still sees them, and drops
 *                    only the reports)
 * and Tangle's own kinds, by their short names in report_kinds.def:
 * `lock-order`, `unlock-unlocked`, `destroy-locked`, `lock-destroyed`
 * (any frame of the report's stacks).  `signal:` rules (ThreadSanitizer's
 * signal-unsafe-call reports, which Tangle does not make) are accepted and
 * match nothing.
 *
 * A line that is none of these is an error naming the file, the line and
 * what was expected, and the process exits before main, as for a bad
 * option.  The rules are read once at start-up and never change, so
 * matching takes no lock.
 */
#include "tg.h"

#include <stdio.h>
#include <string.h>

typedef enum {
  SUP_RACE, SUP_RACE_TOP, SUP_DEADLOCK, SUP_MUTEX, SUP_THREAD, SUP_CALLED_FROM_LIB,
  SUP_SIGNAL, SUP_LOCK_ORDER, SUP_UNLOCK_UNLOCKED, SUP_DESTROY_LOCKED, SUP_LOCK_DESTROYED,
} sup_kind_t;

static const char *const sup_names[] = {
    [SUP_RACE] = "race",
    [SUP_RACE_TOP] = "race_top",
    [SUP_DEADLOCK] = "deadlock",
    [SUP_MUTEX] = "mutex",
    [SUP_THREAD] = "thread",
    [SUP_CALLED_FROM_LIB] = "called_from_lib",
    [SUP_SIGNAL] = "signal",
    [SUP_LOCK_ORDER] = "lock-order",
    [SUP_UNLOCK_UNLOCKED] = "unlock-unlocked",
    [SUP_DESTROY_LOCKED] = "destroy-locked",
    [SUP_LOCK_DESTROYED] = "lock-destroyed",
};
#define N_SUP_KINDS (sizeof sup_names / sizeof sup_names[0])

typedef struct {
  sup_kind_t kind;
  char *pattern;
  char *text; /* "race:worker", as written, for reports and the summary */
} rule_t;

static rule_t *rules;
static size_t nrules;

/* ---- patterns ---------------------------------------------------------- */

/* Wildcard match of all of s against p, `*` matching any run; with
 * !end_anchor, p need only match a prefix of s.  One backtracking point
 * (the last `*`), so the cost is O(|p|·|s|) whatever the pattern. */
static bool glob(const char *p, const char *s, bool end_anchor) {
  const char *star = NULL, *resume = NULL;
  while (*s != '\0') {
    if (*p == '*') {
      star = p++;
      resume = s;
    } else if (*p != '\0' && *p == *s) {
      p++;
      s++;
    } else if (*p == '\0' && !end_anchor) {
      return true;
    } else if (star != NULL) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (*p == '*') p++;
  return *p == '\0';
}

bool tg_suppress_pattern_match(const char *pattern, const char *s) {
  if (s == NULL || s[0] == '\0') return false;
  bool start = pattern[0] == '^';
  const char *p = pattern + start;
  size_t n = strlen(p);
  bool end = n > 0 && p[n - 1] == '$';
  char buf[512];
  if (n + 2 > sizeof buf) return false;
  /* Unanchored at the start: the pattern may begin anywhere in s. */
  size_t at = 0;
  if (!start) buf[at++] = '*';
  memcpy(buf + at, p, n + 1);
  if (end) buf[at + n - 1] = '\0';
  return glob(buf, s, end);
}

/* ---- parsing ----------------------------------------------------------- */

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\r') s++;
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
  return s;
}

static bool add_rule(sup_kind_t kind, const char *pattern, const char *text) {
  rule_t *grown = tg_realloc(rules, (nrules + 1) * sizeof *rules);
  if (grown == NULL) return false;
  rules = grown;
  rules[nrules].kind = kind;
  rules[nrules].pattern = tg_strdup(pattern);
  rules[nrules].text = tg_strdup(text);
  if (rules[nrules].pattern == NULL || rules[nrules].text == NULL) return false;
  nrules++;
  return true;
}

bool tg_suppress_parse(char *text, const char *fname, char *err, size_t errsz) {
  unsigned lineno = 0;
  for (char *line = text, *next; line != NULL; line = next) {
    lineno++;
    next = strchr(line, '\n');
    if (next != NULL) *next++ = '\0';
    char *l = trim(line);
    if (l[0] == '\0' || l[0] == '#') continue;
    char *colon = strchr(l, ':');
    if (colon == NULL) {
      snprintf(err, errsz, "%s:%u: expected KIND:PATTERN, found '%s'", fname, lineno, l);
      return false;
    }
    *colon = '\0';
    char *kind = trim(l), *pattern = trim(colon + 1);
    size_t k = 0;
    while (k < N_SUP_KINDS && strcmp(sup_names[k], kind) != 0) k++;
    if (k == N_SUP_KINDS) {
      snprintf(err, errsz,
               "%s:%u: unknown suppression kind '%s' (expected race, race_top, deadlock, "
               "mutex, thread, called_from_lib, signal, lock-order, unlock-unlocked, "
               "destroy-locked or lock-destroyed)",
               fname, lineno, kind);
      return false;
    }
    if (pattern[0] == '\0' || strcmp(pattern, "^") == 0 || strcmp(pattern, "$") == 0 ||
        strcmp(pattern, "^$") == 0) {
      snprintf(err, errsz, "%s:%u: '%s:' needs a pattern (a function, file or module name)",
               fname, lineno, kind);
      return false;
    }
    if (strlen(pattern) >= 500) {
      snprintf(err, errsz, "%s:%u: pattern longer than 499 characters", fname, lineno);
      return false;
    }
    char rule_text[600];
    snprintf(rule_text, sizeof rule_text, "%s:%s", kind, pattern);
    if (!add_rule((sup_kind_t)k, pattern, rule_text)) {
      snprintf(err, errsz, "%s:%u: out of memory", fname, lineno);
      return false;
    }
  }
  return true;
}

void tg_suppress_clear(void) {
  for (size_t i = 0; i < nrules; i++) {
    tg_free(rules[i].pattern);
    tg_free(rules[i].text);
  }
  tg_free(rules);
  rules = NULL;
  nrules = 0;
}

void tg_suppress_init(void) {
  const char *path = tg_flags.suppressions;
  if (path == NULL || path[0] == '\0') return;
  size_t len;
  int e;
  char *text = tg_read_file(path, &len, &e);
  if (text == NULL) tg_die("suppressions: cannot read '%s': %s", path, strerror(e));
  if (strlen(text) != len) tg_die("suppressions: '%s' has a NUL byte (not a text file?)", path);
  char err[1024];
  if (!tg_suppress_parse(text, path, err, sizeof err)) tg_die("suppressions: %s", err);
  tg_free(text);
}

/* ---- matching ---------------------------------------------------------- */

static bool frame_matches(const rule_t *r, const tg_frame_t *f) {
  if (r->kind == SUP_CALLED_FROM_LIB) return tg_suppress_pattern_match(r->pattern, f->module);
  return tg_suppress_pattern_match(r->pattern, f->func) ||
         tg_suppress_pattern_match(r->pattern, f->file) ||
         tg_suppress_pattern_match(r->pattern, f->module);
}

static bool stack_matches(const rule_t *r, const tg_frames_t *s, bool top_only) {
  for (int i = 0; i < s->n && (!top_only || i == 0); i++)
    if (frame_matches(r, &s->f[i])) return true;
  return false;
}

/* The stacks a report is about (not where its threads were created). */
static bool any_report_stack(const rule_t *r, const tg_report_t *rep) {
  if (rep->kind == TG_REPORT_RACE)
    return stack_matches(r, &rep->access[0].stack, false) ||
           stack_matches(r, &rep->access[1].stack, false);
  for (int i = 0; i < rep->nedges; i++)
    if (stack_matches(r, &rep->edges[i].to_stack, false) ||
        stack_matches(r, &rep->edges[i].from_stack, false))
      return true;
  for (int i = 0; i < rep->nblocked; i++)
    if (stack_matches(r, &rep->blocked[i].stack, false)) return true;
  return stack_matches(r, &rep->stack, false) || stack_matches(r, &rep->other_stack, false);
}

static bool rule_matches(const rule_t *r, const tg_report_t *rep) {
  switch (r->kind) {
  case SUP_RACE:
    return rep->kind == TG_REPORT_RACE && any_report_stack(r, rep);
  case SUP_RACE_TOP:
    return rep->kind == TG_REPORT_RACE && (stack_matches(r, &rep->access[0].stack, true) ||
                                           stack_matches(r, &rep->access[1].stack, true));
  case SUP_DEADLOCK:
    return (rep->kind == TG_REPORT_LOCK_ORDER || rep->kind == TG_REPORT_DEADLOCK) &&
           any_report_stack(r, rep);
  case SUP_LOCK_ORDER:
    return rep->kind == TG_REPORT_LOCK_ORDER && any_report_stack(r, rep);
  case SUP_UNLOCK_UNLOCKED:
    return rep->kind == TG_REPORT_UNLOCK_UNLOCKED && any_report_stack(r, rep);
  case SUP_DESTROY_LOCKED:
    return rep->kind == TG_REPORT_DESTROY_LOCKED && any_report_stack(r, rep);
  case SUP_LOCK_DESTROYED:
    return rep->kind == TG_REPORT_LOCK_DESTROYED && any_report_stack(r, rep);
  case SUP_MUTEX:
    for (int i = 0; i < rep->nobjs; i++)
      if (tg_suppress_pattern_match(r->pattern, rep->objs[i].name) ||
          stack_matches(r, &rep->objs[i].first, false))
        return true;
    return false;
  case SUP_THREAD:
    for (int i = 0; i < rep->nthreads; i++)
      if (stack_matches(r, &rep->threads[i].stack, false)) return true;
    return false;
  case SUP_CALLED_FROM_LIB:
    return any_report_stack(r, rep);
  case SUP_SIGNAL:
    return false;
  }
  return false;
}

const char *tg_suppress_match(const tg_report_t *rep) {
  for (size_t i = 0; i < nrules; i++)
    if (rule_matches(&rules[i], rep)) return rules[i].text;
  return NULL;
}
