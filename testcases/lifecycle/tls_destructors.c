// Thread-specific data destructors (pthread_key_create, and C11 tss_create,
// which glibc builds on it) run at thread exit, after the thread's function
// has returned — here after pthread_exit from a nested frame, which leaves
// that frame without returning.  Races in them are reported, the earlier
// side's stack being the destructor called from libc (nothing of the
// frames the thread left), and a destructor that re-arms itself, so runs again in later
// rounds, after the runtime's own end-of-thread work, does not crash.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// CHECK: WARNING: Tangle: data race
// CHECK-NEXT: Write of size 4 at {{.*}} by main thread:
// CHECK-NEXT: #0 main {{.*}}tls_destructors.c:[[#LINE:]]
// CHECK: Previous write of size 4 at {{.*}} by thread T1:
// CHECK-NEXT: #0 key_dtor {{.*}}tls_destructors.c:[[#LINE - 33]]
// CHECK-NOT: worker
// CHECK: Location is global 'from_key'
// CHECK: WARNING: Tangle: data race
// CHECK-NEXT: Write of size 4 at {{.*}} by main thread:
// CHECK-NEXT: #0 main {{.*}}tls_destructors.c:[[#LINE + 1]]
// CHECK: Previous write of size 4 at {{.*}} by thread T1:
// CHECK-NEXT: #0 tss_dtor {{.*}}tls_destructors.c:[[#LINE - 30]]
// CHECK-NOT: worker
// CHECK: Location is global 'from_tss'
// CHECK: rearmed 4 times
#include <threads.h>

#include "../test.h"

static pthread_key_t key, rearm_key;
static tss_t tss;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int rearmed;
int from_key, from_tss;

static void key_dtor(void *p) { from_key = 1; }

static void tss_dtor(void *p) {
  from_tss = 1;
  test_step_set(2);
}

static void rearm_dtor(void *p) {
  pthread_mutex_lock(&mu);
  rearmed++;
  pthread_mutex_unlock(&mu);
  free(malloc(32));
  pthread_setspecific(rearm_key, p); // run again, up to the last round
}

__attribute__((noinline)) static void leave(void) { pthread_exit(NULL); }

static void *worker(void *arg) {
  test_step_wait(1); // rearm_key exists
  pthread_setspecific(key, arg);
  tss_set(tss, arg);
  pthread_setspecific(rearm_key, arg);
  leave();
  return arg;
}

int main(void) {
  pthread_key_create(&key, key_dtor);
  tss_create(&tss, tss_dtor);
  pthread_t t = test_spawn(worker, &key);
  pthread_key_create(&rearm_key, rearm_dtor); // after the runtime's own key
  test_step_set(1);
  test_step_wait(2);
  from_key = 2;
  from_tss = 2;
  test_join(t);
  printf("rearmed %d times\n", rearmed);
  return 0;
}
