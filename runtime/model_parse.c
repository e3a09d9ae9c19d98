/* model_parse.c — the model-file parser shared by tangle-cc, the pass and
 * the runtime (model.h; the format is docs/model-file.md).
 *
 * A line is blank, a comment (`#` to the end of the line, anywhere after a
 * blank), or one declaration:
 *   FUNCTION OPERATION KEY=VALUE...
 * The checks are all here, so the three programs accept exactly the same
 * files: which keys an operation takes and needs, what each value may be,
 * no key twice, no function twice.  The first bad line ends the parse with
 * "FILE:LINE: expected ..." — what would have been accepted there.
 *
 * Plain C, no allocation, no FILE streams (snprintf only), no locale: the
 * runtime calls it before main, the pass from inside clang.
 */
#include "model.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const op_names[TG_MOP_COUNT] = {
  [TG_MOP_LOCK] = "lock",       [TG_MOP_TRYLOCK] = "trylock",
  [TG_MOP_RDLOCK] = "rdlock",   [TG_MOP_RDTRYLOCK] = "rdtrylock",
  [TG_MOP_UNLOCK] = "unlock",   [TG_MOP_RDUNLOCK] = "rdunlock",
  [TG_MOP_SEND] = "send",       [TG_MOP_RECV] = "recv",
  [TG_MOP_CLOSE] = "close",     [TG_MOP_RELEASE] = "release",
  [TG_MOP_ACQUIRE] = "acquire",
};

#define OP_LIST \
  "lock, trylock, rdlock, rdtrylock, unlock, rdunlock, send, recv, close, release or acquire"

const char *tg_model_op_name(uint32_t op) {
  return op > 0 && op < TG_MOP_COUNT ? op_names[op] : "?";
}

/* The keys, and which operations take them. */
enum { K_OBJ, K_MSG, K_SUCCESS, K_CLOSED, K_KIND, K_RETURNS, K_COUNT };
static const char *const key_names[K_COUNT] = {"obj", "msg", "success", "closed",
                                               "kind", "returns"};
#define BIT(op) (1u << (op))
#define LOCKS (BIT(TG_MOP_LOCK) | BIT(TG_MOP_TRYLOCK) | BIT(TG_MOP_UNLOCK))
#define RDLOCKS (BIT(TG_MOP_RDLOCK) | BIT(TG_MOP_RDTRYLOCK) | BIT(TG_MOP_RDUNLOCK))
#define CONDITIONAL                                                             \
  (BIT(TG_MOP_LOCK) | BIT(TG_MOP_TRYLOCK) | BIT(TG_MOP_RDLOCK) |                \
   BIT(TG_MOP_RDTRYLOCK) | BIT(TG_MOP_RECV) | BIT(TG_MOP_ACQUIRE))
static const uint32_t key_ops[K_COUNT] = {
  [K_OBJ] = ~0u,
  [K_MSG] = BIT(TG_MOP_SEND) | BIT(TG_MOP_RECV),
  [K_SUCCESS] = CONDITIONAL,
  [K_CLOSED] = BIT(TG_MOP_RECV),
  [K_KIND] = LOCKS | RDLOCKS,
  [K_RETURNS] = CONDITIONAL,
};

typedef struct {
  const char *path;
  int line;
  char *err;
  size_t errsz;
} ctx_t;

__attribute__((format(printf, 2, 3)))
static int fail(ctx_t *c, const char *fmt, ...) {
  int n = snprintf(c->err, c->errsz, "%s:%d: ", c->path, c->line);
  if (n >= 0 && (size_t)n < c->errsz) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err + n, c->errsz - (size_t)n, fmt, ap);
    va_end(ap);
  }
  return 0;
}

static bool is_blank(char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; }
static bool is_ident_start(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
}
static bool is_ident(char ch) { return is_ident_start(ch) || (ch >= '0' && ch <= '9'); }

