// The reference-count drop used by most lock-free code: each owner drops
// its reference with a *release* fetch_sub, and the one that drops the
// last issues an *acquire* fence before freeing.  Every earlier drop is a
// release that the last fetch_sub reads through the RMW chain (a release
// sequence, C11 §5.1.2.4), and the acquire fence after that read
// synchronizes with all of them (§7.17.4p3), so free() is ordered after
// every owner's use.  Here the worker uses the object and drops its
// reference first, then main drops the last one and frees: Tangle stays
// silent.  ThreadSanitizer does not model the fence (and the fetch_sub is
// release only), so it reports free() racing with the worker's fetch_sub,
// a race that does not exist; the TSan run asserts that false report.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --check-prefix=TANGLE --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefix=TSAN %}
#include "../test.h"

struct object {
  atomic_int refs;
  int uses[4];
};

static void unref(struct object *o) {
  if (atomic_fetch_sub_explicit(&o->refs, 1, memory_order_release) == 1) {
    atomic_thread_fence(memory_order_acquire);
    free(o);
    // TSAN:      WARNING: ThreadSanitizer: data race
    // TSAN-NEXT:   Write of size {{[0-9]+}} at [[ADDR:0x[0-9a-f]+]] by main thread:
    // TSAN-NEXT:     #0 free
    // TSAN-NEXT:     #1 unref {{.*}}refcount_release_dec_acquire_fence.c:[[#@LINE-4]]
    // TSAN:        Previous atomic write of size 4 at [[ADDR]] by thread T1:
    // TSAN-NEXT:     #0 unref {{.*}}refcount_release_dec_acquire_fence.c:[[#@LINE-8]]
  }
}

static void *worker(void *arg) {
  struct object *o = arg;
  o->uses[1] += 1;
  unref(o);
  test_step_set(1);
  return NULL;
}

int main(void) {
  struct object *o = calloc(1, sizeof *o);
  atomic_init(&o->refs, 2);
  pthread_t t = test_spawn(worker, o);
  o->uses[0] += 1;
  test_step_wait(1);
  unref(o);
  test_join(t);
  printf("done\n");
  return 0;
}
// TANGLE: done
