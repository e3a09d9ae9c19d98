// main locks config_lock and then calls reload_config(), which locks it
// again.  config_lock is a default (non-recursive) mutex, so the second
// lock waits for its own holder: a one-thread deadlock that hangs forever
// without a tool and under ThreadSanitizer (which reports nothing; no TSan
// run here).  Tangle reports the thread blocked on a mutex it holds
// itself, with the full stack of the relock and where the mutex was first
// locked, and exits with 66.
//
// RUN: %tangle_cc -O0 %s -o %t && timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='data race'
#include "../test.h"

pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
int config_version;

static void reload_config(void) {
  // CHECK:      {{^}}WARNING: Tangle: deadlock{{$}}
  // CHECK-NEXT: {{^}}  Main thread is blocked in pthread_mutex_lock on mutex config_lock held by main thread:
  // CHECK-NEXT: {{^}}    #0 pthread_mutex_lock
  // CHECK-NEXT: {{^}}    #1 reload_config {{.*}}relock_default_mutex.c:[[#RELOCK:@LINE+1]]:
  pthread_mutex_lock(&config_lock);
  config_version++;
  pthread_mutex_unlock(&config_lock);
}

static void apply_settings(void) {
  pthread_mutex_lock(&config_lock);
  // CHECK-NEXT: {{^}}    #2 apply_settings {{.*}}relock_default_mutex.c:[[#CALL:@LINE+1]]:
  reload_config();
  pthread_mutex_unlock(&config_lock);
}

int main(void) {
  // CHECK-NEXT: {{^}}    #3 main {{.*}}relock_default_mutex.c:[[#@LINE+1]]:
  apply_settings();
  printf("not reached: version %d\n", config_version);
  return 0;
}
// CHECK:      {{^}}  Mutex config_lock previously acquired by the same thread here:
// CHECK-NEXT: {{^}}    #0 pthread_mutex_lock
// CHECK-NEXT: {{^}}    #1 apply_settings {{.*}}relock_default_mutex.c:[[#CALL-2]]:
// CHECK: SUMMARY: Tangle: deadlock {{.*}}relock_default_mutex.c:[[#RELOCK]]:{{[0-9]+}} in reload_config
// CHECK: Tangle: reported {{[0-9]+}} report(s)
