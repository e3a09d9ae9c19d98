// main blocks in read() on a pipe, and the worker, after sleeping 300 ms,
// writes to it.  Tangle cannot see who will end a read() (any thread, or
// another process, may write), so a thread in I/O never counts as
// deadlocked, even after deadlock_timeout_ms (shortened to 50 ms here):
// the read returns, main joins the worker, and nothing is reported.
//
// RUN: %tangle_cc -O1 %s -o %t && env TANGLE_OPTIONS=deadlock_timeout_ms=50 %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

int fds[2];

static void *writer(void *arg) {
  usleep(300000);
  if (write(fds[1], "ping", 4) != 4)
    abort();
  return NULL;
}

int main(void) {
  char buf[8] = {0};
  if (pipe(fds) != 0)
    abort();
  pthread_t t = test_spawn(writer, NULL);
  ssize_t n = read(fds[0], buf, 4);
  test_join(t);
  printf("read %zd bytes: %s\n", n, buf);
  return 0;
}
// CHECK: read 4 bytes: ping
