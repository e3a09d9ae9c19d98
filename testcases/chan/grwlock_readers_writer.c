// REQUIRES: glib
// A GRWLock-protected table: a writer thread updates it under the writer
// lock while three reader threads look it up under the reader lock.  GLib
// builds GRWLock on a pthread rwlock it allocates itself; the runtime
// intercepts g_rw_lock_* under the program's address (and keeps GLib's
// inner pthread calls from being seen twice): nothing to report.
// ThreadSanitizer is silent too (it sees GLib's inner pthread_rwlock
// calls).
//
// RUN: %tangle_cc -O1 %s -o %t %glib && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan %glib && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include <glib.h>
#include "../test.h"

GRWLock table_lock;
int table[8];
long lookups;

static void *writer(void *arg) {
  for (int round = 1; round <= 200; round++) {
    g_rw_lock_writer_lock(&table_lock);
    for (int i = 0; i < 8; i++)
      table[i] = round;
    g_rw_lock_writer_unlock(&table_lock);
  }
  return NULL;
}

static void *reader(void *arg) {
  long *mine = arg;
  for (int i = 0; i < 200; i++) {
    g_rw_lock_reader_lock(&table_lock);
    int first = table[0], last = table[7];
    g_rw_lock_reader_unlock(&table_lock);
    *mine += first == last;
  }
  return NULL;
}

int main(void) {
  g_rw_lock_init(&table_lock);
  long consistent[3] = {0};
  pthread_t w = test_spawn(writer, NULL), r[3];
  for (int i = 0; i < 3; i++)
    r[i] = test_spawn(reader, &consistent[i]);
  test_join(w);
  for (int i = 0; i < 3; i++)
    test_join(r[i]);
  g_rw_lock_clear(&table_lock);
  printf("consistent %ld of 600, table %d\n", consistent[0] + consistent[1] + consistent[2],
         table[3]);
  return 0;
}
// CHECK: consistent 600 of 600, table 200
