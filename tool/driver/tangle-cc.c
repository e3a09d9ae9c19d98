/* tangle-cc.c — the compiler driver: a drop-in `cc` (and, built with
 * -DTANGLE_CXX, `c++`) that runs clang-19 with Tangle added.
 *
 * The driver reads the command line once to learn what clang is being asked
 * to do (compile, link an executable, link a shared object, preprocess, print
 * a version), then execs clang with the user's arguments unchanged plus:
 *   - for any C-family source input: the pass plugin (-fplugin= makes its
 *     cl::opts usable via -mllvm, -fpass-plugin= puts it in the pipeline),
 *     -I<prefix>/include, and line tables: -g when no debug-level option was
 *     given, -gline-tables-only when the last one was -g0 (Tangle's reports
 *     need file:line; that is the smallest debug info that has it);
 *   - when linking an executable: the runtime archive, whole, and the
 *     libraries it needs.  Shared objects get no runtime: their __tangle_*
 *     references bind to the executable's exported ones (tangle.dyn), so
 *     they are linked with -z undefs, overriding -z defs / --no-undefined
 *     (meson's default), which would reject those references.
 * Additions go at the end, so the user's earlier -I dirs win and our -g
 * choice overrides a -g0; they go before a top-level `--`, after which
 * everything is an input, and a `-x none` precedes the runtime archive when a
 * `-x LANG` is still in effect.
 *
 * Response files (@file) are passed to clang as they are, but read here too,
 * so a -c or an object list hidden in one (CMake, Ninja, meson) is seen.
 * One that holds Tangle's own options (--detect=, --model=, --tangle-verbose;
 * CFLAGS end up in response files) is replaced by its contents minus those
 * options, since clang would reject them.
 *
 * --model=FILE (repeatable) names a model file (docs/model-file.md): every
 * file is parsed here first, with the runtime's own parser, so a malformed
 * line stops the build with "FILE:LINE: expected ..." before clang runs;
 * then each is passed to the pass as -mllvm -tangle-model=FILE, which
 * brackets the calls of the declared functions.  It is a compile-time
 * option: the brackets carry everything the runtime needs, so the link step
 * needs no --model (given there, the files are only checked).
 *
 * clang runs through execv, so its exit status and signals are the driver's.
 * The only exception is --version, where clang runs as a child so the line
 * `tangle-cc <version>` can follow its output: build systems (meson, many
 * configure scripts) take the compiler's version from the first version
 * number in that output, which must stay clang's.
 *
 * What cannot work with Tangle's runtime is refused rather than built into a
 * program that would give wrong answers: sanitizers whose runtimes replace
 * the same functions (-fsanitize=thread, address, memory, ...) and -static
 * executables (the runtime reaches libc through the dynamic linker).
 *
 * The driver finds everything relative to its own executable: <prefix>/bin/
 * holds it, <prefix>/lib/tangle/ the plugin and runtime, <prefix>/include/
 * the public header; the build tree has the same layout.  Errors are one line
 * `tangle-cc: error: <what>` and exit status 1.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model.h"

#ifdef TANGLE_CXX
#define TOOL_NAME "tangle-c++"
#define CLANG_ENV "TANGLE_CLANGXX"
#define CLANG_BUILTIN TANGLE_CLANGXX_PATH
#else
#define TOOL_NAME "tangle-cc"
#define CLANG_ENV "TANGLE_CLANG"
#define CLANG_BUILTIN TANGLE_CLANG_PATH
#endif

/* Response files may name further response files; clang follows them, and so
 * do we, up to this depth (which also stops a file that names itself). */
#define MAX_RSP_DEPTH 16

/* Which C debug-info level the command line leaves in effect. */
enum debug_level { DEBUG_UNSET, DEBUG_OFF, DEBUG_ON };

/* Sanitizers whose runtimes replace the libc and pthread functions Tangle's
 * runtime replaces (most of them shadow memory as well): one process cannot
 * have both.  The others (undefined, integer, cfi, ...) are fine. */
