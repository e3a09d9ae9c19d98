/* mailbox.c — a one-slot mailbox that passes a pointer with relaxed
 * atomics: it hands the pointer over but orders nothing else, so what the
 * sender wrote through the pointer is not published to the receiver.  It is
 * compiled with plain clang (no Tangle, no TSan) into a shared library, so
 * neither tool sees these atomics at all. */
#include <sched.h>
#include <stdatomic.h>

#include "mailbox.h"

static _Atomic(void *) slot;

void mailbox_put(void *item) {
  atomic_store_explicit(&slot, item, memory_order_relaxed);
}

void *mailbox_take(void) {
  void *item;
  while (!(item = atomic_load_explicit(&slot, memory_order_relaxed)))
    sched_yield();
  atomic_store_explicit(&slot, NULL, memory_order_relaxed);
  return item;
}
