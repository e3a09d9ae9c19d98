// A SOCK_DGRAM socketpair keeps message boundaries: the sender sends
// datagram 1, writes `late`, sends datagram 2.  main's first recv, with a
// buffer large enough for both, gets datagram 1 only, so it acquires only
// datagram 1's send: reading `late` after it races with its write.
// ThreadSanitizer misses it (its read acquires every send on the socket).
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <sys/socket.h>
#include "../test.h"

int sv[2];
int late;
static void *sender(void *arg);

int main(void) {
  if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
    return 1;
  pthread_t t = test_spawn(sender, NULL);
  test_step_wait(1);
  char buf[64];
  ssize_t n1 = recv(sv[1], buf, sizeof(buf), 0);
  // TANGLE:      WARNING: Tangle: data race
  // TANGLE-NEXT:   Read of size 4 at [[ADDR:0x[0-9a-f]+]] by main thread:
  // TANGLE-NEXT:     #0 main {{.*}}socket_dgram_one_message_per_recv.c:[[#READ:@LINE+1]]
  int seen = late;
  ssize_t n2 = recv(sv[1], buf, sizeof(buf), 0);
  test_join(t);
  printf("datagrams of %zd and %zd bytes, late %d\n", n1, n2, seen);
  return 0;
}

static void *sender(void *arg) {
  if (send(sv[0], "first", 5, 0) != 5)
    abort();
  // TANGLE:      Previous write of size 4 at [[ADDR]] by thread T1:
  // TANGLE-NEXT:   #0 sender {{.*}}socket_dgram_one_message_per_recv.c:[[#@LINE+1]]
  late = 7;
  if (send(sv[0], "second!", 7, 0) != 7)
    abort();
  test_step_set(1);
  return NULL;
}
// TANGLE: SUMMARY: Tangle: data race {{.*}}socket_dgram_one_message_per_recv.c:[[#READ]]:{{[0-9]+}} in main
// CHECK:  datagrams of 5 and 7 bytes, late 7
// TANGLE: Tangle: reported 1 report(s)
