/* emit_html.c — one self-contained HTML page of findings.
 *
 * No script, no external file: the page is CSS and markup, so it can be
 * attached to a CI job and opened anywhere.  Per finding: its kind and
 * summary, how often it was seen, the picture of a lock cycle or deadlock
 * (SVG drawn by Graphviz's `dot` when it is installed, else the DOT source),
 * and its stacks side by side, each frame of the project's own code with a
 * few source lines around it.  "The project's own code" is every readable
 * file under --source-root, or without one every readable file outside
 * /usr and outside Tangle's runtime (whose frames are the interceptors').
 */
#include "emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CONTEXT_LINES 2    /* source lines shown above and below a frame's */
#define MAX_EXCERPTS 4000  /* per page, so a huge merge stays openable */
#define MAX_STACKS 64

static const char css[] =
    "body{font-family:system-ui,sans-serif;margin:2em;color:#1b1b1b;background:#fafafa}"
    "h1{font-size:1.5em}h2{font-size:1.15em;margin:0 0 .4em}"
    "code,pre{font-family:ui-monospace,monospace;font-size:.85em}"
    ".finding{background:#fff;border:1px solid #ddd;border-left:6px solid #c62828;"
    "border-radius:4px;padding:1em;margin:1.5em 0}"
    ".finding.lock-order{border-left-color:#ef6c00}"
    ".kind{text-transform:uppercase;font-size:.8em;letter-spacing:.05em;color:#c62828}"
    ".meta{color:#555;font-size:.9em}"
    ".stacks{display:grid;grid-template-columns:repeat(auto-fit,minmax(26em,1fr));gap:1em}"
    ".stack{border:1px solid #e3e3e3;border-radius:4px;padding:.5em .8em;overflow:auto}"
    ".stack h3{font-size:.95em;margin:.2em 0 .5em}"
    ".stack ol{margin:0;padding-left:2.2em}.stack li{margin:.25em 0}"
    ".loc{color:#555}"
    "pre.src{background:#f4f4f4;margin:.3em 0;padding:.3em .5em;border-radius:3px}"
    "pre.src .hit{background:#ffe08a;display:inline-block;width:100%}"
    ".graph svg{max-width:100%;height:auto}"
    "table.toc{border-collapse:collapse}table.toc td{padding:.15em .8em .15em 0}";

/* ---- source excerpts ---------------------------------------------------- */

typedef struct {
  char *path;
  char *text;        /* NULL: not readable or not shown */
  size_t nlines;
  const char **line; /* line[i] starts line i+1 */
} src_t;

typedef struct {
  src_t *v;
  size_t n, cap;
  int excerpts;
  const emit_opts_t *o;
} src_cache_t;

static bool own_code(const char *file, const emit_opts_t *o) {
  if (o->source_root != NULL) {
    size_t n = strlen(o->source_root);
    while (n > 1 && o->source_root[n - 1] == '/') n--;
    return strncmp(file, o->source_root, n) == 0 && file[n] == '/';
  }
  size_t rn = strlen(TANGLE_RUNTIME_SRC_DIR);
  if (strncmp(file, TANGLE_RUNTIME_SRC_DIR, rn) == 0 && file[rn] == '/') return false;
  return strncmp(file, "/usr/", 5) != 0;
}

static src_t *src_get(src_cache_t *c, const char *path) {
  for (size_t i = 0; i < c->n; i++)
    if (strcmp(c->v[i].path, path) == 0) return &c->v[i];
  if (c->n == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 16;
    src_t *v = realloc(c->v, cap * sizeof *v);
    if (v == NULL) return NULL;
    c->v = v;
    c->cap = cap;
  }
  src_t *s = &c->v[c->n++];
  memset(s, 0, sizeof *s);
  s->path = strdup(path);
  FILE *f = own_code(path, c->o) ? fopen(path, "r") : NULL;
  if (f == NULL) return s;
  sbuf_t b = {0};
  char chunk[8192];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < (64u << 20))
    sb_putn(&b, chunk, got);
  fclose(f);
  if (b.p == NULL) return s;
  s->text = b.p;
  size_t cap = 1024;
  s->line = malloc(cap * sizeof *s->line);
  for (char *p = s->text; s->line != NULL && *p;) {
    if (s->nlines == cap) {
      cap *= 2;
      const char **l = realloc(s->line, cap * sizeof *l);
      if (l == NULL) break;
      s->line = l;
    }
    s->line[s->nlines++] = p;
    char *nl = strchr(p, '\n');
    if (nl == NULL) break;
    *nl = 0;
    p = nl + 1;
  }
  return s;
}

