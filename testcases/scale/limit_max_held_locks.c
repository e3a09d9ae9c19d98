// max_held_locks sizes each thread's set of held locks.  Main holds 80
// mutexes at once (more than the default 64), then it and a worker take
// lock_a and lock_b in opposite orders, then both write counter
// unsynchronized.  With max_held_locks=40 the 41st prints one line naming
// the limit and the option, deadlock detection is off from there (the
// inversion is not reported), race detection still reports the race, and
// the program carries on.  With max_held_locks=100 both are reported.  Not
// run under TSan: the limit is Tangle's.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: env TANGLE_OPTIONS=max_held_locks=40 %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,SMALL --implicit-check-not=tangle: --implicit-check-not=WARNING:
// RUN: env TANGLE_OPTIONS=max_held_locks=100 %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,LARGE --implicit-check-not=tangle: --implicit-check-not=WARNING:
// A value out of bounds stops the program before main, as a bad option does:
// RUN: env TANGLE_OPTIONS=max_held_locks=5000 %expect_exit 1 %t 2>&1 | FileCheck %s --check-prefix=BAD --implicit-check-not=counter
// BAD: tangle: TANGLE_OPTIONS: bad value '5000' for option 'max_held_locks' (expected int from 1 to 4096)
// SMALL: tangle: more than 40 locks held by one thread at once; deadlock detection is off from here on (raise max_held_locks in TANGLE_OPTIONS)
#include "../test.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t filler[80];
int counter;

static void *worker(void *arg) {
  test_step_wait(1);
  pthread_mutex_lock(&lock_b);
  // LARGE: WARNING: Tangle: lock-order inversion (potential deadlock)
  // LARGE: Mutex lock_a acquired here while holding mutex lock_b in thread T1:
  // LARGE-NEXT: #0 pthread_mutex_lock
  // LARGE-NEXT: #1 worker {{.*}}limit_max_held_locks.c:[[#@LINE+1]]:
  pthread_mutex_lock(&lock_a);
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  counter = 1;
  test_step_set(2);
  return arg;
}

int main(void) {
  for (int i = 0; i < 80; i++) {
    pthread_mutex_init(&filler[i], NULL);
    pthread_mutex_lock(&filler[i]);
  }
  for (int i = 79; i >= 0; i--) pthread_mutex_unlock(&filler[i]);
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  test_step_set(1);
  test_step_wait(2);
  // CHECK: WARNING: Tangle: data race
  // CHECK-NEXT: Write of size 4 at {{.*}} by main thread:
  // CHECK-NEXT: #0 main {{.*}}limit_max_held_locks.c:[[#@LINE+3]]:
  // CHECK: Previous write of size 4 at {{.*}} by thread T1:
  // CHECK-NEXT: #0 worker {{.*}}limit_max_held_locks.c:[[#@LINE-22]]:
  counter = 2;
  test_join(t);
  printf("counter %d\n", counter);
  return 0;
}
// CHECK: counter 2
// SMALL: Tangle: reported 1 report(s)
// LARGE: Tangle: reported 2 report(s)
