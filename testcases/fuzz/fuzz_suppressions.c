/* fuzz_suppressions.c — libFuzzer target for suppression files
 * (runtime/suppress.c): the file parser, and the wildcard matcher with a
 * fuzzed pattern against a fuzzed name (the first line is the pattern, the
 * rest the name). */
#include "tg.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  memcpy(s, data, size);
  s[size] = '\0';
  char err[1024];
  char *copy = strdup(s);
  tg_suppress_parse(copy, "fuzz.supp", err, sizeof err);
  tg_suppress_clear();
  free(copy);
  char *nl = strchr(s, '\n');
  if (nl != NULL) {
    *nl = '\0';
    tg_suppress_pattern_match(s, nl + 1);
  }
  free(s);
  return 0;
}
