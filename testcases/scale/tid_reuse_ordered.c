// Sibling of tid_reuse_names_the_old_thread.c, synchronized: T2, the thread
// main creates after joining T1, takes T1's tid and continues its clock.
// Everything T1 did happens before T2 (join, then create), so T2 rewriting
// T1's data is no race, though the shadow holds T1's records under the
// same tid; T3, which hears of T2 through the mutex, reads both after.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not=WARNING: %}
#include "../test.h"

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int data, flag, rounds;

static void *first(void *arg) {
  data = 1;
  rounds++;
  return arg;
}

static void *second(void *arg) {
  data += 10; // T1's write, by the tid's earlier holder
  rounds++;
  pthread_mutex_lock(&m);
  flag = 1;
  pthread_mutex_unlock(&m);
  return arg;
}

static void *reader(void *arg) {
  int seen = 0;
  while (!seen) {
    pthread_mutex_lock(&m);
    seen = flag;
    pthread_mutex_unlock(&m);
    if (!seen) sched_yield();
  }
  printf("data %d rounds %d\n", data, rounds);
  return arg;
}

int main(void) {
  for (int i = 0; i < 3; i++) {
    data = 0;
    flag = 0;
    pthread_t t1 = test_spawn(first, NULL);
    test_join(t1);
    pthread_t t2 = test_spawn(second, NULL);
    pthread_t t3 = test_spawn(reader, NULL);
    test_join(t2);
    test_join(t3);
  }
  return 0;
}
// CHECK-COUNT-3: data 11 rounds {{[246]}}
