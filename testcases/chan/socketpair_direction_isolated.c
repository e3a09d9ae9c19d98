// The two directions of a socketpair are two channels.  The worker sends
// message 1 towards main (on sv[1]), then writes `late`, then sends a
// message the other way (on sv[0], towards its own end).  main reads
// message 1 on sv[0] and reads `late`: only message 1's write is ordered
// before that read, so it races with the write of `late`.
// ThreadSanitizer misses it: it gives both fds of a socketpair one sync
// object, so main's read also acquires the write made in the other
// direction after `late` was written.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <sys/socket.h>
#include "../test.h"

int sv[2];
int late;
static void *worker(void *arg);

int main(void) {
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    return 1;
  pthread_t t = test_spawn(worker, NULL);
  test_step_wait(1);
  long m;
  if (read(sv[0], &m, sizeof(m)) != sizeof(m))
    return 1;
  // TANGLE:      WARNING: Tangle: data race
  // TANGLE-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // TANGLE-NEXT:     #0 main {{.*}}socketpair_direction_isolated.c:[[#READ:@LINE+1]]
  int seen = late;
  if (read(sv[1], &m, sizeof(m)) != sizeof(m))
    return 1;
  test_join(t);
  printf("late %d\n", seen);
  return 0;
}

static void *worker(void *arg) {
  long m = 1;
  if (write(sv[1], &m, sizeof(m)) != sizeof(m))
    abort();
  // TANGLE:      Previous write of size 4 at [[ADDR]] by thread T1:
  // TANGLE-NEXT:   #0 worker {{.*}}socketpair_direction_isolated.c:[[#@LINE+1]]
  late = 42;
  if (write(sv[0], &m, sizeof(m)) != sizeof(m))
    abort();
  test_step_set(1);
  return NULL;
}
// TANGLE: SUMMARY: Tangle: data race {{.*}}socketpair_direction_isolated.c:[[#READ]]:{{[0-9]+}} in main
// CHECK:  late 42
// TANGLE: Tangle: reported 1 report(s)
