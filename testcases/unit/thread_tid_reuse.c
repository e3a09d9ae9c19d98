// Unit test of tid reuse (thread.c): a joined thread's tid goes to the next
// thread whose creator covers its last epoch (directly or through another
// thread), continuing its clock; it does not go to one whose creator does
// not, nor while the thread holds locks, nor for a detached thread (whose
// clocks still go once its OS thread is gone).  Epochs and numbers find the
// thread that made them.  When every tid is taken, one line says so, race
// and deadlock detection go off, and threads are still created.
// RUN: %unit_cc %s -o %t %unit_libs && %t 2>&1 | FileCheck %s
#include "tg.h"

#include <limits.h>
#include <malloc.h>
#include <stdio.h>

/* A thread state that ran (os_tid set), made some epochs, and finished. */
static tg_thread_t *ran(tg_thread_t *parent, int ticks) {
  tg_thread_t *t = tg_thread_new(parent, 0);
  t->os_tid = INT_MAX; /* no such OS thread: gone */
  for (int i = 0; i < ticks; i++) tg_thread_tick(t);
  tg_thread_finish(t);
  return t;
}

static tg_clock_t own(const tg_thread_t *t) { return tg_vc_get(&t->vc, t->tid); }

int main(void) {
  tg_thread_t *m = tg_thread_self();
  tg_thread_t *a = ran(m, 3);
  tg_clock_t a_last = own(a);
  tg_vc_join(&m->vc, &a->exit_vc); /* main joins a */
  tg_thread_reap(a);
  tg_thread_t *b = tg_thread_new(m, 0);
  // CHECK: joined: same-tid=1 clock-continues=1 num=2 prev=1
  printf("joined: same-tid=%d clock-continues=%d num=%u prev=%d\n", b->tid == a->tid,
         b->clock0 == a_last + 1 && own(b) == b->clock0, b->num, b->prev_holder == a);
  // CHECK-NEXT: at: old=1 new=1 latest=1 by-num=1 1
  printf("at: old=%d new=%d latest=%d by-num=%d %d\n", tg_thread_at(a->tid, a_last) == a,
         tg_thread_at(a->tid, b->clock0) == b, tg_thread_at(a->tid, 0) == b,
         tg_thread_by_num(a->num) == a, tg_thread_by_num(b->num) == b);

  /* Not joined by main: main's next thread gets a fresh tid; a thread that
   * acquired c's exit (its joiner) passes it on to its own child. */
  tg_thread_t *c = ran(m, 1);
  tg_thread_t *x = tg_thread_new(m, 0);
  tg_vc_join(&x->vc, &c->exit_vc); /* x joins c */
  tg_thread_reap(c);
  tg_thread_t *d = tg_thread_new(m, 0);
  tg_thread_t *e = tg_thread_new(x, 0);
  // CHECK-NEXT: uncovered: fresh=1 transitive=1
  printf("uncovered: fresh=%d transitive=%d\n", d->tid != c->tid && d->tid >= tg_thread_count() - 1,
         e->tid == c->tid);

  /* Holding locks at exit: the tid stays its own. */
  tg_thread_t *f = ran(m, 0);
  tg_vc_join(&m->vc, &f->exit_vc);
  static tg_dl_state_t abandoned;
  atomic_store(&f->dl, &abandoned);
  tg_thread_reap(f);
  tg_thread_t *g = tg_thread_new(m, 0);
  // CHECK-NEXT: holding-locks: fresh=1
  printf("holding-locks: fresh=%d\n", g->tid != f->tid);

  /* Detached: never reused; released once gone (at a later creation). */
  tg_thread_t *h = ran(m, 0);
  tg_vc_join(&m->vc, &h->exit_vc);
  tg_thread_drop(h);
  tg_thread_t *i = tg_thread_new(m, 0);
  // CHECK-NEXT: detached: fresh=1 released=1
  printf("detached: fresh=%d released=%d\n", i->tid != h->tid, h->vc.n == 0);

  /* Run out: every later thread shares the last tid, detection is off.
   * Their clocks are as long as their tids (up to 256 KiB): from the heap,
   * not from an mmap (or a fresh brk) each, to keep this quick. */
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  fflush(stdout);
  // CHECK-NEXT: tangle: more than 65535 threads alive or never joined; race and deadlock detection are off from here on (a fixed limit, no option raises it: thread ids are 16 bits in shadow memory; join threads, so that their ids can be reused)
  // CHECK-NOT: tangle:
  tg_thread_t *t = NULL;
  for (uint32_t k = 0; k < TG_MAX_THREADS + 10; k++) {
    t = tg_thread_new(m, 0);
    t->os_tid = INT_MAX;
    tg_thread_finish(t);
    tg_thread_drop(t);
  }
  // CHECK: out: count=65535 shared=1 races-off=1 deadlocks-off=1 numbered=1
  printf("out: count=%u shared=%d races-off=%d deadlocks-off=%d numbered=%d\n",
         tg_thread_count(), t->tid == TG_MAX_THREADS - 1, tg_race_on == 0, tg_dl_on == 0,
         tg_thread_by_num(t->num) == t);
  return 0;
}
