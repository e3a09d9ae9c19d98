// Thousands of SIGUSR1 from another thread land on main while it spends
// its time in the runtime: instrumented accesses, mutex lock/unlock,
// malloc/free, atomics.  A signal that finds main inside the runtime (a
// shadow or sync-object lock held, or inside glibc's allocator) is
// deferred and delivered by the kick timer once main is out; none is
// lost.  The sender sends the next signal only after the handler counted
// the last, so the count is exact.  The handler's own data is touched by
// handlers only; main reads it after blocking SIGUSR1.  No hang, no crash,
// no report, and the count as without a tool.
//
// ThreadSanitizer defers every asynchronous signal to the end of the
// interceptor it lands in: the same outcome.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#include <signal.h>

#define SIGNALS 2000

static atomic_int handled;
static long seen[8]; /* handlers only, until main blocks SIGUSR1 */
static pthread_t main_thread;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long work[64];

static void on_usr1(int sig) {
  int n = atomic_load_explicit(&handled, memory_order_relaxed);
  seen[n % 8]++;
  atomic_store_explicit(&handled, n + 1, memory_order_relaxed);
}

static void *sender(void *arg) {
  for (int i = 0; i < SIGNALS; i++) {
    while (atomic_load_explicit(&handled, memory_order_relaxed) < i)
      sched_yield();
    pthread_kill(main_thread, SIGUSR1);
  }
  return NULL;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, NULL);
  main_thread = pthread_self();
  pthread_t t = test_spawn(sender, NULL);
  long rounds = 0;
  while (atomic_load_explicit(&handled, memory_order_relaxed) < SIGNALS) {
    pthread_mutex_lock(&m);
    work[rounds % 64] += rounds;
    pthread_mutex_unlock(&m);
    long *p = malloc(sizeof(long) * (1 + rounds % 32));
    p[0] = rounds;
    work[(rounds + 1) % 64] += p[0];
    free(p);
    rounds++;
  }
  sigset_t usr1;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &usr1, NULL);
  test_join(t);
  long total = 0;
  for (int i = 0; i < 8; i++)
    total += seen[i];
  // CHECK: handled 2000, seen 2000
  printf("handled %d, seen %ld\n", atomic_load(&handled), total);
  return 0;
}
