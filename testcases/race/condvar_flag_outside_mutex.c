// A condition-variable handoff whose signaller sets the flag *before*
// taking the mutex.  main reads the flag under the mutex and waits; the
// worker's write of the flag is ordered after nothing main did, so it races
// with main's read (the re-read after the wake-up is fine: the worker locked
// the mutex before signalling).  Sibling: norace/condvar_handoff.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
int ready;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 worker {{.*}}condvar_flag_outside_mutex.c:[[#CUR:@LINE+1]]
  ready = 1;
  pthread_mutex_lock(&m);
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_mutex_lock(&m);
  // CHECK:        Previous read of size 4 at [[ADDR]] by main thread{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 main {{.*}}condvar_flag_outside_mutex.c:[[#@LINE+1]]
  int seen = ready;
  test_step_set(1);
  while (!seen) {
    pthread_cond_wait(&cv, &m);
    seen = ready;
  }
  pthread_mutex_unlock(&m);
  test_join(t);
  printf("ready = %d\n", seen);
  return 0;
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}condvar_flag_outside_mutex.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}condvar_flag_outside_mutex.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
