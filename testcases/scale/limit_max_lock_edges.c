// max_lock_edges sizes the lock-order graph's table of edges (a lock taken
// while holding another).  Main takes 16 mutexes, each while holding hub,
// then it and a worker take lock_a and lock_b in opposite orders, then both
// write counter unsynchronized.  With max_lock_edges=4 the 5th edge prints
// one line naming the limit and the option, deadlock detection is off from
// there (the inversion is not reported), race detection still reports the
// race, and the program carries on.  With max_lock_edges=64 both are
// reported.  Not run under TSan: the table is Tangle's.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: env TANGLE_OPTIONS=max_lock_edges=4 %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,SMALL --implicit-check-not=tangle: --implicit-check-not=WARNING:
// RUN: env TANGLE_OPTIONS=max_lock_edges=64 %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,LARGE --implicit-check-not=tangle: --implicit-check-not=WARNING:
// SMALL: tangle: more than 4 lock-order edges; deadlock detection is off from here on (raise max_lock_edges in TANGLE_OPTIONS)
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t hub = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t filler[16];
int counter;

static void *worker(void *arg) {
  test_step_wait(1);
  pthread_mutex_lock(&lock_b);
  // LARGE: WARNING: Tangle: lock-order inversion (potential deadlock)
  // LARGE: Mutex lock_a acquired here while holding mutex lock_b in thread T1:
  // LARGE-NEXT: #0 pthread_mutex_lock
  // LARGE-NEXT: #1 worker {{.*}}limit_max_lock_edges.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_a);
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  counter = 1;
  test_step_set(2);
  return arg;
}

int main(void) {
  pthread_mutex_lock(&hub);
  for (int i = 0; i < 16; i++) {
    pthread_mutex_init(&filler[i], NULL);
    pthread_mutex_lock(&filler[i]);
    pthread_mutex_unlock(&filler[i]);
  }
  pthread_mutex_unlock(&hub);
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  test_step_set(1);
  test_step_wait(2);
  // CHECK: WARNING: Tangle: data race
  // CHECK-NEXT: Write of size 4 at {{.*}} by main thread:
  // CHECK-NEXT: #0 main {{.*}}limit_max_lock_edges.c:[[#@LINE+3]]:
  // CHECK: Previous write of size 4 at {{.*}} by thread T1:
  // CHECK-NEXT: #0 worker {{.*}}limit_max_lock_edges.c:[[#@LINE-24]]:
  counter = 2;
  test_join(t);
  printf("counter %d\n", counter);
  return 0;
}
// CHECK: counter 2
// SMALL: Tangle: reported 1 report(s)
// LARGE: Tangle: reported 2 report(s)
