// fork+exec from a multi-threaded program: an uninstrumented program run
// that way behaves as it would without Tangle (its output, its exit
// status), and an instrumented one (this program again, "race" mode)
// detects on its own, into its own report file.  The parent, its busy
// thread still running, reports nothing.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env TANGLE_OPTIONS=report_path=%t.dir/r %expect_exit 0 %t > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out
// RUN: FileCheck %s < %t.err
// RUN: %expect_exit 66 %tangle report %t.dir/r.*.json | FileCheck --check-prefix=MERGED %s
// OUT: hello from sh
// OUT-NEXT: sh exited 3
// OUT-NEXT: race mode done
// OUT-NEXT: self exited 66
// CHECK: WARNING: Tangle: data race
// CHECK-NEXT: Write of size 4 at {{.*}} by main thread:
// CHECK-NEXT: #0 main {{.*}}fork_exec.c:[[#RACE_LINE:]]
// CHECK: Previous write of size 4 at {{.*}} by thread T1:
// CHECK-NEXT: #0 racer {{.*}}fork_exec.c:[[#RACE_LINE - 21]]
// CHECK-NOT: WARNING:
// MERGED: Tangle: 1 finding(s) from 1 report(s)
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../test.h"

static atomic_int stop;
static long busy_data;
int value;

static void *busy(void *arg) {
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) busy_data++;
  return arg;
}

static void *racer(void *arg) {
  value = 1;
  test_step_set(1);
  return arg;
}

static int run(char *const argv[]) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    execv(argv[0], argv);
    _exit(127);
  }
  int status;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "race") == 0) {
    pthread_t t = test_spawn(racer, NULL);
    test_step_wait(1);
    value = 2;
    test_join(t);
    printf("race mode done\n");
    return 0;
  }
  pthread_t b = test_spawn(busy, NULL);
  char *sh[] = {"/bin/sh", "-c", "echo hello from sh; exit 3", NULL};
  printf("sh exited %d\n", run(sh));
  char *self[] = {argv[0], "race", NULL};
  printf("self exited %d\n", run(self));
  atomic_store_explicit(&stop, 1, memory_order_relaxed);
  test_join(b);
  return 0;
}
