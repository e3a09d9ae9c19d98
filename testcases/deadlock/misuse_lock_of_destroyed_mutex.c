// A late log call locks log_lock after shutdown already destroyed it.
// Locking a destroyed mutex is undefined behaviour (glibc happens to fail
// with EINVAL, so the message is silently lost); Tangle reports it as its
// own kind with the stack of the lock, and the run ends with exit status
// 66.  ThreadSanitizer reports it as "use of an invalid mutex (e.g.
// uninitialized or destroyed)".
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
#include "../test.h"

pthread_mutex_t log_lock;
int log_lines;

static void log_line(void) {
  // TANGLE:      {{^}}WARNING: Tangle: lock of a destroyed mutex{{$}}
  // TANGLE-NEXT: {{^}}  Mutex log_lock {{.*}}by main thread:
  // TSAN:        {{^}}WARNING: ThreadSanitizer: use of an invalid mutex (e.g. uninitialized or destroyed)
  // CHECK-NEXT:  {{^}}    #0 pthread_mutex_lock
  // CHECK-NEXT:  {{^}}    #1 log_line {{.*}}misuse_lock_of_destroyed_mutex.c:[[#LOCK:@LINE+1]]:
  if (pthread_mutex_lock(&log_lock) != 0)
    return;
  log_lines++;
  pthread_mutex_unlock(&log_lock);
}

static void shutdown_logging(void) {
  pthread_mutex_destroy(&log_lock);
}

int main(void) {
  pthread_mutex_init(&log_lock, NULL);
  log_line();
  shutdown_logging();
  // CHECK-NEXT:  {{^}}    #2 main {{.*}}misuse_lock_of_destroyed_mutex.c:[[#@LINE+1]]:
  log_line();
  printf("%d line(s) logged\n", log_lines);
  return 0;
}
// TANGLE: SUMMARY: Tangle: lock of a destroyed mutex {{.*}}misuse_lock_of_destroyed_mutex.c:[[#LOCK]]:{{[0-9]+}} in log_line
// TSAN:   SUMMARY: ThreadSanitizer: use of an invalid mutex (e.g. uninitialized or destroyed)
// TANGLE: Tangle: reported 1 report(s)
// TSAN:   ThreadSanitizer: reported 1 warnings
