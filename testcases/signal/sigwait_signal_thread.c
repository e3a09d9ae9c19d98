// The recommended shape of signal handling in a threaded program: every
// thread blocks the signals, and one thread takes them with sigwait.
// Main sets `config`, then sends SIGUSR1 to the process; the signal
// thread reads `config` after sigwait returns, and acknowledges with a
// release store that main acquires before the next round.  SIGTERM ends
// the signal thread.  Tangle treats a signal taken by sigwait as a message
// from its sender (kill releases, sigwait acquires): silent.
//
// ThreadSanitizer does not order a kill before the sigwait that takes the
// signal, so it reports the read of `config` against main's write (a
// false positive the TSAN lines record).
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

#include <signal.h>

#define ROUNDS 50

static int config;
static long sum;
static atomic_int acked;
static sigset_t set;

static void *signal_thread(void *arg) {
  for (;;) {
    int sig;
    if (sigwait(&set, &sig) != 0) abort();
    if (sig == SIGTERM) return NULL;
    // TSAN:      WARNING: ThreadSanitizer: data race
    // TSAN-NEXT:   Read of size 4 at {{.*}} by thread T1:
    // TSAN-NEXT:     #0 signal_thread {{.*}}sigwait_signal_thread.c:[[#@LINE+1]]
    sum += config;
    atomic_fetch_add_explicit(&acked, 1, memory_order_release);
  }
}

int main(void) {
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  pthread_t t = test_spawn(signal_thread, NULL);
  for (int i = 1; i <= ROUNDS; i++) {
    // TSAN:        Previous write of size 4 at {{.*}} by main thread:
    // TSAN-NEXT:     #0 main {{.*}}sigwait_signal_thread.c:[[#@LINE+1]]
    config = i;
    kill(getpid(), SIGUSR1);
    while (atomic_load_explicit(&acked, memory_order_acquire) < i)
      sched_yield();
  }
  pthread_kill(t, SIGTERM);
  test_join(t);
  // CHECK: sum = 1275
  printf("sum = %ld\n", sum);
  return 0;
}
