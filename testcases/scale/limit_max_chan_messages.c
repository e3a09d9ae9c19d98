// max_chan_messages bounds the messages in flight per channel whose clocks
// are kept apart.  Main writes one byte to a pipe, then `late`, then three
// more bytes; only then does the reader take the first byte and read
// `late`: a race, since only the later messages order the write.  With
// max_chan_messages=2 the oldest messages are merged, so the first receive
// acquires the write too: one line names the limit and the option, and the
// race is missed.  With the default it is reported.  Not run under TSan:
// the table is Tangle's (and TSan orders every pipe read after every write).
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: env TANGLE_OPTIONS=max_chan_messages=2 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,SMALL --implicit-check-not=tangle: --implicit-check-not=WARNING:
// RUN: %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,LARGE --implicit-check-not=tangle: --implicit-check-not=WARNING:
// SMALL: tangle: a channel holds more than 2 messages in flight; the oldest are merged, so a receive acquires them all and a race ordered only by a later message can be missed (raise max_chan_messages in TANGLE_OPTIONS)
#include "../test.h"

static int fds[2];
int late;

static void *reader(void *arg) {
  test_step_wait(1);
  char c;
  if (read(fds[0], &c, 1) != 1) abort();
  // LARGE: WARNING: Tangle: data race
  // LARGE-NEXT: Read of size 4 at {{.*}} by thread T1:
  // LARGE-NEXT: #0 reader {{.*}}limit_max_chan_messages.c:[[#@LINE+1]]
  printf("late %d\n", late);
  char rest[3];
  if (read(fds[0], rest, 3) != 3) abort();
  return arg;
}

int main(void) {
  if (pipe(fds) != 0) return 1;
  pthread_t t = test_spawn(reader, NULL);
  if (write(fds[1], "a", 1) != 1) return 1;
  // LARGE: Previous write of size 4 at {{.*}} by main thread:
  // LARGE-NEXT: #0 main {{.*}}limit_max_chan_messages.c:[[#@LINE+1]]
  late = 1;
  for (int i = 0; i < 3; i++)
    if (write(fds[1], "b", 1) != 1) return 1;
  test_step_set(1);
  test_join(t);
  return 0;
}
// CHECK: late 1
