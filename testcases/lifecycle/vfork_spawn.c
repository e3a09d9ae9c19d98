// vfork and posix_spawn from a multi-threaded program: the child runs (its
// output and exit status), and nothing it does corrupts the parent's
// runtime state.  A vfork child shares the parent's memory until it execs;
// one that closes the parent's pipe first must not make the runtime forget
// the parent's pipe, whose message orders `data` afterwards (a lost pipe
// would be a false race).  Then a real race in the parent is still found.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: %expect_exit 66 %t > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out
// RUN: FileCheck %s < %t.err
// OUT: vfork child says hi
// OUT-NEXT: vfork child exited 4
// OUT-NEXT: spawn child says hi
// OUT-NEXT: spawn child exited 5
// OUT-NEXT: data 42
// CHECK: WARNING: Tangle: data race
// CHECK-NEXT: Write of size 4 at {{.*}} by main thread:
// CHECK-NEXT: #0 main {{.*}}vfork_spawn.c:[[#LINE:]]
// CHECK: Previous write of size 4 at {{.*}} by thread T1:
// CHECK-NEXT: #0 worker {{.*}}vfork_spawn.c:[[#LINE - 32]]
// CHECK-NOT: WARNING:
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../test.h"

extern char **environ;
static int fds[2];
int data, racy;

static void *worker(void *arg) {
  test_step_wait(1);
  data = 42;
  char c = 'x';
  if (write(fds[1], &c, 1) != 1) abort();
  racy = 1;
  test_step_set(2);
  return arg;
}

static int wait_child(pid_t pid) {
  int status;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(void) {
  if (pipe(fds) != 0) abort();
  pthread_t t = test_spawn(worker, NULL);
  fflush(stdout);
  pid_t pid = vfork();
  if (pid == 0) {
    close(fds[0]);
    close(fds[1]);
    execl("/bin/sh", "sh", "-c", "echo vfork child says hi; exit 4", (char *)NULL);
    _exit(127);
  }
  printf("vfork child exited %d\n", wait_child(pid));
  fflush(stdout);
  char *argv[] = {"sh", "-c", "echo spawn child says hi; exit 5", NULL};
  if (posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ) != 0) abort();
  printf("spawn child exited %d\n", wait_child(pid));
  test_step_set(1);
  char c;
  if (read(fds[0], &c, 1) != 1) abort();
  printf("data %d\n", data);
  test_step_wait(2);
  racy = 2;
  test_join(t);
  return 0;
}
