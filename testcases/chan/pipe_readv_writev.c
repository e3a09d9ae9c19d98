// A message of a header and a body pointer goes out with one writev of two
// iovecs and comes in with one readv into two others, split differently.
// The readv gets all the bytes of the writev, so it acquires it: the body
// filled before it is read safely.  Then a second, separate writev carries
// a flag written after the first message; a readv of only the first
// message's bytes would not have acquired it, but here the reader reads it
// too before looking.  Nothing to report; ThreadSanitizer is silent too.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <string.h>
#include <sys/uio.h>
#include "../test.h"

static int fds[2];
static int flag;

static void *writer(void *arg) {
  int header = 7;
  char *body = malloc(32);
  snprintf(body, 32, "hello through writev");
  struct iovec out[2] = {{&header, sizeof(header)}, {&body, sizeof(body)}};
  if (writev(fds[1], out, 2) != sizeof(header) + sizeof(body))
    abort();
  flag = 1;
  int one = 1;
  struct iovec more[1] = {{&one, sizeof(one)}};
  if (writev(fds[1], more, 1) != sizeof(one))
    abort();
  return NULL;
}

int main(void) {
  if (pipe(fds) != 0)
    return 1;
  pthread_t t = test_spawn(writer, NULL);
  char raw[sizeof(int) + sizeof(char *)];
  struct iovec in[2] = {{raw, 2}, {raw + 2, sizeof(raw) - 2}};
  for (size_t got = 0; got < sizeof(raw);) {
    ssize_t n = readv(fds[0], in, 2);
    if (n <= 0)
      return 1;
    got += (size_t)n; // a pipe delivers a small writev whole
  }
  int header;
  char *body;
  memcpy(&header, raw, sizeof(header));
  memcpy(&body, raw + sizeof(header), sizeof(body));
  printf("header %d body '%s'\n", header, body);
  int one;
  struct iovec in2[1] = {{&one, sizeof(one)}};
  if (readv(fds[0], in2, 1) != sizeof(one))
    return 1;
  printf("flag %d\n", flag);
  free(body);
  test_join(t);
  return 0;
}
// CHECK: header 7 body 'hello through writev'
// CHECK: flag 1
