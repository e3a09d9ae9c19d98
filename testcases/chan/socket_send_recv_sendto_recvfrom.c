// Hand-offs over a stream socketpair with send/recv (MSG_WAITALL) and
// sendto/recvfrom (a NULL address): each receive acquires the send of the
// bytes it got, so the consumer sees the buffers the producer filled
// before sending them.  MSG_NOSIGNAL and MSG_WAITALL change nothing about
// which message is which.  ThreadSanitizer reports a false race: its
// recvfrom interceptor does not acquire the fd (recv does), so the
// messages that came through sendto/recvfrom look unsynchronized.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <string.h>
#include <sys/socket.h>
#include "../test.h"

int sv[2];

static void *producer(void *arg) {
  for (int i = 0; i < 4; i++) {
    test_step_wait(i); // in lock step: a message is sent after the last receive
    char *buf = malloc(16);
    int k = 0;
    for (const char *p = "chunk-"; *p; p++) // instrumented writes
      buf[k++] = *p;
    buf[k++] = (char)('0' + i);
    buf[k] = '\0';
    if (i % 2 == 0) {
      if (send(sv[0], &buf, sizeof(buf), MSG_NOSIGNAL) != sizeof(buf))
        abort();
    } else if (sendto(sv[0], &buf, sizeof(buf), 0, NULL, 0) != sizeof(buf)) {
      abort();
    }
  }
  return NULL;
}

int main(void) {
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    return 1;
  pthread_t t = test_spawn(producer, NULL);
  for (int i = 0; i < 4; i++) {
    char *buf;
    ssize_t n = i % 2 == 0 ? recv(sv[1], &buf, sizeof(buf), MSG_WAITALL)
                           : recvfrom(sv[1], &buf, sizeof(buf), MSG_WAITALL, NULL, NULL);
    if (n != sizeof(buf))
      return 1;
    int len = 0;
    while (buf[len] != '\0') // instrumented reads of the producer's bytes
      len++;
    printf("%s (%d)\n", buf, len);
    free(buf);
    test_step_set(i + 1);
  }
  test_join(t);
  return 0;
}
// TSAN:  WARNING: ThreadSanitizer: data race
// CHECK: chunk-0 (7)
// CHECK: chunk-1 (7)
// CHECK: chunk-2 (7)
// CHECK: chunk-3 (7)
