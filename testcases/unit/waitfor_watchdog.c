// Unit test of the watchdog (waitfor.c): thread states made with
// tg_thread_new and marked running, with wait records and held sets set by
// hand, so the wait-for graph is exactly what each phase says.  A thread
// that is running (no wait) keeps a stall from being reported; a wait-for
// cycle among two of them is reported even so, from the thread that began
// waiting last, once the next poll confirms it; the process then exits 66.
// RUN: %unit_cc %s -o %t %unit_libs && env TANGLE_OPTIONS=deadlock_timeout_ms=200 %expect_exit 66 %t 2>&1 | FileCheck %s
#include "tg.h"

#include <stdio.h>
#include <unistd.h>

static char arena[4096];
#define LOCK(i) ((uptr)arena + 64 * (i))

__attribute__((noinline)) static void take(tg_thread_t *t, int i) {
  tg_sync_t *s = tg_sync_get(LOCK(i), TG_SYNC_MUTEX, true);
  tg_held_t *h = tg_ls_acquire(t, s, true, (uptr)__builtin_return_address(0),
                               (uptr)&take);
  tg_sync_unlock(s);
  tg_ls_acquired(t, h, true);
}

__attribute__((noinline)) static void wait_for(tg_thread_t *t, tg_wait_kind_t kind,
                                               uptr obj, const char *call) {
  tg_wf_begin(t, kind, obj, TG_TID_NONE, call, (uptr)__builtin_return_address(0),
              (uptr)&wait_for);
}

static tg_thread_t *running_thread(tg_thread_t *parent) {
  tg_thread_t *t = tg_thread_new(parent, 0);
  atomic_store(&t->state, TG_THR_RUNNING);
  return t;
}

int main(void) {
  tg_thread_t *m = tg_thread_self();
  tg_thread_t *t1 = running_thread(m), *t2 = running_thread(m);
  tg_thread_t *t3 = running_thread(m);

  // Everyone but t3 waits on a condition variable: no stall while t3 runs
  // (and main, really sleeping, counts as waiting).
  wait_for(m, TG_WAIT_COND, LOCK(30), "pthread_cond_wait");
  wait_for(t1, TG_WAIT_COND, LOCK(30), "pthread_cond_wait");
  wait_for(t2, TG_WAIT_SEM, LOCK(31), "sem_wait");
  usleep(600 * 1000);
  // CHECK: phase: cycle
  fprintf(stderr, "phase: cycle\n");
  tg_wf_end(t1);
  tg_wf_end(t2);
  take(t1, 1);
  take(t2, 2);
  wait_for(t1, TG_WAIT_MUTEX, LOCK(2), "pthread_mutex_lock");
  wait_for(t2, TG_WAIT_MUTEX, LOCK(1), "pthread_mutex_lock");
  // CHECK-NEXT: WARNING: Tangle: deadlock
  // CHECK-NEXT:   Thread T2 is blocked in pthread_mutex_lock on mutex arena+64 held by thread T1:
  // CHECK-NEXT:     #0 wait_for
  // CHECK-NEXT:     #1 main {{.*}}waitfor_watchdog.c:[[#@LINE-4]]
  // CHECK:        Thread T1 is blocked in pthread_mutex_lock on mutex arena+128 held by thread T2:
  // CHECK-NEXT:     #0 wait_for
  // CHECK-NEXT:     #1 main {{.*}}waitfor_watchdog.c:[[#@LINE-8]]
  // CHECK:      SUMMARY: Tangle: deadlock {{.*}}waitfor_watchdog.c:[[#@LINE-8]]:{{[0-9]+}} in main
  // CHECK-NEXT: ==================
  // CHECK-NEXT: Tangle: reported 1 report(s)
  for (int i = 0; i < 100; i++) usleep(50 * 1000);
  fprintf(stderr, "not reached\n");
  (void)t3;
  return 0;
}
