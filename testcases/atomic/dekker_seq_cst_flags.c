// Dekker-style flags with seq_cst atomics: each thread writes its own
// data, raises its own flag (seq_cst store), then reads the other's flag
// (seq_cst load).  The single total order S of seq_cst operations
// (C11 §7.17.3) guarantees at least one thread sees the other's flag; the
// one that does reads the other's data.  That is ordered because a seq_cst
// store is a release and a seq_cst load an acquire: the load synchronizes
// with the store it read.  Silent for both tools in every interleaving.
// Siblings: dekker_seq_cst_fences.c, dekker_middle_fence_only_race.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

static int data[2];
static atomic_int flag[2];
static int seen[2];

static void visit(int me) {
  data[me] = 100 + me;
  atomic_store(&flag[me], 1);
  if (atomic_load(&flag[1 - me]))
    seen[me] = data[1 - me];
}

static void *worker(void *arg) {
  visit(1);
  return NULL;
}

int main(void) {
  for (int round = 0; round < 50; round++) {
    data[0] = data[1] = seen[0] = seen[1] = 0;
    atomic_store(&flag[0], 0);
    atomic_store(&flag[1], 0);
    pthread_t t = test_spawn(worker, NULL);
    visit(0);
    test_join(t);
    if (seen[0] != 101 && seen[1] != 100) {
      printf("round %d: neither saw the other\n", round);
      return 1;
    }
  }
  printf("every round: one saw the other\n");
  return 0;
}
// CHECK: every round: one saw the other