static const char *const conflicting_sanitizers[] = {
  "thread", "address", "kernel-address", "hwaddress", "kernel-hwaddress",
  "memory", "kernel-memory", "leak", "dataflow", "numerical", "safe-stack",
};
#define N_CONFLICTING (sizeof conflicting_sanitizers / sizeof conflicting_sanitizers[0])

/* What the command line asks clang to do, as far as Tangle cares. */
struct cmdline {
  bool no_link;           /* -c, -S, -E, -M, -MM, -fsyntax-only, ... */
  bool shared;            /* -shared: links a shared object */
  bool relocatable;       /* -r: links an object file */
  const char *static_arg; /* -static or -static-pie, which we cannot support */
  bool version;           /* --version */
  int n_inputs;           /* input files of any kind */
  int n_sources;          /* of which C-family sources Tangle instruments */
  enum debug_level debug;
  const char *lang;       /* the -x in effect, NULL for none */
  bool after_dashdash;    /* past a `--`: everything is an input */
  /* For each conflicting sanitizer, the argument that enabled it, or NULL
   * if it is off (a later -fno-sanitize= turns it off again, as in clang). */
  const char *sanitizer_arg[N_CONFLICTING];
};

/* Options that take the next argument as their value when written alone.
 * Their value must not be mistaken for an input file. */
static const char *const separate_arg_options[] = {
  "-o", "-x", "-I", "-L", "-l", "-D", "-U", "-F", "-A", "-G", "-T", "-e", "-u",
  "-z", "-MF", "-MT", "-MQ", "-MJ", "-Ttext", "-Tdata", "-Tbss",
  "-include", "-imacros", "-include-pch", "-idirafter", "-iprefix",
  "-iwithprefix", "-iwithprefixbefore", "-iwithsysroot", "-isystem",
  "-isystem-after", "-isysroot", "-iquote", "-iframework",
  "-iframeworkwithsysroot", "-imultilib", "-ivfsoverlay", "-cxx-isystem",
  "-Xlinker", "-Xpreprocessor", "-Xassembler", "-Xclang", "-Xanalyzer",
  "-Xopenmp-target", "-Xarch_host", "-Xarch_device", "-Xoffload-linker",
  "-Xcuda-fatbinary", "-Xcuda-ptxas", "-mllvm", "-target", "-arch", "-rpath",
  "-framework", "-weak_framework", "-install_name", "-resource-dir",
  "-gcc-toolchain", "-ccc-gcc-name", "-ccc-install-dir", "-dumpdir",
  "-dumpbase", "-dumpbase-ext", "-dependency-file", "-dependency-dot",
  "-serialize-diagnostics", "-working-directory", "--param", "--config",
  "--output", "--language", "--include-directory", "--include-directory-after",
  "--library-directory", "--define-macro", "--undefine-macro", "--include",
  "--imacros", "--include-prefix", "--include-with-prefix", "--sysroot",
  "--target", "--for-linker", "--force-link", "--serialize-diagnostics",
};

/* Options after which clang produces no linked output at all. */
static const char *const no_link_options[] = {
  "-c", "-S", "-E", "-M", "-MM", "-fsyntax-only", "--precompile", "-emit-ast",
  "--analyze", "--preprocess", "--compile", "--assemble", "--dependencies",
  "--user-dependencies",
};

/* Options that set the debug-info level on (as opposed to the many -g
 * modifiers such as -gz, -gsplit-dwarf or -gcolumn-info, which do not). */
static const char *const debug_on_options[] = {
  "-g", "-g1", "-g2", "-g3", "-ggdb", "-ggdb1", "-ggdb2", "-ggdb3", "-glldb",
  "-gsce", "-gdbx", "-gline-tables-only", "-gmlt", "-gline-directives-only",
  "-gdwarf", "-gdwarf-2", "-gdwarf-3", "-gdwarf-4", "-gdwarf-5", "-gfull",
  "-gused",
};

/* Extensions clang compiles as C, C++ or Objective-C (sources, preprocessed
 * sources and headers): the inputs the pass instruments. */
