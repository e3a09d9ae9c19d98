// Teardown destroys queue_lock while a forgotten early return still holds
// it.  Destroying a locked mutex is undefined behaviour (glibc refuses
// with EBUSY, other libcs free it under the holder's feet); Tangle reports
// it as its own kind, with the stack of the destroy, and the run ends with
// exit status 66.  ThreadSanitizer agrees ("destroy of a locked mutex").
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
#include "../test.h"

struct queue { pthread_mutex_t lock; int len; };
struct queue jobs;

static int queue_pop(struct queue *q) {
  pthread_mutex_lock(&q->lock);
  if (q->len == 0)
    return -1; /* BUG: returns with q->lock held */
  q->len--;
  pthread_mutex_unlock(&q->lock);
  return 0;
}

static void queue_destroy(struct queue *q) {
  // TANGLE:      {{^}}WARNING: Tangle: destroy of a locked mutex{{$}}
  // TANGLE-NEXT: {{^}}  Mutex jobs {{.*}}by main thread:
  // TSAN:        {{^}}WARNING: ThreadSanitizer: destroy of a locked mutex
  // CHECK-NEXT:  {{^}}    #0 pthread_mutex_destroy
  // CHECK-NEXT:  {{^}}    #1 queue_destroy {{.*}}misuse_destroy_of_locked_mutex.c:[[#DESTROY:@LINE+1]]:
  pthread_mutex_destroy(&q->lock);
}

int main(void) {
  pthread_mutex_init(&jobs.lock, NULL);
  jobs.len = 1;
  while (queue_pop(&jobs) == 0)
    ;
  // CHECK-NEXT:  {{^}}    #2 main {{.*}}misuse_destroy_of_locked_mutex.c:[[#@LINE+1]]:
  queue_destroy(&jobs);
  printf("queue destroyed\n");
  return 0;
}
// TANGLE: SUMMARY: Tangle: destroy of a locked mutex {{.*}}misuse_destroy_of_locked_mutex.c:[[#DESTROY]]:{{[0-9]+}} in queue_destroy
// TSAN:   SUMMARY: ThreadSanitizer: destroy of a locked mutex
// TANGLE: Tangle: reported 1 report(s)
// TSAN:   ThreadSanitizer: reported 1 warnings
