// Two 16-byte records go through a pipe; `done_a` is written before record
// A is sent, `done_b` after A but before B.  The reader reads record A four
// bytes at a time: only its last piece completes A, and no piece of A may
// acquire B.  So reading `done_a` after A is fine, and reading `done_b`
// races with its write (B, already in the pipe, was not read yet).
// ThreadSanitizer misses the race: its read acquires every write to the fd.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

typedef struct {
  long tag, value;
} record_t;

static int fds[2];
int done_a, done_b;
static void *writer(void *arg);

int main(void) {
  if (pipe(fds) != 0)
    return 1;
  pthread_t t = test_spawn(writer, NULL);
  test_step_wait(1);
  record_t a;
  char *p = (char *)&a;
  for (size_t got = 0; got < sizeof(a); got += 4)
    if (read(fds[0], p + got, 4) != 4)
      return 1;
  int x = done_a;
  // TANGLE:      WARNING: Tangle: data race
  // TANGLE-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // TANGLE-NEXT:     #0 main {{.*}}pipe_partial_reads.c:[[#READ:@LINE+1]]
  int y = done_b;
  record_t b;
  if (read(fds[0], &b, sizeof(b)) != sizeof(b))
    return 1;
  test_join(t);
  printf("a %ld/%ld b %ld/%ld done %d %d\n", a.tag, a.value, b.tag, b.value, x, y);
  return 0;
}

static void *writer(void *arg) {
  record_t a = {1, 100}, b = {2, 200};
  done_a = 11;
  if (write(fds[1], &a, sizeof(a)) != sizeof(a))
    abort();
  // TANGLE:      Previous write of size 4 at [[ADDR]] by thread T1:
  // TANGLE-NEXT:   #0 writer {{.*}}pipe_partial_reads.c:[[#@LINE+1]]
  done_b = 22;
  if (write(fds[1], &b, sizeof(b)) != sizeof(b))
    abort();
  test_step_set(1);
  return NULL;
}
// TANGLE: SUMMARY: Tangle: data race {{.*}}pipe_partial_reads.c:[[#READ]]:{{[0-9]+}} in main
// CHECK:  a 1/100 b 2/200 done 11 22
// TANGLE: Tangle: reported 1 report(s)
