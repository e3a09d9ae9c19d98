/* fuzz_report.c — libFuzzer target for the report readers of `tangle
 * report` (tool/report): JSON lines as a report file, merged, then written
 * in every format (HTML without Graphviz, so no process is started). */
#include "emit.h"
#include "findings.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[] = "/tmp/tangle-fuzz-report-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return 0;
  if (write(fd, data, size) != (ssize_t)size) size = 0;
  close(fd);
  findings_t fs = {0};
  char err[1024];
  if (findings_load(&fs, path, 0, err, sizeof err)) {
    findings_sort(&fs);
    emit_opts_t o = {.source_root = "/nonexistent", .tool_version = "fuzz",
                     .no_pictures = true};
    sbuf_t b = {0};
    emit_text(&b, &fs);
    emit_json(&b, &fs);
    emit_sarif(&b, &fs, &o);
    emit_dot(&b, &fs);
    emit_html(&b, &fs, &o);
    sb_free(&b);
  }
  findings_free(&fs);
  unlink(path);
  return 0;
}
