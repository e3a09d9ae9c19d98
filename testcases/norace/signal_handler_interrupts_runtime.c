// Signals keep interrupting a worker that is inside the runtime (locks,
// malloc, instrumented accesses); its handler does instrumented work of its
// own.  Nothing may crash or deadlock, and nothing is reported: the handler
// touches only its own thread's data.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#include <signal.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static _Thread_local long handled;
static _Thread_local char scratch[64];
static atomic_int running = 1, signals_seen;

static void on_signal(int sig) {
  memset(scratch, sig, sizeof scratch); // instrumented range in the handler
  handled++;
  atomic_fetch_add_explicit(&signals_seen, 1, memory_order_relaxed);
}

static void *worker(void *arg) {
  for (int i = 0; i < 200000 && atomic_load(&running); i++) {
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
    char *p = malloc(32 + i % 64);
    p[0] = (char)i;
    free(p);
  }
  return NULL;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGUSR1, &sa, NULL);
  pthread_t t = test_spawn(worker, NULL);
  for (int i = 0; i < 2000; i++) {
    pthread_kill(t, SIGUSR1);
    sched_yield();
  }
  atomic_store(&running, 0);
  test_join(t);
  pthread_mutex_lock(&lock);
  // CHECK: finished, signals handled: yes
  printf("finished, signals handled: %s\n", atomic_load(&signals_seen) > 0 ? "yes" : "no");
  pthread_mutex_unlock(&lock);
  return 0;
}
