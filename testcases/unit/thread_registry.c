// Unit test of the thread registry (thread.c) and the thread interceptors:
// the main thread's state, a new thread's clock, ticks, interned shadow
// stacks (cached, invalidated by func_exit, clamped when too deep), real
// threads created, joined and detached, stacks found by address, and the
// registry in the child of fork (which acquires every other thread).
// RUN: %unit_cc %s -o %t %unit_libs && %t | FileCheck %s
#include "tg.h"

#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void print_ctx(const char *name, tg_ctx_t ctx, int n) {
  uptr pcs[8];
  int got = tg_ctx_unwind(ctx, pcs, n);
  printf("%s:", name);
  for (int i = 0; i < got; i++) printf(" %#lx", (unsigned long)pcs[i]);
  printf("\n");
}

static tg_thread_t *child_state;
static int child_on_own_stack;
static tg_clock_t child_clock;
static uptr *child_pcs;

static void *child(void *arg) {
  int local;
  tg_thread_t *t = tg_thread_self();
  child_on_own_stack = tg_thread_by_stack((uptr)&local) == t && t->os_tid == tg_gettid();
  child_clock = tg_vc_get(&t->vc, t->tid);
  child_pcs = t->pcs;
  __atomic_store_n(&child_state, t, __ATOMIC_RELEASE);
  return arg;
}

static sem_t parked_sem;
static void *parked(void *arg) {
  *(tg_thread_t **)arg = tg_thread_self();
  sem_wait(&parked_sem);
  return NULL;
}

static int wait_finished(tg_thread_t *t) {
  for (int i = 0; i < 10000; i++) {
    if (atomic_load(&t->state) == TG_THR_FINISHED) return 1;
    usleep(1000);
  }
  return 0;
}

