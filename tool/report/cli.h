/* cli.h — the report side of the `tangle` command: `tangle report`, and the
 * output and gating options `tangle run` shares with it.
 */
#ifndef TANGLE_CLI_H
#define TANGLE_CLI_H

#include "findings.h"

#include <stdbool.h>

/* Where the merged findings go and what makes the exit status fail. */
typedef struct {
  const char *text, *json, *sarif, *dot, *html; /* output files ("-": stdout) */
  const char *source_root;
  unsigned fail_on; /* bit i: kind i (report_kinds.def) gates */
} report_outputs_t;

/* All kinds gate until --fail-on says otherwise. */
void report_outputs_init(report_outputs_t *o);

/* If argv[*i] is one of the output options (--json FILE, --sarif=FILE,
 * --source-root DIR, --fail-on=KINDS, ...), consumes it (and its value) and
 * returns 1; returns 0 if it is not one; -1 after printing an error on
 * stderr (a missing value, an unknown kind). */
int report_outputs_option(report_outputs_t *o, int argc, char **argv, int *i);

/* Writes every output asked for; false after printing an error. */
bool report_outputs_write(const report_outputs_t *o, const findings_t *fs,
                          const char *version);

/* Findings of gating kinds. */
size_t report_gating(const report_outputs_t *o, const findings_t *fs);

/* One line per finding on stderr: "  data race app.c:12:5 in worker (2x)". */
void report_list(const findings_t *fs);

/* `tangle report ARGS...` (argv[0] is the first argument after "report");
 * returns the exit status. */
int report_main(int argc, char **argv, const char *version);

#endif /* TANGLE_CLI_H */
