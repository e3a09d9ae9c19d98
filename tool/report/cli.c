/* cli.c — `tangle report`, and the output/gating options of `tangle run`
 * (see cli.h).
 *
 * Exit status of `tangle report`: 66 when a finding of a gating kind
 * (--fail-on, all kinds by default) remains after merging, 0 when none; 1
 * when an input cannot be read or is not a report file (the message names
 * the file and line), or an output cannot be written; 2 for a usage error.
 */
#include "cli.h"

#include "emit.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define EXIT_FINDINGS 66
#define EXIT_USAGE 2

void report_outputs_init(report_outputs_t *o) {
  memset(o, 0, sizeof *o);
  o->fail_on = (1u << findings_n_kinds) - 1;
}

/* "race,deadlock" → kind bits; "all" and "none" too. */
static bool parse_kinds(const char *list, unsigned *out) {
  unsigned mask = 0;
  char buf[512];
  snprintf(buf, sizeof buf, "%s", list);
  for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok != NULL;
       tok = strtok_r(NULL, ",", &save)) {
    if (strcmp(tok, "all") == 0) {
      mask = (1u << findings_n_kinds) - 1;
      continue;
    }
    if (strcmp(tok, "none") == 0) continue;
    int k = 0;
    while (k < findings_n_kinds && strcmp(findings_kind_name(k), tok) != 0) k++;
    if (k == findings_n_kinds) {
      fprintf(stderr, "tangle: error: unknown report kind '%s' in --fail-on (kinds:", tok);
      for (int i = 0; i < findings_n_kinds; i++) fprintf(stderr, " %s", findings_kind_name(i));
      fprintf(stderr, ", all, none)\n");
      return false;
    }
    mask |= 1u << k;
  }
  *out = mask;
  return true;
}

int report_outputs_option(report_outputs_t *o, int argc, char **argv, int *i) {
  static const struct {
    const char *name;
    size_t off;
  } files[] = {
      {"--text", offsetof(report_outputs_t, text)},
      {"--json", offsetof(report_outputs_t, json)},
      {"--sarif", offsetof(report_outputs_t, sarif)},
      {"--dot", offsetof(report_outputs_t, dot)},
      {"--html", offsetof(report_outputs_t, html)},
      {"--source-root", offsetof(report_outputs_t, source_root)},
      {"--fail-on", 0},
  };
  const char *a = argv[*i];
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
    size_t n = strlen(files[k].name);
    if (strncmp(a, files[k].name, n) != 0 || (a[n] != 0 && a[n] != '=')) continue;
    const char *value;
    if (a[n] == '=') {
      value = a + n + 1;
    } else if (*i + 1 < argc && strcmp(argv[*i + 1], "--") != 0) {
      value = argv[++*i];
    } else {
      value = NULL;
    }
    if (value == NULL || value[0] == 0) {
      fprintf(stderr, "tangle: error: '%s' needs a value (see 'tangle help')\n", files[k].name);
      return -1;
    }
    if (strcmp(files[k].name, "--fail-on") == 0)
      return parse_kinds(value, &o->fail_on) ? 1 : -1;
    *(const char **)((char *)o + files[k].off) = value;
    return 1;
  }
  return 0;
}

static bool write_file(const char *path, const sbuf_t *b) {
  if (strcmp(path, "-") == 0) {
    if (b->len > 0 && fwrite(b->p, 1, b->len, stdout) != b->len) goto fail;
    if (fflush(stdout) != 0) goto fail;
    return true;
  }
  FILE *f = fopen(path, "w");
  if (f == NULL) goto fail;
  bool ok = (b->len == 0 || fwrite(b->p, 1, b->len, f) == b->len);
  ok = (fclose(f) == 0) && ok;
  if (ok) return true;
fail:
  fprintf(stderr, "tangle: error: cannot write '%s': %s\n", path, strerror(errno));
  return false;
}

bool report_outputs_write(const report_outputs_t *o, const findings_t *fs,
                          const char *version) {
  emit_opts_t eo = {.source_root = o->source_root, .tool_version = version};
  char root[4096];
  if (o->source_root != NULL) {
    if (realpath(o->source_root, root) == NULL) {
      fprintf(stderr, "tangle: error: --source-root '%s': %s\n", o->source_root,
              strerror(errno));
      return false;
    }
    eo.source_root = root;
  }
  bool ok = true;
  sbuf_t b = {0};
  if (o->text != NULL) {
    emit_text(&b, fs);
    ok = write_file(o->text, &b) && ok;
    b.len = 0;
  }
  if (o->json != NULL) {
    emit_json(&b, fs);
    ok = write_file(o->json, &b) && ok;
    b.len = 0;
  }
  if (o->sarif != NULL) {
    emit_sarif(&b, fs, &eo);
    ok = write_file(o->sarif, &b) && ok;
    b.len = 0;
  }
  if (o->dot != NULL) {
    emit_dot(&b, fs);
    ok = write_file(o->dot, &b) && ok;
    b.len = 0;
  }
  if (o->html != NULL) {
    emit_html(&b, fs, &eo);
    ok = write_file(o->html, &b) && ok;
    b.len = 0;
  }
  sb_free(&b);
  return ok;
}