int main(void) {
  tg_thread_t *m = tg_thread_self();
  int local;
  // CHECK: main tid=0 get=1 running=1 stack=1 parent=none
  printf("main tid=%u get=%d running=%d stack=%d parent=%s\n", m->tid,
         tg_thread_get(0) == m, atomic_load(&m->state) == TG_THR_RUNNING,
         tg_thread_by_stack((uptr)&local) == m,
         m->parent == TG_TNUM_NONE ? "none" : "some");
  // CHECK-NEXT: no-thread 1 1 1
  printf("no-thread %d %d %d\n", tg_thread_get(TG_TID_NONE) == NULL,
         tg_thread_get((tg_tid_t)tg_thread_count()) == NULL,
         tg_thread_by_stack((uptr)malloc(8)) == NULL);

  uint32_t n0 = tg_thread_count();
  tg_clock_t c0 = tg_vc_get(&m->vc, 0);
  tg_thread_t *n = tg_thread_new(m, 123);
  // CHECK-NEXT: new tid-is-next=1 parent=0 ctx=123 created=1 count+1=1
  printf("new tid-is-next=%d parent=%u ctx=%u created=%d count+1=%d\n", n->tid == n0,
         n->parent, n->create_ctx, atomic_load(&n->state) == TG_THR_CREATED,
         tg_thread_count() == n0 + 1);
  // CHECK-NEXT: clocks inherited=1 own=1 parent-ticked=1 epochs=1
  printf("clocks inherited=%d own=%u parent-ticked=%d epochs=%d\n",
         tg_vc_get(&n->vc, 0) == c0, tg_vc_get(&n->vc, n->tid),
         tg_vc_get(&m->vc, 0) == c0 + 1,
         m->epoch == tg_shadow_epoch(0, c0 + 1) && n->epoch == tg_shadow_epoch(n->tid, 1));
  tg_thread_tick(n);
  // CHECK-NEXT: tick 2 1
  printf("tick %u %d\n", tg_vc_get(&n->vc, n->tid), n->epoch == tg_shadow_epoch(n->tid, 2));

  // Shadow stacks: interned lazily, the same stack gives the same id, and
  // func_exit invalidates the cached prefix.
  uint32_t d0 = m->depth;
  __tangle_func_entry((void *)0x1000);
  __tangle_func_entry((void *)0x2000);
  __tangle_func_entry((void *)0x3000);
  tg_ctx_t c1 = tg_thread_ctx(m, 0x4000);
  // CHECK-NEXT: ctx: 0x4000 0x3000 0x2000 0x1000
  print_ctx("ctx", c1, 4);
  // CHECK-NEXT: same 1
  printf("same %d\n", tg_thread_ctx(m, 0x4000) == c1);
  __tangle_func_exit();
  __tangle_func_entry((void *)0x3001);
  // CHECK-NEXT: after-exit: 0x4000 0x3001 0x2000 0x1000
  print_ctx("after-exit", tg_thread_ctx(m, 0x4000), 4);
  for (int i = 0; i < 3; i++) __tangle_func_exit();

  // Deeper than the shadow stack: the frames past the end are not kept.
  for (uptr i = 1; i <= TG_SHADOW_STACK_MAX + 5; i++) __tangle_func_entry((void *)i);
  // CHECK-NEXT: deep: 0xbeef 0x10000 0xffff
  print_ctx("deep", tg_thread_ctx(m, 0xbeef), 3);
  for (uptr i = 1; i <= TG_SHADOW_STACK_MAX + 5; i++) __tangle_func_exit();
  // CHECK-NEXT: depth-restored 1
  printf("depth-restored %d\n", m->depth == d0);

  // A real thread: registered with its creator and creation stack, runs on
  // its own stack, finishes; join acquires its final clock and reaps it.
  pthread_t th;
  pthread_create(&th, NULL, child, NULL);
  pthread_join(th, NULL);
  uptr create_top;
  tg_ctx_unwind(child_state->create_ctx, &create_top, 1);
  // CHECK-NEXT: child parent=0 own-stack=1 finished=1 created-at-pthread_create=1
  printf("child parent=%u own-stack=%d finished=%d created-at-pthread_create=%d\n",
         child_state->parent, child_on_own_stack,
         atomic_load(&child_state->state) == TG_THR_FINISHED,
         create_top == (uptr)&pthread_create + 1);
  // CHECK-NEXT: joined 1 reaped 1
  printf("joined %d reaped %d\n", tg_vc_get(&m->vc, child_state->tid) >= child_clock,
         child_state->vc.n == 0 && child_state->exit_vc.n == 0 && child_state->pcs == NULL);
  uptr *reaped_stack = child_pcs;

  // Detached, by attribute and by pthread_detach: they finish on their own.
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  child_state = NULL;
  pthread_create(&th, &attr, child, NULL);
  while (__atomic_load_n(&child_state, __ATOMIC_ACQUIRE) == NULL) sched_yield();
  tg_thread_t *d1 = child_state;
  // CHECK-NEXT: shadow-stack-reused 1
  printf("shadow-stack-reused %d\n", child_pcs == reaped_stack);
  child_state = NULL;
  pthread_create(&th, NULL, child, NULL);
  pthread_detach(th);
  while (__atomic_load_n(&child_state, __ATOMIC_ACQUIRE) == NULL) sched_yield();
  tg_thread_t *d2 = child_state;
  // CHECK-NEXT: detached 1 1 1 1
  printf("detached %d %d %d %d\n", atomic_load(&d1->detached), atomic_load(&d2->detached),
         wait_finished(d1), wait_finished(d2));

  // fork: in the child, the forking thread is the only one running.
  tg_thread_t *p = NULL;
  sem_init(&parked_sem, 0, 0);
  pthread_create(&th, NULL, parked, &p);
  while (__atomic_load_n(&p, __ATOMIC_ACQUIRE) == NULL) sched_yield();
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    tg_thread_t *self = tg_thread_self();
    // CHECK-NEXT: fork-child self=0 os_tid=pid other-finished=1 other-acquired=1 registry-usable=1
    printf("fork-child self=%u os_tid=%s other-finished=%d other-acquired=%d registry-usable=%d\n",
           self->tid, self->os_tid == getpid() ? "pid" : "other",
           atomic_load(&p->state) == TG_THR_FINISHED,
           tg_vc_get(&self->vc, p->tid) == tg_vc_get(&p->vc, p->tid),
           tg_thread_new(self, 0) != NULL);
    fflush(stdout);
    _exit(0);
  }
  int status;
  waitpid(pid, &status, 0);
  sem_post(&parked_sem);
  pthread_join(th, NULL);
  // CHECK-NEXT: fork-parent exit=0 other-finished=1
  printf("fork-parent exit=%d other-finished=%d\n", WEXITSTATUS(status),
         atomic_load(&p->state) == TG_THR_FINISHED);
  return 0;
}
