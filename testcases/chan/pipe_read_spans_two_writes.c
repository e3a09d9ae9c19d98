// The writer sends two 8-byte messages, filling `x` before the first and
// `y` before the second (after the first was sent).  The reader takes both
// with one 16-byte read: it acquires both writes, so reading x and y is
// fine.  (With an 8-byte read it would race on y: pipe_partial_reads.c.)
// ThreadSanitizer is silent too.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

static int fds[2];
static int x, y;

static void *writer(void *arg) {
  long m1 = 1, m2 = 2;
  x = 10;
  if (write(fds[1], &m1, sizeof(m1)) != sizeof(m1))
    abort();
  y = 20;
  if (write(fds[1], &m2, sizeof(m2)) != sizeof(m2))
    abort();
  test_step_set(1);
  return NULL;
}

int main(void) {
  if (pipe(fds) != 0)
    return 1;
  pthread_t t = test_spawn(writer, NULL);
  test_step_wait(1); // both messages are in the pipe: one read gets both
  long m[2];
  ssize_t n = read(fds[0], m, sizeof(m));
  if (n != sizeof(m))
    return 1;
  printf("read %zd bytes: %ld %ld, x %d y %d\n", n, m[0], m[1], x, y);
  test_join(t);
  return 0;
}
// CHECK: read 16 bytes: 1 2, x 10 y 20
