// The writer streams a few records into a pipe, then fills `summary` and
// closes its end.  The reader reads until EOF (read returns 0) and then
// reads `summary`: the close happens-before the read that observes EOF,
// like a Go channel's close, so nothing to report.  ThreadSanitizer
// reports a false race: in its model a close releases nothing, so the read
// that sees EOF only acquires the last write, made before `summary`.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

int fds[2];
int summary;

static void *writer(void *arg) {
  for (int i = 0; i < 5; i++)
    if (write(fds[1], &i, sizeof(i)) != sizeof(i))
      abort();
  summary = 5;
  close(fds[1]);
  return NULL;
}

int main(void) {
  if (pipe(fds) != 0)
    return 1;
  pthread_t t = test_spawn(writer, NULL);
  int v, n = 0, sum = 0;
  ssize_t r;
  while ((r = read(fds[0], &v, sizeof(v))) == sizeof(v)) {
    sum += v;
    n++;
  }
  printf("eof after %d records (sum %d), summary %d\n", n, sum, summary);
  test_join(t);
  return r == 0 ? 0 : 1;
}
// TSAN:  WARNING: ThreadSanitizer: data race
// CHECK: eof after 5 records (sum 10), summary 5
