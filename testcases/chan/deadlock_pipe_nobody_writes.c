// The worker waits for a command on a pipe, but main never writes one: it
// joins the worker instead (and still holds the write end, so the read
// can never see EOF either).  Both threads are blocked and nothing in the
// process can end either wait: after deadlock_timeout_ms Tangle reports
// the deadlock with both blocked calls and exits 66.  The pipe was made
// by this process, which never forked, so no other process can write it.
// Without a tool, and under ThreadSanitizer, the program hangs (no TSan
// run here).
//
// RUN: %tangle_cc -O1 %s -o %t && env TANGLE_OPTIONS=deadlock_timeout_ms=500 timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='data race'
#include "../test.h"

int cmd[2];

static void *worker(void *arg) {
  char c;
  // CHECK:      {{^}}WARNING: Tangle: deadlock{{$}}
  // CHECK-NEXT: {{^}}  Thread T1 is blocked in read on pipe fd [[#FD:]]:
  // CHECK-NEXT: {{^}}    #0 read
  // CHECK-NEXT: {{^}}    #1 worker {{.*}}deadlock_pipe_nobody_writes.c:[[#READ:@LINE+1]]:
  if (read(cmd[0], &c, 1) == 1)
    printf("command %c\n", c);
  return NULL;
}

int main(void) {
  if (pipe(cmd) != 0)
    return 1;
  printf("read end fd %d\n", cmd[0]);
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:      {{^}}  Main thread is blocked in pthread_join on thread T1:
  // CHECK-NEXT: {{^}}    #0 pthread_join
  // CHECK-NEXT: {{^}}    #1 test_join
  test_join(t);
  return 0;
}
// CHECK: SUMMARY: Tangle: deadlock {{.*}}deadlock_pipe_nobody_writes.c:[[#READ]]:{{[0-9]+}} in worker
// CHECK: read end fd [[#FD]]
// CHECK: Tangle: reported 1 report(s)
