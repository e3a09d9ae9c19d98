/* fuzz_model.c — libFuzzer target for model files (runtime/model_parse.c,
 * shared by tangle-cc, the pass and the runtime). */
#include "model.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tg_model_t *m = calloc(1, sizeof *m);
  char err[512];
  tg_model_parse(m, "fuzz.model", (const char *)data, size, err, sizeof err);
  for (int i = 0; i < m->n; i++) tg_model_find(m, m->decl[i].name);
  free(m);
  return 0;
}
