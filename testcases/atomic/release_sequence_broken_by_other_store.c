// A plain (non-RMW) store by another thread ends a release sequence
// (C11 §5.1.2.4).  Main writes the payload and stores count = 1 with
// release; a worker overwrites the count with a relaxed *store* of 2; a
// reader that reads 2 with acquire read a value outside main's release
// sequence, so nothing orders its payload read after main's write: a race.
// ThreadSanitizer misses it: its relaxed store leaves the address's clock
// alone, so for TSan every release sequence goes on through any relaxed
// store, and the reader acquires main's clock.  Sibling:
// release_sequence_rmw_other_thread.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefix=TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --check-prefix=TSAN --implicit-check-not='WARNING:' %}
#include "../test.h"

int payload;
atomic_int count;

static void *storer(void *arg) {
  test_step_wait(1);
  atomic_store_explicit(&count, 2, memory_order_relaxed);
  test_step_set(2);
  return NULL;
}

static void *reader(void *arg) {
  test_step_wait(2);
  int c = atomic_load_explicit(&count, memory_order_acquire);
  // TANGLE:      WARNING: Tangle: data race
  // TANGLE-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T2:
  // TANGLE-NEXT:     #0 reader {{.*}}release_sequence_broken_by_other_store.c:[[#CUR:@LINE+1]]
  int p = payload;
  printf("count = %d, payload = %d\n", c, p);
  return NULL;
}

int main(void) {
  pthread_t s = test_spawn(storer, NULL);
  pthread_t r = test_spawn(reader, NULL);
  // TANGLE:        Previous write of size 4 at [[ADDR]] by main thread:
  // TANGLE-NEXT:     #0 main {{.*}}release_sequence_broken_by_other_store.c:[[#@LINE+1]]
  payload = 42;
  atomic_store_explicit(&count, 1, memory_order_release);
  test_step_set(1);
  test_join(s);
  test_join(r);
  return 0;
}
// TANGLE: SUMMARY: Tangle: data race {{.*}}release_sequence_broken_by_other_store.c:[[#CUR]]:{{[0-9]+}} in reader
// TSAN:   count = 2, payload = 42
// TANGLE: Tangle: reported 1 report(s)
