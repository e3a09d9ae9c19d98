/* model_spinlock.c — a test-and-set spinlock, compiled WITHOUT Tangle (and
 * without ThreadSanitizer) by the model_* tests.  Its atomics are relaxed,
 * so nothing in it orders anything for a race detector: only a model file
 * (model_spinlock.model) tells Tangle that these functions lock and unlock.
 * (Relaxed is enough on x86 for the tests' purposes; a real spinlock would
 * use acquire/release.) */
#include <sched.h>
#include <stdatomic.h>

typedef struct {
  const char *name;
  atomic_int word;
} spinlock_t;

void spin_lock(spinlock_t *l) {
  while (atomic_exchange_explicit(&l->word, 1, memory_order_relaxed))
    sched_yield();
  atomic_signal_fence(memory_order_seq_cst);
}

/* 1 if it took the lock, 0 if the lock was held. */
int spin_trylock(spinlock_t *l) {
  int ok = !atomic_exchange_explicit(&l->word, 1, memory_order_relaxed);
  atomic_signal_fence(memory_order_seq_cst);
  return ok;
}

void spin_unlock(spinlock_t *l) {
  atomic_signal_fence(memory_order_seq_cst);
  atomic_store_explicit(&l->word, 0, memory_order_relaxed);
}
