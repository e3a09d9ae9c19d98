/* test.h — helpers shared by Tangle's C tests (race/, norace/, ...).
 *
 * The step barrier forces an interleaving without creating happens-before:
 * test_step_set(n) publishes "step n reached" with a relaxed atomic store and
 * test_step_wait(n) spins on relaxed loads until the counter reaches n.
 * Relaxed atomics order nothing for Tangle or ThreadSanitizer, so a race
 * between an access before test_step_set and one after test_step_wait is
 * still a race to both tools, but which side comes first (and is therefore
 * "Previous" in the report) is fixed.  The signal fences only stop the
 * compiler from moving the test's own accesses across the step operations;
 * neither tool treats a signal fence as synchronization.
 *
 * test_spawn/test_join wrap pthread_create/pthread_join and abort on error.
 * A watchdog alarm kills a test program that hangs (a deadlocked runtime, a
 * lost wake-up) after TEST_WATCHDOG_SECONDS, so the suite never hangs even
 * where lit cannot enforce its own timeout.  Names here are test_*: tg_* and
 * __tangle_* belong to the runtime.
 */
#ifndef TANGLE_TEST_H
#define TANGLE_TEST_H

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define TEST_WATCHDOG_SECONDS 60

/* The counter has a cache line to itself: sharing an 8-byte shadow granule
 * with a test's variables would let its atomic accesses disturb what the
 * detector remembers about them. */
static struct {
  _Alignas(64) atomic_int n;
  char pad[64 - sizeof(atomic_int)];
} test_step_counter;

/* Announce that step n has been reached (no release semantics). */
static inline void test_step_set(int n) {
  atomic_signal_fence(memory_order_seq_cst);
  atomic_store_explicit(&test_step_counter.n, n, memory_order_relaxed);
}

/* Wait until some thread has announced step n or a later one (no acquire). */
static inline void test_step_wait(int n) {
  while (atomic_load_explicit(&test_step_counter.n, memory_order_relaxed) < n)
    sched_yield();
  atomic_signal_fence(memory_order_seq_cst);
}

static inline pthread_t test_spawn(void *(*fn)(void *), void *arg) {
  pthread_t t;
  if (pthread_create(&t, NULL, fn, arg) != 0) {
    fprintf(stderr, "test: pthread_create failed\n");
    abort();
  }
  return t;
}

static inline void *test_join(pthread_t t) {
  void *ret;
  if (pthread_join(t, &ret) != 0) {
    fprintf(stderr, "test: pthread_join failed\n");
    abort();
  }
  return ret;
}

__attribute__((constructor)) static void test_watchdog(void) {
  alarm(TEST_WATCHDOG_SECONDS);
}

#endif /* TANGLE_TEST_H */
