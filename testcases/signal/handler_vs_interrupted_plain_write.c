// A SIGUSR1 handler writes a plain global that the thread it interrupts
// wrote after installing the handler: nothing orders the two (the signal
// could have come before main's write), so they race, as two threads
// would.  The handler runs as main's handler context, its own thread T2
// (T1 is the sender), created at the sigaction call.  The signal comes
// from another thread, so it is asynchronous.  After blocking SIGUSR1,
// main may read the value: every handler run is done.
// Sibling: atomic_flag_handoff.c.
//
// ThreadSanitizer runs a handler as part of the thread it interrupts, so
// it never sees a race between the two: silent, only the program's output
// is checked.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#include <signal.h>

int value;
static pthread_t main_thread;

static void on_usr1(int sig) {
  // TANGLE:      WARNING: Tangle: data race
  // TANGLE-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T2:
  // TANGLE-NEXT:     #0 on_usr1 {{.*}}handler_vs_interrupted_plain_write.c:[[#CUR:@LINE+1]]
  value = 2;
  test_step_set(2);
}

static void *sender(void *arg) {
  test_step_wait(1);
  pthread_kill(main_thread, SIGUSR1);
  return NULL;
}

static void install(void);

int main(void) {
  install();
  main_thread = pthread_self();
  pthread_t t = test_spawn(sender, NULL);
  // TANGLE:        Previous write of size 4 at [[ADDR]] by main thread:
  // TANGLE-NEXT:     #0 main {{.*}}handler_vs_interrupted_plain_write.c:[[#@LINE+1]]
  value = 1;
  test_step_set(1);
  test_step_wait(2);
  sigset_t usr1;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &usr1, NULL);
  test_join(t);
  printf("value = %d\n", value);
  return 0;
}

static void install(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  // TANGLE:      Thread T2 (tid={{[0-9]+}}, running) created by main thread at:
  // TANGLE-NEXT:   #0 sigaction
  // TANGLE-NEXT:   #1 install {{.*}}handler_vs_interrupted_plain_write.c:[[#@LINE+1]]
  sigaction(SIGUSR1, &sa, NULL);
}
// TANGLE:       SUMMARY: Tangle: data race {{.*}}handler_vs_interrupted_plain_write.c:[[#CUR]]:{{[0-9]+}} in on_usr1
// CHECK:        value = 2
// TANGLE:       Tangle: reported 1 report(s)
