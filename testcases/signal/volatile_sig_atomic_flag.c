// The flag C11 allows a handler to share with the code it interrupts: a
// volatile sig_atomic_t.  Another thread sends SIGUSR1; main polls the
// flag until the handler has set it.  While a handler is installed,
// Tangle checks volatile accesses of up to 4 bytes as relaxed atomics, so
// the flag is silent ("flag").  It orders nothing, though: a plain int the
// handler also writes and main reads after seeing the flag is a race
// ("data"), reported with both stacks.
//
// Under ThreadSanitizer this program never ends: it defers an
// asynchronous signal to the thread's next intercepted call, and main's
// loop makes none, so the handler never runs.  (Tangle's deferral applies
// only inside its runtime, and a timer kicks the thread out of it.)  So
// there are no ThreadSanitizer RUN lines.
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: %t flag 2>&1 | FileCheck %s --check-prefix=FLAG --implicit-check-not='WARNING:'
// RUN: %expect_exit 66 %t data 2>&1 | FileCheck %s --check-prefix=DATA
// FLAG: flag seen, data 7
#include "../test.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t got;
int data;
static int with_data;
static pthread_t main_thread;

static void on_usr1(int sig);

static void *sender(void *arg) {
  pthread_kill(main_thread, SIGUSR1);
  return arg;
}

int main(int argc, char **argv) {
  with_data = strcmp(argv[1], "data") == 0;
  if (!with_data) data = 7;
  main_thread = pthread_self();
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, NULL);
  pthread_t t = test_spawn(sender, NULL);
  while (!got) {
  }
  // DATA: WARNING: Tangle: data race
  // DATA-NEXT: Read of size 4 at {{.*}} by main thread:
  // DATA-NEXT: #0 main {{.*}}volatile_sig_atomic_flag.c:[[#@LINE+1]]
  printf("flag seen, data %d\n", data);
  test_join(t);
  return 0;
}

static void on_usr1(int sig) {
  if (with_data)
    // DATA: Previous write of size 4 at {{.*}} by thread T{{[0-9]+}}:
    // DATA-NEXT: #0 on_usr1 {{.*}}volatile_sig_atomic_flag.c:[[#@LINE+1]]
    data = 7;
  got = 1;
}
