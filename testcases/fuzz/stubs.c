/* stubs.c — what the runtime's parsers need from the rest of the runtime,
 * for the fuzz targets, which link the parser sources alone (the whole
 * runtime archive intercepts malloc and pthreads, which clashes with the
 * sanitizers the fuzzers are built with).  Memory comes from the
 * sanitizers' malloc; files are never read (options_file=, a fuzzed path,
 * must not make the fuzzer read the file system). */
#include "tg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *tg_malloc(size_t n) { return malloc(n); }
void *tg_calloc(size_t n) { return calloc(1, n); }
void *tg_realloc(void *p, size_t n) { return realloc(p, n); }
void tg_free(void *p) { free(p); }
char *tg_strdup(const char *s) { return strdup(s); }

char *tg_read_file(const char *path, size_t *len, int *err) {
  (void)path;
  (void)len;
  *err = ENOENT;
  return NULL;
}

void tg_printf(const char *fmt, ...) { (void)fmt; }

void tg_die(const char *fmt, ...) {
  (void)fmt;
  abort(); /* a parser must report errors, never die: a finding */
}

void tg_check_failed(const char *file, int line, const char *cond) {
  (void)file;
  (void)line;
  (void)cond;
  abort();
}
