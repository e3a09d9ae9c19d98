// Unit test of the watchdog's global-stall rule (waitfor.c), on thread
// states made with tg_thread_new, marked running and given wait records by
// hand.  Every thread waits (main really sleeps, but its record says
// pthread_join), one of them on a semaphore: while the program has a
// signal handler, which could post it, that is no stall; once the handler
// is gone it is, after deadlock_timeout_ms.  The report lists the threads
// nobody can wake first (main's join of a running thread comes last).
// RUN: %unit_cc %s -o %t %unit_libs && env TANGLE_OPTIONS=deadlock_timeout_ms=200 %expect_exit 66 %t 2>&1 | FileCheck %s
#include "tg.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static char cv[64], sem[64], bar[64];

__attribute__((noinline)) static void wait_for(tg_thread_t *t, tg_wait_kind_t kind,
                                               uptr obj, tg_tid_t target,
                                               const char *call) {
  tg_wf_begin(t, kind, obj, target, call, (uptr)__builtin_return_address(0),
              (uptr)&wait_for);
}

static tg_thread_t *running_thread(tg_thread_t *parent) {
  tg_thread_t *t = tg_thread_new(parent, 0);
  atomic_store(&t->state, TG_THR_RUNNING);
  return t;
}

static void on_usr1(int sig) { (void)sig; }

int main(void) {
  tg_thread_t *m = tg_thread_self();
  tg_thread_t *t1 = running_thread(m), *t2 = running_thread(m);
  tg_thread_t *t3 = running_thread(m);
  signal(SIGUSR1, on_usr1);
  wait_for(t3, TG_WAIT_BARRIER, (uptr)bar, TG_TID_NONE, "pthread_barrier_wait");
  wait_for(m, TG_WAIT_JOIN, 0, t1->tid, "pthread_join");
  wait_for(t2, TG_WAIT_SEM, (uptr)sem, TG_TID_NONE, "sem_wait");
  wait_for(t1, TG_WAIT_COND, (uptr)cv, TG_TID_NONE, "pthread_cond_wait");
  usleep(600 * 1000);
  // CHECK: phase: no handler
  fprintf(stderr, "phase: no handler\n");
  signal(SIGUSR1, SIG_DFL);
  // CHECK-NEXT: WARNING: Tangle: deadlock
  // CHECK-NEXT:   Thread T1 is blocked in pthread_cond_wait on condition variable cv:
  // CHECK:        Thread T2 is blocked in sem_wait on semaphore sem:
  // CHECK:        Thread T3 is blocked in pthread_barrier_wait on barrier bar:
  // CHECK:        Main thread is blocked in pthread_join on thread T1:
  // CHECK:      SUMMARY: Tangle: deadlock {{.*}}waitfor_stall.c:[[#@LINE-10]]:{{[0-9]+}} in main
  // CHECK-NEXT: ==================
  // CHECK-NEXT: Tangle: reported 1 report(s)
  for (int i = 0; i < 100; i++) usleep(50 * 1000);
  fprintf(stderr, "not reached\n");
  return 0;
}
