/* emit_sarif.c — SARIF 2.1.0 output (OASIS SARIF v2.1.0, and GitHub code
 * scanning's documented subset of it).
 *
 * One run, one rule per report kind (every kind in report_kinds.def, so a
 * rule's index never depends on what was found), one result per finding:
 *   - locations: the frame the report's summary names;
 *   - partialFingerprints["tangleFingerprint/v1"]: the runtime's
 *     fingerprint, so a code-scanning service tracks one bug across runs;
 *   - codeFlows: one code flow whose thread flows are the report's threads,
 *     each with that thread's stacks outermost frame first (SARIF thread
 *     flows are in execution order), nesting level = call depth;
 *   - relatedLocations: the top program frame of every stack, labelled.
 * Paths under --source-root become relative URIs against the SRCROOT base
 * (what lets GitHub map them to the repository); other paths stay
 * absolute file: URIs.
 */
#include "emit.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* A file path as a URI reference, percent-encoding all but RFC 3986's
 * unreserved characters and '/'. */
static void uri_path(sbuf_t *b, const char *p) {
  for (; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
      sb_putn(b, p, 1);
    else
      sb_printf(b, "%%%02X", c);
  }
}

static const char *relative_to(const char *file, const char *root) {
  if (root == NULL) return NULL;
  size_t n = strlen(root);
  while (n > 1 && root[n - 1] == '/') n--;
  if (strncmp(file, root, n) == 0 && file[n] == '/') return file + n + 1;
  return NULL;
}

static void artifact(sbuf_t *b, const char *file, const emit_opts_t *o) {
  const char *rel = relative_to(file, o->source_root);
  sbuf_t u = {0};
  if (rel != NULL) {
    uri_path(&u, rel);
  } else {
    sb_puts(&u, file[0] == '/' ? "file://" : "");
    uri_path(&u, file);
  }
  sb_puts(b, "\"artifactLocation\":{\"uri\":");
  sb_json_str(b, u.p);
  if (rel != NULL) sb_puts(b, ",\"uriBaseId\":\"SRCROOT\"");
  sb_puts(b, "}");
  sb_free(&u);
}

static void physical(sbuf_t *b, const frame_t *f, const emit_opts_t *o) {
  sb_puts(b, "\"physicalLocation\":{");
  artifact(b, f->file, o);
  sb_printf(b, ",\"region\":{\"startLine\":%ld", f->line);
  if (f->column > 0) sb_printf(b, ",\"startColumn\":%ld", f->column);
  sb_puts(b, "}}");
}

/* A message text; SARIF's guidance is that it be a sentence. */
static void message(sbuf_t *b, const char *text) {
  sbuf_t m = {0};
  sb_puts(&m, text);
  if (m.len == 0 || m.p[m.len - 1] != '.') sb_puts(&m, ".");
  sb_puts(b, "\"message\":{\"text\":");
  sb_json_str(b, m.p);
  sb_puts(b, "}");
  sb_free(&m);
}

static void frame_text(char *out, size_t n, const frame_t *f) {
  if (f->function != NULL)
    snprintf(out, n, "%s", f->function);
  else
    snprintf(out, n, "<unknown> (%s+%s)", f->module ? f->module : "?",
             f->offset ? f->offset : "?");
}

/* "tangle-race": a rule's id is the kind's short name, prefixed so that it
 * differs from the rule's name (SARIF wants an opaque id next to a
 * readable name) and cannot clash with another tool's rules. */
static void rule_id(sbuf_t *b, int kind) {
  sb_printf(b, "\"tangle-%s\"", findings_kind_name(kind));
}

/* "DataRace" for "data race": a rule's name is its title in Pascal case. */
static void rule_name(sbuf_t *b, const char *title) {
  char name[128];
  size_t n = 0;
  bool up = true;
  for (const char *p = title; *p && n + 1 < sizeof name; p++) {
    if (isalnum((unsigned char)*p)) {
      name[n++] = up ? (char)toupper((unsigned char)*p) : *p;
      up = false;
    } else {
      up = true;
    }
  }
  name[n] = 0;
  sb_json_str(b, name);
}

static void rules(sbuf_t *b) {
  sb_puts(b, "\"rules\":[");
  for (int i = 0; i < findings_n_kinds; i++) {
    if (i) sb_puts(b, ",");
    sb_puts(b, "{\"id\":");
    rule_id(b, i);
    sb_puts(b, ",\"name\":");
    rule_name(b, findings_kind_title(i));
    sb_puts(b, ",\"shortDescription\":");
    sbuf_t t = {0};
    sb_puts(&t, findings_kind_title(i));
    t.p[0] = (char)toupper((unsigned char)t.p[0]);
    sb_puts(b, "{\"text\":");
    sb_json_str(b, t.p);
    sb_free(&t);
    sb_puts(b, "},\"fullDescription\":{\"text\":");
    sb_json_str(b, findings_kind_help(i));
    sb_puts(b, "},\"help\":{\"text\":");
    sb_json_str(b, findings_kind_help(i));
    sb_puts(b, "},\"defaultConfiguration\":{\"level\":");
    sb_puts(b, strcmp(findings_kind_name(i), "lock-order") == 0 ? "\"warning\"" : "\"error\"");
    sb_puts(b, "}}");
  }
  sb_puts(b, "]");
}

#define MAX_STACKS 64

/* The thread flows: one per thread, its stacks in report order, each
 * outermost frame first. */