static const char *const source_extensions[] = {
  "c", "i", "h", "cc", "cp", "cxx", "cpp", "CPP", "c++", "C", "ii", "hh",
  "hpp", "hxx", "H", "h++", "cppm", "m", "mi", "mm", "M", "mii",
};

/* -x languages that are not compiled from C-family source. */
static const char *const non_source_languages[] = {
  "assembler", "assembler-with-cpp", "ir", "lto-ir",
};

#define IN_LIST(s, list) in_list((s), (list), sizeof(list) / sizeof((list)[0]))

static bool in_list(const char *s, const char *const *list, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(s, list[i]) == 0)
      return true;
  return false;
}

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

__attribute__((format(printf, 1, 2), noreturn))
static void fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs(TOOL_NAME ": error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p)
    fail("out of memory");
  return p;
}

static char *xstrdup(const char *s) {
  char *d = strdup(s);
  if (!d)
    fail("out of memory");
  return d;
}

static char *concat(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  char *s = xmalloc(la + lb + 1);
  memcpy(s, a, la);
  memcpy(s + la, b, lb + 1);
  return s;
}

/* A growable, NULL-terminated argument vector. */
struct argvec {
  char **v;
  size_t n, cap;
};

static void push(struct argvec *a, const char *s) {
  if (a->n + 2 > a->cap) {
    a->cap = a->cap ? 2 * a->cap : 64;
    a->v = realloc(a->v, a->cap * sizeof(char *));
    if (!a->v)
      fail("out of memory");
  }
  a->v[a->n++] = (char *)s;
  a->v[a->n] = NULL;
}

/* Splits a response file the way clang does on Unix (GNU rules): blanks
 * separate arguments, quotes group, a backslash takes the next character
 * literally.  Returns false if the file cannot be read. */
static bool read_response_file(const char *path, struct argvec *out) {
  FILE *f = fopen(path, "r");
  if (!f)
    return false;
  size_t cap = 256, len = 0;
  char *tok = xmalloc(cap);
  int c, quote = 0;
  while ((c = getc(f)) != EOF) {
    if (!quote && isspace(c)) {
      /* Like clang, an empty argument ('' or "") is dropped. */
      if (len) {
        tok[len] = '\0';
        push(out, xstrdup(tok));
        len = 0;
      }
      continue;
    }
    if (c == quote) {
      quote = 0;
      continue;
    }
    if (!quote && (c == '\'' || c == '"')) {
      quote = c;
      continue;
    }
    if (c == '\\') {
      int next = getc(f);
      if (next != EOF)
        c = next;
    }
    if (len + 2 > cap) {
      tok = realloc(tok, cap *= 2);
      if (!tok)
        fail("out of memory");
    }
    tok[len++] = (char)c;
  }
  if (len) {
    tok[len] = '\0';
    push(out, xstrdup(tok));
  }
  free(tok);
  fclose(f);
  return true;
}

static bool is_source(const struct cmdline *c, const char *path) {
  if (c->lang)
    return !IN_LIST(c->lang, non_source_languages);
  const char *slash = strrchr(path, '/');
  const char *dot = strrchr(slash ? slash + 1 : path, '.');
  return dot && IN_LIST(dot + 1, source_extensions);
}

static void add_input(struct cmdline *c, const char *path) {
  c->n_inputs++;
  if (is_source(c, path))
    c->n_sources++;
}

static void set_lang(struct cmdline *c, const char *lang) {
  c->lang = strcmp(lang, "none") == 0 ? NULL : lang;
}

/* -fsanitize=LIST turns sanitizers on, -fno-sanitize=LIST off (`all` too). */
static void note_sanitizers(struct cmdline *c, const char *arg, const char *list,
                            bool on) {
  const char *p = list;
  while (*p) {
    size_t n = strcspn(p, ",");
    for (size_t i = 0; i < N_CONFLICTING; i++) {
      const char *name = conflicting_sanitizers[i];
      bool match = strlen(name) == n && strncmp(p, name, n) == 0;
      if (on && match)
        c->sanitizer_arg[i] = arg;
      else if (!on && (match || (n == 3 && strncmp(p, "all", 3) == 0)))
        c->sanitizer_arg[i] = NULL;
    }
    p += n;
    if (*p == ',')
      p++;
  }
}

