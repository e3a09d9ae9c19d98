/* <tangle/annotations.h> — tell Tangle about synchronization it cannot see.
 *
 * Tangle understands pthreads, semaphores and C11 atomics by itself.  Code
 * that synchronizes some other way — a hand-written lock-free queue whose
 * ordering comes from a system call, a futex, a signal, a shared-memory
 * protocol with another process, inline assembly — needs to say where its
 * happens-before edges are, or Tangle reports races that cannot happen.
 *
 * This header is safe to include everywhere: it needs no library and does
 * nothing when the program runs without Tangle.  The functions are declared
 * weak; a program built with tangle-cc links Tangle's runtime, which defines
 * them, and any other build sees a null function and skips the call.  The
 * same holds for a shared library: it uses Tangle when it ends up in a
 * process built with tangle-cc.
 *
 * What there is: happens-before edges (TANGLE_HAPPENS_BEFORE/AFTER), channel
 * operations (TANGLE_CHAN_*), lock operations of a lock Tangle does not know
 * (TANGLE_LOCK_*), races that are intended (TANGLE_BENIGN_RACE) and regions
 * whose memory accesses are not checked (TANGLE_IGNORE_BEGIN/END).  Each
 * macro evaluates its arguments only when Tangle is there.
 *
 * ThreadSanitizer's annotation API is also accepted by Tangle unchanged,
 * with TSan's own declarations (this header does not declare them):
 * AnnotateHappensBefore/After, AnnotateBenignRace(Sized), AnnotateRWLock*,
 * AnnotateIgnoreReads/Writes*, AnnotateNewMemory, __tsan_acquire/release
 * and the __tsan_mutex_* API of <sanitizer/tsan_interface.h>.  See
 * docs/annotations.md.
 *
 * Functions declared in a model file (tangle-cc --model=FILE, see
 * docs/model-file.md) need no annotation at all.
 */
#ifndef TANGLE_ANNOTATIONS_H
#define TANGLE_ANNOTATIONS_H

