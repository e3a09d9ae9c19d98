// A relaxed store ends the release sequence a release store of another
// thread began, even when the storing thread had stored there before any
// release did (C11 §5.1.2.4).  The storer's first relaxed store finds no
// clock on count; then main writes the payload and makes the first release
// store (count = 1); then the storer overwrites it with a relaxed store of
// 2.  A reader that acquire-reads 2 read a value outside main's release
// sequence: its payload read races with main's write.  Tangle must not
// take the storer's earlier "nothing released here" for still true.
// ThreadSanitizer misses the race (its relaxed store leaves the clock
// alone, as in release_sequence_broken_by_other_store.c).  Sibling:
// release_store_after_first_relaxed_store.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefix=TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --check-prefix=TSAN --implicit-check-not='WARNING:' %}
#include "../test.h"

int payload;
atomic_int count;

static void *storer(void *arg) {
  atomic_store_explicit(&count, 7, memory_order_relaxed);
  test_step_set(1);
  test_step_wait(2);
  atomic_store_explicit(&count, 2, memory_order_relaxed);
  test_step_set(3);
  return NULL;
}

static void *reader(void *arg) {
  test_step_wait(3);
  int c = atomic_load_explicit(&count, memory_order_acquire);
  // TANGLE:      WARNING: Tangle: data race
  // TANGLE-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T2:
  // TANGLE-NEXT:     #0 reader {{.*}}relaxed_store_after_first_release_race.c:[[#CUR:@LINE+1]]
  int p = payload;
  printf("count = %d, payload = %d\n", c, p);
  return NULL;
}

int main(void) {
  pthread_t s = test_spawn(storer, NULL);
  pthread_t r = test_spawn(reader, NULL);
  test_step_wait(1);
  // TANGLE:        Previous write of size 4 at [[ADDR]] by main thread:
  // TANGLE-NEXT:     #0 main {{.*}}relaxed_store_after_first_release_race.c:[[#@LINE+1]]
  payload = 42;
  atomic_store_explicit(&count, 1, memory_order_release);
  test_step_set(2);
  test_join(s);
  test_join(r);
  return 0;
}
// TANGLE: SUMMARY: Tangle: data race {{.*}}relaxed_store_after_first_release_race.c:[[#CUR]]:{{[0-9]+}} in reader
// TANGLE: count = 2, payload = 42
// TSAN:   count = 2, payload = 42
// TANGLE: Tangle: reported 1 report(s)