/* Tangle's own options, taken out of clang's command line. */
struct tangle_options {
  bool verbose;          /* --tangle-verbose */
  bool memory;           /* instrument memory accesses (not --detect=deadlocks) */
  struct argvec models;  /* --model=FILE, in order */
};

static bool is_tangle_option(const char *arg) {
  return starts_with(arg, "--detect") || starts_with(arg, "--model") ||
         strcmp(arg, "--tangle-verbose") == 0;
}

/* All model files together, as the pass will see them: a function declared
 * in two of them is an error too. */
static tg_model_t model;

static void check_model_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    fail("cannot read model file '%s': %s", path, strerror(errno));
  size_t cap = 4096, len = 0;
  char *text = xmalloc(cap);
  size_t n;
  while ((n = fread(text + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap && !(text = realloc(text, cap *= 2)))
      fail("out of memory");
  }
  if (ferror(f))
    fail("cannot read model file '%s': %s", path, strerror(errno));
  fclose(f);
  char err[512];
  if (!tg_model_parse(&model, path, text, len, err, sizeof err))
    fail("%s", err);
  free(text);
}

static void parse_tangle_option(struct tangle_options *o, const char *a) {
  if (strcmp(a, "--tangle-verbose") == 0) {
    o->verbose = true;
    return;
  }
  if (starts_with(a, "--model")) {
    if (!starts_with(a, "--model=") || a[strlen("--model=")] == '\0')
      fail("'%s': expected --model=FILE", a);
    check_model_file(a + strlen("--model="));
    push(&o->models, a + strlen("--model="));
    return;
  }
  if (!starts_with(a, "--detect="))
    fail("'%s': expected --detect=all, --detect=races or --detect=deadlocks", a);
  const char *v = a + strlen("--detect=");
  if (strcmp(v, "all") == 0 || strcmp(v, "races") == 0)
    o->memory = true;
  else if (strcmp(v, "deadlocks") == 0)
    o->memory = false;
  else
    fail("unknown value in '%s': expected all, races or deadlocks", a);
}

/* Does this response file, or one it names, hold a Tangle option? */
static bool response_file_has_tangle_option(const char *path, int depth) {
  struct argvec rsp = {0};
  if (depth >= MAX_RSP_DEPTH || !read_response_file(path, &rsp))
    return false;
  for (size_t i = 0; i < rsp.n; i++) {
    if (strcmp(rsp.v[i], "--") == 0)
      return false;
    if (is_tangle_option(rsp.v[i]) ||
        (rsp.v[i][0] == '@' && response_file_has_tangle_option(rsp.v[i] + 1, depth + 1)))
      return true;
  }
  return false;
}

/* Copies args to out without Tangle's options, parsing those into *o.  Build
 * systems put CFLAGS into response files too, and clang would reject ours
 * there: a response file that holds one is replaced by its contents; all
 * others are passed on unread.  *dashdash: a `--` was seen (after it,
 * nothing is an option). */
static void take_tangle_options(char **args, size_t n, int depth,
                                struct tangle_options *o, struct argvec *out,
                                bool *dashdash) {
  for (size_t i = 0; i < n; i++) {
    const char *a = args[i];
    if (*dashdash) {
      push(out, a);
    } else if (is_tangle_option(a)) {
      parse_tangle_option(o, a);
    } else if (a[0] == '@' && depth < MAX_RSP_DEPTH &&
               response_file_has_tangle_option(a + 1, depth)) {
      struct argvec rsp = {0};
      read_response_file(a + 1, &rsp);
      take_tangle_options(rsp.v, rsp.n, depth + 1, o, out, dashdash);
    } else {
      if (strcmp(a, "--") == 0)
        *dashdash = true;
      push(out, a);
    }
  }
}

/* Reads clang's arguments (Tangle's own already removed) into *c, response
 * files included; depth counts the response files we are inside. */
