// Main is printing a report (a race on `x` with the worker; symbolizing
// takes milliseconds) while a 500 us interval timer keeps sending SIGALRM,
// whose handler races with main on `g`.  A SIGALRM that lands while main
// holds the report lock is deferred until main leaves the runtime, so the
// handler's own report never waits for a lock its thread holds: both
// races are reported, in either order, and the program ends normally.
// The worker blocks SIGALRM, so every one goes to main.
//
// ThreadSanitizer reports only the race on `x`: it never checks a handler
// against the thread it interrupts.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t > %t.out 2>&1
// RUN: FileCheck %s --check-prefixes=CHECK,MAIN < %t.out
// RUN: FileCheck %s --check-prefixes=CHECK,HANDLER < %t.out
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,MAIN %}
#include "../test.h"

#include <signal.h>
#include <sys/time.h>

int x, g;
static atomic_int fired;

static void on_alarm(int sig) {
  // HANDLER:      Write of size 4 at {{.*}} by thread T2:
  // HANDLER-NEXT:   #0 on_alarm {{.*}}race_in_handler_during_report.c:[[#@LINE+1]]
  g = 1;
  atomic_store_explicit(&fired, 1, memory_order_relaxed);
}

static void *worker(void *arg);

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  sigset_t alrm;
  sigemptyset(&alrm);
  sigaddset(&alrm, SIGALRM);
  pthread_sigmask(SIG_BLOCK, &alrm, NULL);
  pthread_t t = test_spawn(worker, NULL);
  pthread_sigmask(SIG_UNBLOCK, &alrm, NULL);
  // HANDLER:      Previous write of size 4 at {{.*}} by main thread:
  // HANDLER-NEXT:   #0 main {{.*}}race_in_handler_during_report.c:[[#@LINE+1]]
  g = 7;
  struct itimerval it = {{0, 500}, {0, 500}};
  setitimer(ITIMER_REAL, &it, NULL);
  test_step_wait(1);
  // MAIN:         Write of size 4 at {{.*}} by main thread:
  // MAIN-NEXT:      #0 main {{.*}}race_in_handler_during_report.c:[[#@LINE+1]]
  x = 2;
  while (!atomic_load_explicit(&fired, memory_order_relaxed))
    sched_yield();
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  pthread_sigmask(SIG_BLOCK, &alrm, NULL);
  test_join(t);
  printf("x = %d, g = %d\n", x, g);
  return 0;
}

static void *worker(void *arg) {
  // MAIN:          Previous write of size 4 at {{.*}} by thread T1:
  // MAIN-NEXT:       #0 worker {{.*}}race_in_handler_during_report.c:[[#@LINE+1]]
  x = 1;
  test_step_set(1);
  return NULL;
}
// CHECK: x = 2, g = 1
