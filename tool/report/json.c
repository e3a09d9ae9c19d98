/* json.c — the JSON reader and output buffer (see json.h).
 *
 * A recursive-descent parser over RFC 8259's grammar.  Nodes, item arrays
 * and decoded strings are carved from an arena of large blocks, so a
 * document is freed in one go and a report line costs a handful of
 * allocations.  Recursion is bounded by JSON_MAX_DEPTH, so hostile input
 * cannot exhaust the stack; every other limit is the input's length.
 */
#include "json.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- arena ------------------------------------------------------------ */

typedef struct block {
  struct block *next;
  size_t used, cap;
  max_align_t data[];
} block_t;

struct json_doc {
  block_t *blocks;
  jval_t *root;
};

static void *arena_alloc(json_doc_t *d, size_t n) {
  n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
  block_t *b = d->blocks;
  if (b == NULL || b->cap - b->used < n) {
    size_t cap = n > 16384 ? n : 16384;
    b = malloc(sizeof(block_t) + cap);
    if (b == NULL) return NULL;
    b->used = 0;
    b->cap = cap;
    b->next = d->blocks;
    d->blocks = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += n;
  return p;
}

void json_free(json_doc_t *d) {
  if (d == NULL) return;
  for (block_t *b = d->blocks, *next; b != NULL; b = next) {
    next = b->next;
    free(b);
  }
  free(d);
}

const jval_t *json_root(const json_doc_t *d) { return d->root; }

/* ---- parser ----------------------------------------------------------- */

typedef struct {
  json_doc_t *doc;
  const char *s, *end, *start;
  char *err;
  size_t errsz;
  bool failed;
} parser_t;

static void fail(parser_t *p, const char *what) {
  if (p->failed) return;
  p->failed = true;
  if (p->s >= p->end)
    snprintf(p->err, p->errsz, "column %zu: %s, found the end of the line",
             (size_t)(p->end - p->start) + 1, what);
  else
    snprintf(p->err, p->errsz, "column %zu: %s", (size_t)(p->s - p->start) + 1, what);
}

static void skip_ws(parser_t *p) {
  while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
    p->s++;
}

static jval_t *new_val(parser_t *p, jtype_t type) {
  jval_t *v = arena_alloc(p->doc, sizeof(jval_t));
  if (v == NULL) {
    fail(p, "out of memory");
    return NULL;
  }
  memset(v, 0, sizeof *v);
  v->type = type;
  return v;
}

static int hex4(const char *s) {
  int v = 0;
  for (int i = 0; i < 4; i++) {
    char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= c - '0';
    else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
    else return -1;
  }
  return v;
}

static size_t put_utf8(char *o, uint32_t cp) {
  if (cp < 0x80) {
    o[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (char)(0xc0 | cp >> 6);
    o[1] = (char)(0x80 | (cp & 0x3f));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (char)(0xe0 | cp >> 12);
    o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
    o[2] = (char)(0x80 | (cp & 0x3f));
    return 3;
  }
  o[0] = (char)(0xf0 | cp >> 18);
  o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
  o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
  o[3] = (char)(0x80 | (cp & 0x3f));
  return 4;
}

/* At the opening quote.  The decoded string is never longer than its
 * escaped form, so one allocation of that size is enough. */
static const char *parse_string(parser_t *p) {
  const char *q = ++p->s;
  while (q < p->end && *q != '"') q += (*q == '\\' && q + 1 < p->end) ? 2 : 1;
  char *out = arena_alloc(p->doc, (size_t)(q - p->s) + 1);
  if (out == NULL) {
    fail(p, "out of memory");
    return NULL;
  }
  size_t n = 0;
  for (;;) {
    if (p->s >= p->end) {
      fail(p, "expected '\"' to end the string");
      return NULL;
    }
    unsigned char c = (unsigned char)*p->s;
    if (c == '"') break;
    if (c < 0x20) {
      fail(p, "control character in a string (must be escaped)");
      return NULL;
    }
    if (c != '\\') {
      out[n++] = (char)c;
      p->s++;
      continue;
    }
    if (p->s + 1 >= p->end) {
      fail(p, "expected an escape after '\\'");
      return NULL;
    }
    char e = p->s[1];
    p->s += 2;
    switch (e) {
    case '"': out[n++] = '"'; break;
    case '\\': out[n++] = '\\'; break;
    case '/': out[n++] = '/'; break;
    case 'b': out[n++] = '\b'; break;
    case 'f': out[n++] = '\f'; break;
    case 'n': out[n++] = '\n'; break;
    case 'r': out[n++] = '\r'; break;
    case 't': out[n++] = '\t'; break;
    case 'u': {
      int hi = p->end - p->s >= 4 ? hex4(p->s) : -1;
      if (hi < 0) {
        fail(p, "expected 4 hex digits after '\\u'");
        return NULL;
      }
      p->s += 4;
      uint32_t cp = (uint32_t)hi;
      if (hi >= 0xd800 && hi <= 0xdbff) {
        int lo = p->end - p->s >= 6 && p->s[0] == '\\' && p->s[1] == 'u' ? hex4(p->s + 2) : -1;
        if (lo < 0xdc00 || lo > 0xdfff) {
          fail(p, "expected a low surrogate '\\uDC00'..'\\uDFFF' after a high one");
          return NULL;
        }
        p->s += 6;
        cp = 0x10000 + (((uint32_t)hi - 0xd800) << 10) + ((uint32_t)lo - 0xdc00);
      } else if (hi >= 0xdc00 && hi <= 0xdfff) {
        fail(p, "unpaired low surrogate");
        return NULL;
      }
      n += put_utf8(out + n, cp);
      break;
    }
    default:
      p->s--;
      fail(p, "unknown escape (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)");
      return NULL;
    }
  }
  p->s++;
  out[n] = 0;
  return out;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static jval_t *parse_number(parser_t *p) {
  const char *b = p->s;
  if (p->s < p->end && *p->s == '-') p->s++;
  if (p->s < p->end && *p->s == '0') {
    p->s++;
  } else if (p->s < p->end && is_digit(*p->s)) {
    while (p->s < p->end && is_digit(*p->s)) p->s++;
  } else {
    fail(p, "expected a digit");
    return NULL;
  }
  if (p->s < p->end && *p->s == '.') {
    p->s++;
    if (p->s >= p->end || !is_digit(*p->s)) {
      fail(p, "expected a digit after '.'");
      return NULL;
    }
    while (p->s < p->end && is_digit(*p->s)) p->s++;
  }
  if (p->s < p->end && (*p->s == 'e' || *p->s == 'E')) {
    p->s++;
    if (p->s < p->end && (*p->s == '+' || *p->s == '-')) p->s++;
    if (p->s >= p->end || !is_digit(*p->s)) {
      fail(p, "expected a digit in the exponent");
      return NULL;
    }
    while (p->s < p->end && is_digit(*p->s)) p->s++;
  }
  char tmp[64];
  size_t n = (size_t)(p->s - b);
  jval_t *v = new_val(p, J_NUM);
  if (v == NULL) return NULL;
  if (n >= sizeof tmp) {
    /* Longer than any number a report holds; its value does not matter. */
    v->num = 0;
    return v;
  }
  memcpy(tmp, b, n);
  tmp[n] = 0;
  v->num = strtod(tmp, NULL);
  return v;
}

static jval_t *parse_value(parser_t *p, int depth);

/* Items are collected on the heap, then copied into the arena at the end. */
typedef struct {
  jval_t **v;
  const char **k;
  size_t n, cap;
} items_t;

static bool items_push(parser_t *p, items_t *it, const char *key, jval_t *v) {
  if (it->n == it->cap) {
    size_t cap = it->cap ? 2 * it->cap : 8;
    jval_t **nv = realloc(it->v, cap * sizeof *nv);
    if (nv == NULL) goto oom;
    it->v = nv;
    const char **nk = realloc(it->k, cap * sizeof *nk);
    if (nk == NULL) goto oom;
    it->k = nk;
    it->cap = cap;
  }
  it->v[it->n] = v;
  it->k[it->n] = key;
  it->n++;
  return true;
oom:
  fail(p, "out of memory");
  return false;
}

static jval_t *finish_items(parser_t *p, items_t *it, jtype_t type) {
  jval_t *v = p->failed ? NULL : new_val(p, type);
  if (v != NULL && it->n > 0) {
    v->items = arena_alloc(p->doc, it->n * sizeof(jval_t *));
    if (type == J_OBJ) v->keys = arena_alloc(p->doc, it->n * sizeof(char *));
    if (v->items == NULL || (type == J_OBJ && v->keys == NULL)) {
      fail(p, "out of memory");
      v = NULL;
    } else {
      memcpy(v->items, it->v, it->n * sizeof(jval_t *));
      if (type == J_OBJ) memcpy(v->keys, it->k, it->n * sizeof(char *));
      v->n = it->n;
    }
  }
  free(it->v);
  free(it->k);
  return v;
}

/* At '[' or '{'. */
static jval_t *parse_container(parser_t *p, int depth) {
  bool obj = *p->s == '{';
  char close = obj ? '}' : ']';
  items_t it = {0};
  p->s++;
  skip_ws(p);
  if (p->s < p->end && *p->s == close) {
    p->s++;
    return finish_items(p, &it, obj ? J_OBJ : J_ARR);
  }
  for (;;) {
    const char *key = NULL;
    skip_ws(p);
    if (obj) {
      if (p->s >= p->end || *p->s != '"') {
        fail(p, "expected '\"' to start an object key");
        break;
      }
      key = parse_string(p);
      if (key == NULL) break;
      skip_ws(p);
      if (p->s >= p->end || *p->s != ':') {
        fail(p, "expected ':' after an object key");
        break;
      }
      p->s++;
    }
    jval_t *v = parse_value(p, depth + 1);
    if (v == NULL || !items_push(p, &it, key, v)) break;
    skip_ws(p);
    if (p->s < p->end && *p->s == ',') {
      p->s++;
      continue;
    }
    if (p->s < p->end && *p->s == close) {
      p->s++;
      break;
    }
    fail(p, obj ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array");
    break;
  }
  return finish_items(p, &it, obj ? J_OBJ : J_ARR);
}

static bool literal(parser_t *p, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(p->end - p->s) < n || memcmp(p->s, word, n) != 0) return false;
  p->s += n;
  return true;
}

#define DEPTH_TEXT_(n) #n
#define DEPTH_TEXT(n) DEPTH_TEXT_(n)

static jval_t *parse_value(parser_t *p, int depth) {
  if (depth > JSON_MAX_DEPTH) {
    fail(p, "nested deeper than " DEPTH_TEXT(JSON_MAX_DEPTH) " levels");
    return NULL;
  }
  skip_ws(p);
  if (p->s >= p->end) {
    fail(p, "expected a value");
    return NULL;
  }
  jval_t *v;
  switch (*p->s) {
  case '{':
  case '[':
    return parse_container(p, depth);
  case '"': {
    const char *s = parse_string(p);
    if (s == NULL) return NULL;
    v = new_val(p, J_STR);
    if (v != NULL) v->str = s;
    return v;
  }
  case 't':
  case 'f': {
    bool b = *p->s == 't';
    if (literal(p, b ? "true" : "false")) {
      v = new_val(p, J_BOOL);
      if (v != NULL) v->b = b;
      return v;
    }
    break;
  }
  case 'n':
    if (literal(p, "null")) return new_val(p, J_NULL);
    break;
  default:
    if (*p->s == '-' || is_digit(*p->s)) return parse_number(p);
  }
  fail(p, "expected a value (object, array, string, number, true, false or null)");
  return NULL;
}

json_doc_t *json_parse(const char *text, size_t len, char *err, size_t errsz) {
  json_doc_t *d = calloc(1, sizeof *d);
  if (d == NULL) {
    snprintf(err, errsz, "out of memory");
    return NULL;
  }
  parser_t p = {.doc = d, .s = text, .end = text + len, .start = text, .err = err,
                .errsz = errsz};
  d->root = parse_value(&p, 0);
  if (!p.failed) {
    skip_ws(&p);
    if (p.s < p.end) fail(&p, "expected the end of the line after the value");
  }
  if (p.failed) {
    json_free(d);
    return NULL;
  }
  return d;
}

/* ---- lookups ---------------------------------------------------------- */

const jval_t *json_get(const jval_t *obj, const char *key) {
  if (obj == NULL || obj->type != J_OBJ) return NULL;
  for (size_t i = 0; i < obj->n; i++)
    if (strcmp(obj->keys[i], key) == 0) return obj->items[i];
  return NULL;
}

const char *json_get_str(const jval_t *obj, const char *key) {
  const jval_t *v = json_get(obj, key);
  return v != NULL && v->type == J_STR ? v->str : NULL;
}

long long json_get_int(const jval_t *obj, const char *key, long long dflt) {
  const jval_t *v = json_get(obj, key);
  if (v == NULL || v->type != J_NUM || !(v->num > -9e18 && v->num < 9e18)) return dflt;
  return (long long)v->num;
}

const jval_t *json_get_arr(const jval_t *obj, const char *key) {
  const jval_t *v = json_get(obj, key);
  return v != NULL && v->type == J_ARR ? v : NULL;
}

/* ---- output ----------------------------------------------------------- */

static void sb_reserve(sbuf_t *b, size_t more) {
  if (b->len + more + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + more + 1) cap *= 2;
  char *p = realloc(b->p, cap);
  if (p == NULL) {
    fputs("tangle: out of memory\n", stderr);
    exit(1);
  }
  b->p = p;
  b->cap = cap;
}

void sb_putn(sbuf_t *b, const char *s, size_t n) {
  sb_reserve(b, n);
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = 0;
}

void sb_puts(sbuf_t *b, const char *s) { sb_putn(b, s, strlen(s)); }

void sb_printf(sbuf_t *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  sb_reserve(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

void sb_json_str(sbuf_t *b, const char *s) {
  if (s == NULL) {
    sb_puts(b, "null");
    return;
  }
  sb_putn(b, "\"", 1);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') {
      char e[2] = {'\\', (char)c};
      sb_putn(b, e, 2);
    } else if (c == '\n') {
      sb_puts(b, "\\n");
    } else if (c == '\t') {
      sb_puts(b, "\\t");
    } else if (c < 0x20 || c == 0x7f) {
      sb_printf(b, "\\u%04x", c);
    } else {
      sb_putn(b, (const char *)&c, 1);
    }
  }
  sb_putn(b, "\"", 1);
}

void sb_html(sbuf_t *b, const char *s) {
  if (s == NULL) return;
  for (; *s; s++) {
    switch (*s) {
    case '<': sb_puts(b, "&lt;"); break;
    case '>': sb_puts(b, "&gt;"); break;
    case '&': sb_puts(b, "&amp;"); break;
    case '"': sb_puts(b, "&quot;"); break;
    case '\'': sb_puts(b, "&#39;"); break;
    default: sb_putn(b, s, 1);
    }
  }
}

void sb_json(sbuf_t *b, const jval_t *v) {
  switch (v->type) {
  case J_NULL: sb_puts(b, "null"); break;
  case J_BOOL: sb_puts(b, v->b ? "true" : "false"); break;
  case J_NUM:
    /* In range before the cast: converting a double outside long long's
     * range is undefined (found by fuzz_report). */
    if (v->num > -9e15 && v->num < 9e15 && v->num == (double)(long long)v->num)
      sb_printf(b, "%lld", (long long)v->num);
    else
      sb_printf(b, "%.17g", v->num);
    break;
  case J_STR: sb_json_str(b, v->str); break;
  case J_ARR:
  case J_OBJ:
    sb_putn(b, v->type == J_ARR ? "[" : "{", 1);
    for (size_t i = 0; i < v->n; i++) {
      if (i) sb_putn(b, ",", 1);
      if (v->type == J_OBJ) {
        sb_json_str(b, v->keys[i]);
        sb_putn(b, ":", 1);
      }
      sb_json(b, v->items[i]);
    }
    sb_putn(b, v->type == J_ARR ? "]" : "}", 1);
    break;
  }
}

void sb_free(sbuf_t *b) {
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}
