// A thread whose own store was the last one on a variable acquires nothing
// by loading it again, and Tangle lets that load skip the lock; but once
// another thread has stored there with release, a load that reads the new
// value must acquire it, however close the two come.  A handshake, ROUNDS
// times: the reader stores flag = 0 (relaxed) and acquire-loads flag until
// it reads main's next value v, then reads payload[v - 1]; main waits for
// the 0, writes payload[i] and stores flag = i + 1 with release.  Every
// payload read is ordered after its write.  (The work-stealing deque's
// bottom is used this way.)
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

#define ROUNDS 5000
int payload[ROUNDS];
atomic_int flag = -1;

static void *reader(void *arg) {
  long sum = 0;
  for (int i = 0; i < ROUNDS; i++) {
    atomic_store_explicit(&flag, 0, memory_order_relaxed);
    int v;
    while ((v = atomic_load_explicit(&flag, memory_order_acquire)) == 0)
      ;
    sum += payload[v - 1] - v;
  }
  printf("reader: mismatches %ld\n", sum);
  return NULL;
}

int main(void) {
  pthread_t r = test_spawn(reader, NULL);
  for (int i = 0; i < ROUNDS; i++) {
    while (atomic_load_explicit(&flag, memory_order_relaxed) != 0)
      ;
    payload[i] = i + 1;
    atomic_store_explicit(&flag, i + 1, memory_order_release);
  }
  test_join(r);
  return 0;
}
// CHECK: reader: mismatches 0
