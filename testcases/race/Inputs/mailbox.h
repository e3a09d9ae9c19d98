/* mailbox.h — a one-slot mailbox with no synchronization of its own, built
 * without instrumentation for race/mailbox_without_sync.c. */
#ifndef MAILBOX_H
#define MAILBOX_H

void mailbox_put(void *item);
void *mailbox_take(void);

#endif
