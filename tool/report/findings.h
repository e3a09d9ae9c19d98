/* findings.h — reports read back from JSON-lines files, one finding per
 * fingerprint.
 *
 * Every process of an instrumented run appends its reports to its own
 * PREFIX.<pid>.json (docs/report-format.md); a CI job may collect many such
 * files from many processes, runs and shards.  A finding is one bug: the
 * reports that share a fingerprint (the runtime computes it from the kind
 * and the symbolized frames, no addresses or pids), of which the first one
 * read stands for all, with a count of how many were merged into it.
 */
#ifndef TANGLE_FINDINGS_H
#define TANGLE_FINDINGS_H

#include "json.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  json_doc_t *doc;         /* owns the report */
  const jval_t *rep;       /* the report object (the first one read) */
  const char *kind;        /* its "kind" */
  const char *fingerprint; /* its "fingerprint" */
  unsigned count;          /* reports merged into it */
  char *origin;            /* "FILE:LINE" it was first read from */
} finding_t;

typedef struct {
  finding_t *v;
  size_t n, cap;
  unsigned reports;    /* reports read, before merging */
  unsigned suppressed; /* reports the run's suppressions matched (not findings) */
} findings_t;

/* Reads every report line of path into fs, merging by fingerprint in the
 * order first seen; lines that end at or before byte offset `from` are
 * skipped (they were there before a run).  Blank lines are skipped too.  On a line that is not a
 * Tangle report (bad JSON, another schema, a required field missing) stops
 * and returns false with "PATH:LINE: what is wrong" in err; a file that
 * cannot be read likewise names the file. */
bool findings_load(findings_t *fs, const char *path, long long from, char *err,
                   size_t errsz);
/* Puts the findings in a reproducible order, whatever order the files were
 * read in: by kind (report_kinds.def's order), then summary, then
 * fingerprint. */
void findings_sort(findings_t *fs);
void findings_free(findings_t *fs);

/* The kind's index in runtime/report_kinds.def, or -1. */
int findings_kind_index(const char *kind);
/* Of kind index i: the title ("data race"), the short name ("race"), the
 * one-sentence help.  n_kinds is how many there are. */
extern const int findings_n_kinds;
const char *findings_kind_title(int i);
const char *findings_kind_name(int i);
const char *findings_kind_help(int i);

/* ---- walking a report ------------------------------------------------ */

/* One frame of a stack as the JSON has it; file NULL when unknown. */
typedef struct {
  const char *function, *file, *module, *offset;
  long line, column;
} frame_t;

/* Frame i of a JSON stack array (false past its end or if malformed). */
bool findings_frame(const jval_t *stack, size_t i, frame_t *out);

/* One stack of a report, labelled: "Write of size 4 by thread T1", "Mutex
 * lock_a acquired while holding mutex lock_b in thread T1", ...  The
 * stacks a finding is about (the accesses, the lock-order edges, the
 * blocked threads, the misused call), in the text report's order. */
typedef struct {
  char label[256];
  const char *thread; /* "main", "T1", or NULL */
  const jval_t *stack;
} labelled_stack_t;

/* Fills up to max stacks of the report; returns how many. */
int findings_stacks(const jval_t *rep, labelled_stack_t *out, int max);

/* The report's primary source location: the frame its summary line names,
 * else the first frame with a file.  false if there is none.  The strings
 * stay valid until the next call. */
bool findings_primary(const jval_t *rep, frame_t *out);

/* "main thread" or "thread T1" (capital: "Main thread", "Thread T1") for a
 * JSON thread name. */
void findings_thread_words(const char *thread, bool capital, char *out, size_t n);

#endif /* TANGLE_FINDINGS_H */
