// A short write: the writer puts 100000 bytes into an empty nonblocking
// pipe, which takes only what fits (64 KiB) and says so; then it writes
// `late` and sends the rest.  The reader drains exactly the bytes of the
// short write: it acquires that write, committed with the count the call
// returned (the reader knows it is the pipe's size), and not the later one, so reading `first` is fine and reading
// `late` races.  ThreadSanitizer reports it too: the rest is written only
// after the reader looked, so even "everything written to the fd" is just
// the short write.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include "../test.h"

#define TOTAL 100000
int fds[2];
int first, late;
char out[TOTAL], in[TOTAL];
static void *writer(void *arg);

int main(void) {
  if (pipe2(fds, O_NONBLOCK) != 0)
    return 1;
  pthread_t t = test_spawn(writer, NULL);
  test_step_wait(1);
  ssize_t short_count = fcntl(fds[0], F_GETPIPE_SZ), got = 0;
  while (got < short_count) {
    ssize_t n = read(fds[0], in + got, (size_t)(short_count - got));
    if (n <= 0)
      return 1;
    got += n;
  }
  int a = first;
  // TANGLE:      WARNING: Tangle: data race
  // TSAN:        WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // CHECK-NEXT:     #0 main {{.*}}pipe_short_write_nonblocking.c:[[#READ:@LINE+1]]
  int b = late;
  test_step_set(2);
  while (got < TOTAL) {
    ssize_t n = read(fds[0], in + got, TOTAL - (size_t)got);
    if (n > 0)
      got += n;
    else if (n < 0 && errno != EAGAIN)
      return 1;
  }
  test_join(t);
  printf("short write %zd of %d, first %d late %d\n", short_count, TOTAL, a, b);
  return 0;
}

static void *writer(void *arg) {
  first = 1;
  ssize_t short_count = write(fds[1], out, TOTAL);
  if (short_count <= 0 || short_count >= TOTAL)
    abort();
  // CHECK:      Previous write of size 4 at [[ADDR]] by thread T1:
  // CHECK-NEXT:   #0 writer {{.*}}pipe_short_write_nonblocking.c:[[#@LINE+1]]
  late = 2;
  test_step_set(1);
  test_step_wait(2);
  for (ssize_t done = short_count; done < TOTAL;) {
    ssize_t n = write(fds[1], out + done, (size_t)(TOTAL - done));
    if (n > 0)
      done += n;
    else if (errno != EAGAIN)
      abort();
  }
  return NULL;
}
// TANGLE: SUMMARY: Tangle: data race {{.*}}pipe_short_write_nonblocking.c:[[#READ]]:{{[0-9]+}} in main
// TSAN:   SUMMARY: ThreadSanitizer: data race {{.*}}pipe_short_write_nonblocking.c:[[#READ]]:{{[0-9]+}} in main
// CHECK:  short write 65536 of 100000, first 1 late 2
// TANGLE: Tangle: reported 1 report(s)