static void src_free(src_cache_t *c) {
  for (size_t i = 0; i < c->n; i++) {
    free(c->v[i].path);
    free(c->v[i].text);
    free(c->v[i].line);
  }
  free(c->v);
}

static void excerpt(sbuf_t *b, src_cache_t *c, const frame_t *f) {
  if (f->file == NULL || f->line <= 0 || c->excerpts >= MAX_EXCERPTS) return;
  src_t *s = src_get(c, f->file);
  if (s == NULL || s->text == NULL || (size_t)f->line > s->nlines) return;
  c->excerpts++;
  size_t lo = f->line > CONTEXT_LINES ? (size_t)f->line - CONTEXT_LINES : 1;
  size_t hi = (size_t)f->line + CONTEXT_LINES;
  if (hi > s->nlines) hi = s->nlines;
  sb_puts(b, "<pre class=\"src\">");
  for (size_t l = lo; l <= hi; l++) {
    bool hit = l == (size_t)f->line;
    sb_printf(b, "%s%5zu  ", hit ? "<span class=\"hit\">" : "", l);
    sb_html(b, s->line[l - 1]);
    sb_puts(b, hit ? "</span>\n" : "\n");
  }
  sb_puts(b, "</pre>");
}

/* ---- pictures ------------------------------------------------------------ */

static bool have_dot(void) {
  static int have = -1;
  if (have < 0) have = system("command -v dot >/dev/null 2>&1") == 0;
  return have;
}

/* The graph as inline SVG from Graphviz, or its DOT source. */
static void picture(sbuf_t *b, const sbuf_t *dot, const emit_opts_t *o) {
  sb_puts(b, "<figure class=\"graph\">");
  bool drawn = false;
  if (!o->no_pictures && have_dot()) {
    char tmpl[] = "/tmp/tangle-dot-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd >= 0) {
      bool written = write(fd, dot->p, dot->len) == (ssize_t)dot->len;
      close(fd);
      char cmd[128];
      snprintf(cmd, sizeof cmd, "dot -Tsvg '%s' 2>/dev/null", tmpl);
      FILE *p = written ? popen(cmd, "r") : NULL;
      if (p != NULL) {
        sbuf_t svg = {0};
        char chunk[8192];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, p)) > 0) sb_putn(&svg, chunk, got);
        int rc = pclose(p);
        const char *start = svg.p != NULL ? strstr(svg.p, "<svg") : NULL;
        if (rc == 0 && start != NULL) {
          sb_puts(b, start);
          drawn = true;
        }
        sb_free(&svg);
      }
      unlink(tmpl);
    }
  }
  if (!drawn) {
    sb_puts(b, "<pre class=\"dot\">");
    sb_html(b, dot->p);
    sb_puts(b, "</pre>");
  }
  sb_puts(b, "</figure>\n");
}

/* ---- the page ------------------------------------------------------------ */

static void frame_html(sbuf_t *b, src_cache_t *c, const frame_t *f) {
  sb_puts(b, "<li><code>");
  sb_html(b, f->function != NULL ? f->function : "<unknown>");
  sb_puts(b, "</code> <span class=\"loc\">");
  if (f->file != NULL) {
    sb_html(b, f->file);
    if (f->line > 0) sb_printf(b, ":%ld", f->line);
    if (f->column > 0) sb_printf(b, ":%ld", f->column);
  } else {
    sb_printf(b, "(");
    sb_html(b, f->module != NULL ? f->module : "?");
    sb_puts(b, "+");
    sb_html(b, f->offset != NULL ? f->offset : "?");
    sb_puts(b, ")");
  }
  sb_puts(b, "</span>");
  excerpt(b, c, f);
  sb_puts(b, "</li>\n");
}

