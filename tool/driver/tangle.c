/* tangle.c — the user command: `tangle run`, `report`, `version`, `help`
 * and the options reference.
 *
 * `tangle run [--report-dir DIR] [OUTPUTS] [--] CMD ARGS...` runs an
 * instrumented program as a CI step: it adds report_path=DIR/tangle to
 * TANGLE_OPTIONS (after what the user already set there, so it wins), runs
 * CMD, and reads the JSON lines (one per report) that the run added to
 * DIR/tangle.<pid>.json — every process of the run writes its own file,
 * children included.  Lines already in DIR before the run are not read, so
 * a DIR may be reused.  Without --report-dir, DIR is a fresh temporary
 * directory removed afterwards.  The reports are merged into findings and
 * written out by the report library (tool/report: cli.h).
 * Exit status: 66 if a finding of a gating kind remains, else CMD's own
 * (128+N when a signal N killed it, 127/126 when it cannot be run); 1 when
 * an output cannot be written; 2 for a usage error.  `tangle report` is
 * report_main in tool/report/cli.c.
 * While CMD runs, SIGINT and SIGQUIT are ignored here (the terminal sends them
 * to CMD too, and the count should still be printed); SIGTERM and SIGHUP are
 * forwarded to CMD.
 *
 * `tangle --help-options [--markdown]` prints the run-time options table,
 * generated from runtime/flags.def like the option parser itself; the
 * Markdown form is docs/options.md, which a test keeps current.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

/* Exit status of `tangle run` when the run reported anything; the runtime's
 * default exitcode, so a CI gate sees the same value either way. */
#define EXIT_REPORTED 66
#define EXIT_USAGE 2

/* The report files a process writes for report_path=<dir>/tangle. */
#define REPORT_BASENAME "tangle"

/* ---- the options table ------------------------------------------------ */

struct option_doc {
  const char *name;
  const char *type; /* as shown to users; an int with bounds shows them */
  bool is_string;
  long long int_default;
  const char *string_default;
  const char *help;
};

/* One initializer per flags.def type; a new type there fails to compile
 * here until it is given a way to be shown. */
#define OPT_BOOL(name, def, help) {#name, "bool", false, (def), NULL, help}
#define OPT_INT(name, def, help) {#name, "int", false, (def), NULL, help}
#define OPT_STRING(name, def, help) {#name, "string", true, 0, (def), help}

