// The parent reads from a pipe whose write end a forked child holds; the
// child works for a while (longer than deadlock_timeout_ms) before it
// writes.  The parent's only thread is blocked in read, but another
// process can end the wait: after a fork the runtime registers no wait on
// channels that existed before it, so no false deadlock is reported, and
// the child (which inherited the pipe and the runtime's state) works too.
// ThreadSanitizer is silent too.
//
// RUN: %tangle_cc -O1 %s -o %t && env TANGLE_OPTIONS=deadlock_timeout_ms=200 %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <sys/wait.h>
#include "../test.h"

int main(void) {
  int fds[2];
  if (pipe(fds) != 0)
    return 1;
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    usleep(700 * 1000);
    int answer = 42;
    if (write(fds[1], &answer, sizeof(answer)) != sizeof(answer))
      _exit(1);
    _exit(0);
  }
  int v = 0;
  if (read(fds[0], &v, sizeof(v)) != sizeof(v))
    return 1;
  int status;
  waitpid(pid, &status, 0);
  printf("child said %d, exit %d\n", v, WEXITSTATUS(status));
  return 0;
}
// CHECK: child said 42, exit 0
