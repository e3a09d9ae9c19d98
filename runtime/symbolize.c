/* symbolize.c — pcs and data addresses to function, file:line:col and
 * global variable names.
 *
 * An external llvm-symbolizer does the DWARF work: it is started once, on
 * the first report, with its stdin and stdout on one socketpair, and then
 * answers `CODE <module> 0x<offset>` (one function/location line pair per
 * inlined frame, innermost first) and `DATA <module> 0x<offset>` (name, then
 * "start size", then a declaration line) requests, each answer ending with
 * a blank line.  A socket rather than two pipes so that writing to a
 * symbolizer that died is an error (MSG_NOSIGNAL), not a SIGPIPE that kills
 * the program.  Modules and their load bias come from dl_iterate_phdr; the
 * main program's path from /proc/self/exe.
 *
 * When no symbolizer can be run (or symbolize=0) frames carry module+offset
 * and the dynamic symbol dladdr finds, if any.  Results are cached per pc
 * for the life of the process (reports repeat the same frames).
 *
 * Locking: the caller holds the report lock (report.c), which makes the
 * cache, the symbolizer process and the static buffers below single-user;
 * the unit tests, single-threaded, call in without it.  All fd work uses
 * raw syscalls: the runtime intercepts the libc wrappers.
 */
#include "tg.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

#define INLINE_MAX 16      /* inlined frames kept per pc */
#define CACHE_BUCKETS 1024 /* power of two */
#define RESPONSE_CHUNK 4096

typedef struct cache_entry {
  struct cache_entry *next;
  uptr pc;
  int n;
  tg_frame_t frames[];
} cache_entry_t;

/* The module containing an address. */
typedef struct {
  const char *path; /* file to give the symbolizer; "" if unknown */
  const char *base; /* its basename, as reports print it */
  uptr bias;        /* load bias: address = bias + ELF virtual address */
} module_t;

static cache_entry_t *cache[CACHE_BUCKETS];

static struct {
  int fd;      /* our end of the socketpair; -1: not running */
  int pid;     /* the symbolizer's pid */
  int owner;   /* our pid when we started it (a forked child must not share it) */
  bool failed; /* cannot be run: module+offset only from now on */
  char *buf;   /* the current response */
  size_t cap;
} sym = {.fd = -1};

static char exe_path[PATH_MAX];
static char module_path[PATH_MAX]; /* filled by find_module */

static long sys_close(int fd) { return syscall(SYS_close, fd); }

/* ---- modules ---- */

struct find_arg {
  uptr addr;
  bool found;
  uptr bias;
};

static int find_module_cb(struct dl_phdr_info *info, size_t size, void *arg) {
  struct find_arg *a = arg;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    uptr beg = info->dlpi_addr + ph->p_vaddr;
    if (ph->p_type == PT_LOAD && a->addr >= beg && a->addr < beg + ph->p_memsz) {
      a->found = true;
      a->bias = info->dlpi_addr;
      /* dlpi_name is only valid while the loader lock is held: copy it. */
      snprintf(module_path, sizeof(module_path), "%s", info->dlpi_name);
      return 1;
    }
  }
  return 0;
}

/* Precondition: report lock held (module_path is static). */
static bool find_module(uptr addr, module_t *m) {
  struct find_arg a = {.addr = addr};
  dl_iterate_phdr(find_module_cb, &a);
  if (!a.found) return false;
  if (module_path[0] == '\0') { /* the main program */
    if (exe_path[0] == '\0') {
      long n = syscall(SYS_readlink, "/proc/self/exe", exe_path, sizeof(exe_path) - 1);
      exe_path[n > 0 ? n : 0] = '\0';
    }
    memcpy(module_path, exe_path, sizeof(module_path));
  }
  m->path = module_path;
  const char *slash = strrchr(module_path, '/');
  m->base = slash ? slash + 1 : module_path;
  m->bias = a.bias;
  return true;
}

/* ---- the symbolizer process ---- */

/* Moves fd above the standard streams, so that setting up the child's
 * 0, 1 and 2 cannot clobber it (the program may have closed them). */
static int above_stdio(int fd) {
  if (fd > 2) return fd;
  int moved = (int)syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 3);
  sys_close(fd);
  return moved;
}