static void scan(struct cmdline *c, char **args, size_t n, int depth) {
  for (size_t i = 0; i < n; i++) {
    const char *a = args[i];
    if (c->after_dashdash || strcmp(a, "-") == 0 || a[0] != '-') {
      if (a[0] == '@' && !c->after_dashdash && depth < MAX_RSP_DEPTH) {
        struct argvec rsp = {0};
        if (read_response_file(a + 1, &rsp)) {
          scan(c, rsp.v, rsp.n, depth + 1);
          continue;
        }
        /* Unreadable: clang takes it as a file name, and so do we. */
      }
      add_input(c, a);
    } else if (strcmp(a, "--") == 0) {
      c->after_dashdash = true;
    } else if (IN_LIST(a, separate_arg_options)) {
      if (i + 1 == n)
        continue; /* clang reports the missing value */
      if (strcmp(a, "-x") == 0 || strcmp(a, "--language") == 0)
        set_lang(c, args[i + 1]);
      i++;
    } else if (starts_with(a, "-x")) {
      set_lang(c, a + 2);
    } else if (starts_with(a, "--language=")) {
      set_lang(c, a + strlen("--language="));
    } else if (IN_LIST(a, no_link_options)) {
      c->no_link = true;
    } else if (strcmp(a, "-shared") == 0 || strcmp(a, "--shared") == 0) {
      c->shared = true;
    } else if (strcmp(a, "-r") == 0) {
      c->relocatable = true;
    } else if (strcmp(a, "-static") == 0 || strcmp(a, "--static") == 0 ||
               strcmp(a, "-static-pie") == 0) {
      c->static_arg = a;
    } else if (strcmp(a, "--version") == 0) {
      c->version = true;
    } else if (strcmp(a, "-g0") == 0 || strcmp(a, "-ggdb0") == 0) {
      c->debug = DEBUG_OFF;
    } else if (IN_LIST(a, debug_on_options)) {
      c->debug = DEBUG_ON;
    } else if (starts_with(a, "-fsanitize=")) {
      note_sanitizers(c, a, a + strlen("-fsanitize="), true);
    } else if (starts_with(a, "-fno-sanitize=")) {
      note_sanitizers(c, a, a + strlen("-fno-sanitize="), false);
    }
  }
}

/* <prefix> of the installation (or build tree) this driver belongs to:
 * the parent of the directory holding the executable. */
static char *find_prefix(void) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n < 0)
    fail("cannot read /proc/self/exe: %s", strerror(errno));
  buf[n] = '\0';
  for (int up = 0; up < 2; up++) {
    char *slash = strrchr(buf, '/');
    if (!slash)
      fail("cannot find the installation prefix from '%s'", buf);
    *slash = '\0';
  }
  return xstrdup(buf[0] ? buf : "/");
}

static void require_file(const char *path) {
  if (access(path, R_OK) != 0)
    fail("cannot use '%s': %s (incomplete Tangle installation?)", path,
         strerror(errno));
}

/* Prints argv as one shell-quoted line: what --tangle-verbose shows. */
static void print_command(char **argv) {
  for (size_t i = 0; argv[i]; i++) {
    const char *a = argv[i];
    bool plain = a[0] != '\0';
    for (const char *p = a; *p; p++)
      if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                  "0123456789-_=+./,:@%^", *p))
        plain = false;
    if (i)
      fputc(' ', stderr);
    if (plain) {
      fputs(a, stderr);
      continue;
    }
    fputc('\'', stderr);
    for (const char *p = a; *p; p++) {
      if (*p == '\'')
        fputs("'\\''", stderr);
      else
        fputc(*p, stderr);
    }
    fputc('\'', stderr);
  }
  fputc('\n', stderr);
}

/* --version: clang's own output first, then ours (see the file comment). */
__attribute__((noreturn))
static void run_version(const char *clang, char **argv) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0)
    fail("fork: %s", strerror(errno));
  if (pid == 0) {
    execv(clang, argv);
    fprintf(stderr, TOOL_NAME ": error: cannot run '%s': %s (set " CLANG_ENV
            " to clang-19's path)\n", clang, strerror(errno));
    _exit(1);
  }
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      fail("waitpid: %s", strerror(errno));
  if (WIFSIGNALED(status))
    exit(128 + WTERMSIG(status));
  if (WEXITSTATUS(status) == 0)
    printf(TOOL_NAME " %s\n", TANGLE_VERSION);
  exit(WEXITSTATUS(status));
}

