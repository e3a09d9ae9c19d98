// An error path unlocks stats_lock a second time: the mutex is no longer
// held by anyone.  POSIX leaves this undefined for a default mutex (glibc
// happens to carry on), and it usually means the locking protocol is
// broken; Tangle reports it as its own kind with the stack of the bad
// unlock, and the run ends with exit status 66.  ThreadSanitizer reports
// it too, as "unlock of an unlocked mutex (or by a wrong thread)".
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
#include "../test.h"

pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
long samples;

static int record(long v) {
  pthread_mutex_lock(&stats_lock);
  if (v < 0) {
    pthread_mutex_unlock(&stats_lock);
    goto fail;
  }
  samples += v;
  pthread_mutex_unlock(&stats_lock);
  return 0;
fail:
  // TANGLE:      {{^}}WARNING: Tangle: unlock of an unlocked mutex{{$}}
  // TANGLE-NEXT: {{^}}  Mutex stats_lock {{.*}}by main thread:
  // TSAN:        {{^}}WARNING: ThreadSanitizer: unlock of an unlocked mutex (or by a wrong thread)
  // CHECK-NEXT:  {{^}}    #0 pthread_mutex_unlock
  // CHECK-NEXT:  {{^}}    #1 record {{.*}}misuse_unlock_of_unlocked_mutex.c:[[#UNLOCK:@LINE+1]]:
  pthread_mutex_unlock(&stats_lock);
  return -1;
}

int main(void) {
  record(5);
  // CHECK-NEXT:  {{^}}    #2 main {{.*}}misuse_unlock_of_unlocked_mutex.c:[[#@LINE+1]]:
  int rc = record(-1);
  printf("samples = %ld, rc = %d\n", samples, rc);
  return 0;
}
// TANGLE: SUMMARY: Tangle: unlock of an unlocked mutex {{.*}}misuse_unlock_of_unlocked_mutex.c:[[#UNLOCK]]:{{[0-9]+}} in record
// TSAN:   SUMMARY: ThreadSanitizer: unlock of an unlocked mutex (or by a wrong thread)
// TANGLE: Tangle: reported 1 report(s)
// TSAN:   ThreadSanitizer: reported 1 warnings
