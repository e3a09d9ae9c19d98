// REQUIRES: glib
// A small realistic pipeline: a reader thread splits text into lines and
// pushes line records to a GAsyncQueue; three worker threads pop lines,
// count their words into the record and push it to a results queue; main
// pops every result, sums it, and frees it.  End of input is a sentinel
// record per worker.  Every hand-off goes through a queue, each record is
// touched by one thread at a time: no report.  ThreadSanitizer reports
// false races (GAsyncQueue's futex-based lock is invisible to it).
//
// RUN: %tangle_cc -O1 %s -o %t %glib && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan %glib && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <glib.h>
#include <string.h>
#include "../test.h"

#define WORKERS 3

typedef struct {
  char *text; // NULL: end of input
  int words;
} line_t;

static const char *input =
    "the quick brown fox\njumps over\nthe lazy dog\n\nand runs away\n"
    "a b c d e f g\nlast line here\n";
GAsyncQueue *lines, *results;

static void *reader(void *arg) {
  const char *p = input;
  while (*p) {
    const char *nl = strchr(p, '\n');
    line_t *l = g_new0(line_t, 1);
    l->text = g_strndup(p, (gsize)(nl - p));
    g_async_queue_push(lines, l);
    p = nl + 1;
  }
  for (int i = 0; i < WORKERS; i++)
    g_async_queue_push(lines, g_new0(line_t, 1));
  return NULL;
}

static void *worker(void *arg) {
  for (;;) {
    line_t *l = g_async_queue_pop(lines);
    if (l->text == NULL) {
      g_free(l);
      return NULL;
    }
    gchar **w = g_strsplit(l->text, " ", -1);
    for (int i = 0; w[i]; i++)
      l->words += w[i][0] != '\0';
    g_strfreev(w);
    g_async_queue_push(results, l);
  }
}

int main(void) {
  lines = g_async_queue_new();
  results = g_async_queue_new();
  pthread_t r = test_spawn(reader, NULL), w[WORKERS];
  for (int i = 0; i < WORKERS; i++)
    w[i] = test_spawn(worker, NULL);
  int total = 0;
  for (int i = 0; i < 7; i++) {
    line_t *l = g_async_queue_pop(results);
    total += l->words;
    g_free(l->text);
    g_free(l);
  }
  test_join(r);
  for (int i = 0; i < WORKERS; i++)
    test_join(w[i]);
  g_async_queue_unref(lines);
  g_async_queue_unref(results);
  printf("7 lines, %d words\n", total);
  return 0;
}
// TSAN:  WARNING: ThreadSanitizer: data race
// CHECK: 7 lines, 22 words
