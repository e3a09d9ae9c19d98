// main reads under a read lock; the worker writes the same variable without
// taking the rwlock at all.  The reader's lock gives the writer nothing, so
// the write races with the read.  Sibling: norace/rwlock_concurrent_readers.c.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
int table_size = 16;

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE:     WARNING: Tangle: data race
  // TSAN:       WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:   Write of size 4 at [[ADDR:0x[0-9a-f]+]] by thread T1{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 worker {{.*}}rwlock_reader_vs_unlocked_writer.c:[[#CUR:@LINE+1]]
  table_size = 32;
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  pthread_rwlock_rdlock(&rw);
  // CHECK:        Previous read of size 4 at [[ADDR]] by main thread{{( \(mutexes: [^)]*\))?}}:
  // CHECK-NEXT:     #0 main {{.*}}rwlock_reader_vs_unlocked_writer.c:[[#@LINE+1]]
  int seen = table_size;
  pthread_rwlock_unlock(&rw);
  test_step_set(1);
  test_join(t);
  printf("seen %d, now %d\n", seen, table_size);
  return 0;
}
// CHECK:        Location is global 'table_size' of size 4 at [[ADDR]]
// TANGLE:       SUMMARY: Tangle: data race {{.*}}rwlock_reader_vs_unlocked_writer.c:[[#CUR]]:{{[0-9]+}} in worker
// TSAN:         SUMMARY: ThreadSanitizer: data race {{.*}}rwlock_reader_vs_unlocked_writer.c:[[#CUR]]:{{[0-9]+}} in worker
// TANGLE:       Tangle: reported 1 report(s)
// TSAN:         ThreadSanitizer: reported 1 warnings
