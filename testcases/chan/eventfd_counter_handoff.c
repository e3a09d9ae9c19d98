// Workers each fill their result and then add 1 to an eventfd; main reads
// the eventfd (which takes the whole counter) until it has counted every
// worker, then reads the results.  A read acquires every write since the
// previous read, so each result is read after it was written: nothing to
// report.  ThreadSanitizer is silent too.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <stdint.h>
#include <sys/eventfd.h>
#include "../test.h"

#define WORKERS 4
int efd;
long results[WORKERS];

static void *worker(void *arg) {
  long me = (long)arg;
  results[me] = me * me + 1;
  uint64_t one = 1;
  if (write(efd, &one, sizeof(one)) != sizeof(one))
    abort();
  return NULL;
}

int main(void) {
  efd = eventfd(0, 0);
  if (efd < 0)
    return 1;
  pthread_t t[WORKERS];
  for (long i = 0; i < WORKERS; i++)
    t[i] = test_spawn(worker, (void *)i);
  uint64_t seen = 0;
  while (seen < WORKERS) {
    uint64_t v;
    if (read(efd, &v, sizeof(v)) != sizeof(v))
      return 1;
    seen += v;
  }
  long sum = 0;
  for (int i = 0; i < WORKERS; i++)
    sum += results[i];
  printf("counted %llu, sum %ld\n", (unsigned long long)seen, sum);
  for (int i = 0; i < WORKERS; i++)
    test_join(t[i]);
  close(efd);
  return 0;
}
// CHECK: counted 4, sum 18
