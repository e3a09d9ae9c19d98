/* fuzz_flags.c — libFuzzer target for the TANGLE_OPTIONS parser
 * (runtime/flags.c: tg_flags_parse).  Any input must parse or be rejected
 * with a message; never crash, hang or read out of bounds. */
#include "tg.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  memcpy(s, data, size);
  s[size] = '\0';
  tg_flags_t f;
  tg_flags_set_defaults(&f);
  char err[256];
  tg_flags_parse(&f, s, err, sizeof err);
  /* The string options the input set are copies the caller owns. */
  tg_flags_t d;
  tg_flags_set_defaults(&d);
#define TG_FLAG_FREE_BOOL(name)
#define TG_FLAG_FREE_INT(name)
#define TG_FLAG_FREE_STRING(name) \
  if (f.name != d.name) free((void *)f.name);
#define TG_FLAG(type, name, def, help) TG_FLAG_FREE_##type(name)
#include "flags.def"
#undef TG_FLAG
  free(s);
  return 0;
}
