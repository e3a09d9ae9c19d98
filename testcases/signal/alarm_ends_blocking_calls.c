// The classic use of a handler: SIGALRM ends a loop around a call that
// blocks (read of a pipe nobody writes, sem_wait of a semaphore nobody
// posts, pause), through an atomic flag the loop tests after the call
// returns with EINTR (the handler is installed without SA_RESTART).  The
// blocking calls run outside the runtime, so the signal is not deferred
// and each call is interrupted.  The flag is a C11 atomic: the same loop
// over a `volatile sig_atomic_t` would be reported (docs/signals.md).
// Silent; each loop ends.
//
// ThreadSanitizer: the same output, silent.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#include <errno.h>
#include <semaphore.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>

static atomic_int rang;

static void on_alarm(int sig) { atomic_store_explicit(&rang, 1, memory_order_relaxed); }

// A one-shot SIGALRM in 20 ms.
static void arm(void) {
  atomic_store(&rang, 0);
  struct itimerval it = {{0, 0}, {0, 20000}};
  setitimer(ITIMER_REAL, &it, NULL);
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_alarm; // no SA_RESTART: blocking calls fail with EINTR
  sigaction(SIGALRM, &sa, NULL);

  int fds[2];
  char c;
  if (pipe(fds) != 0) return 1;
  arm();
  int eintr = 0;
  while (!atomic_load_explicit(&rang, memory_order_relaxed))
    if (read(fds[0], &c, 1) < 0 && errno == EINTR) eintr++;
  // CHECK: read interrupted: 1
  printf("read interrupted: %d\n", eintr > 0);

  sem_t sem;
  sem_init(&sem, 0, 0);
  arm();
  eintr = 0;
  while (!atomic_load_explicit(&rang, memory_order_relaxed))
    if (sem_wait(&sem) < 0 && errno == EINTR) eintr++;
  // CHECK: sem_wait interrupted: 1
  printf("sem_wait interrupted: %d\n", eintr > 0);

  arm();
  while (!atomic_load_explicit(&rang, memory_order_relaxed))
    pause();
  // CHECK: pause returned
  printf("pause returned\n");
  return 0;
}
