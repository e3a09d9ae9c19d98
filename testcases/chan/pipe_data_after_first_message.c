// The writer sends message 1 (a pointer to `first`), then fills `late` and
// sends message 2.  The reader reads only message 1 (8 bytes) and then
// reads `late`: message 1's write does not order the later write of
// `late`, so that read races with it, although message 2 is already in the
// pipe.  ThreadSanitizer misses it: its pipe model acquires everything
// ever written to the fd, so the read of message 1 also acquires the write
// of message 2.  Tangle acquires only the bytes the read returned.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

static int fds[2];
static int first;
static int late;
static void *writer(void *arg);

int main(void) {
  if (pipe(fds) != 0)
    return 1;
  pthread_t t = test_spawn(writer, NULL);
  test_step_wait(1);
  int *msg;
  if (read(fds[0], &msg, sizeof(msg)) != sizeof(msg))
    return 1;
  int a = *msg;
  // TANGLE:      WARNING: Tangle: data race
  // TANGLE-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // TANGLE-NEXT:     #0 main {{.*}}pipe_data_after_first_message.c:[[#READ:@LINE+1]]
  int b = late;
  if (read(fds[0], &msg, sizeof(msg)) != sizeof(msg))
    return 1;
  test_join(t);
  printf("first %d late %d\n", a, b);
  return 0;
}

static void *writer(void *arg) {
  int *msg = &first;
  first = 1;
  if (write(fds[1], &msg, sizeof(msg)) != sizeof(msg))
    abort();
  // TANGLE:      Previous write of size 4 at [[ADDR]] by thread T1:
  // TANGLE-NEXT:   #0 writer {{.*}}pipe_data_after_first_message.c:[[#@LINE+1]]
  late = 2;
  msg = &late;
  if (write(fds[1], &msg, sizeof(msg)) != sizeof(msg))
    abort();
  test_step_set(1);
  return NULL;
}
// TANGLE: SUMMARY: Tangle: data race {{.*}}pipe_data_after_first_message.c:[[#READ]]:{{[0-9]+}} in main
// CHECK:  first 1 late 2
// TANGLE: Tangle: reported 1 report(s)
