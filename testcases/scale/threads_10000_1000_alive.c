// 10 000 threads created and joined over one run, 1 000 alive at once (ci:
// 1 000 and 100): waves that meet at a barrier, so the whole wave is alive
// together, then are joined.  Tids are reused wave after wave, so clocks
// stay as long as one wave; before, every clock grew to the 10 000th tid.
// After the churn, race detection still works and names threads by number:
// the last thread races with main.  Not run under TSan: its own limit is
// live threads (8 128), which the full size stays below, but the test is
// about Tangle's tables.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t %scale 2>&1 | FileCheck %s --implicit-check-not=WARNING:
#include "../test.h"

#include <string.h>

static pthread_barrier_t wave_start;
static pthread_mutex_t sum_lock = PTHREAD_MUTEX_INITIALIZER;
static long sum;
static int *slots;
int tail;

static void *member(void *arg) {
  int *slot = arg;
  pthread_barrier_wait(&wave_start);
  *slot += 1;
  pthread_mutex_lock(&sum_lock);
  sum += *slot;
  pthread_mutex_unlock(&sum_lock);
  return NULL;
}

static void *last(void *arg);

int main(int argc, char **argv) {
  int full = argc > 1 && strcmp(argv[1], "full") == 0;
  int alive = full ? 1000 : 100, waves = 10;
  pthread_t *th = malloc(sizeof(*th) * alive);
  slots = calloc(alive, sizeof(*slots));
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  pthread_barrier_init(&wave_start, NULL, alive + 1);
  for (int w = 0; w < waves; w++) {
    for (int i = 0; i < alive; i++)
      if (pthread_create(&th[i], &attr, member, &slots[i]) != 0) abort();
    pthread_barrier_wait(&wave_start);
    for (int i = 0; i < alive; i++) test_join(th[i]);
  }
  pthread_t t = test_spawn(last, NULL);
  test_step_wait(1);
  // CHECK:      WARNING: Tangle: data race
  // CHECK-NEXT:   Read of size 4 at {{0x[0-9a-f]+}} by main thread:
  // CHECK-NEXT:     #0 main {{.*}}threads_10000_1000_alive.c:[[#@LINE+1]]
  int seen = tail;
  test_join(t);
  printf("threads %d sum %ld seen %d\n", waves * alive + 1, sum, seen);
  return 0;
}
static void *last(void *arg) {
  // CHECK:        Previous write of size 4 at {{0x[0-9a-f]+}} by thread T[[#LAST:]]:
  // CHECK-NEXT:     #0 last {{.*}}threads_10000_1000_alive.c:[[#@LINE+1]]
  tail = 1;
  test_step_set(1);
  return arg;
}
// CHECK:        Thread T[[#LAST]] (tid={{[0-9]+}}, {{running|finished}}) created by main thread at:
// CHECK:      threads [[#LAST]] sum [[#]] seen 1
// CHECK:      Tangle: reported 1 report(s)
