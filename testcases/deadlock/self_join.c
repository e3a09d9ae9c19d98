// A worker joins itself.  A thread can never end while it waits for its
// own end, so this is a deadlock by definition: Tangle reports it and
// exits with 66.  glibc spots this case and makes pthread_join return
// EDEADLK, so without a tool the program goes on and exits 0.
// ThreadSanitizer reports nothing; instead its own thread registry fails
// an internal CHECK in one of the two joins (the self-join or main's later
// join, whichever runs first) and the process dies (checked below).
//
// RUN: %tangle_cc -O1 %s -o %t && timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefix=TANGLE --implicit-check-not='data race'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefix=TSAN --implicit-check-not=WARNING: %}
#include <errno.h>
#include <string.h>
#include "../test.h"

static void *worker(void *arg) {
  // TANGLE:      {{^}}WARNING: Tangle: deadlock{{$}}
  // TANGLE-NEXT: {{^}}  Thread T1 is blocked in pthread_join on thread T1:
  // TANGLE-NEXT: {{^}}    #0 pthread_join
  // TANGLE-NEXT: {{^}}    #1 worker {{.*}}self_join.c:[[#JOIN:@LINE+1]]:
  int rc = pthread_join(pthread_self(), NULL);
  return (void *)(long)rc;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // TSAN:        ThreadSanitizer: CHECK failed: {{.*}}sanitizer_thread_registry.cpp
  // TSAN:          #{{[0-9]+}} pthread_join
  long rc = (long)test_join(t);
  printf("self-join: %s\n", rc == EDEADLK ? "EDEADLK" : strerror((int)rc));
  return 0;
}
// TANGLE: SUMMARY: Tangle: deadlock {{.*}}self_join.c:[[#JOIN]]:{{[0-9]+}} in worker
// TANGLE: Tangle: reported {{[0-9]+}} report(s)