static void code_flows(sbuf_t *b, const labelled_stack_t *st, int n, const emit_opts_t *o) {
  bool done[MAX_STACKS] = {false};
  sb_puts(b, "\"codeFlows\":[{\"threadFlows\":[");
  bool first_flow = true;
  for (int s = 0; s < n; s++) {
    if (done[s]) continue;
    const char *thread = st[s].thread;
    char who[64];
    findings_thread_words(thread, true, who, sizeof who);
    if (!first_flow) sb_puts(b, ",");
    first_flow = false;
    sb_puts(b, "{\"id\":");
    sb_json_str(b, thread != NULL ? thread : "unknown");
    sb_puts(b, ",");
    message(b, who);
    sb_puts(b, ",\"locations\":[");
    bool first_loc = true;
    for (int k = s; k < n; k++) {
      bool same = (thread == NULL && st[k].thread == NULL) ||
                  (thread != NULL && st[k].thread != NULL && strcmp(thread, st[k].thread) == 0);
      if (!same) continue;
      done[k] = true;
      size_t depth = st[k].stack->n;
      for (size_t i = depth; i-- > 0;) {
        frame_t f;
        if (!findings_frame(st[k].stack, i, &f)) continue;
        char text[512];
        frame_text(text, sizeof text, &f);
        if (i == 0) {
          size_t l = strlen(text);
          snprintf(text + l, sizeof text - l, ": %s", st[k].label);
        }
        if (!first_loc) sb_puts(b, ",");
        first_loc = false;
        sb_puts(b, "{\"location\":{");
        if (f.file != NULL && f.line > 0) {
          physical(b, &f, o);
          sb_puts(b, ",");
        }
        message(b, text);
        sb_printf(b, "},\"nestingLevel\":%zu}", depth - 1 - i);
      }
    }
    if (first_loc) {
      sb_puts(b, "{\"location\":{");
      message(b, "no stack recorded");
      sb_puts(b, "}}");
    }
    sb_puts(b, "]}");
  }
  sb_puts(b, "]}]");
}

static void related(sbuf_t *b, const labelled_stack_t *st, int n, const emit_opts_t *o) {
  sb_puts(b, "\"relatedLocations\":[");
  int id = 0;
  for (int s = 0; s < n; s++) {
    frame_t f;
    size_t i = 0;
    while (findings_frame(st[s].stack, i, &f) && (f.file == NULL || f.line <= 0)) i++;
    if (!findings_frame(st[s].stack, i, &f)) continue;
    if (id) sb_puts(b, ",");
    sb_printf(b, "{\"id\":%d,", id++);
    physical(b, &f, o);
    sb_puts(b, ",");
    message(b, st[s].label);
    sb_puts(b, "}");
  }
  sb_puts(b, "]");
}

static void result(sbuf_t *b, const finding_t *f, const emit_opts_t *o) {
  int k = findings_kind_index(f->kind);
  labelled_stack_t st[MAX_STACKS];
  int n = findings_stacks(f->rep, st, MAX_STACKS);
  sb_puts(b, "{\"ruleId\":");
  rule_id(b, k);
  sb_printf(b, ",\"ruleIndex\":%d,\"level\":%s,", k,
            strcmp(findings_kind_name(k), "lock-order") == 0 ? "\"warning\"" : "\"error\"");
  sbuf_t m = {0};
  sb_printf(&m, "Tangle: %s", json_get_str(f->rep, "summary"));
  for (int s = 0; s < n; s++) sb_printf(&m, "%s %s", s ? ";" : ":", st[s].label);
  message(b, m.p);
  sb_free(&m);
  frame_t p;
  sb_puts(b, ",\"locations\":[");
  if (findings_primary(f->rep, &p)) {
    sb_puts(b, "{");
    physical(b, &p, o);
    sb_puts(b, "}");
  }
  sb_puts(b, "],\"partialFingerprints\":{\"tangleFingerprint/v1\":");
  sb_json_str(b, f->fingerprint);
  sb_printf(b, "},\"occurrenceCount\":%u", f->count);
  if (n > 0) {
    sb_puts(b, ",");
    code_flows(b, st, n, o);
    sb_puts(b, ",");
    related(b, st, n, o);
  }
  sb_puts(b, "}");
}

void emit_sarif(sbuf_t *b, const findings_t *fs, const emit_opts_t *o) {
  sb_puts(b, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
             "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"Tangle\","
             "\"version\":");
  sb_json_str(b, o->tool_version);
  sb_puts(b, ",\"semanticVersion\":");
  sb_json_str(b, o->tool_version);
  sb_puts(b, ",");
  rules(b);
  sb_puts(b, "}},");
  if (o->source_root != NULL) {
    sbuf_t u = {0};
    sb_puts(&u, "file://");
    uri_path(&u, o->source_root);
    if (u.p[u.len - 1] != '/') sb_puts(&u, "/");
    sb_puts(b, "\"originalUriBaseIds\":{\"SRCROOT\":{\"uri\":");
    sb_json_str(b, u.p);
    sb_puts(b, "}},");
    sb_free(&u);
  }
  sb_puts(b, "\"columnKind\":\"unicodeCodePoints\",\"results\":[");
  for (size_t i = 0; i < fs->n; i++) {
    if (i) sb_puts(b, ",");
    result(b, &fs->v[i], o);
  }
  sb_puts(b, "]}]}\n");
}
