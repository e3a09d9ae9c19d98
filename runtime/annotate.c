/* annotate.c — the annotation API: Tangle's <tangle/annotations.h> entry
 * points and ThreadSanitizer's names for the same things, so code already
 * annotated for ThreadSanitizer needs no edit.
 *
 * Annotations synchronize through hidden sync objects (TG_SYNC_HIDDEN), so
 * they pair only with annotations, whatever else lives at the address.
 */
#include "tg.h"
#include "intercept.h"

#include "include/tangle/annotations.h"

/* On the hidden object at addr (TG_SYNC_HIDDEN): annotations pair with
 * annotations, whatever else the address is used for. */
static void annotate_release(const volatile void *addr) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  t->in_rt++;
  tg_release(t, (uptr)addr | TG_SYNC_HIDDEN);
  t->in_rt--;
}

static void annotate_acquire(const volatile void *addr) {
  tg_thread_t *t = enter();
  if (t == NULL) return;
  t->in_rt++;
  tg_acquire(t, (uptr)addr | TG_SYNC_HIDDEN);
  t->in_rt--;
}

void __tangle_annotate_happens_before(const volatile void *addr) {
  annotate_release(addr);
}
void __tangle_annotate_happens_after(const volatile void *addr) {
  annotate_acquire(addr);
}

/* ThreadSanitizer's names, so code annotated for it works unchanged. */

void AnnotateHappensBefore(const char *file, int line, const volatile void *addr) {
  annotate_release(addr);
}
void AnnotateHappensAfter(const char *file, int line, const volatile void *addr) {
  annotate_acquire(addr);
}
void __tsan_acquire(void *addr) { annotate_acquire(addr); }
void __tsan_release(void *addr) { annotate_release(addr); }