#ifdef __cplusplus
extern "C" {
#endif

/* The runtime's entry points; use the macros below, which skip the call
 * when Tangle is not there. */
__attribute__((weak)) void __tangle_annotate_happens_before(const volatile void *addr);
__attribute__((weak)) void __tangle_annotate_happens_after(const volatile void *addr);
__attribute__((weak)) void __tangle_annotate_chan_send(const volatile void *ch,
                                                      __UINTPTR_TYPE__ msg);
__attribute__((weak)) void __tangle_annotate_chan_recv(const volatile void *ch,
                                                      __UINTPTR_TYPE__ msg);
__attribute__((weak)) void __tangle_annotate_chan_close(const volatile void *ch);
__attribute__((weak)) void __tangle_annotate_chan_recv_closed(const volatile void *ch);
__attribute__((weak)) void __tangle_annotate_lock_acquired(const volatile void *lock,
                                                          int is_write, int is_try);
__attribute__((weak)) void __tangle_annotate_lock_released(const volatile void *lock,
                                                          int is_write);
__attribute__((weak)) void __tangle_annotate_benign_race(const volatile void *addr,
                                                        __SIZE_TYPE__ size,
                                                        const char *description);
__attribute__((weak)) void __tangle_annotate_ignore_begin(void);
__attribute__((weak)) void __tangle_annotate_ignore_end(void);

/*
 * TANGLE_HAPPENS_BEFORE(addr) - everything this thread did so far happens
 * before whatever a thread does after a later TANGLE_HAPPENS_AFTER(addr).
 *
 * @addr: any address naming the synchronization, usually the object that
 *        carries it (a queue slot, a flag, a futex word).  It is only a key:
 *        Tangle never reads or writes it.
 *
 * C11 equivalent: a release read-modify-write of a hidden atomic at addr,
 * atomic_fetch_add_explicit(&hidden[addr], 1, memory_order_release), which
 * a later acquire load (TANGLE_HAPPENS_AFTER) synchronizes with.  Like a
 * release sequence, every earlier HAPPENS_BEFORE on addr is covered, not
 * just the last one.  Place it just before the operation that publishes.
 *
 * Example:
 *   slot->msg = make_message();          // plain write
 *   TANGLE_HAPPENS_BEFORE(slot);
 *   futex_wake(&slot->state, 1);         // publish, invisible to Tangle
 */
#define TANGLE_HAPPENS_BEFORE(addr)                                      \
  do {                                                                   \
    if (__tangle_annotate_happens_before)                                \
      __tangle_annotate_happens_before((const volatile void *)(addr));   \
  } while (0)

/*
 * TANGLE_HAPPENS_AFTER(addr) - this thread now sees, as happened before,
 * everything done before each TANGLE_HAPPENS_BEFORE(addr) that came before
 * this call in real time.
 *
 * @addr: the same key the publishing side used.
 *
 * C11 equivalent: atomic_load_explicit(&hidden[addr], memory_order_acquire)
 * reading the value of the latest HAPPENS_BEFORE.  Place it just after the
 * operation that observed the publication; an AFTER with no earlier BEFORE
 * on addr does nothing.
 *
 * Example:
 *   futex_wait(&slot->state, EMPTY);     // observe, invisible to Tangle
 *   TANGLE_HAPPENS_AFTER(slot);
 *   consume(slot->msg);                  // ordered after the plain write
 */
#define TANGLE_HAPPENS_AFTER(addr)                                       \
  do {                                                                   \
    if (__tangle_annotate_happens_after)                                 \
      __tangle_annotate_happens_after((const volatile void *)(addr));    \
  } while (0)

/*
 * TANGLE_CHAN_SEND(ch, msg) - this thread sends message msg on channel ch:
 * everything it did so far happens before whatever the thread that
 * receives this message does after its TANGLE_CHAN_RECV.
 *
 * @ch:  any address naming the channel (the queue object).  A key only.
 * @msg: the message's identity, an integer or pointer that the receiving
 *       side can name too (the element's address); 0 means "the messages
 *       of ch are received in the order they were sent" (FIFO).
 *
 * Unlike TANGLE_HAPPENS_BEFORE, the edge is per message, as in the Go
 * memory model: a receive acquires the clock of the message it got and of
 * no other, so data written after an earlier send and read after receiving
 * only that message is still a race.  C11 equivalent: a release store to a
 * hidden atomic belonging to this one message.  Place it just before the
 * operation that makes the message visible.
 *
 * Example:
 *   item->payload = compute();
 *   TANGLE_CHAN_SEND(q, item);
 *   ring_push(q, item);                  // lock-free, invisible to Tangle
 */
#define TANGLE_CHAN_SEND(ch, msg)                                        \
  do {                                                                   \
    if (__tangle_annotate_chan_send)                                     \
      __tangle_annotate_chan_send((const volatile void *)(ch),           \
                                  (__UINTPTR_TYPE__)(msg));              \
  } while (0)

/*
 * TANGLE_CHAN_RECV(ch, msg) - this thread received message msg from ch:
 * what the sender did before its TANGLE_CHAN_SEND(ch, msg) happens before
 * what this thread does next.
 *
 * @ch, @msg: as for the send; with msg 0 the oldest message of ch not yet
 *            received is the one taken.
 *
 * C11 equivalent: an acquire load of the message's hidden atomic.  Place
 * it just after the operation that took the message; a receive of a
 * message with no recorded send does nothing.
 *
 * Example:
 *   item = ring_pop(q);
 *   TANGLE_CHAN_RECV(q, item);
 *   use(item->payload);
 */
#define TANGLE_CHAN_RECV(ch, msg)                                        \
  do {                                                                   \
    if (__tangle_annotate_chan_recv)                                     \
      __tangle_annotate_chan_recv((const volatile void *)(ch),           \
                                  (__UINTPTR_TYPE__)(msg));              \
  } while (0)

/*
 * TANGLE_CHAN_CLOSE(ch) - this thread closes ch: what it did before happens
 * before what a thread does after a TANGLE_CHAN_RECV_CLOSED(ch).
 *
 * C11 equivalent: a release store of a hidden "closed" flag of ch.  Place
 * it just before the close operation.
 *
 * Example:
 *   stats->sent = n;
 *   TANGLE_CHAN_CLOSE(q);
 *   queue_close(q);
 */
#define TANGLE_CHAN_CLOSE(ch)                                            \
  do {                                                                   \
    if (__tangle_annotate_chan_close)                                    \
      __tangle_annotate_chan_close((const volatile void *)(ch));         \
  } while (0)

/*
 * TANGLE_CHAN_RECV_CLOSED(ch) - a receive on ch returned "closed": what the
 * closing thread did before TANGLE_CHAN_CLOSE(ch) happens before what this
 * thread does next.
 *
 * C11 equivalent: an acquire load of the hidden "closed" flag that reads
 * true.
 *
 * Example:
 *   if (queue_pop(q, &item) == CLOSED) {
 *     TANGLE_CHAN_RECV_CLOSED(q);
 *     report(stats->sent);
 *   }
 */
#define TANGLE_CHAN_RECV_CLOSED(ch)                                      \
  do {                                                                   \
    if (__tangle_annotate_chan_recv_closed)                              \
      __tangle_annotate_chan_recv_closed((const volatile void *)(ch));   \
  } while (0)

/*
 * TANGLE_LOCK_ACQUIRED(lock, is_write) - this thread now holds lock, a lock
 * Tangle does not know (a hand-written spinlock, a futex lock): what
 * earlier holders did before releasing it happens before what this thread
 * does next, and the lock joins the lock-order graph, so an inversion
 * between it and any other lock is reported.
 *
 * @lock:     the lock's address (named in reports like a pthread mutex).
 * @is_write: nonzero for an exclusive acquisition, 0 for a shared (reader)
 *            one, which orders only after exclusive holders.
 *
 * C11 equivalent: the acquire read-modify-write that takes the lock.
 * Place it just after the lock is taken.  TANGLE_LOCK_TRY_ACQUIRED is the
 * same for a lock taken without waiting (a successful trylock), which
 * makes no lock-order edge, since it cannot deadlock.
 *
 * Example:
 *   while (atomic_exchange(&l->held, 1)) cpu_relax();  // say, uninstrumented
 *   TANGLE_LOCK_ACQUIRED(l, 1);
 */
#define TANGLE_LOCK_ACQUIRED(lock, is_write)                             \
  do {                                                                   \
    if (__tangle_annotate_lock_acquired)                                 \
      __tangle_annotate_lock_acquired((const volatile void *)(lock),     \
                                      !!(is_write), 0);                  \
  } while (0)

#define TANGLE_LOCK_TRY_ACQUIRED(lock, is_write)                         \
  do {                                                                   \
    if (__tangle_annotate_lock_acquired)                                 \
      __tangle_annotate_lock_acquired((const volatile void *)(lock),     \
                                      !!(is_write), 1);                  \
  } while (0)

/*
 * TANGLE_LOCK_RELEASED(lock, is_write) - this thread is about to release
 * lock: what it did so far happens before what the next holder does.
 *
 * @is_write: as it was acquired.
 *
 * C11 equivalent: the release store that frees the lock.  Place it just
 * before the lock is released, so no other thread can take the lock in
 * between.
 *
 * Example:
 *   TANGLE_LOCK_RELEASED(l, 1);
 *   atomic_store(&l->held, 0);
 */
#define TANGLE_LOCK_RELEASED(lock, is_write)                             \
  do {                                                                   \
    if (__tangle_annotate_lock_released)                                 \
      __tangle_annotate_lock_released((const volatile void *)(lock),     \
                                      !!(is_write));                     \
  } while (0)

/*
 * TANGLE_BENIGN_RACE(addr, size, description) - races on the bytes
 * [addr, addr+size) are intended: a race whose access overlaps them is not
 * reported, for the rest of the process.
 *
 * @description: why the race is harmless; a string literal, kept as is.
 *
 * C11 equivalent: none — C11 gives a racy program no meaning.  Prefer
 * relaxed atomics (atomic_load_explicit(p, memory_order_relaxed)), which
 * say the same thing to the compiler too.  For statistics counters and
 * similar, where a lost update is acceptable.
 *
 * Example:
 *   static long hits;
 *   TANGLE_BENIGN_RACE(&hits, sizeof hits, "approximate statistics");
 *   hits++;                              // from any thread, never reported
 */
#define TANGLE_BENIGN_RACE(addr, size, description)                      \
  do {                                                                   \
    if (__tangle_annotate_benign_race)                                   \
      __tangle_annotate_benign_race((const volatile void *)(addr),       \
                                    (__SIZE_TYPE__)(size), (description)); \
  } while (0)

/*
 * TANGLE_IGNORE_BEGIN() / TANGLE_IGNORE_END() - the reads and writes this
 * thread makes in between are neither checked nor remembered.  Pairs nest.
 * Synchronization in between (locks, atomics) still counts.
 *
 * C11 equivalent: none; as if the accesses were relaxed atomics that no
 * other access races with.  For code whose races are known and accepted
 * as a whole (a racy-by-design cache), where TANGLE_BENIGN_RACE would need
 * too many ranges.
 *
 * Example:
 *   TANGLE_IGNORE_BEGIN();
 *   v = cache_peek(c, key);              // racy by design
 *   TANGLE_IGNORE_END();
 */
#define TANGLE_IGNORE_BEGIN()                                            \
  do {                                                                   \
    if (__tangle_annotate_ignore_begin) __tangle_annotate_ignore_begin(); \
  } while (0)

#define TANGLE_IGNORE_END()                                              \
  do {                                                                   \
    if (__tangle_annotate_ignore_end) __tangle_annotate_ignore_end();    \
  } while (0)

#ifdef __cplusplus
}
#endif

#endif /* TANGLE_ANNOTATIONS_H */
