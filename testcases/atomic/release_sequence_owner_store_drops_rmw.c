// A store by the thread that headed a release sequence continues only its
// own sequence (C11 §5.1.2.4): a sequence another thread's release RMW
// headed in between ends there.  Main stores flag = 1 with release; a
// worker writes extra and does a release fetch_add (2); main then stores
// 3 relaxed.  A reader that reads 3 with acquire synchronizes with main's
// release store but not with the worker's RMW, so its read of extra races
// with the worker's write.  ThreadSanitizer misses it: a relaxed store
// leaves the clock (which the RMW joined) alone.  Sibling:
// release_sequence_same_thread_store.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefix=TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --check-prefix=TSAN --implicit-check-not='WARNING:' %}
#include "../test.h"

int payload, extra;
atomic_int flag;

static void *reader(void *arg) {
  test_step_wait(3);
  int f = atomic_load_explicit(&flag, memory_order_acquire);
  int p = payload;
  // TANGLE:      WARNING: Tangle: data race
  // TANGLE-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T2:
  // TANGLE-NEXT:     #0 reader {{.*}}release_sequence_owner_store_drops_rmw.c:[[#CUR:@LINE+1]]
  int e = extra;
  printf("flag = %d, payload = %d, extra = %d\n", f, p, e);
  return NULL;
}

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:        Previous write of size 4 at [[ADDR]] by thread T1:
  // TANGLE-NEXT:     #0 worker {{.*}}release_sequence_owner_store_drops_rmw.c:[[#@LINE+1]]
  extra = 7;
  atomic_fetch_add_explicit(&flag, 1, memory_order_release);
  test_step_set(2);
  return NULL;
}

int main(void) {
  pthread_t w = test_spawn(worker, NULL);
  pthread_t r = test_spawn(reader, NULL);
  payload = 42;
  atomic_store_explicit(&flag, 1, memory_order_release);
  test_step_set(1);
  test_step_wait(2);
  atomic_store_explicit(&flag, 3, memory_order_relaxed);
  test_step_set(3);
  test_join(w);
  test_join(r);
  return 0;
}
// TANGLE: SUMMARY: Tangle: data race {{.*}}release_sequence_owner_store_drops_rmw.c:[[#CUR]]:{{[0-9]+}} in reader
// TSAN:   flag = 3, payload = 42, extra = 7
// TANGLE: Tangle: reported 1 report(s)
