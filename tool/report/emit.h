/* emit.h — the output formats of `tangle report` and `tangle run`.
 *
 * Each writes the merged findings (findings.h) into a buffer: the caller
 * decides where it goes.  Formats and what they are for:
 *   text   the reports as the runtime printed them, one per finding, then
 *          a count: for people and logs;
 *   json   one report per line, the runtime's schema plus "occurrences":
 *          for scripts, and as input to another `tangle report`;
 *   sarif  SARIF 2.1.0 for code-scanning services (GitHub): one rule per
 *          report kind, one result per finding, stacks as thread flows;
 *   dot    Graphviz pictures of lock-order cycles and deadlocks;
 *   html   one self-contained page with every finding, its stacks side by
 *          side with the source around each frame, and the pictures.
 */
#ifndef TANGLE_EMIT_H
#define TANGLE_EMIT_H

#include "findings.h"
#include "json.h"

typedef struct {
  /* Files under this directory are shown relative to it (SARIF: against
   * the SRCROOT base); it is also what "the project's own code" means for
   * the HTML page's source excerpts.  NULL: absolute paths, and every
   * readable source file gets excerpts. */
  const char *source_root;
  const char *tool_version;
  /* HTML: show a graph's DOT source instead of running Graphviz (the fuzz
   * target starts no process). */
  bool no_pictures;
} emit_opts_t;

void emit_text(sbuf_t *b, const findings_t *fs);
void emit_json(sbuf_t *b, const findings_t *fs);
void emit_sarif(sbuf_t *b, const findings_t *fs, const emit_opts_t *o);
/* Graphs for the findings that have one (lock-order inversions and
 * deadlocks); returns how many. */
int emit_dot(sbuf_t *b, const findings_t *fs);
/* One finding's graph, "" when it has none. */
void emit_dot_one(sbuf_t *b, const finding_t *f, int index);
void emit_html(sbuf_t *b, const findings_t *fs, const emit_opts_t *o);

#endif /* TANGLE_EMIT_H */