/* A word: [s, e).  Printed in errors as '%.*s'. */
typedef struct {
  const char *s;
  int n;
} word_t;

static bool word_is(word_t w, const char *lit) {
  return (size_t)w.n == strlen(lit) && memcmp(w.s, lit, (size_t)w.n) == 0;
}

/* argN, N in 1..TG_MODEL_MAX_ARGS. */
static bool parse_arg(word_t w, uint8_t *arg) {
  if (w.n != 4 || memcmp(w.s, "arg", 3) != 0) return false;
  if (w.s[3] < '1' || w.s[3] > '0' + TG_MODEL_MAX_ARGS) return false;
  *arg = (uint8_t)(w.s[3] - '0');
  return true;
}

/* A decimal or 0x hexadecimal integer, optionally negative. */
static bool parse_int(word_t w, int64_t *out) {
  const char *p = w.s, *e = w.s + w.n;
  bool neg = p < e && *p == '-';
  if (neg) p++;
  int base = 10;
  if (e - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    base = 16;
    p += 2;
  }
  if (p == e) return false;
  uint64_t v = 0;
  for (; p < e; p++) {
    int d;
    if (*p >= '0' && *p <= '9') d = *p - '0';
    else if (base == 16 && *p >= 'a' && *p <= 'f') d = *p - 'a' + 10;
    else if (base == 16 && *p >= 'A' && *p <= 'F') d = *p - 'A' + 10;
    else return false;
    if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) return false;
    v = v * (uint64_t)base + (uint64_t)d;
  }
  if (v > (uint64_t)INT64_MAX + neg) return false;
  *out = neg ? (int64_t)(0 - v) : (int64_t)v;
  return true;
}

/* ret<cmp><integer>. */
static bool parse_cond(word_t w, tg_model_cond_t *c) {
  static const struct { const char *s; uint32_t cmp; } cmps[] = {
    {"==", TG_MCMP_EQ}, {"!=", TG_MCMP_NE}, {"<=", TG_MCMP_LE},
    {">=", TG_MCMP_GE}, {"<", TG_MCMP_LT},  {">", TG_MCMP_GT},
  };
  if (w.n < 4 || memcmp(w.s, "ret", 3) != 0) return false;
  for (size_t i = 0; i < sizeof cmps / sizeof cmps[0]; i++) {
    size_t l = strlen(cmps[i].s);
    if ((size_t)w.n > 3 + l && memcmp(w.s + 3, cmps[i].s, l) == 0) {
      c->cmp = cmps[i].cmp;
      return parse_int((word_t){w.s + 3 + l, w.n - 3 - (int)l}, &c->k);
    }
  }
  return false;
}

