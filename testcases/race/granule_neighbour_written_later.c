// Two ints share one 8-byte word.  The worker writes `head`, then (after a
// release of its own, so in a later epoch) writes the neighbouring `tail`;
// main then writes `head` with no synchronization.  The race on `head` must
// still be found: a later access to other bytes of the word must not make
// the detector forget the earlier one.  Sibling: norace/int_halves_of_granule.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

struct ring {
  int head;
  int tail;
} __attribute__((aligned(8))) ring;
pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
long stats;
static void *worker(void *arg);

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}granule_neighbour_written_later.c:[[#CUR:@LINE+1]]
  ring.head = 2;
  test_step_set(2);
  test_join(t);
  printf("head = %d, tail = %d\n", ring.head, ring.tail);
  return 0;
}

static void *worker(void *arg) {
  // CHECK:        Previous write of size 4 at [[ADDR]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}granule_neighbour_written_later.c:[[#@LINE+1]]
  ring.head = 1;
  pthread_mutex_lock(&stats_lock);
  stats++;
  pthread_mutex_unlock(&stats_lock);
  ring.tail = 1;
  test_step_set(1);
  test_step_wait(2);
  return NULL;
}
// CHECK:        Location is global 'ring' of size 8 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}granule_neighbour_written_later.c:[[#CUR]]:{{[0-9]+}} in main
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}granule_neighbour_written_later.c:[[#CUR]]:{{[0-9]+}} in main
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
