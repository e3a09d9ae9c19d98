// The handler hands data to the thread it interrupted through an atomic
// flag: a plain write of `data`, then a release store of `ready`; main
// spins on an acquire load of `ready` and then reads `data`.  The handler
// context's release and main's acquire order the two, as between threads:
// silent.  Main's write of `data` comes before sigaction, which the
// handler acquires.  Sibling of handler_vs_interrupted_plain_write.c.
// (The same loop over a `volatile sig_atomic_t` flag would be reported:
// the plain flag itself races, see docs/signals.md.)
//
// ThreadSanitizer is silent too (it never checks a handler against the
// thread it interrupts).
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#include <signal.h>

static int data;
static atomic_int ready;
static pthread_t main_thread;

static void on_usr1(int sig) {
  data += 40;
  atomic_store_explicit(&ready, 1, memory_order_release);
}

static void *sender(void *arg) {
  test_step_wait(1);
  pthread_kill(main_thread, SIGUSR1);
  return NULL;
}

int main(void) {
  data = 2;
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, NULL);
  main_thread = pthread_self();
  pthread_t t = test_spawn(sender, NULL);
  test_step_set(1);
  while (!atomic_load_explicit(&ready, memory_order_acquire))
    sched_yield();
  // CHECK: data = 42
  printf("data = %d\n", data);
  test_join(t);
  return 0;
}
