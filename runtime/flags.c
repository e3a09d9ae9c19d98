/* flags.c — run-time options (TANGLE_OPTIONS), generated from flags.def.
 *
 * Syntax, as the sanitizers accept it: options separated by ':', ',' or
 * whitespace, each `key=value`.  BOOL takes 0/1/true/false/yes/no, INT a
 * decimal number with an optional sign, STRING the rest of the token or a
 * '...' / "..." quoted value (which may then contain separators).  Later
 * options override earlier ones.  An unknown key or a bad value is an error
 * naming the key: a typo must not silently run with the default; so is an
 * INT outside the bounds flags.def gives it (TG_FLAG_RANGE).
 * Sources, in order: the defaults in flags.def; the string the program's
 * own __tangle_default_options() returns, if it defines one; TANGLE_OPTIONS
 * (not for set-uid programs).  options_file=FILE in any of them reads FILE's
 * options at that point (one or more per line, `#` comments).
 *
 * tg_flags starts out holding the defaults (so code run without tg_init,
 * as in the unit tests, sees them), is written once more by tg_init before
 * the program runs, and read without locks afterwards.  A parsed string is
 * a copy; one overridden by a later option is freed (a string that is not
 * its option's default literal is such a copy).
 */
#include "tg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

tg_flags_t tg_flags = {
#define TG_FLAG(type, name, def, help) .name = def,
#include "flags.def"
#undef TG_FLAG
};

typedef enum { TYPE_BOOL, TYPE_INT, TYPE_STRING } flag_type_t;

static const char *const type_names[] = {"bool", "int", "string"};