static int parse_value(ctx_t *c, tg_model_decl_t *d, int key, word_t v) {
  switch (key) {
  case K_OBJ:
    d->obj.src = TG_MVAL_ARG;
    if (!parse_arg(v, &d->obj.arg))
      return fail(c, "expected obj=arg1 .. obj=arg%d, got obj=%.*s", TG_MODEL_MAX_ARGS,
                  v.n, v.s);
    return 1;
  case K_MSG:
    if (d->op == TG_MOP_RECV && word_is(v, "ret")) {
      d->msg.src = TG_MVAL_RET;
      return 1;
    }
    if (d->op == TG_MOP_RECV && v.n > 0 && v.s[0] == '*' &&
        parse_arg((word_t){v.s + 1, v.n - 1}, &d->msg.arg)) {
      d->msg.src = TG_MVAL_DEREF;
      return 1;
    }
    if (parse_arg(v, &d->msg.arg)) {
      d->msg.src = TG_MVAL_ARG;
      return 1;
    }
    if (d->op == TG_MOP_RECV)
      return fail(c, "expected msg=ret, msg=argN or msg=*argN (N from 1 to %d), got msg=%.*s",
                  TG_MODEL_MAX_ARGS, v.n, v.s);
    return fail(c, "expected msg=argN (N from 1 to %d), got msg=%.*s", TG_MODEL_MAX_ARGS,
                v.n, v.s);
  case K_SUCCESS:
  case K_CLOSED:
    if (!parse_cond(v, key == K_SUCCESS ? &d->success : &d->closed))
      return fail(c, "expected %s=ret<op><integer> with <op> one of == != < <= > >= "
                  "(e.g. %s=ret==0), got %s=%.*s", key_names[key], key_names[key],
                  key_names[key], v.n, v.s);
    return 1;
  case K_KIND:
    if (word_is(v, "rwlock")) d->kind = TG_MKIND_RWLOCK;
    else if (word_is(v, "mutex") && d->kind != TG_MKIND_RWLOCK) d->kind = TG_MKIND_MUTEX;
    else if (word_is(v, "spin") && d->kind != TG_MKIND_RWLOCK) d->kind = TG_MKIND_SPIN;
    else if (d->kind == TG_MKIND_RWLOCK)
      return fail(c, "expected kind=rwlock (%s is a reader operation), got kind=%.*s",
                  tg_model_op_name(d->op), v.n, v.s);
    else
      return fail(c, "expected kind=mutex, kind=spin or kind=rwlock, got kind=%.*s", v.n,
                  v.s);
    return 1;
  case K_RETURNS:
    if (word_is(v, "int")) d->ret = TG_MRET_INT;
    else if (word_is(v, "long")) d->ret = TG_MRET_LONG;
    else if (word_is(v, "ptr")) d->ret = TG_MRET_PTR;
    else if (word_is(v, "bool")) d->ret = TG_MRET_BOOL;
    else
      return fail(c, "expected returns=int, returns=long, returns=ptr or returns=bool, "
                  "got returns=%.*s", v.n, v.s);
    return 1;
  }
  return 0;
}

/* Splits the line into words; a '#' at the start of a word starts a
 * comment. */
static int split(const char *s, const char *e, word_t *w, int max) {
  int n = 0;
  while (s < e) {
    while (s < e && is_blank(*s)) s++;
    if (s == e || *s == '#') break;
    const char *b = s;
    while (s < e && !is_blank(*s)) s++;
    if (n == max) return max + 1;
    w[n++] = (word_t){b, (int)(s - b)};
  }
  return n;
}