int main(int argc, char **argv) {
  const char *clang = getenv(CLANG_ENV);
  if (!clang || !*clang)
    clang = CLANG_BUILTIN;

  /* Take out Tangle's own options; the rest is for clang. */
  struct argvec user = {0};
  struct tangle_options topt = {.memory = true};
  bool dashdash = false;
  take_tangle_options(argv + 1, (size_t)argc - 1, 0, &topt, &user, &dashdash);

  struct cmdline c = {.debug = DEBUG_UNSET};
  scan(&c, user.v, user.n, 0);

  for (size_t i = 0; i < N_CONFLICTING; i++)
    if (c.sanitizer_arg[i])
      fail("'%s' cannot be used with Tangle: the %s sanitizer's runtime and "
           "Tangle's both replace libc and pthread functions",
           c.sanitizer_arg[i], conflicting_sanitizers[i]);

  struct argvec out = {0};
  push(&out, clang);
  if (c.version) {
    for (size_t i = 0; i < user.n; i++)
      push(&out, user.v[i]);
    if (topt.verbose)
      print_command(out.v);
    run_version(clang, out.v);
  }

  bool linking = !c.no_link && !c.relocatable && c.n_inputs > 0;
  bool link_executable = linking && !c.shared;
  if (link_executable && c.static_arg)
    fail("'%s' is not supported: Tangle's runtime reaches libc and libpthread "
         "through the dynamic linker", c.static_arg);

  /* Our additions go before a top-level `--` (after it all are inputs). */
  size_t tail = 0;
  while (tail < user.n && strcmp(user.v[tail], "--") != 0)
    tail++;
  for (size_t i = 0; i < tail; i++)
    push(&out, user.v[i]);

  char *prefix = find_prefix();
  char *libdir = concat(prefix, "/" TANGLE_LIBDIR_REL "/");
  if (c.n_sources > 0) {
    char *plugin = concat(libdir, "TanglePass.so");
    require_file(plugin);
    push(&out, concat("-fplugin=", plugin));
    push(&out, concat("-fpass-plugin=", plugin));
    push(&out, concat("-I", concat(prefix, "/include")));
    if (c.debug == DEBUG_UNSET)
      push(&out, "-g");
    else if (c.debug == DEBUG_OFF)
      push(&out, "-gline-tables-only");
    if (!topt.memory) {
      push(&out, "-mllvm");
      push(&out, "-tangle-instrument-memory=0");
    }
    for (size_t i = 0; i < topt.models.n; i++) {
      push(&out, "-mllvm");
      push(&out, concat("-tangle-model=", topt.models.v[i]));
    }
  }
  if (link_executable) {
    char *rt = concat(libdir, "libtangle_rt.a");
    char *dyn = concat(libdir, "tangle.dyn");
    require_file(rt);
    require_file(dyn);
    /* The archive is an input: a -x LANG still in effect would apply to it. */
    if (c.lang) {
      push(&out, "-x");
      push(&out, "none");
    }
    push(&out, "-Wl,--whole-archive");
    push(&out, rt);
    push(&out, "-Wl,--no-whole-archive");
    push(&out, concat("-Wl,--dynamic-list=", dyn));
    push(&out, "-lunwind");
    push(&out, "-lpthread");
    push(&out, "-ldl");
    push(&out, "-lm");
  }
  /* A shared object's __tangle_* references are resolved at load time by
   * the executable: -z defs / --no-undefined (meson's default) must not
   * reject them.  Last one wins, so this undoes any earlier spelling. */
  if (linking && c.shared)
    push(&out, "-Wl,-z,undefs");
  for (size_t i = tail; i < user.n; i++)
    push(&out, user.v[i]);

  if (topt.verbose)
    print_command(out.v);
  execv(clang, out.v);
  fail("cannot run '%s': %s (set " CLANG_ENV " to clang-19's path)", clang,
       strerror(errno));
}