static const struct option_doc options[] = {
#define TG_FLAG(type, name, def, help) OPT_##type(name, def, help),
#define TG_FLAG_RANGE(name, def, min, max, help) \
  {#name, "int " #min ".." #max, false, (def), NULL, help},
#include "flags.def"
#undef TG_FLAG_RANGE
#undef TG_FLAG
};
#define N_OPTIONS (sizeof options / sizeof options[0])

/* The default as a user would write it in TANGLE_OPTIONS; "" for empty. */
static void format_default(const struct option_doc *o, char *buf, size_t size) {
  if (!o->is_string)
    snprintf(buf, size, "%lld", o->int_default);
  else if (o->string_default[0])
    snprintf(buf, size, "%s", o->string_default);
  else
    snprintf(buf, size, "\"\"");
}

/* Prints text word-wrapped to `width` columns, continuation lines indented
 * by `indent`; the first line starts at column `col`. */
static void print_wrapped(const char *text, size_t col, size_t indent, size_t width) {
  const char *p = text;
  while (*p) {
    size_t word = strcspn(p, " ");
    if (col > indent && col + 1 + word > width) {
      printf("\n%*s", (int)indent, "");
      col = indent;
    } else if (col > indent) {
      putchar(' ');
      col++;
    }
    printf("%.*s", (int)word, p);
    col += word;
    p += word;
    while (*p == ' ')
      p++;
  }
  putchar('\n');
}

static void print_options_text(void) {
  size_t wname = strlen("OPTION"), wtype = strlen("TYPE"), wdef = strlen("DEFAULT");
  char def[64];
  for (size_t i = 0; i < N_OPTIONS; i++) {
    format_default(&options[i], def, sizeof def);
    if (strlen(options[i].name) > wname)
      wname = strlen(options[i].name);
    if (strlen(options[i].type) > wtype)
      wtype = strlen(options[i].type);
    if (strlen(def) > wdef)
      wdef = strlen(def);
  }
  printf("Tangle run-time options, set in the environment of the program:\n"
         "  TANGLE_OPTIONS=name=value:name=value...\n"
         "(separators ':', ',' or blanks; quote values as '...' or \"...\";\n"
         "bool is 0/1, true/false or yes/no; int MIN..MAX: within those bounds;\n"
         "later entries win)\n\n");
  printf("%-*s  %-*s  %-*s  %s\n", (int)wname, "OPTION", (int)wtype, "TYPE",
         (int)wdef, "DEFAULT", "DESCRIPTION");
  size_t indent = wname + wtype + wdef + 6;
  for (size_t i = 0; i < N_OPTIONS; i++) {
    format_default(&options[i], def, sizeof def);
    printf("%-*s  %-*s  %-*s  ", (int)wname, options[i].name, (int)wtype,
           options[i].type, (int)wdef, def);
    print_wrapped(options[i].help, indent, indent, 79);
  }
}

/* Markdown table cells: escape what would end the cell or become markup. */
static void print_md_escaped(const char *s) {
  for (; *s; s++) {
    if (strchr("\\|<>*`[]", *s))
      putchar('\\');
    putchar(*s);
  }
}

static void print_options_markdown(void) {
  char def[64];
  printf("# Tangle run-time options\n\n"
         "<!-- Generated by `tangle --help-options --markdown` from "
         "runtime/flags.def; do not edit.\n"
         "     After changing the table: "
         "build/bin/tangle --help-options --markdown > docs/options.md -->\n\n"
         "An instrumented program reads its options from the environment "
         "variable `TANGLE_OPTIONS`, a list of `name=value` pairs separated by "
         "`:`, `,` or blanks:\n\n"
         "```\n"
         "TANGLE_OPTIONS=report_path=out/tangle:halt_on_error=1 ./app\n"
         "```\n\n"
         "A value containing separators can be quoted, `'...'` or `\"...\"`. "
         "A bool is `0`/`1`, `true`/`false` or `yes`/`no`; an int is decimal, "
         "within the bounds its type shows (`int MIN..MAX`). "
         "Later entries override earlier ones. An unknown name or a malformed "
         "value is an error: the program prints one line naming the option "
         "and exits with status 1 before `main` runs. "
         "`tangle --help-options` prints this table in the terminal.\n\n"
         "| Option | Type | Default | Description |\n"
         "|--------|------|---------|-------------|\n");
  for (size_t i = 0; i < N_OPTIONS; i++) {
    format_default(&options[i], def, sizeof def);
    printf("| `%s` | %s | `%s` | ", options[i].name, options[i].type, def);
    print_md_escaped(options[i].help);
    printf(" |\n");
  }
}

/* ---- help and version -------------------------------------------------- */

static void print_usage(FILE *f) {
  fprintf(f,
"usage: tangle <command> [arguments]\n"
"\n"
"Commands:\n"
"  run [--report-dir DIR] [OUTPUTS] [--fail-on KINDS] [--] CMD [ARGS...]\n"
"        Run CMD (a program built with tangle-cc, or a make, a test runner)\n"
"        and collect what Tangle reported in it and in every process it\n"
"        started.  Reports go to stderr as usual and, one JSON object per\n"
"        line, to DIR/tangle.<pid>.json (DIR defaults to a temporary\n"
"        directory that is removed afterwards).  The reports are merged by\n"
"        fingerprint into findings, listed on stderr, and written to the\n"
"        OUTPUTS asked for.  Exit status: 66 if a finding of a kind in\n"
"        --fail-on (default: all) remains; otherwise CMD's exit status\n"
"        (128+N if signal N killed it, 127 if it was not found, 126 if it\n"
"        could not be run); 1 if an output could not be written; 2 for a\n"
"        usage error.\n"
"  report [--format text|json|sarif|dot|html] [-o FILE] [OUTPUTS]\n"
"         [--fail-on KINDS] FILE|DIR...\n"
"        Merge the JSON report files (or every *.json file of each DIR) of\n"
"        any number of runs and CI shards by fingerprint and write them in\n"
"        the format asked for (default text, to stdout).  Exit status: 66 if\n"
"        a finding of a kind in --fail-on remains, else 0; 1 for an input\n"
"        that is not a report file (the message names the file and line) or\n"
"        an output that cannot be written; 2 for a usage error.\n"
"  OUTPUTS: --text FILE, --json FILE, --sarif FILE, --dot FILE, --html FILE\n"
"        (any number; '-' is stdout), and --source-root DIR: paths under DIR\n"
"        are written relative to it (SARIF), and only its files get source\n"
"        excerpts (HTML).\n"
"  KINDS: a comma-separated list of race, lock-order, deadlock,\n"
"        unlock-unlocked, destroy-locked, lock-destroyed; or all, none.\n"
"  version\n"
"        Print Tangle's version and the LLVM version it was built with.\n"
"  help, --help\n"
"        Print this text.\n"
"  --help-options [--markdown]\n"
"        Print the run-time options (TANGLE_OPTIONS) with their types,\n"
"        defaults and descriptions; --markdown prints docs/options.md.\n"
"\n"
"Building:\n"
"  tangle-cc and tangle-c++ are drop-in C and C++ compilers (clang-19 plus\n"
"  Tangle): CC=tangle-cc make, cmake -DCMAKE_C_COMPILER=tangle-cc.  They\n"
"  add debug line tables (-g, or -gline-tables-only over an explicit -g0)\n"
"  and, when linking a program, Tangle's runtime.  Their own options:\n"
"    --detect=all|races|deadlocks  what to instrument for (default all;\n"
"                                  deadlocks leaves memory accesses alone)\n"
"    --tangle-verbose              print the clang command line on stderr\n"
"  TANGLE_CLANG / TANGLE_CLANGXX override the clang they run.  They refuse\n"
"  sanitizers whose runtimes clash with Tangle's (-fsanitize=thread,\n"
"  address, memory, hwaddress, leak, ...) and -static programs.\n"
"\n"
"Running:\n"
"  An instrumented program prints reports on stderr and exits with status\n"
"  66 if it reported anything.  Options: TANGLE_OPTIONS (tangle\n"
"  --help-options).\n");
}

static void print_version(void) {
  printf("tangle %s\n", TANGLE_VERSION);
  printf("LLVM %s (clang: %s)\n", TANGLE_LLVM_VERSION, TANGLE_CLANG_PATH);
}

__attribute__((format(printf, 1, 2), noreturn))
static void usage_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("tangle: error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputs(" (see 'tangle help')\n", stderr);
  va_end(ap);
  exit(EXIT_USAGE);
}

__attribute__((format(printf, 2, 3), noreturn))
static void fail(int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("tangle: error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(status);
}

/* ---- tangle run -------------------------------------------------------- */

/* A report file and how many bytes of it existed before the run. */
struct report_file {
  char *name;
  off_t old_size;
};

struct report_files {
  struct report_file *v;
  size_t n, cap;
};

/* Is `name` a report file: tangle.<digits>.json? */
static bool is_report_name(const char *name) {
  size_t pre = strlen(REPORT_BASENAME "."), len = strlen(name);
  if (len <= pre + strlen(".json") || strncmp(name, REPORT_BASENAME ".", pre) != 0 ||
      strcmp(name + len - strlen(".json"), ".json") != 0)
    return false;
  /* <pid>, or <pid>.<n> when the runtime found <pid>'s name taken (a process
   * that exec'd, or a reused pid: docs/report-format.md). */
  int dots = 0;
  bool digit = false;
  for (size_t i = pre; i < len - strlen(".json"); i++) {
    if (name[i] == '.' && digit && dots == 0) {
      dots++;
      digit = false;
    } else if (name[i] >= '0' && name[i] <= '9') {
      digit = true;
    } else {
      return false;
    }
  }
  return digit;
}

/* Lists the report files in dir with their current sizes. */
static void list_reports(const char *dir, struct report_files *out) {
  DIR *d = opendir(dir);
  if (!d)
    fail(1, "cannot read '%s': %s", dir, strerror(errno));
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!is_report_name(e->d_name))
      continue;
    struct stat st;
    if (fstatat(dirfd(d), e->d_name, &st, 0) != 0 || !S_ISREG(st.st_mode))
      continue;
    if (out->n == out->cap) {
      out->cap = out->cap ? 2 * out->cap : 16;
      out->v = realloc(out->v, out->cap * sizeof *out->v);
      if (!out->v)
        fail(1, "out of memory");
    }
    out->v[out->n].name = strdup(e->d_name);
    if (!out->v[out->n].name)
      fail(1, "out of memory");
    out->v[out->n].old_size = st.st_size;
    out->n++;
  }
  closedir(d);
}

