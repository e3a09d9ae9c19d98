// AnnotateBenignRaceSized (a range) and AnnotateBenignRace (one byte, as in
// TSan): racy writes to the declared bytes are not reported by either tool.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"
#include "Inputs/dynamic_annotations.h"

long counters[4];
char done_flag;

static void *worker(void *arg) {
  test_step_wait(1);
  for (int i = 0; i < 4; i++)
    counters[i]++;
  done_flag = 1;
  return NULL;
}

int main(void) {
  AnnotateBenignRaceSized(__FILE__, __LINE__, counters, sizeof counters,
                          "statistics");
  AnnotateBenignRace(__FILE__, __LINE__, &done_flag, "a hint only");
  pthread_t t = test_spawn(worker, NULL);
  for (int i = 0; i < 4; i++)
    counters[i]++;
  done_flag = 2;
  test_step_set(1);
  test_join(t);
  printf("counters %ld %ld\n", counters[0], counters[3]);
  return 0;
}
// CHECK: counters 2 2
