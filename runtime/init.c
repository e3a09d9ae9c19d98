/* init.c — starting the runtime, and the exit status at the end.
 *
 * tg_init runs before anything else in the program: a .preinit_array entry
 * (the runtime is linked whole into the executable, and the executable's
 * preinit functions run before any shared library's constructors).  Hooks
 * and interceptors also call it lazily (tg_ensure_init) in case something
 * reaches them earlier.  Order: options (everything else reads them), shadow
 * memory, the main thread (tid 0), then the exit handler.
 *
 * Concurrency: the first caller initializes; later callers on other threads
 * wait until it is done.  A call from the initializing thread itself (an
 * interceptor reached from inside tg_init, e.g. malloc) returns at once with
 * tg_inited still 0: waiting would deadlock, and such callers see the
 * runtime as not started and only do the program's operation.
 */
#include "tg.h"

#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

atomic_int tg_inited;
static atomic_int init_started;
static atomic_int init_os_tid; /* the thread running tg_init */

/* Registered during init, so it runs after every exit handler the program
 * registers (atexit, C++ static destructors), i.e. after its own output at
 * exit.  .fini_array destructors would run after it: like ThreadSanitizer's,
 * the _exit with the report status skips them. */
static void at_exit(void) {
  if (tg_flags.verbosity >= 1)
    tg_printf("tangle: runtime exiting (pid %d), %u report(s)\n", tg_getpid(),
              tg_report_count());
  tg_report_finish();
}

void tg_init(void) {
  if (atomic_load_explicit(&tg_inited, memory_order_acquire)) return;
  if (atomic_exchange(&init_started, 1)) {
    if (atomic_load(&init_os_tid) == tg_gettid()) return;
    while (!atomic_load_explicit(&tg_inited, memory_order_acquire))
      syscall(SYS_sched_yield);
    return;
  }
  atomic_store(&init_os_tid, tg_gettid());
  tg_flags_init();
  tg_suppress_init();
  tg_shadow_init();
  tg_dl_init();
  tg_thread_self();
  atexit(at_exit);
  if (tg_flags.verbosity >= 1)
    tg_printf("tangle: runtime started (pid %d)\n", tg_getpid());
  atomic_store_explicit(&tg_inited, 1, memory_order_release);
}

static void preinit(int argc, char **argv, char **envp) {
  /* NOTE: glibc sets environ only in libc's own initializer, which runs
   * after the executable's preinit functions; getenv (TANGLE_OPTIONS, the
   * symbolizer's PATH lookup) needs it now.  libc later stores the same
   * value again. */
  if (environ == NULL) environ = envp;
  tg_init();
}

__attribute__((section(".preinit_array"), used)) static void (*const preinit_entry)(
    int, char **, char **) = preinit;