static bool spawn_one(const char *path) {
  int sv[2];
  if (path[0] == '\0' ||
      syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    return false;
  sv[0] = above_stdio(sv[0]);
  sv[1] = above_stdio(sv[1]);
  if (sv[0] < 0 || sv[1] < 0) {
    if (sv[0] >= 0) sys_close(sv[0]);
    if (sv[1] >= 0) sys_close(sv[1]);
    return false;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
  posix_spawn_file_actions_adddup2(&fa, sv[1], 1);
  /* Its complaints about a module without debug info would only be noise
   * in the program's stderr. */
  if (tg_flags.verbosity < 2)
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  /* The program's own fds (without O_CLOEXEC) must not stay open in a
   * long-lived child: a pipe would never see EOF. */
  posix_spawn_file_actions_addclosefrom_np(&fa, 3);
  char *argv[] = {(char *)path, "--inlines", "--demangle", "--output-style=LLVM", NULL};
  pid_t pid;
  int rc = strchr(path, '/') ? posix_spawn(&pid, path, &fa, NULL, argv, environ)
                             : posix_spawnp(&pid, path, &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  sys_close(sv[1]);
  if (rc != 0) {
    sys_close(sv[0]);
    return false;
  }
  sym.fd = sv[0];
  sym.pid = pid;
  sym.owner = tg_getpid();
  if (tg_flags.verbosity >= 2)
    tg_printf("tangle: symbolizer %s started (pid %d)\n", path, pid);
  return true;
}

static void start_symbolizer(void) {
  const char *user = tg_flags.external_symbolizer_path;
  sym.failed = true; /* unless a spawn below works */
  if (user[0] != '\0') {
    if (spawn_one(user)) sym.failed = false;
    else tg_printf("tangle: cannot run external_symbolizer_path '%s'; "
                   "stacks show module+offset only\n", user);
    return;
  }
  const char *candidates[] = {TANGLE_SYMBOLIZER_PATH, "llvm-symbolizer-19",
                              "llvm-symbolizer"};
  for (size_t i = 0; i < TG_ARRAY_SIZE(candidates) && sym.failed; i++)
    sym.failed = !spawn_one(candidates[i]);
  if (sym.failed)
    tg_printf("tangle: cannot run llvm-symbolizer (set external_symbolizer_path); "
              "stacks show module+offset only\n");
}

static void stop_symbolizer(const char *why) {
  sys_close(sym.fd);
  sym.fd = -1;
  syscall(SYS_kill, sym.pid, SIGKILL);
  syscall(SYS_wait4, sym.pid, NULL, 0, NULL);
  sym.failed = true;
  tg_printf("tangle: llvm-symbolizer %s; stacks show module+offset only from now on\n",
            why);
}

static bool symbolizer_ready(void) {
  if (sym.fd >= 0 && sym.owner != tg_getpid()) {
    /* We are a forked child: the process belongs to the parent, and sharing
     * its socket would mix up the answers.  Start our own. */
    sys_close(sym.fd);
    sym.fd = -1;
  }
  if (sym.fd < 0 && !sym.failed && tg_flags.symbolize) start_symbolizer();
  return sym.fd >= 0;
}

static bool send_all(const char *p, size_t n) {
  while (n > 0) {
    long w = syscall(SYS_sendto, sym.fd, p, n, MSG_NOSIGNAL, NULL, 0);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= (size_t)w;
  }
  return true;
}

/* Sends "<cmd> "<module>" 0x<offset>" and returns the answer, without its
 * final blank line, NUL-terminated in sym.buf; NULL if the symbolizer is
 * unavailable or died. */
static char *ask(const char *cmd, const char *module, uptr offset) {
  if (!symbolizer_ready()) return NULL;
  char req[PATH_MAX + 64];
  int n = snprintf(req, sizeof(req), "%s \"%s\" 0x%lx\n", cmd, module, offset);
  if (n <= 0 || (size_t)n >= sizeof(req)) return NULL;
  if (!send_all(req, (size_t)n)) {
    stop_symbolizer("stopped accepting requests");
    return NULL;
  }
  size_t len = 0;
  for (;;) {
    if (sym.cap - len < RESPONSE_CHUNK + 1) {
      char *nb = tg_realloc(sym.buf, sym.cap + RESPONSE_CHUNK * 4);
      TG_CHECK(nb != NULL);
      sym.buf = nb;
      sym.cap += RESPONSE_CHUNK * 4;
    }
    long r = syscall(SYS_read, sym.fd, sym.buf + len, sym.cap - len - 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      stop_symbolizer("exited");
      return NULL;
    }
    len += (size_t)r;
    /* One request at a time, so the answer ends the data we have. */
    if (len >= 2 && sym.buf[len - 1] == '\n' && sym.buf[len - 2] == '\n') break;
  }
  sym.buf[len - 1] = '\0';
  return sym.buf;
}

/* Next line of *text (which it NUL-terminates), or NULL at the end. */
static char *next_line(char **text) {
  char *line = *text;
  if (line == NULL || *line == '\0') return NULL;
  char *nl = strchr(line, '\n');
  if (nl) {
    *nl = '\0';
    *text = nl + 1;
  } else {
    *text = NULL;
  }
  return line;
}

/* "file:line:col" (LLVM style; col may be absent) into the frame; "??" is
 * an unknown file.  Parsed from the right: a path may contain ':'. */
static void parse_location(char *loc, tg_frame_t *f) {
  long nums[2] = {0, 0};
  int k = 0;
  for (char *colon; k < 2 && (colon = strrchr(loc, ':')) != NULL; k++) {
    char *end;
    long v = strtol(colon + 1, &end, 10);
    if (end == colon + 1 || *end != '\0') break;
    nums[k] = v;
    *colon = '\0';
  }
  /* nums[] was filled right to left: with two numbers the first is the
   * column. */
  f->line = (int)(k == 2 ? nums[1] : nums[0]);
  f->col = (int)(k == 2 ? nums[0] : 0);
  if (strcmp(loc, "??") == 0) loc = "";
  snprintf(f->file, sizeof(f->file), "%s", loc);
}

static void unknown_frame(tg_frame_t *f, const module_t *m, uptr addr) {
  memset(f, 0, sizeof(*f));
  if (m) {
    snprintf(f->module, sizeof(f->module), "%s", m->base);
    f->module_offset = addr - m->bias;
  } else {
    f->module_offset = addr;
  }
}

/* Symbolizes addr (= pc-1) into out[0..INLINE_MAX).
 * Precondition: report lock held. */
static int symbolize_addr(uptr addr, tg_frame_t *out) {
  module_t m;
  bool have_module = find_module(addr, &m);
  unknown_frame(&out[0], have_module ? &m : NULL, addr);
  if (!have_module) return 1;
  /* Only real files: not the vdso, not an unknown main program path. */
  char *text = m.path[0] == '/' ? ask("CODE", m.path, addr - m.bias) : NULL;
  int n = 0;
  char *func, *loc;
  while (text && n < INLINE_MAX && (func = next_line(&text)) && (loc = next_line(&text))) {
    if (n > 0) out[n] = out[0];
    tg_frame_t *f = &out[n++];
    snprintf(f->func, sizeof(f->func), "%s", strcmp(func, "??") == 0 ? "" : func);
    parse_location(loc, f);
  }
  if (n == 0) n = 1;
  Dl_info info;
  if (out[0].func[0] == '\0' && dladdr((void *)addr, &info) && info.dli_sname)
    snprintf(out[0].func, sizeof(out[0].func), "%s", info.dli_sname);
  return n;
}

int tg_symbolize_pc(uptr pc, tg_frame_t *out, int max) {
  static tg_frame_t scratch[INLINE_MAX];
  size_t h = (size_t)((pc * 0x9e3779b97f4a7c15ull) >> 32) & (CACHE_BUCKETS - 1);
  cache_entry_t *e = cache[h];
  while (e && e->pc != pc) e = e->next;
  if (e == NULL) {
    int n = 1;
    /* A return address is never 0; a recorded 0 means "unknown". */
    if (pc == 0)
      unknown_frame(&scratch[0], NULL, 0);
    else
      n = symbolize_addr(pc - 1, scratch);
    e = tg_malloc(sizeof(*e) + (size_t)n * sizeof(tg_frame_t));
    TG_CHECK(e != NULL);
    memcpy(e->frames, scratch, (size_t)n * sizeof(tg_frame_t));
    e->n = n;
    e->pc = pc;
    e->next = cache[h];
    cache[h] = e;
  }
  int n = e->n < max ? e->n : max;
  memcpy(out, e->frames, (size_t)n * sizeof(tg_frame_t));
  return n;
}

/* Global containing addr from the dynamic symbol table: the fallback
 * without a symbolizer, which sees exported symbols only. */
static bool data_from_dladdr(uptr addr, char *name, size_t namesz, uptr *start,
                             size_t *size) {
  Dl_info info;
  const ElfW(Sym) *s = NULL;
  if (!dladdr1((void *)addr, &info, (void **)&s, RTLD_DL_SYMENT) || !s ||
      !info.dli_sname || addr >= (uptr)info.dli_saddr + s->st_size)
    return false;
  snprintf(name, namesz, "%s", info.dli_sname);
  *start = (uptr)info.dli_saddr;
  *size = s->st_size;
  return true;
}

bool tg_symbolize_data(uptr addr, char *name, size_t namesz, uptr *start,
                       size_t *size, char *module, size_t modsz, uptr *modoff) {
  module_t m;
  if (!find_module(addr, &m)) return false;
  char *text = m.path[0] == '/' ? ask("DATA", m.path, addr - m.bias) : NULL;
  if (text == NULL) {
    if (!data_from_dladdr(addr, name, namesz, start, size)) return false;
  } else {
    char *sym_name = next_line(&text), *range = next_line(&text);
    unsigned long beg, len;
    if (!sym_name || !range || strcmp(sym_name, "??") == 0 ||
        sscanf(range, "%lu %lu", &beg, &len) != 2)
      return false;
    snprintf(name, namesz, "%s", sym_name);
    *start = m.bias + beg;
    *size = len;
  }
  snprintf(module, modsz, "%s", m.base);
  *modoff = *start - m.bias;
  return true;
}
