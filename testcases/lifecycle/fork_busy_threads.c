// fork while other threads run and hold the runtime's locks (shadow
// stripes, sync objects, the allocator, the context table, the report
// lock of a report in progress): every child keeps detecting, with its own
// report file <report_path>.<child pid>.json, and the parent's state is
// untouched.  Each child makes one race of its own (child_race: a thread
// of the child against the child's main); the parent makes none.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env TANGLE_OPTIONS=report_path=%t.dir/r %expect_exit 0 %t > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out
// RUN: FileCheck %s < %t.err
// RUN: ls %t.dir | wc -l | FileCheck --check-prefix=FILES %s
// RUN: %expect_exit 66 %tangle report %t.dir/r.*.json | FileCheck --check-prefix=MERGED %s
// OUT: child 0 exited 66
// OUT: child 7 exited 66
// OUT-NEXT: parent done
// CHECK-COUNT-8: WARNING: Tangle: data race
// CHECK-NOT: WARNING:
// FILES: 8
// MERGED: Tangle: 1 finding(s) from 8 report(s)
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../test.h"

#define CHILDREN 8
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long busy_data[64];
static atomic_int stop;
int child_value; // the child's race

// Keeps the runtime's locks busy while the main thread forks.
static void *busy(void *arg) {
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
    pthread_mutex_lock(&mu);
    for (int i = 0; i < 64; i++) busy_data[i]++;
    pthread_mutex_unlock(&mu);
    free(malloc(64 + (size_t)busy_data[0] % 512));
  }
  return arg;
}

static void *child_worker(void *arg) {
  child_value = 1;
  test_step_set(1);
  return arg;
}

static void child_race(void) {
  pthread_t t = test_spawn(child_worker, NULL);
  test_step_wait(1);
  child_value = 2; // CHECK: Write of size 4 at {{.*}} by main thread:
  // CHECK-NEXT: #0 child_race {{.*}}fork_busy_threads.c:[[@LINE-1]]
  // CHECK: Previous write of size 4 at {{.*}} by thread T{{[0-9]+}}:
  // CHECK-NEXT: #0 child_worker {{.*}}fork_busy_threads.c:[[@LINE-11]]
  test_join(t);
  // mu may have been held by a busy thread at the fork (the child must not
  // touch it); a lock of the child's own works.
  pthread_mutex_t own = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&own);
  child_value = 3;
  pthread_mutex_unlock(&own);
}

int main(void) {
  pthread_t b[2] = {test_spawn(busy, NULL), test_spawn(busy, NULL)};
  for (int i = 0; i < CHILDREN; i++) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
      child_race();
      exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("child %d exited %d\n", i, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  }
  atomic_store_explicit(&stop, 1, memory_order_relaxed);
  test_join(b[0]);
  test_join(b[1]);
  printf("parent done\n");
  return 0;
}
