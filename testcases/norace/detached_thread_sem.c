// A detached worker cannot be joined, so it reports its result through a
// semaphore: the write before sem_post happens-before main's read after
// sem_wait.  Sibling of race/detached_thread_vs_main.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <semaphore.h>
#include "../test.h"

sem_t finished;
int status_code;
char *report;

static void *worker(void *arg) {
  test_step_wait(1);
  report = malloc(32);
  snprintf(report, 32, "checked %d items", 17);
  status_code = 2;
  sem_post(&finished);
  return NULL;
}

int main(void) {
  sem_init(&finished, 0, 0);
  status_code = 1;
  pthread_t t = test_spawn(worker, NULL);
  pthread_detach(t);
  test_step_set(1);
  sem_wait(&finished);
  printf("status %d: %s\n", status_code, report);
  free(report);
  return 0;
}
// CHECK: status 2: checked 17 items
