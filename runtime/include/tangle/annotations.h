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
 * ThreadSanitizer's annotations (AnnotateHappensBefore/AnnotateHappensAfter,
 * __tsan_acquire/__tsan_release) are also accepted by Tangle unchanged.
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

#ifdef __cplusplus
}
#endif

#endif /* TANGLE_ANNOTATIONS_H */
