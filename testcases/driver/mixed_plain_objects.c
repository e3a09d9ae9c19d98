// Instrumented objects linked with plain ones (built by clang-19 without
// Tangle), first as an object in the program, then as a shared library.
// The plain code creates the thread and takes the lock; the runtime's
// interceptors still see both, so the counter updated under that lock is
// not reported, while the unprotected global is, with both sides' file:line.
//
// RUN: %clang -O1 -DPLAIN -c %s -o %t.plain.o
// RUN: %tangle_cc -O1 -c %s -o %t.o
// RUN: %tangle_cc %t.o %t.plain.o -o %t
// RUN: %expect_exit 66 %t 2>&1 | FileCheck %s
// RUN: %clang -O1 -DPLAIN -shared -fPIC %s -o %t.plain.so
// RUN: %tangle_cc %t.o %t.plain.so -o %t.dyn
// RUN: %expect_exit 66 %t.dyn 2>&1 | FileCheck %s
#include "../test.h"

pthread_t plain_spawn(void *(*fn)(void *));
void plain_locked_call(void (*fn)(void));

#ifdef PLAIN
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

pthread_t plain_spawn(void *(*fn)(void *)) {
  pthread_t t;
  if (pthread_create(&t, NULL, fn, NULL) != 0)
    abort();
  return t;
}

void plain_locked_call(void (*fn)(void)) {
  pthread_mutex_lock(&mu);
  fn();
  pthread_mutex_unlock(&mu);
}
#else
int guarded_hits, loose_hits;

static void hit(void) { guarded_hits++; }

static void *worker(void *arg) {
  plain_locked_call(hit);
  test_step_wait(1);
  // CHECK:      WARNING: Tangle: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}mixed_plain_objects.c:[[#CUR:@LINE+1]]
  loose_hits = 2;
  return NULL;
}

int main(void) {
  // CHECK:        Previous write of size 4 at [[ADDR]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}mixed_plain_objects.c:[[#@LINE+3]]
  pthread_t t = plain_spawn(worker);
  plain_locked_call(hit);
  loose_hits = 1;
  test_step_set(1);
  test_join(t);
  return 0;
}
#endif
// CHECK: Location is global 'loose_hits' of size 4 at [[ADDR]]
// CHECK: SUMMARY: Tangle: data race {{.*}}mixed_plain_objects.c:[[#CUR]]:{{[0-9]+}} in worker
// CHECK: Tangle: reported 1 report(s)