static pid_t child_pid;

static void forward_signal(int sig) {
  kill(child_pid, sig);
}

/* mkdir -p */
static void make_dirs(const char *path) {
  char buf[PATH_MAX];
  if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
    fail(1, "report directory name too long");
  for (char *p = buf + 1;; p++) {
    if (*p != '/' && *p != '\0')
      continue;
    char saved = *p;
    *p = '\0';
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
      fail(1, "cannot create '%s': %s", buf, strerror(errno));
    *p = saved;
    if (!saved)
      break;
  }
}

/* Runs argv with TANGLE_OPTIONS extended and returns its wait status, or
 * sets *exec_err if it could not be run. */
static int run_child(char **argv, const char *report_prefix, int *exec_err) {
  /* Quoted, so blanks, ',' and ':' in the path survive TANGLE_OPTIONS's
   * splitting; the caller rejected paths with both kinds of quote. */
  const char *old = getenv("TANGLE_OPTIONS");
  char quote = strchr(report_prefix, '"') ? '\'' : '"';
  size_t n = (old ? strlen(old) : 0) + strlen(report_prefix) + 32;
  char *opts = malloc(n);
  if (!opts)
    fail(1, "out of memory");
  snprintf(opts, n, "%s%sreport_path=%c%s%c", old ? old : "", old && *old ? ":" : "",
           quote, report_prefix, quote);

  /* The child tells us through this close-on-exec pipe why exec failed. */
  int pipefd[2];
  if (pipe2(pipefd, O_CLOEXEC) != 0)
    fail(1, "pipe: %s", strerror(errno));

  struct sigaction ign = {.sa_handler = SIG_IGN}, fwd = {.sa_handler = forward_signal};
  struct sigaction old_int, old_quit;
  sigemptyset(&ign.sa_mask);
  sigemptyset(&fwd.sa_mask);
  sigaction(SIGINT, &ign, &old_int);
  sigaction(SIGQUIT, &ign, &old_quit);

  fflush(NULL);
  child_pid = fork();
  if (child_pid < 0)
    fail(1, "fork: %s", strerror(errno));
  if (child_pid == 0) {
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    close(pipefd[0]);
    setenv("TANGLE_OPTIONS", opts, 1);
    execvp(argv[0], argv);
    int err = errno;
    ssize_t w = write(pipefd[1], &err, sizeof err);
    (void)w;
    _exit(127);
  }
  sigaction(SIGTERM, &fwd, NULL);
  sigaction(SIGHUP, &fwd, NULL);
  close(pipefd[1]);

  int err = 0;
  ssize_t r;
  while ((r = read(pipefd[0], &err, sizeof err)) < 0 && errno == EINTR)
    ;
  close(pipefd[0]);
  int status;
  while (waitpid(child_pid, &status, 0) < 0)
    if (errno != EINTR)
      fail(1, "waitpid: %s", strerror(errno));
  *exec_err = r == (ssize_t)sizeof err ? err : 0;
  free(opts);
  return status;
}

