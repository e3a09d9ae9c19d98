// A request/reply exchange over one AF_UNIX stream socketpair: main fills
// a request and sends its pointer on sv[0]; the server thread reads it on
// sv[1], fills the reply and sends it back on sv[1]; main reads it on
// sv[0].  Each direction is its own channel and each read acquires the
// write it got: nothing to report.  ThreadSanitizer is silent too.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <sys/socket.h>
#include "../test.h"

typedef struct {
  int a, b;
  int sum;
} request_t;

int sv[2];

static void *server(void *arg) {
  request_t *r;
  while (read(sv[1], &r, sizeof(r)) == sizeof(r)) {
    r->sum = r->a + r->b;
    if (write(sv[1], &r, sizeof(r)) != sizeof(r))
      abort();
  }
  return NULL;
}

int main(void) {
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    return 1;
  pthread_t t = test_spawn(server, NULL);
  for (int i = 1; i <= 3; i++) {
    request_t *r = malloc(sizeof(*r)), *back;
    r->a = i;
    r->b = 10 * i;
    if (write(sv[0], &r, sizeof(r)) != sizeof(r))
      return 1;
    if (read(sv[0], &back, sizeof(back)) != sizeof(back))
      return 1;
    printf("%d + %d = %d\n", back->a, back->b, back->sum);
    free(back);
  }
  shutdown(sv[0], SHUT_WR); // the server's read sees EOF
  test_join(t);
  return 0;
}
// CHECK: 1 + 10 = 11
// CHECK: 2 + 20 = 22
// CHECK: 3 + 30 = 33
