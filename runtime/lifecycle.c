/* lifecycle.c — interceptors for the calls that leave a function or a
 * process other than by returning: vfork, setjmp/longjmp and the unwinding
 * of pthread_cleanup_push's handlers (fork itself is in interceptors.c).
 *
 * vfork is a fork here, as in ThreadSanitizer: a vfork child runs in its
 * parent's memory until it execs, so whatever runtime state it changed
 * (closing the parent's pipe drops the pipe from the runtime's fd table,
 * an access moves the parent's shadow) would be the parent's.  A program
 * may only exec or _exit in a vfork child, which a forked child does the
 * same.
 *
 * setjmp/longjmp: a longjmp leaves instrumented frames without their
 * func_exit, so the thread's shadow stack would keep them (and every later
 * recorded stack would show them, until the shadow stack overflowed).  Each
 * setjmp entry point (setjmp, _setjmp, __sigsetjmp — sigsetjmp is a macro
 * for it, and so is the setjmp in C's pthread_cleanup_push) is a trampoline
 * that records (jmp_buf, caller's stack pointer, shadow depth) and jumps to
 * the real one, so the real setjmp saves the program's own frame; every
 * longjmp entry point (longjmp, _longjmp, siglongjmp, __longjmp_chk) puts
 * the depth recorded for its jmp_buf back before jumping.  Done in the
 * runtime rather than by having the pass mark setjmp calls: it needs no
 * ABI change, and sees setjmps in uninstrumented code too (a library's
 * setjmp around instrumented callbacks).  glibc mangles the stack pointer
 * in a jmp_buf, so the record keeps its own copy.
 * Cancellation and pthread_exit unwind to each cleanup handler with glibc's
 * internal longjmp, which nobody can intercept; the handler then calls
 * __pthread_unwind_next on the same buffer, and that puts the depth back
 * (so the handler itself runs with the unwound frames still on its shadow
 * stack; the frames after it, thread_start's own cleanup included, do not).
 *
 * The records are the thread's own (TLS, no lock), newest last, kept in
 * order of falling stack pointer: a new setjmp first drops the records of
 * frames below its own (they have returned), a longjmp drops those below
 * its target's.  At most JMP_MAX; when full the oldest goes, and a longjmp
 * to it leaves the depth as it is (as before any of this).  Jumps between
 * stacks (sigaltstack, makecontext) may make a live record look dead: the
 * same outcome.
 */
#include "tg.h"
#include "intercept.h"

#include <pthread.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>

/* ---- vfork --------------------------------------------------------- */

pid_t vfork(void) { return fork(); }

/* ---- setjmp / longjmp ----------------------------------------------- */

#define JMP_MAX 64 /* setjmps remembered per thread */

typedef struct {
  uptr env, sp;
  uint32_t depth;
} jmp_rec_t;

static TG_TLS jmp_rec_t jmp_recs[JMP_MAX];
static TG_TLS int njmp;

/* The real setjmp entry points, in the order of the trampolines' index. */
enum { SJ_SETJMP, SJ__SETJMP, SJ___SIGSETJMP, SJ_COUNT };
static void *real_sj[SJ_COUNT];
static const char *const sj_names[SJ_COUNT] = {"setjmp", "_setjmp", "__sigsetjmp"};

/* Called by a trampoline: remembers env for the calling thread at stack
 * pointer sp (its caller's, as after the setjmp returns) and returns the
 * real function to jump to.  Keeps the record list sorted (see the header). */
__attribute__((used)) static void *setjmp_record(uptr env, uptr sp, int which) {
  tg_thread_t *t = tg_cur;
  if (t != NULL && t->pcs != NULL) {
    int n = njmp;
    while (n > 0 && (jmp_recs[n - 1].sp < sp ||
                     (jmp_recs[n - 1].sp == sp && jmp_recs[n - 1].env == env)))
      n--;
    if (n == JMP_MAX) {
      memmove(jmp_recs, jmp_recs + 1, sizeof(jmp_recs[0]) * (JMP_MAX - 1));
      n--;
    }
    jmp_recs[n] = (jmp_rec_t){env, sp, t->depth};
    njmp = n + 1;
  }
  return real_fn(&real_sj[which], sj_names[which], NULL);
}

