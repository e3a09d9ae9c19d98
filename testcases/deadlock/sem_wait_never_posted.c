// main waits on the semaphore `loaded`, which only the loader thread would
// post, but the loader failed and returned without posting.  The loader
// has ended, so the one thread left is blocked and nothing can post:
// after deadlock_timeout_ms Tangle reports main's sem_wait and exits with
// 66.  Without a tool, and under ThreadSanitizer, the program just hangs
// (no TSan run here).
//
// RUN: %tangle_cc -O1 %s -o %t && timeout 20 %expect_exit 66 %t 2>&1 | FileCheck %s --implicit-check-not='data race'
#include <semaphore.h>
#include "../test.h"

sem_t loaded;
int config_ok;

static void *loader(void *arg) {
  if (!config_ok)
    return NULL;
  sem_post(&loaded);
  return NULL;
}

int main(void) {
  sem_init(&loaded, 0, 0);
  pthread_t t = test_spawn(loader, NULL);
  test_join(t);
  // CHECK:      {{^}}WARNING: Tangle: deadlock{{$}}
  // CHECK-NEXT: {{^}}  Main thread is blocked in sem_wait on semaphore loaded:
  // CHECK-NEXT: {{^}}    #0 sem_wait
  // CHECK-NEXT: {{^}}    #1 main {{.*}}sem_wait_never_posted.c:[[#WAIT:@LINE+1]]:
  sem_wait(&loaded);
  printf("not reached\n");
  return 0;
}
// CHECK: SUMMARY: Tangle: deadlock {{.*}}sem_wait_never_posted.c:[[#WAIT]]:{{[0-9]+}} in main
// CHECK: Tangle: reported {{[0-9]+}} report(s)
