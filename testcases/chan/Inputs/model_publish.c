/* model_publish.c — a one-slot mailbox with a relaxed flag, compiled
 * WITHOUT Tangle by model_publish_consume.c: mailbox_publish makes the
 * slot's contents visible, mailbox_wait waits until they are.  Declared
 * in a model file as release / acquire on the mailbox. */
#include <sched.h>
#include <stdatomic.h>

typedef struct {
  atomic_int full;
} mailbox_t;

void mailbox_publish(mailbox_t *m) {
  atomic_signal_fence(memory_order_seq_cst);
  atomic_store_explicit(&m->full, 1, memory_order_relaxed);
}

/* 0 once the mailbox was published; -1 if it was not within `tries`. */
int mailbox_wait(mailbox_t *m, int tries) {
  for (int i = 0; tries < 0 || i < tries; i++) {
    if (atomic_load_explicit(&m->full, memory_order_relaxed)) {
      atomic_signal_fence(memory_order_seq_cst);
      return 0;
    }
    sched_yield();
  }
  return -1;
}
