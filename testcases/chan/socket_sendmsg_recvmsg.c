// A message in two iovecs sent with sendmsg and received with recvmsg into
// one buffer: the receive gets all its bytes and acquires the send, so the
// block the message points to is read after it was filled.  A flag written
// after the send is read only after a second message that carries it.
// ThreadSanitizer is silent too.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <string.h>
#include <sys/socket.h>
#include "../test.h"

int sv[2];
int stage;

static void *sender(void *arg) {
  int kind = 3;
  long *block = malloc(4 * sizeof(long));
  for (int i = 0; i < 4; i++)
    block[i] = 100 + i;
  struct iovec iov[2] = {{&kind, sizeof(kind)}, {&block, sizeof(block)}};
  struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};
  if (sendmsg(sv[0], &msg, 0) != (ssize_t)(sizeof(kind) + sizeof(block)))
    abort();
  stage = 2;
  char done = 'd';
  struct iovec iov2 = {&done, 1};
  struct msghdr msg2 = {.msg_iov = &iov2, .msg_iovlen = 1};
  if (sendmsg(sv[0], &msg2, 0) != 1)
    abort();
  return NULL;
}

int main(void) {
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    return 1;
  pthread_t t = test_spawn(sender, NULL);
  char raw[sizeof(int) + sizeof(long *)];
  struct iovec iov = {raw, sizeof(raw)};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
  if (recvmsg(sv[1], &msg, MSG_WAITALL) != sizeof(raw))
    return 1;
  int kind;
  long *block;
  memcpy(&kind, raw, sizeof(kind));
  memcpy(&block, raw + sizeof(kind), sizeof(block));
  printf("kind %d block %ld..%ld\n", kind, block[0], block[3]);
  char done;
  struct iovec iov2 = {&done, 1};
  struct msghdr msg2 = {.msg_iov = &iov2, .msg_iovlen = 1};
  if (recvmsg(sv[1], &msg2, 0) != 1)
    return 1;
  printf("stage %d\n", stage);
  free(block);
  test_join(t);
  return 0;
}
// CHECK: kind 3 block 100..103
// CHECK: stage 2
