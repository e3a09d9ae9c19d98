// A multi-threaded parent forks while a worker thread holds runtime state
// busy; the child must keep working: it starts threads of its own and its
// race is reported (exit 66 in the child), while the parent, which has no
// race, exits 0 after seeing the child's status.
//
// No ThreadSanitizer run: it refuses to start threads in the child of a
// multi-threaded fork ("starting new threads after multi-threaded fork is
// not supported. Dying"), so it cannot check this program at all.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s
#include "../test.h"

#include <sys/wait.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long busy_counter;
int child_value; // read at the end, so the stores stay
static atomic_int stop;

static void *busy(void *arg) {
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
    pthread_mutex_lock(&lock);
    busy_counter++;
    pthread_mutex_unlock(&lock);
    free(malloc(64));
  }
  return NULL;
}

static void *child_worker(void *arg) {
  test_step_wait(1);
  child_value = 2; // CHECK: #0 child_worker {{.*}}fork_child_still_detects.c:[[#@LINE]]
  return NULL;
}

int main(void) {
  pthread_t b = test_spawn(busy, NULL);
  pid_t pid = fork();
  if (pid == 0) {
    pthread_t t = test_spawn(child_worker, NULL);
    child_value = 1; // CHECK: #0 main {{.*}}fork_child_still_detects.c:[[#@LINE]]
    test_step_set(1);
    test_join(t);
    printf("child value %d\n", child_value);
    return 0;
  }
  int status;
  waitpid(pid, &status, 0);
  atomic_store_explicit(&stop, 1, memory_order_relaxed);
  test_join(b);
  // CHECK: child exit 66
  printf("child exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return 0;
}
// CHECK-NOT: WARNING: Tangle
