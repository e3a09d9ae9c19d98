/* emit.c — the text, JSON and DOT formats (see emit.h). */
#include "emit.h"

#include <stdio.h>
#include <string.h>

/* ---- text and JSON ------------------------------------------------------ */

static void count_line(sbuf_t *b, const findings_t *fs) {
  sb_printf(b, "Tangle: %zu finding(s) from %u report(s)", fs->n, fs->reports);
  if (fs->suppressed > 0) sb_printf(b, "; %u suppressed", fs->suppressed);
  sb_puts(b, "\n");
}

void emit_text(sbuf_t *b, const findings_t *fs) {
  for (size_t i = 0; i < fs->n; i++) {
    const finding_t *f = &fs->v[i];
    const char *text = json_get_str(f->rep, "text");
    if (text != NULL) {
      sb_puts(b, text);
    } else {
      sb_printf(b, "WARNING: Tangle: %s\n", f->kind);
      sb_printf(b, "SUMMARY: Tangle: %s\n==================\n",
                json_get_str(f->rep, "summary"));
    }
    if (f->count > 1) sb_printf(b, "(reported %u times; first in %s)\n", f->count, f->origin);
  }
  count_line(b, fs);
}

void emit_json(sbuf_t *b, const findings_t *fs) {
  for (size_t i = 0; i < fs->n; i++) {
    const finding_t *f = &fs->v[i];
    sb_printf(b, "{\"occurrences\":%u", f->count);
    for (size_t k = 0; k < f->rep->n; k++) {
      if (strcmp(f->rep->keys[k], "occurrences") == 0) continue;
      sb_puts(b, ",");
      sb_json_str(b, f->rep->keys[k]);
      sb_puts(b, ":");
      sb_json(b, f->rep->items[k]);
    }
    sb_puts(b, "}\n");
  }
}

/* ---- DOT ---------------------------------------------------------------- */

static void dot_str(sbuf_t *b, const char *s) {
  sb_puts(b, "\"");
  for (; s != NULL && *s; s++) {
    if (*s == '"' || *s == '\\') sb_puts(b, "\\");
    if (*s == '\n')
      sb_puts(b, "\\n");
    else
      sb_putn(b, s, 1);
  }
  sb_puts(b, "\"");
}

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s != NULL ? s + 1 : path;
}

/* Where a lock call was made: the frame under the interceptor's own (lock
 * reports' stacks start with it), as "file.c:20". */
static void call_site(const jval_t *stack, char *out, size_t n) {
  frame_t f;
  out[0] = 0;
  size_t i = findings_frame(stack, 1, &f) ? 1 : 0;
  if (findings_frame(stack, i, &f) && f.file != NULL)
    snprintf(out, n, "%s:%ld", base_name(f.file), f.line);
  else if (findings_frame(stack, i, &f) && f.function != NULL)
    snprintf(out, n, "%s", f.function);
}

static void thread_node(sbuf_t *b, const char *thread) {
  char who[64];
  findings_thread_words(thread, true, who, sizeof who);
  sb_puts(b, "  ");
  dot_str(b, who);
  sb_puts(b, " [shape=box, style=rounded];\n");
}

static void lock_order_graph(sbuf_t *b, const jval_t *rep) {
  const jval_t *edges = json_get_arr(rep, "edges");
  sb_puts(b, "  node [shape=ellipse];\n");
  for (size_t i = 0; edges != NULL && i < edges->n; i++) {
    const jval_t *e = edges->items[i];
    char site[300], who[64], label[400];
    call_site(json_get_arr(e, "stack"), site, sizeof site);
    findings_thread_words(json_get_str(e, "thread"), false, who, sizeof who);
    snprintf(label, sizeof label, "%s\n%s", who, site);
    sb_puts(b, "  ");
    dot_str(b, json_get_str(e, "held"));
    sb_puts(b, " -> ");
    dot_str(b, json_get_str(e, "lock"));
    sb_puts(b, " [label=");
    dot_str(b, label);
    sb_puts(b, "];\n");
  }
}

static void deadlock_graph(sbuf_t *b, const jval_t *rep) {
  const jval_t *blocked = json_get_arr(rep, "blocked");
  for (size_t i = 0; blocked != NULL && i < blocked->n; i++) {
    const jval_t *w = blocked->items[i];
    const char *thread = json_get_str(w, "thread"), *obj = json_get_str(w, "object");
    const char *target = json_get_str(w, "target"), *call = json_get_str(w, "call");
    char who[64], site[300], label[400];
    findings_thread_words(thread, true, who, sizeof who);
    thread_node(b, thread);
    call_site(json_get_arr(w, "stack"), site, sizeof site);
    snprintf(label, sizeof label, "%s\n%s", call ? call : "waits", site);
    sb_puts(b, "  ");
    dot_str(b, who);
    sb_puts(b, " -> ");
    if (obj != NULL) {
      dot_str(b, obj);
    } else {
      char tw[64];
      findings_thread_words(target, true, tw, sizeof tw);
      dot_str(b, tw);
    }
    sb_puts(b, " [label=");
    dot_str(b, label);
    sb_puts(b, ", color=red];\n");
    const jval_t *holders = json_get_arr(w, "held_by");
    for (size_t h = 0; obj != NULL && holders != NULL && h < holders->n; h++) {
      if (holders->items[h]->type != J_STR) continue;
      char hw[64];
      findings_thread_words(holders->items[h]->str, true, hw, sizeof hw);
      sb_puts(b, "  ");
      dot_str(b, obj);
      sb_puts(b, " -> ");
      dot_str(b, hw);
      sb_puts(b, " [label=\"held by\", style=dashed];\n");
    }
  }
}

void emit_dot_one(sbuf_t *b, const finding_t *f, int index) {
  const jval_t *rep = f->rep;
  bool order = json_get_arr(rep, "edges") != NULL;
  if (!order && json_get_arr(rep, "blocked") == NULL) return;
  sb_printf(b, "digraph finding_%d {\n  label=", index);
  dot_str(b, json_get_str(rep, "summary"));
  sb_puts(b, ";\n  labelloc=t;\n  fontname=\"sans-serif\";\n"
             "  node [fontname=\"sans-serif\"];\n  edge [fontname=\"sans-serif\", fontsize=10];\n");
  if (order)
    lock_order_graph(b, rep);
  else
    deadlock_graph(b, rep);
  sb_puts(b, "}\n");
}

int emit_dot(sbuf_t *b, const findings_t *fs) {
  int n = 0;
  for (size_t i = 0; i < fs->n; i++) {
    size_t before = b->len;
    emit_dot_one(b, &fs->v[i], (int)i + 1);
    if (b->len > before) n++;
  }
  return n;
}
