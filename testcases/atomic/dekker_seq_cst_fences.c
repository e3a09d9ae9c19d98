// Dekker-style flags with relaxed accesses and seq_cst fences.  Each thread
// writes its data, then: fence (its release part publishes the data through
// the flag store after it), relaxed store of its flag, fence (the Dekker
// fence: at least one thread sees the other's flag, C11 §7.17.3), relaxed
// load of the other's flag, fence (its acquire part takes what that load
// read, §7.17.4).  The one that saw the other's flag reads its data: ordered
// in every interleaving, Tangle stays silent.  (No step barrier here: with
// fences around, its relaxed accesses would synchronize too.)
// ThreadSanitizer does not model standalone fences and reports a race that
// does not exist for whichever thread read; the TSan run asserts that false
// report.  Siblings: dekker_seq_cst_flags.c, seq_cst_fences_wrong_side_race.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %t 2>&1 | FileCheck %s --check-prefix=TANGLE --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefix=TSAN %}
#include "../test.h"

static int data[2], seen[2] = {-1, -1};
static atomic_int flag[2];

static void visit(int me) {
  data[me] += 100 + me;
  atomic_thread_fence(memory_order_seq_cst);
  atomic_store_explicit(&flag[me], 1, memory_order_relaxed);
  atomic_thread_fence(memory_order_seq_cst);
  int other = atomic_load_explicit(&flag[1 - me], memory_order_relaxed);
  atomic_thread_fence(memory_order_seq_cst);
  if (other)
    seen[me] = data[1 - me];
  // TSAN:      WARNING: ThreadSanitizer: data race
  // TSAN-NEXT:   Read of size 4 at {{0x[0-9a-f]+}} by {{main thread|thread T1}}:
  // TSAN-NEXT:     #0 visit {{.*}}dekker_seq_cst_fences.c:[[#@LINE-3]]
  // TSAN:        Previous write of size 4 at {{0x[0-9a-f]+}} by {{main thread|thread T1}}:
  // TSAN-NEXT:     #0 visit {{.*}}dekker_seq_cst_fences.c:[[#@LINE-12]]
}

static void *worker(void *arg) {
  visit(1);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  visit(0);
  test_join(t);
  printf("one saw the other: %d\n", seen[0] == 101 || seen[1] == 100);
  return 0;
}
// TANGLE: one saw the other: 1
// TSAN:   one saw the other: 1
