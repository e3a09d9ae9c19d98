// ThreadSanitizer's AnnotateHappensBefore/AnnotateHappensAfter, unchanged:
// a relaxed flag handoff annotated for TSan is silent under both tools.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"
#include "Inputs/dynamic_annotations.h"

int data;
atomic_int flag;

static void *reader(void *arg) {
  while (!atomic_load_explicit(&flag, memory_order_relaxed))
    sched_yield();
  AnnotateHappensAfter(__FILE__, __LINE__, &flag);
  return (void *)(long)data;
}

int main(void) {
  pthread_t t = test_spawn(reader, NULL);
  data = 42;
  AnnotateHappensBefore(__FILE__, __LINE__, &flag);
  atomic_store_explicit(&flag, 1, memory_order_relaxed);
  printf("data %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: data 42