static int parse_line(ctx_t *c, tg_model_t *m, const char *s, const char *e) {
  enum { MAX_WORDS = 2 + K_COUNT };
  word_t w[MAX_WORDS];
  int n = split(s, e, w, MAX_WORDS);
  if (n == 0) return 1;
  if (n > MAX_WORDS)
    return fail(c, "expected at most %d words: FUNCTION OPERATION KEY=VALUE...",
                MAX_WORDS);

  tg_model_decl_t d;
  memset(&d, 0, sizeof d);
  d.file = c->path;
  d.line = c->line;
  if (!is_ident_start(w[0].s[0]))
    return fail(c, "expected a function name (a C identifier), got '%.*s'", w[0].n, w[0].s);
  for (int i = 1; i < w[0].n; i++)
    if (!is_ident(w[0].s[i]))
      return fail(c, "expected a function name (a C identifier), got '%.*s'", w[0].n,
                  w[0].s);
  if (w[0].n >= TG_MODEL_NAME_MAX)
    return fail(c, "expected a function name of at most %d characters",
                TG_MODEL_NAME_MAX - 1);
  memcpy(d.name, w[0].s, (size_t)w[0].n);
  d.name[w[0].n] = '\0';
  if (n == 1) return fail(c, "expected an operation after '%s': " OP_LIST, d.name);
  for (uint32_t op = 1; op < TG_MOP_COUNT; op++)
    if (word_is(w[1], op_names[op])) d.op = op;
  if (d.op == 0)
    return fail(c, "expected an operation after '%s': " OP_LIST ", got '%.*s'", d.name,
                w[1].n, w[1].s);
  if ((BIT(d.op) & RDLOCKS) != 0) d.kind = TG_MKIND_RWLOCK;

  bool seen[K_COUNT] = {false};
  for (int i = 2; i < n; i++) {
    const char *eq = memchr(w[i].s, '=', (size_t)w[i].n);
    int key = -1;
    if (eq != NULL)
      for (int k = 0; k < K_COUNT; k++)
        if (word_is((word_t){w[i].s, (int)(eq - w[i].s)}, key_names[k])) key = k;
    if (key < 0)
      return fail(c, "expected KEY=VALUE with KEY one of obj, msg, success, closed, kind, "
                  "returns; got '%.*s'", w[i].n, w[i].s);
    if ((key_ops[key] & BIT(d.op)) == 0) {
      char keys[96] = "";
      for (int k = 0; k < K_COUNT; k++)
        if (key_ops[k] & BIT(d.op)) {
          if (keys[0]) strcat(keys, " ");
          strcat(keys, key_names[k]);
          strcat(keys, "=");
        }
      return fail(c, "expected only %s after '%s', got %s=", keys,
                  tg_model_op_name(d.op), key_names[key]);
    }
    if (seen[key]) return fail(c, "expected %s= only once", key_names[key]);
    seen[key] = true;
    word_t v = {eq + 1, w[i].n - (int)(eq + 1 - w[i].s)};
    if (!parse_value(c, &d, key, v)) return 0;
  }
  if (!seen[K_OBJ])
    return fail(c, "expected obj=argN: which argument is the %s",
                d.op >= TG_MOP_SEND && d.op <= TG_MOP_CLOSE ? "channel"
                : d.op >= TG_MOP_RELEASE ? "synchronization object" : "lock");
  if ((d.op == TG_MOP_TRYLOCK || d.op == TG_MOP_RDTRYLOCK) && !seen[K_SUCCESS])
    return fail(c, "expected success=ret<op><integer>: when %s took the lock (e.g. "
                "success=ret==0)", d.name);
  const tg_model_decl_t *old = tg_model_find(m, d.name);
  if (old != NULL)
    return fail(c, "expected each function once: '%s' is already declared at %s:%d",
                d.name, old->file, old->line);
  if (m->n == TG_MODEL_MAX_DECLS)
    return fail(c, "expected at most %d declarations in all model files",
                TG_MODEL_MAX_DECLS);
  m->decl[m->n++] = d;
  return 1;
}

int tg_model_parse(tg_model_t *m, const char *path, const char *text, size_t len,
                   char *err, size_t errsz) {
  ctx_t c = {path, 0, err, errsz};
  const char *p = text, *end = text + len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl != NULL ? nl : end;
    c.line++;
    if (memchr(p, '\0', (size_t)(e - p)) != NULL)
      return fail(&c, "expected text, found a NUL byte");
    if (!parse_line(&c, m, p, e)) return 0;
    p = nl != NULL ? nl + 1 : end;
  }
  return 1;
}

const tg_model_decl_t *tg_model_find(const tg_model_t *m, const char *name) {
  for (int i = 0; i < m->n; i++)
    if (strcmp(m->decl[i].name, name) == 0) return &m->decl[i];
  return NULL;
}

int tg_model_cond_holds(uint32_t ret_type, uint32_t cmp, int64_t k, uint64_t ret) {
  int64_t v;
  switch (ret_type) {
  case TG_MRET_INT: v = (int32_t)(uint32_t)ret; break;
  case TG_MRET_BOOL: v = (uint8_t)ret != 0; break;
  default: v = (int64_t)ret; break;
  }
  switch (cmp) {
  case TG_MCMP_EQ: return v == k;
  case TG_MCMP_NE: return v != k;
  case TG_MCMP_LT: return v < k;
  case TG_MCMP_LE: return v <= k;
  case TG_MCMP_GT: return v > k;
  case TG_MCMP_GE: return v >= k;
  default: return 1;
  }
}
