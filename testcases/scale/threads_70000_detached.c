// 70 000 detached threads over one run (ci too: the limit cannot be made
// smaller), at most 1 000 alive at once.  No join publishes a detached
// thread's last epoch, so none of their tids is reused, and the 65 536th
// thread finds them all taken: one line names the limit and what to do,
// race and deadlock detection go off, and the program carries on (the race
// at the end is not reported) and exits as it would without Tangle.  The
// clocks of the threads that are gone are freed on the way, so memory
// stays flat.  Not run under TSan: it has no such limit for threads that
// are gone.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not=tangle: --implicit-check-not=WARNING:
#include "../test.h"

#include <semaphore.h>

#define THREADS 70000
#define BATCH 1000

static sem_t done;
static atomic_long work;
int unguarded;

static void *member(void *arg) {
  atomic_fetch_add_explicit(&work, (long)arg, memory_order_relaxed);
  sem_post(&done);
  return NULL;
}

static void *racer(void *arg) {
  unguarded = 1;
  test_step_set(1);
  return arg;
}

int main(void) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  sem_init(&done, 0, 0);
  // CHECK: tangle: more than 65535 threads alive or never joined; race and deadlock detection are off from here on (a fixed limit, no option raises it: thread ids are 16 bits in shadow memory; join threads, so that their ids can be reused)
  for (int i = 0; i < THREADS; i += BATCH) {
    pthread_t t;
    for (int k = 0; k < BATCH; k++)
      if (pthread_create(&t, &attr, member, (void *)1) != 0) abort();
    for (int k = 0; k < BATCH; k++) sem_wait(&done);
  }
  pthread_t t = test_spawn(racer, NULL);
  test_step_wait(1);
  int seen = unguarded;
  test_join(t);
  // CHECK: threads 70000 work 70000 seen 1
  printf("threads %d work %ld seen %d\n", THREADS, atomic_load(&work), seen);
  return 0;
}