static const struct {
  const char *name;
  flag_type_t type;
  size_t offset;
  bool bounded; /* an INT that must lie in [min, max] */
  long min, max;
} flag_table[] = {
#define TG_FLAG(type, name, def, help) \
  {#name, TYPE_##type, offsetof(tg_flags_t, name), false, 0, 0},
#define TG_FLAG_RANGE(name, def, lo, hi, help) \
  {#name, TYPE_INT, offsetof(tg_flags_t, name), true, lo, hi},
#include "flags.def"
#undef TG_FLAG_RANGE
#undef TG_FLAG
};

void tg_flags_set_defaults(tg_flags_t *f) {
#define TG_FLAG(type, name, def, help) f->name = def;
#include "flags.def"
#undef TG_FLAG
}

static bool is_sep(char c) {
  return c == ':' || c == ',' || c == ' ' || c == '\t' || c == '\n' ||
         c == '\r';
}

static bool token_is(const char *s, size_t n, const char *word) {
  return strlen(word) == n && strncasecmp(s, word, n) == 0;
}

static bool parse_bool(const char *v, size_t n, int *out) {
  if (token_is(v, n, "1") || token_is(v, n, "true") || token_is(v, n, "yes"))
    *out = 1;
  else if (token_is(v, n, "0") || token_is(v, n, "false") || token_is(v, n, "no"))
    *out = 0;
  else
    return false;
  return true;
}

static bool parse_int(const char *v, size_t n, long *out) {
  char buf[32];
  if (n == 0 || n >= sizeof(buf)) return false;
  memcpy(buf, v, n);
  buf[n] = '\0';
  char *end;
  errno = 0;
  long x = strtol(buf, &end, 10);
  /* strtol would also skip leading blanks (possible inside quotes). */
  if (errno != 0 || *end != '\0' || buf[0] == ' ' || buf[0] == '\t') return false;
  *out = x;
  return true;
}

/* The default of string option idx: a literal, never freed.  A string
 * option holding anything else holds a copy set_value made. */
static const char *default_string(int idx) {
  static tg_flags_t defaults;
  static bool made;
  if (!made) {
    tg_flags_set_defaults(&defaults);
    made = true;
  }
  return *(const char **)((char *)&defaults + flag_table[idx].offset);
}

/* Stores value [v, v+n) into the option; false if it does not parse. */
static bool set_value(tg_flags_t *f, int idx, const char *v, size_t n) {
  char *field = (char *)f + flag_table[idx].offset;
  switch (flag_table[idx].type) {
  case TYPE_BOOL:
    return parse_bool(v, n, (int *)field);
  case TYPE_INT: {
    long x;
    if (!parse_int(v, n, &x)) return false;
    if (flag_table[idx].bounded && (x < flag_table[idx].min || x > flag_table[idx].max))
      return false;
    *(long *)field = x;
    return true;
  }
  case TYPE_STRING: {
    char *s = tg_malloc(n + 1);
    TG_CHECK(s != NULL);
    memcpy(s, v, n);
    s[n] = '\0';
    const char *old = *(const char **)field;
    if (old != default_string(idx)) tg_free((void *)old); /* set before: ours */
    *(const char **)field = s;
    return true;
  }
  }
}

static int find_flag(const char *key, size_t n) {
  for (size_t i = 0; i < TG_ARRAY_SIZE(flag_table); i++)
    if (strlen(flag_table[i].name) == n && memcmp(flag_table[i].name, key, n) == 0)
      return (int)i;
  return -1;
}

static bool parse_file(tg_flags_t *f, const char *path, char *err, size_t errsz);

bool tg_flags_parse(tg_flags_t *f, const char *s, char *err, size_t errsz) {
  const char *p = s;
  for (;;) {
    while (is_sep(*p)) p++;
    if (*p == '\0') return true;
    const char *key = p;
    while (*p != '\0' && *p != '=' && !is_sep(*p)) p++;
    int klen = (int)(p - key);
    int idx = find_flag(key, (size_t)klen);
    if (idx < 0) {
      snprintf(err, errsz, "unknown option '%.*s'", klen, key);
      return false;
    }
    if (*p != '=') {
      snprintf(err, errsz, "missing value for option '%.*s' (expected %.*s=VALUE)",
               klen, key, klen, key);
      return false;
    }
    p++;
    const char *val = p;
    const char *val_end;
    if (*p == '"' || *p == '\'') {
      const char *close = strchr(p + 1, *p);
      if (close == NULL) {
        snprintf(err, errsz, "unterminated quote in value of option '%.*s'",
                 klen, key);
        return false;
      }
      val = p + 1;
      val_end = close;
      p = close + 1;
    } else {
      while (*p != '\0' && !is_sep(*p)) p++;
      val_end = p;
    }
    int vlen = (int)(val_end - val);
    if (!set_value(f, idx, val, (size_t)vlen)) {
      if (flag_table[idx].bounded)
        snprintf(err, errsz,
                 "bad value '%.*s' for option '%.*s' (expected int from %ld to %ld)",
                 vlen, val, klen, key, flag_table[idx].min, flag_table[idx].max);
      else
        snprintf(err, errsz, "bad value '%.*s' for option '%.*s' (expected %s)",
                 vlen, val, klen, key, type_names[flag_table[idx].type]);
      return false;
    }
    if (flag_table[idx].offset == offsetof(tg_flags_t, options_file) &&
        f->options_file[0] != '\0' && !parse_file(f, f->options_file, err, errsz))
      return false;
  }
}

/* Options files may name further options files, up to this depth (a file
 * naming itself is an error, not a hang). */
#define MAX_FILE_DEPTH 8

/* The options in the file at path, line by line so that an error names its
 * line; `#` starts a comment. */
static bool parse_file(tg_flags_t *f, const char *path, char *err, size_t errsz) {
  static int depth;
  if (depth >= MAX_FILE_DEPTH) {
    snprintf(err, errsz, "options_file '%s': options files nested more than %d deep",
             path, MAX_FILE_DEPTH);
    return false;
  }
  size_t len;
  int e;
  char *text = tg_read_file(path, &len, &e);
  if (text == NULL) {
    snprintf(err, errsz, "options_file '%s': cannot read: %s", path, strerror(e));
    return false;
  }
  bool ok = true;
  unsigned lineno = 0;
  depth++;
  for (char *line = text, *next; ok && line != NULL; line = next) {
    lineno++;
    next = strchr(line, '\n');
    if (next != NULL) *next++ = '\0';
    char *hash = strchr(line, '#');
    if (hash != NULL) *hash = '\0';
    char inner[256];
    if (!tg_flags_parse(f, line, inner, sizeof inner)) {
      /* An error from a nested file already names that file. */
      if (strncmp(inner, "options_file", 12) == 0)
        snprintf(err, errsz, "%s", inner);
      else
        snprintf(err, errsz, "options_file %s:%u: %s", path, lineno, inner);
      ok = false;
    }
  }
  depth--;
  tg_free(text);
  return ok;
}

/* A program may build its own defaults in: the options it returns apply
 * before TANGLE_OPTIONS (as __tsan_default_options does for ThreadSanitizer). */
__attribute__((weak)) const char *__tangle_default_options(void);

/* Defined (by the pass) in every module whose memory accesses are checked;
 * absent from a program built only for deadlocks. */
extern const char __tangle_races_instrumented __attribute__((weak));

void tg_flags_init(void) {
  tg_flags_set_defaults(&tg_flags);
  /* Nothing instrumented to detect races (tangle-cc --detect=deadlocks):
   * the race engine would only see atomics and frees, at a cost. */
  if (&__tangle_races_instrumented == NULL) tg_flags.detect_races = 0;
  char err[512];
  if (__tangle_default_options != NULL) {
    const char *defaults = __tangle_default_options();
    if (defaults != NULL && !tg_flags_parse(&tg_flags, defaults, err, sizeof(err)))
      tg_die("__tangle_default_options: %s", err);
  }
  /* A set-uid program must not let its caller's environment steer it (for
   * instance report_path, which names a file the runtime creates). */
  if (getauxval(AT_SECURE)) return;
  const char *env = getenv("TANGLE_OPTIONS");
  if (env == NULL) return;
  if (!tg_flags_parse(&tg_flags, env, err, sizeof(err)))
    tg_die("TANGLE_OPTIONS: %s", err);
}
