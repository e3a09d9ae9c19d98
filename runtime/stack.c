/* stack.c — the calling thread's current stack, via libunwind.
 *
 * Used for the current access of a report: unlike the shadow call stack it
 * also sees frames of uninstrumented code (callbacks from libc, qsort, ...).
 * The walk starts in the runtime; the frames down to the instrumented code
 * are dropped by looking for the pc the hook recorded (its return address),
 * so what is printed starts exactly where the program made the access.
 *
 * Every pc returned is a return address (libunwind's IP of a caller frame),
 * the same convention as recorded pcs, so symbolization uses pc-1 for all.
 * No state, no locks; libunwind's local unwinder is thread-safe.
 * NOTE: libunwind checks addresses with write/read on a pipe, msync or
 * mincore, some of them cancellation points: a pending pthread_cancel
 * would unwind the thread from inside the runtime (in_rt left set, runtime
 * locks held), so cancellation is off during the walk.
 */
#define UNW_LOCAL_ONLY
#include <libunwind.h>
#include <pthread.h>
#include <string.h>

#include "tg.h"

/* Frames walked looking for start_pc before giving up on it: the runtime's
 * own frames above it are a handful, this only bounds a corrupt stack. */
#define MAX_WALK (TG_MAX_FRAMES + 256)

/* Inlined into tg_stack_unwind, so the frames above start_pc are the
 * same as before. */
__attribute__((always_inline)) static inline int unwind(uptr start_pc, uptr *pcs,
                                                        int max) {
  unw_context_t uc;
  unw_cursor_t cur;
  if (max <= 0 || unw_getcontext(&uc) != 0 || unw_init_local(&cur, &uc) != 0)
    return 0;
  int n = 0;
  bool found = false;
  for (int walked = 0; walked < MAX_WALK; walked++) {
    unw_word_t ip;
    if (unw_get_reg(&cur, UNW_REG_IP, &ip) != 0 || ip == 0) break;
    if (!found && ip == start_pc) {
      found = true;
      n = 0;
    }
    if (n < max)
      pcs[n++] = ip;
    else if (found)
      break;
    if (unw_step(&cur) <= 0) break;
  }
  if (!found && n > 0) {
    /* start_pc was not on the stack (the hook was inlined into a caller, or
     * its frame was tail-called away): better the runtime frames too than
     * guessing where they end and losing the program's.  Only the innermost
     * frame goes: it is this function, and its pc is the one pc here that
     * is not a return address, so it would symbolize to the wrong line. */
    n--;
    memmove(pcs, pcs + 1, (size_t)n * sizeof(*pcs));
  }
  return n;
}

int tg_stack_unwind(uptr start_pc, uptr *pcs, int max) {
  int cancel_state;
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel_state);
  int n = unwind(start_pc, pcs, max);
  pthread_setcancelstate(cancel_state, NULL);
  return n;
}
