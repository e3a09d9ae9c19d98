// Unit test of the lock-order graph (lockgraph.c, fed through lockset.c's
// held sets): thread states made with tg_thread_new take and drop "locks"
// at addresses in a global array, with no real lock and no scheduling, so
// each case is exactly the acquisition history it says.  Reported: AB/BA
// across two threads, a three-thread cycle, a gate held only for reading,
// rwlock cycles where each lock has a writer at one end.  Silent: the same
// cycle at the same sites again, a cycle one thread made alone, a gate
// lock, an inversion ordered by happens-before, readers against readers,
// and a lock that died (destroyed) before the other side's edge.
// RUN: %unit_cc %s -o %t %unit_libs && %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING:
#include "tg.h"

#include <stdio.h>

static char arena[4096];
#define LOCK(i) ((uptr)arena + 64 * (i))

// t takes lock i (blocking) in the given mode, called from the caller's pc.
__attribute__((noinline)) static void take(tg_thread_t *t, int i, bool write) {
  tg_sync_t *s = tg_sync_get(LOCK(i), TG_SYNC_RWLOCK, true);
  tg_held_t *h = tg_ls_acquire(t, s, write, (uptr)__builtin_return_address(0),
                               (uptr)&take);
  tg_sync_unlock(s);
  tg_ls_acquired(t, h, true);
}

// t releases lock i; an unlock ends the thread's epoch.
static void drop(tg_thread_t *t, int i) {
  tg_ls_release(t, LOCK(i));
  tg_thread_tick(t);
}

// The same two acquisitions for every thread that calls it: same sites.
static void b_then_a(tg_thread_t *t, int a, int b) {
  take(t, b, true);
  take(t, a, true);
  drop(t, a);
  drop(t, b);
}

static void say(const char *what) { fprintf(stderr, "case: %s\n", what); }

int main(void) {
  tg_thread_t *m = tg_thread_self();
  tg_thread_t *t1 = tg_thread_new(m, 0), *t2 = tg_thread_new(m, 0);
  tg_thread_t *t3 = tg_thread_new(m, 0), *t4 = tg_thread_new(m, 0);

  // CHECK-LABEL: case: ab/ba
  // CHECK-NEXT: WARNING: Tangle: lock-order inversion (potential deadlock)
  // CHECK-NEXT:   Cycle: arena+128 => arena+64 => arena+128
  // CHECK: RWLock arena+64 acquired here while holding rwlock arena+128 in thread T2:
  // CHECK: RWLock arena+128 acquired here while holding rwlock arena+64 in thread T1:
  say("ab/ba");
  take(t1, 1, true);
  take(t1, 2, true);
  drop(t1, 2);
  drop(t1, 1);
  b_then_a(t2, 1, 2);

  // A third thread at the same sites closes the same cycle: reported once.
  // CHECK-LABEL: case: same sites
  say("same sites");
  b_then_a(t3, 1, 2);

  // CHECK-LABEL: case: one thread
  say("one thread");
  take(t1, 3, true);
  take(t1, 4, true);
  drop(t1, 4);
  drop(t1, 3);
  b_then_a(t1, 3, 4);

  // CHECK-LABEL: case: gate
  say("gate");
  take(t1, 9, true);
  take(t1, 5, true);
  take(t1, 6, true);
  drop(t1, 6);
  drop(t1, 5);
  drop(t1, 9);
  take(t2, 9, true);
  b_then_a(t2, 5, 6);
  drop(t2, 9);

  // Both hold the gate for reading: they can meet inside it.
  // CHECK-LABEL: case: gate read by both
  // CHECK-NEXT: WARNING: Tangle: lock-order inversion (potential deadlock)
  // CHECK-NEXT:   Cycle: arena+1344 => arena+1280 => arena+1344
  say("gate read by both");
  take(t1, 10, false);
  take(t1, 20, true);
  take(t1, 21, true);
  drop(t1, 21);
  drop(t1, 20);
  drop(t1, 10);
  take(t2, 10, false);
  b_then_a(t2, 20, 21);
  drop(t2, 10);

  // t2 learns t1's clock after t1's edge (a join, a semaphore...).
  // CHECK-LABEL: case: happens-before
  say("happens-before");
  take(t1, 7, true);
  take(t1, 8, true);
  drop(t1, 8);
  drop(t1, 7);
  tg_vc_join(&t2->vc, &t1->vc);
  tg_thread_tick(t1); /* as every release does */
  b_then_a(t2, 7, 8);

  // CHECK-LABEL: case: readers
  say("readers");
  take(t1, 11, false);
  take(t1, 12, false);
  drop(t1, 12);
  drop(t1, 11);
  take(t2, 12, false);
  take(t2, 11, false);
  drop(t2, 11);
  drop(t2, 12);
  // A writer of 12 that only reads 11: 11 is still read at both ends.
  take(t3, 12, true);
  take(t3, 11, false);
  drop(t3, 11);
  drop(t3, 12);
  // A writer at one end of each lock can block.
  // CHECK-LABEL: case: writers
  // CHECK-NEXT: WARNING: Tangle: lock-order inversion (potential deadlock)
  // CHECK-NEXT:   Cycle: arena+768 => arena+704 => arena+768
  // CHECK: RWLock arena+704 acquired here while holding rwlock arena+768 in thread T4:
  // CHECK: RWLock arena+768 acquired here while holding rwlock arena+704 in thread T1:
  say("writers");
  take(t4, 12, true);
  take(t4, 11, true);
  drop(t4, 11);
  drop(t4, 12);

  // CHECK-LABEL: case: three threads
  // CHECK-NEXT: WARNING: Tangle: lock-order inversion (potential deadlock)
  // CHECK-NEXT:   Cycle: arena+960 => arena+832 => arena+896 => arena+960
  say("three threads");
  take(t1, 13, true);
  take(t1, 14, true);
  drop(t1, 14);
  drop(t1, 13);
  take(t2, 14, true);
  take(t2, 15, true);
  drop(t2, 15);
  drop(t2, 14);
  take(t3, 15, true);
  take(t3, 13, true);
  drop(t3, 13);
  drop(t3, 15);

  // The lock at 16 is destroyed after t1's edge: a lock at its address
  // later is another lock.
  // CHECK-LABEL: case: forgotten
  say("forgotten");
  take(t1, 16, true);
  take(t1, 17, true);
  drop(t1, 17);
  drop(t1, 16);
  tg_sync_remove(LOCK(16));
  b_then_a(t2, 16, 17);

  // CHECK-LABEL: case: end
  // CHECK-NEXT: Tangle: reported 4 report(s)
  say("end");
  return 0;
}