static void finding_html(sbuf_t *b, src_cache_t *c, const finding_t *f, int index) {
  int k = findings_kind_index(f->kind);
  const char *summary = json_get_str(f->rep, "summary");
  const char *where = summary + strlen(f->kind);
  while (*where == ' ') where++;
  sb_printf(b, "<section class=\"finding %s\" id=\"f%d\" data-kind=\"%s\">\n",
            findings_kind_name(k), index, findings_kind_name(k));
  sb_puts(b, "<h2><span class=\"kind\">");
  sb_html(b, f->kind);
  sb_puts(b, "</span><br><span class=\"where\">");
  sb_html(b, where);
  sb_puts(b, "</span></h2>\n<p class=\"meta\">");
  sb_printf(b, "Reported %u time%s; first in <code>", f->count, f->count == 1 ? "" : "s");
  sb_html(b, f->origin);
  sb_puts(b, "</code>; fingerprint <code>");
  sb_html(b, f->fingerprint);
  sb_puts(b, "</code></p>\n");
  const jval_t *cycle = json_get_arr(f->rep, "cycle");
  if (cycle != NULL) {
    sb_puts(b, "<p>Cycle: ");
    for (size_t i = 0; i < cycle->n; i++) {
      if (cycle->items[i]->type != J_STR) continue;
      sb_puts(b, i ? " &rArr; <code>" : "<code>");
      sb_html(b, cycle->items[i]->str);
      sb_puts(b, "</code>");
    }
    sb_puts(b, "</p>\n");
  }
  sbuf_t dot = {0};
  emit_dot_one(&dot, f, index);
  if (dot.len > 0) picture(b, &dot, c->o);
  sb_free(&dot);
  labelled_stack_t st[MAX_STACKS];
  int n = findings_stacks(f->rep, st, MAX_STACKS);
  sb_puts(b, "<div class=\"stacks\">\n");
  for (int s = 0; s < n; s++) {
    sb_puts(b, "<div class=\"stack\"><h3>");
    sb_html(b, st[s].label);
    sb_puts(b, "</h3><ol start=\"0\">\n");
    frame_t fr;
    for (size_t i = 0; findings_frame(st[s].stack, i, &fr); i++) frame_html(b, c, &fr);
    sb_puts(b, "</ol></div>\n");
  }
  sb_puts(b, "</div>\n</section>\n");
}

void emit_html(sbuf_t *b, const findings_t *fs, const emit_opts_t *o) {
  src_cache_t c = {.o = o};
  sb_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<title>Tangle report</title>\n<style>");
  sb_puts(b, css);
  sb_puts(b, "</style>\n</head>\n<body>\n");
  sb_printf(b, "<h1>Tangle: %zu finding%s</h1>\n", fs->n, fs->n == 1 ? "" : "s");
  sb_printf(b, "<p class=\"meta\">Merged from %u report%s by Tangle %s.</p>\n", fs->reports,
            fs->reports == 1 ? "" : "s", o->tool_version);
  if (fs->n > 0) {
    sb_puts(b, "<table class=\"toc\">\n");
    for (size_t i = 0; i < fs->n; i++) {
      const char *summary = json_get_str(fs->v[i].rep, "summary");
      sb_printf(b, "<tr><td><a href=\"#f%zu\">", i + 1);
      sb_html(b, fs->v[i].kind);
      sb_puts(b, "</a></td><td><code>");
      sb_html(b, summary + strlen(fs->v[i].kind));
      sb_printf(b, "</code></td><td>%u&times;</td></tr>\n", fs->v[i].count);
    }
    sb_puts(b, "</table>\n");
  } else {
    sb_puts(b, "<p>No findings.</p>\n");
  }
  for (size_t i = 0; i < fs->n; i++) finding_html(b, &c, &fs->v[i], (int)i + 1);
  sb_puts(b, "</body>\n</html>\n");
  src_free(&c);
}
