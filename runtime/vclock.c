/* vclock.c — vector clocks.
 *
 * A vector clock maps thread ids to logical clocks; the runtime keeps one per
 * thread (its knowledge of every other thread's progress) and one or two per
 * sync object (what the last releases published).  Representation: a dense
 * array c[0..n) that grows on demand; entries at i >= n are 0, so a clock
 * only as long as the highest tid it has heard of.  Happens-before between
 * epoch x@t and a thread with clock C is C[t] >= x (FastTrack).
 *
 * Not thread-safe: the owner of the clock (its thread, or whoever holds the
 * sync object's lock) serializes access.
 */
#include "tg.h"

#include <string.h>

void tg_vc_free(tg_vc_t *vc) {
  tg_free(vc->c);
  vc->c = NULL;
  vc->n = vc->cap = 0;
}

/* Make room for entries [0, n); new entries are 0. */
TG_NOINLINE static void reserve(tg_vc_t *vc, uint32_t n) {
  if (n <= vc->cap) {
    if (n > vc->n) {
      memset(vc->c + vc->n, 0, (n - vc->n) * sizeof(tg_clock_t));
      vc->n = n;
    }
    return;
  }
  uint32_t cap = vc->cap ? vc->cap : TG_VC_MIN_CAP;
  while (cap < n) cap *= 2;
  tg_clock_t *c = tg_realloc(vc->c, cap * sizeof(tg_clock_t));
  TG_CHECK(c != NULL);
  memset(c + vc->n, 0, (n - vc->n) * sizeof(tg_clock_t));
  vc->c = c;
  vc->cap = cap;
  vc->n = n;
}

void tg_vc_set(tg_vc_t *vc, tg_tid_t t, tg_clock_t c) {
  if (t >= vc->n) reserve(vc, (uint32_t)t + 1);
  vc->c[t] = c;
}

static inline void join_into(tg_clock_t *restrict d, const tg_clock_t *restrict s,
                             uint32_t n) {
  for (uint32_t i = 0; i < n; i++) d[i] = s[i] > d[i] ? s[i] : d[i];
}

TG_NOINLINE static void join_grow(tg_vc_t *dst, const tg_vc_t *src) {
  reserve(dst, src->n);
  join_into(dst->c, src->c, src->n);
}

/* Hot (every acquire and release): no call on the way, so no registers to
 * save, and the loop is branch-free (it vectorizes for long clocks). */
void tg_vc_join(tg_vc_t *dst, const tg_vc_t *src) {
  if (TG_UNLIKELY(src->n > dst->n)) {
    join_grow(dst, src);
    return;
  }
  join_into(dst->c, src->c, src->n);
}

void tg_vc_copy(tg_vc_t *dst, const tg_vc_t *src) {
  if (src->n > dst->cap) reserve(dst, src->n);
  memcpy(dst->c, src->c, src->n * sizeof(tg_clock_t));
  if (dst->n > src->n)
    memset(dst->c + src->n, 0, (dst->n - src->n) * sizeof(tg_clock_t));
  else
    dst->n = src->n;
}

bool tg_vc_leq(const tg_vc_t *a, const tg_vc_t *b) {
  for (uint32_t i = 0; i < a->n; i++)
    if (a->c[i] > tg_vc_get(b, (tg_tid_t)i)) return false;
  return true;
}