size_t report_gating(const report_outputs_t *o, const findings_t *fs) {
  size_t n = 0;
  for (size_t i = 0; i < fs->n; i++)
    if (o->fail_on >> findings_kind_index(fs->v[i].kind) & 1) n++;
  return n;
}

void report_list(const findings_t *fs) {
  for (size_t i = 0; i < fs->n; i++) {
    fprintf(stderr, "  %s", json_get_str(fs->v[i].rep, "summary"));
    if (fs->v[i].count > 1) fprintf(stderr, " (%ux)", fs->v[i].count);
    fputc('\n', stderr);
  }
}

/* ---- tangle report --------------------------------------------------------- */

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.json file of dir, in name order, so merges are reproducible. */
static bool load_dir(findings_t *fs, const char *dir, char *err, size_t errsz) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    snprintf(err, errsz, "%s: cannot open: %s", dir, strerror(errno));
    return false;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    size_t len = strlen(e->d_name);
    if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0) continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 16;
      char **v = realloc(names, cap * sizeof *v);
      if (v == NULL) break;
      names = v;
    }
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, by_name);
  bool ok = true;
  for (size_t i = 0; i < n; i++) {
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    if (ok) ok = findings_load(fs, path, 0, err, errsz);
    free(names[i]);
  }
  free(names);
  return ok;
}

static void usage(FILE *f) {
  fputs("usage: tangle report [--format text|json|sarif|dot|html] [-o FILE]\n"
        "                     [--source-root DIR] [--fail-on KINDS]\n"
        "                     [--text|--json|--sarif|--dot|--html FILE]... FILE|DIR...\n",
        f);
}

int report_main(int argc, char **argv, const char *version) {
  report_outputs_t o;
  report_outputs_init(&o);
  const char *format = NULL, *out = "-";
  char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
  int ninputs = 0;
  bool more_options = true;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (!more_options || a[0] != '-' || strcmp(a, "-") == 0) {
      inputs[ninputs++] = argv[i];
      continue;
    }
    if (strcmp(a, "--") == 0) {
      more_options = false;
    } else if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
      format = a[8] == '=' ? a + 9 : i + 1 < argc ? argv[++i] : NULL;
    } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
      out = i + 1 < argc ? argv[++i] : NULL;
      if (out == NULL) {
        fputs("tangle: error: '-o' needs a file\n", stderr);
        return EXIT_USAGE;
      }
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      usage(stdout);
      return 0;
    } else {
      int r = report_outputs_option(&o, argc, argv, &i);
      if (r < 0) return EXIT_USAGE;
      if (r == 0) {
        fprintf(stderr, "tangle: error: unknown option '%s' for 'tangle report'\n", a);
        usage(stderr);
        return EXIT_USAGE;
      }
    }
  }
  if (ninputs == 0) {
    fputs("tangle: error: 'tangle report' needs report files or directories\n", stderr);
    usage(stderr);
    return EXIT_USAGE;
  }
  bool any_file = o.text || o.json || o.sarif || o.dot || o.html;
  if (format != NULL || !any_file) {
    const char *fmt = format != NULL ? format : "text";
    const char **slot = strcmp(fmt, "text") == 0    ? &o.text
                        : strcmp(fmt, "json") == 0  ? &o.json
                        : strcmp(fmt, "sarif") == 0 ? &o.sarif
                        : strcmp(fmt, "dot") == 0   ? &o.dot
                        : strcmp(fmt, "html") == 0  ? &o.html
                                                    : NULL;
    if (slot == NULL) {
      fprintf(stderr, "tangle: error: unknown format '%s' (text, json, sarif, dot, html)\n",
              fmt);
      return EXIT_USAGE;
    }
    *slot = out;
  }

  findings_t fs = {0};
  char err[8192];
  for (int i = 0; i < ninputs; i++) {
    struct stat st;
    bool ok;
    if (strcmp(inputs[i], "-") == 0)
      ok = findings_load(&fs, "/dev/stdin", 0, err, sizeof err);
    else if (stat(inputs[i], &st) == 0 && S_ISDIR(st.st_mode))
      ok = load_dir(&fs, inputs[i], err, sizeof err);
    else
      ok = findings_load(&fs, inputs[i], 0, err, sizeof err);
    if (!ok) {
      fprintf(stderr, "tangle: error: %s\n", err);
      findings_free(&fs);
      free(inputs);
      return 1;
    }
  }
  free(inputs);
  findings_sort(&fs);
  int status = report_outputs_write(&o, &fs, version) ? 0 : 1;
  if (status == 0 && report_gating(&o, &fs) > 0) status = EXIT_FINDINGS;
  findings_free(&fs);
  return status;
}
