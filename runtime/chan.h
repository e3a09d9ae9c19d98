/* chan.h — what the channel files share: chan.c's message bookkeeping
 * beyond tg.h's tg_chan_* (byte streams, operations that span the real
 * call, capacity, names), used by the interceptors of chan_fd.c (pipes,
 * socketpairs, eventfd, POSIX message queues) and chan_glib.c (GLib).
 *
 * A channel is keyed by a uptr.  Keys of objects that are not at a program
 * address (a pipe, a socket direction, an eventfd, a message queue) carry
 * TG_CHAN_KEY_TAG and their kind in the top byte, so they never meet a
 * GAsyncQueue's or an annotated channel's address.
 *
 * A stream is a channel's sequence of units in order: bytes of a pipe or a
 * stream socket, datagrams of a datagram socket, messages of one priority
 * of a message queue (sub = the priority), or the messages of a FIFO
 * channel (tg_chan_send with key 0).  A send is an operation around the
 * real call: send_begin records the thread's clock for `units` units before
 * the real call makes any of them visible, send_end says how many the real
 * call really sent (<= 0: none).  A receive is the same around the real
 * receive: recv_begin before, recv_end with the units it got on stream
 * `sub`.  The op lives on the caller's stack and must be ended (also when
 * the real call fails, or the thread is cancelled inside it).
 */
#ifndef TANGLE_CHAN_H
#define TANGLE_CHAN_H

#include "tg.h"

typedef enum {
  TG_CHAN_GENERIC,   /* annotations, model file */
  TG_CHAN_PIPE,
  TG_CHAN_SOCKET,    /* socketpair, byte stream */
  TG_CHAN_DGRAM,     /* socketpair, SOCK_DGRAM or SOCK_SEQPACKET */
  TG_CHAN_EVENTFD,
  TG_CHAN_MQ,
  TG_CHAN_GQUEUE,    /* GLib's GAsyncQueue */
} tg_chan_kind_t;

#define TG_CHAN_KEY_TAG ((uptr)1 << 63)
#define TG_CHAN_KEY(kind, id) \
  (TG_CHAN_KEY_TAG | (uptr)(kind) << 56 | ((uptr)(id) & (((uptr)1 << 56) - 1)))

typedef struct tg_chan_op {
  struct tg_chan_op *next; /* the channel's receives in flight */
  uptr ch;
  uint64_t serial;         /* of the channel it began on (0: none) */
  uint64_t units;          /* send: asked for; receive: at most */
  uint64_t begin_consumed; /* receive: the channel's consumed count then */
  bool concurrent;         /* receive: another one overlapped it */
  void *rec;               /* send: its record (pending) */
  uint32_t sub;
  tg_vc_t vc;              /* receive on a channel with a capacity: the
                              thread's clock before the real call */
} tg_chan_op_t;

/* Makes the channel (kind, name for reports, capacity in messages, 0 if
 * unbounded; created: this process made the object, not just opened it)
 * if it does not exist; an existing one keeps its messages. */
void tg_chan_open(uptr ch, tg_chan_kind_t kind, const char *name, uint32_t cap,
                  bool created);
/* Counts ends (fds) of the channel: +1/-1 readers and writers.  When a
 * channel has no end left (and, for a message queue, was unlinked: a
 * later mq_open may still receive what is in it) it is destroyed. */
void tg_chan_ends(uptr ch, int readers, int writers);
/* The message queue of that name was unlinked: nobody can open it now. */
void tg_chan_mq_unlinked(const char *name);
/* Ends left: writers (senders) or readers of ch; -1 if there is no ch. */
int tg_chan_count_ends(uptr ch, bool writers);
/* The wait that is about to begin on ch is through fd (for the report). */
void tg_chan_set_wait_fd(uptr ch, int fd);

void tg_chan_send_begin(tg_thread_t *t, tg_chan_op_t *op, uptr ch, uint32_t sub,
                        uint64_t units);
void tg_chan_send_end(tg_thread_t *t, tg_chan_op_t *op, int64_t sent);
void tg_chan_recv_begin(tg_thread_t *t, tg_chan_op_t *op, uptr ch, uint64_t max);
void tg_chan_recv_end(tg_thread_t *t, tg_chan_op_t *op, uint32_t sub, int64_t got);

/* eventfd: a write adds to a counter; a read takes the whole counter (or
 * one, with EFD_SEMAPHORE), so it acquires every write since the last read
 * and every write still in flight. */
void tg_chan_counter_add_begin(tg_thread_t *t, tg_chan_op_t *op, uptr ch);
void tg_chan_counter_add_end(tg_thread_t *t, tg_chan_op_t *op, bool ok);
void tg_chan_counter_take(tg_thread_t *t, uptr ch);

/* tg_chan_send with key != 0, the message put first in line when front
 * (GAsyncQueue's push_front; receives still match by key). */
void tg_chan_send_keyed(tg_thread_t *t, uptr ch, uptr key, bool front);

/* A process was forked or spawned: every channel that exists now may have
 * an end in another process, so no wait on it is registered any more. */
void tg_chan_escaped(void);
/* No other process can reach ch: it was made here (pipe, socketpair,
 * eventfd; a message queue created here and unlinked since), before no
 * fork or spawn. */
bool tg_chan_private(uptr ch);
/* In the child of fork: chan_fd.c's locks (called by tg_chan_fork_child). */
void tg_chan_fd_fork_child(void);

#endif /* TANGLE_CHAN_H */