/* Each trampoline keeps the argument registers of the real setjmp (rdi,
 * rsi) across the call and leaves the stack exactly as it found it, so the
 * real one saves the program's frame and returns to the program. */
#define SETJMP_TRAMPOLINE(name, which)                                  \
  __asm__(".text\n"                                                     \
          ".globl " #name "\n"                                          \
          ".type " #name ",@function\n" #name ":\n"                     \
          "  push %rdi\n"                                               \
          "  push %rsi\n"                                               \
          "  sub $8, %rsp\n"          /* aligned for the call */        \
          "  lea 32(%rsp), %rsi\n"    /* the caller's sp after return */ \
          "  mov $" #which ", %edx\n"                                   \
          "  call setjmp_record\n"                                      \
          "  add $8, %rsp\n"                                            \
          "  pop %rsi\n"                                                \
          "  pop %rdi\n"                                                \
          "  jmp *%rax\n"                                               \
          ".size " #name ", .-" #name "\n")

_Static_assert(SJ_SETJMP == 0 && SJ__SETJMP == 1 && SJ___SIGSETJMP == 2,
               "the trampolines' indexes");
SETJMP_TRAMPOLINE(setjmp, 0);
SETJMP_TRAMPOLINE(_setjmp, 1);
SETJMP_TRAMPOLINE(__sigsetjmp, 2);

/* A jump to env is about to happen on the calling thread: its shadow stack
 * goes back to the depth of env's setjmp, and the records of the frames
 * the jump leaves go. */
static void jump_to(const void *env) {
  if (tg_cur == NULL) return;
  for (int i = njmp; i-- > 0;) {
    if (jmp_recs[i].env != (uptr)env) continue;
    uptr sp = jmp_recs[i].sp;
    uint32_t depth = jmp_recs[i].depth;
    /* Out of a signal handler: the thread's own context first (signal.c). */
    tg_sig_longjmp(sp);
    tg_thread_t *t = tg_cur;
    if (t->pcs != NULL && depth <= t->depth) {
      t->depth = depth;
      if (t->ctx_valid > depth) t->ctx_valid = depth;
    }
    int n = njmp;
    while (n > i + 1 && jmp_recs[n - 1].sp < sp) n--;
    njmp = n;
    return;
  }
}

REAL_SLOT(longjmp);
REAL_SLOT(_longjmp);
REAL_SLOT(siglongjmp);
REAL_SLOT(__pthread_unwind_next);

void longjmp(struct __jmp_buf_tag env[1], int val) {
  jump_to(env);
  REAL(longjmp)(env, val);
  __builtin_unreachable();
}

void _longjmp(struct __jmp_buf_tag env[1], int val) {
  jump_to(env);
  REAL(_longjmp)(env, val);
  __builtin_unreachable();
}

void siglongjmp(sigjmp_buf env, int val) {
  jump_to(env);
  REAL(siglongjmp)(env, val);
  __builtin_unreachable();
}

/* _FORTIFY_SOURCE's longjmp (it checks that the jump goes up the stack). */
static void *real___longjmp_chk;
TG_NORETURN void __longjmp_chk(struct __jmp_buf_tag env[1], int val) {
  jump_to(env);
  ((void (*)(struct __jmp_buf_tag *, int))real_fn(&real___longjmp_chk, "__longjmp_chk",
                                                  NULL))(env, val);
  __builtin_unreachable();
}

/* The end of a cleanup handler run by cancellation or pthread_exit (C's
 * pthread_cleanup_push): buf starts with the jmp_buf its push set. */
TG_NORETURN void __pthread_unwind_next(__pthread_unwind_buf_t *buf) {
  jump_to(buf);
  REAL(__pthread_unwind_next)(buf);
  __builtin_unreachable();
}
