// pthread_cancel of a thread blocked, with a mutex held, in a cancellation
// point inside an intercepted call (pthread_cond_wait, sem_wait, read of a
// pipe, pthread_join).  The cancel is already pending when the thread
// enters the call, so it acts at the first cancellation point in it, which
// must be the real call's and not one inside the runtime's own work around
// it (that would leave the thread marked busy in the runtime, with runtime
// locks held).  Its cleanup handler writes `shared` and unlocks the
// mutex: the unlock is not "of an unlocked mutex", the handler's write is
// still checked (it races with main's, below), and afterwards the mutex is
// free for main, with no deadlock report and no hang.
// ThreadSanitizer (LLVM 19) gets the cond mode right, but in the sem, read
// and join modes it misses the cleanup handler's unlock of a thread
// cancelled inside its interceptor, and reports main's later lock as a
// "double lock of a mutex" (a false report): its run covers cond only.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: for m in cond sem read join; do %expect_exit 66 %t $m 2>&1 | FileCheck %s --implicit-check-not='WARNING:'; done
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan %}
// RUN: %if tsan %{ %expect_exit 66 %t.tsan cond 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
// CHECK: WARNING: {{Tangle|ThreadSanitizer}}: data race
// CHECK-NEXT: Write of size 4 at {{.*}} by main thread:
// CHECK-NEXT: #0 main {{.*}}cancel_blocked.c:[[#LINE:]]
// CHECK: Previous write of size 4 at {{.*}} by thread T{{[0-9]+}}{{.*}}:
// CHECK-NEXT: #0 unlock_on_cancel {{.*}}cancel_blocked.c:[[#LINE - 33]]
// CHECK: cancelled 1 then locked
#include <semaphore.h>
#include <string.h>
#include <unistd.h>

#include "../test.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static sem_t sem;
static int fds[2];
static pthread_t sleeper;
static const char *mode;
int shared;

static void *sleep_forever(void *arg) {
  for (;;) pause();
  return arg;
}

static void unlock_on_cancel(void *arg) {
  shared = 1;
  pthread_mutex_unlock(&mu);
  test_step_set(3);
}

static void *worker(void *arg) {
  pthread_mutex_lock(&mu);
  pthread_cleanup_push(unlock_on_cancel, NULL);
  test_step_set(1);
  test_step_wait(2); // not a cancellation point
  char c;
  if (strcmp(mode, "cond") == 0)
    for (;;) pthread_cond_wait(&cv, &mu);
  else if (strcmp(mode, "sem") == 0)
    sem_wait(&sem);
  else if (strcmp(mode, "read") == 0)
    c = (char)read(fds[0], &c, 1);
  else
    pthread_join(sleeper, NULL);
  pthread_cleanup_pop(0);
  return arg;
}

int main(int argc, char **argv) {
  mode = argv[1];
  sem_init(&sem, 0, 0);
  if (pipe(fds) != 0) abort();
  sleeper = test_spawn(sleep_forever, NULL);
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  pthread_cancel(t);
  test_step_set(2);
  test_step_wait(3);
  shared = 2;
  void *ret = test_join(t);
  pthread_mutex_lock(&mu);
  printf("cancelled %d then locked\n", ret == PTHREAD_CANCELED);
  pthread_mutex_unlock(&mu);
  pthread_cancel(sleeper);
  test_join(sleeper);
  return 0;
}