static int cmd_run(int argc, char **argv) {
  const char *report_dir = NULL;
  report_outputs_t outputs;
  report_outputs_init(&outputs);
  int i = 0;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (a[0] != '-')
      break;
    int r;
    if (strcmp(a, "--report-dir") == 0) {
      if (i + 1 == argc)
        usage_error("'--report-dir' needs a directory");
      report_dir = argv[++i];
    } else if (strncmp(a, "--report-dir=", strlen("--report-dir=")) == 0) {
      report_dir = a + strlen("--report-dir=");
    } else if ((r = report_outputs_option(&outputs, argc, argv, &i)) != 0) {
      if (r < 0)
        exit(EXIT_USAGE);
    } else {
      usage_error("unknown option '%s' for 'tangle run'", a);
    }
  }
  if (i == argc)
    usage_error("'tangle run' needs a command to run");
  if (report_dir && !*report_dir)
    usage_error("'--report-dir' needs a directory");

  char dir[PATH_MAX];
  bool temporary = !report_dir;
  if (temporary) {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/tangle-run.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
      fail(1, "cannot create a temporary directory in '%s': %s",
           tmp && *tmp ? tmp : "/tmp", strerror(errno));
  } else {
    make_dirs(report_dir);
    /* Absolute, so that processes which chdir still find it. */
    if (!realpath(report_dir, dir))
      fail(1, "cannot use '%s': %s", report_dir, strerror(errno));
  }
  /* TANGLE_OPTIONS quotes have no escapes: one kind must be free. */
  if (strchr(dir, '"') && strchr(dir, '\'')) {
    if (temporary)
      rmdir(dir);
    fail(EXIT_USAGE, "report directory '%s' contains both kinds of quote, "
         "which TANGLE_OPTIONS cannot carry", dir);
  }

  struct report_files before = {0};
  list_reports(dir, &before);

  char prefix[PATH_MAX + 16];
  snprintf(prefix, sizeof prefix, "%s/" REPORT_BASENAME, dir);
  int exec_err;
  int status = run_child(argv + i, prefix, &exec_err);

  struct report_files after = {0};
  list_reports(dir, &after);
  findings_t fs = {0};
  unsigned long processes = 0;
  bool unreadable = false;
  for (size_t k = 0; k < after.n; k++) {
    off_t from = 0;
    for (size_t j = 0; j < before.n; j++)
      if (strcmp(before.v[j].name, after.v[k].name) == 0)
        from = before.v[j].old_size;
    char path[PATH_MAX + 256], err[PATH_MAX + 512];
    snprintf(path, sizeof path, "%s/%s", dir, after.v[k].name);
    unsigned before_reports = fs.reports;
    /* A process killed in the middle of a report can leave a partial line:
     * it still reported something, so the run still fails. */
    if (!findings_load(&fs, path, from, err, sizeof err)) {
      fprintf(stderr, "tangle: warning: %s\n", err);
      unreadable = true;
    }
    processes += fs.reports > before_reports;
    if (temporary) {
      unlink(path);
    }
  }
  if (temporary && rmdir(dir) != 0)
    fprintf(stderr, "tangle: warning: could not remove '%s': %s\n", dir,
            strerror(errno));

  if (exec_err) {
    fprintf(stderr, "tangle: error: cannot run '%s': %s\n", argv[i],
            strerror(exec_err));
    return exec_err == ENOENT ? 127 : 126;
  }
  findings_sort(&fs);
  size_t gating = report_gating(&outputs, &fs);
  fprintf(stderr, "tangle: %zu finding(s) from %u report(s) in %lu process(es)", fs.n,
          fs.reports, processes);
  if (gating != fs.n)
    fprintf(stderr, "; %zu of a kind --fail-on selects", gating);
  if (fs.suppressed > 0)
    fprintf(stderr, "; %u suppressed", fs.suppressed);
  fputc('\n', stderr);
  report_list(&fs);
  bool written = report_outputs_write(&outputs, &fs, TANGLE_VERSION);
  findings_free(&fs);
  if (!written)
    return 1;
  if (gating > 0 || unreadable)
    return EXIT_REPORTED;
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

/* ---- main -------------------------------------------------------------- */

int main(int argc, char **argv) {
  if (argc < 2) {
    print_usage(stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "run") == 0)
    return cmd_run(argc - 2, argv + 2);
  if (strcmp(cmd, "report") == 0)
    return report_main(argc - 2, argv + 2, TANGLE_VERSION);

  /* The remaining commands take no arguments, except --markdown. */
  bool markdown = false;
  for (int i = 2; i < argc; i++) {
    if (strcmp(cmd, "--help-options") == 0 && strcmp(argv[i], "--markdown") == 0)
      markdown = true;
    else
      usage_error("unexpected argument '%s' after '%s'", argv[i], cmd);
  }
  if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
    print_version();
  } else if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 ||
             strcmp(cmd, "-h") == 0) {
    print_usage(stdout);
  } else if (strcmp(cmd, "--help-options") == 0) {
    if (markdown)
      print_options_markdown();
    else
      print_options_text();
  } else {
    usage_error("unknown command '%s'", cmd);
  }
  if (fflush(stdout) != 0 || ferror(stdout))
    fail(1, "cannot write the output: %s", strerror(errno));
  return 0;
}
