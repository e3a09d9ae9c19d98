// A handler that takes a mutex: it adds to a total that a worker thread
// also updates under the same mutex, while main (the thread it
// interrupts) never holds that mutex.  The handler context's lock and
// unlock synchronize with the worker's like any thread's: silent.  Main
// reads the total under the mutex after the worker is joined and SIGUSR1
// is blocked.  (A handler that locks a mutex its own thread holds would
// deadlock, with or without a tool.)
//
// ThreadSanitizer: silent too.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#include <signal.h>

#define ROUNDS 200

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long total;
static atomic_int handled;
static pthread_t main_thread;

static void on_usr1(int sig) {
  pthread_mutex_lock(&m);
  total += 1000;
  pthread_mutex_unlock(&m);
  atomic_fetch_add_explicit(&handled, 1, memory_order_relaxed);
}

static void *worker(void *arg) {
  for (int i = 0; i < ROUNDS; i++) {
    while (atomic_load_explicit(&handled, memory_order_relaxed) < i)
      sched_yield();
    pthread_mutex_lock(&m);
    total += 1;
    pthread_mutex_unlock(&m);
    pthread_kill(main_thread, SIGUSR1);
  }
  return NULL;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, NULL);
  main_thread = pthread_self();
  pthread_t t = test_spawn(worker, NULL);
  long spins = 0;
  while (atomic_load_explicit(&handled, memory_order_relaxed) < ROUNDS)
    spins++;
  sigset_t usr1;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &usr1, NULL);
  test_join(t);
  pthread_mutex_lock(&m);
  // CHECK: total = 200200
  printf("total = %ld\n", total);
  pthread_mutex_unlock(&m);
  return 0;
}
