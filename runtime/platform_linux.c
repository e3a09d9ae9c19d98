/* platform_linux.c — the runtime's contact with the OS: raw output, fatal
 * errors, internal memory, address-space reservation, spinlock back-off and
 * thread/process ids.
 *
 * Everything here must work in any state the program can be in: before libc
 * has finished initializing (the runtime starts from .preinit_array), inside
 * a signal handler, after fork, while another thread holds a stdio or malloc
 * lock.  Hence raw syscalls instead of stdio and of the libc wrappers that
 * the runtime intercepts (write, read, ...), and glibc's __libc_* allocator
 * entry points, which the program's malloc interceptors never see.
 *
 * No state of its own except the cached page size; no locks.
 */
#include "tg.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

/* Messages from tg_printf/tg_die longer than this are cut (reports are built
 * in their own growable buffer and written with tg_write_all). */
#define PRINTF_BUF 1024
/* Busy-wait rounds before a contended spinlock starts yielding the CPU. */
#define SPIN_PAUSES 128

void tg_check_failed(const char *file, int line, const char *cond) {
  tg_printf("tangle: CHECK failed: %s:%d: %s\n", file, line, cond);
  abort();
}

void tg_write_all(int fd, const char *buf, size_t n) {
  while (n > 0) {
    long w = syscall(SYS_write, fd, buf, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return; /* nowhere left to complain to */
    }
    buf += w;
    n -= (size_t)w;
  }
}

/* Formats into buf (size PRINTF_BUF) after `prefix`; keeps a final newline
 * even when the message is cut.  Returns the length. */
static size_t format(char *buf, const char *prefix, const char *suffix,
                     const char *fmt, va_list ap) {
  size_t len = strlen(prefix);
  memcpy(buf, prefix, len);
  int n = vsnprintf(buf + len, PRINTF_BUF - len, fmt, ap);
  if (n > 0) len += (size_t)n;
  size_t slen = strlen(suffix);
  if (len + slen > PRINTF_BUF - 1) {
    len = PRINTF_BUF - 1 - slen;
    if (slen == 0) buf[len - 1] = '\n';
  }
  memcpy(buf + len, suffix, slen);
  return len + slen;
}

void tg_printf(const char *fmt, ...) {
  char buf[PRINTF_BUF];
  va_list ap;
  va_start(ap, fmt);
  size_t n = format(buf, "", "", fmt, ap);
  va_end(ap);
  tg_write_all(2, buf, n);
}

void tg_die(const char *fmt, ...) {
  char buf[PRINTF_BUF];
  va_list ap;
  va_start(ap, fmt);
  size_t n = format(buf, "tangle: ", "\n", fmt, ap);
  va_end(ap);
  tg_write_all(2, buf, n);
  _exit(1);
}

char *tg_read_file(const char *path, size_t *len, int *err) {
  /* Raw system calls: the program's read() may be intercepted. */
  int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = errno;
    return NULL;
  }
  size_t cap = 4096, n = 0;
  char *buf = tg_malloc(cap);
  for (;;) {
    if (buf == NULL) {
      *err = ENOMEM;
      break;
    }
    if (n + 1 == cap) {
      char *grown = tg_realloc(buf, cap * 2);
      if (grown == NULL) tg_free(buf);
      buf = grown;
      cap *= 2;
      continue;
    }
    long got = syscall(SYS_read, fd, buf + n, cap - 1 - n);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      *err = errno;
      tg_free(buf);
      buf = NULL;
      break;
    }
    if (got == 0) {
      buf[n] = '\0';
      *len = n;
      break;
    }
    n += (size_t)got;
  }
  syscall(SYS_close, fd);
  return buf;
}

void *tg_malloc(size_t n) { return __libc_malloc(n); }
void *tg_calloc(size_t n) { return __libc_calloc(1, n); }
void *tg_realloc(void *p, size_t n) { return __libc_realloc(p, n); }
void tg_free(void *p) { __libc_free(p); }

char *tg_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = tg_malloc(n);
  if (d != NULL) memcpy(d, s, n);
  return d;
}

void *tg_mmap_reserve(size_t n) {
  void *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED)
    tg_die("cannot reserve %zu MiB of address space: %s "
           "(is it limited, e.g. by ulimit -v?)", n >> 20, strerror(errno));
  return p;
}

static uptr page_size(void) {
  static uptr cached;
  if (cached == 0) cached = getauxval(AT_PAGESZ);
  return cached;
}

void tg_release_pages(void *p, size_t n) {
  uptr beg = (uptr)p, end = beg + n, ps = page_size();
  uptr lo = (beg + ps - 1) & ~(ps - 1), hi = end & ~(ps - 1);
  if (lo >= hi) {
    memset(p, 0, n);
    return;
  }
  /* The partial pages at either edge are shared with live neighbours:
   * zero just our bytes there and hand back only the whole pages. */
  memset(p, 0, lo - beg);
  madvise((void *)lo, hi - lo, MADV_DONTNEED);
  memset((void *)hi, 0, end - hi);
}

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ volatile("yield");
#endif
}

void tg_spin_lock_slow(tg_spin_t *l) {
  for (unsigned i = 0;; i++) {
    /* Test before test-and-set: waiting on a plain load keeps the cache line
     * shared instead of bouncing it between the waiters. */
    if (atomic_load_explicit(&l->v, memory_order_relaxed) == 0 &&
        tg_spin_trylock(l))
      return;
    if (i < SPIN_PAUSES)
      cpu_relax();
    else
      syscall(SYS_sched_yield); /* the holder may be descheduled */
  }
}

/* Syscalls rather than libc's cached values, so they are right in the child
 * of a fork or a raw clone. */
int tg_gettid(void) { return (int)syscall(SYS_gettid); }
int tg_getpid(void) { return (int)syscall(SYS_getpid); }

bool tg_handler_installed(bool without_restart) {
  for (int sig = 1; sig < 65; sig++) {
    if (sig == SIGKILL || sig == SIGSTOP || (sig >= 32 && sig < SIGRTMIN)) continue;
    struct { /* the kernel's struct sigaction */
      void *handler;
      unsigned long flags;
      void *restorer;
      uint64_t mask;
    } old;
    if (syscall(SYS_rt_sigaction, sig, NULL, &old, 8) != 0) continue;
    if (old.handler != (void *)SIG_DFL && old.handler != (void *)SIG_IGN &&
        (!without_restart || (old.flags & SA_RESTART) == 0))
      return true;
  }
  return false;
}
