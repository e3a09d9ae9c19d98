/* json.h — the JSON reader and the output buffer `tangle report` uses.
 *
 * The reader turns one JSON text (one line of a report file) into a tree of
 * jval_t, every node and string in one arena that json_free releases at
 * once.  It accepts RFC 8259 JSON and nothing else, nests at most
 * JSON_MAX_DEPTH deep, and on bad input returns NULL with a message naming
 * the column and what was expected: report files come from crashed or killed
 * processes and from other machines, so they are never trusted.
 *
 * sbuf_t is a growable string that the output formats (text, JSON, SARIF,
 * DOT, HTML) write into, with the escapes each of them needs.
 */
#ifndef TANGLE_JSON_H
#define TANGLE_JSON_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_MAX_DEPTH 64

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jtype_t;

typedef struct jval jval_t;
struct jval {
  jtype_t type;
  bool b;          /* J_BOOL */
  double num;      /* J_NUM */
  const char *str; /* J_STR: NUL-terminated (a \u0000 in the text ends it) */
  size_t n;        /* J_ARR, J_OBJ: number of elements */
  jval_t **items;  /* J_ARR, J_OBJ: the elements */
  const char **keys; /* J_OBJ: keys[i] names items[i] */
};

typedef struct json_doc json_doc_t;

/* Parses text[0..len) as one JSON value with nothing but white space around
 * it.  Returns the document (its root is json_root) or NULL, with a message
 * such as "column 17: expected ':' after an object key" in err. */
json_doc_t *json_parse(const char *text, size_t len, char *err, size_t errsz);
const jval_t *json_root(const json_doc_t *d);
void json_free(json_doc_t *d);

/* Lookups that tolerate a missing key or a value of another type: they
 * return NULL (or dflt) instead. */
const jval_t *json_get(const jval_t *obj, const char *key);
const char *json_get_str(const jval_t *obj, const char *key);
long long json_get_int(const jval_t *obj, const char *key, long long dflt);
const jval_t *json_get_arr(const jval_t *obj, const char *key);

/* ---- output ---------------------------------------------------------- */

typedef struct {
  char *p;
  size_t len, cap;
} sbuf_t;

void sb_putn(sbuf_t *b, const char *s, size_t n);
void sb_puts(sbuf_t *b, const char *s);
void sb_printf(sbuf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s as a JSON string literal, quotes included; NULL as null. */
void sb_json_str(sbuf_t *b, const char *s);
/* s with HTML's special characters escaped. */
void sb_html(sbuf_t *b, const char *s);
/* v written back as compact JSON. */
void sb_json(sbuf_t *b, const jval_t *v);
void sb_free(sbuf_t *b);

#endif /* TANGLE_JSON_H */
