// main returns while detached threads still run — accessing memory they
// share under a lock, allocating, locking, creating threads of their own:
// no crash, no hang, no false report while the process tears down, and the
// program's own output and exit status.  Run a few times: the threads are
// caught at a different point each time.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: for i in 1 2 3 4 5; do %expect_exit 7 %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:' --implicit-check-not='tangle:'; done
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan %}
// RUN: %if tsan %{ %expect_exit 7 %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
// CHECK: main returns with 4 detached threads running
#include <stdlib.h>

#include "../test.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long *table;
static atomic_int started;

static void *short_lived(void *arg) {
  pthread_mutex_lock(&mu);
  table[1]++;
  pthread_mutex_unlock(&mu);
  return arg;
}

static void *forever(void *arg) {
  atomic_fetch_add(&started, 1);
  for (unsigned i = 0;; i++) {
    pthread_mutex_lock(&mu);
    table[i % 64]++;
    pthread_mutex_unlock(&mu);
    free(malloc(16 + i % 256));
    if (i % 512 == 0) {
      pthread_attr_t a;
      pthread_attr_init(&a);
      pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
      pthread_t t;
      pthread_create(&t, &a, short_lived, NULL);
      pthread_attr_destroy(&a);
    }
  }
  return arg;
}

int main(void) {
  table = calloc(64, sizeof(long));
  for (int i = 0; i < 4; i++) {
    pthread_t t = test_spawn(forever, NULL);
    pthread_detach(t);
  }
  while (atomic_load(&started) < 4) sched_yield();
  usleep(20000); // let them get going (not needed for correctness)
  printf("main returns with 4 detached threads running\n");
  return 7;
}
