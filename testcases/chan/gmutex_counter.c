// REQUIRES: glib
// Four threads increment a counter under a GMutex (futex-based, not a
// pthread mutex) and update a GRecMutex-protected total through a helper
// that re-locks it recursively.  The runtime intercepts g_mutex_* and
// g_rec_mutex_* like pthread mutexes: nothing to report.  ThreadSanitizer
// reports false races: it cannot see GMutex (a futex in uninstrumented
// libglib).
//
// RUN: %tangle_cc -O1 %s -o %t %glib && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan %glib && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include <glib.h>
#include "../test.h"

GMutex lock;
GRecMutex rec;
long counter, total;

static void add_total(long v) {
  g_rec_mutex_lock(&rec);
  total += v;
  g_rec_mutex_unlock(&rec);
}

static void *worker(void *arg) {
  for (int i = 0; i < 1000; i++) {
    g_mutex_lock(&lock);
    counter++;
    g_mutex_unlock(&lock);
    g_rec_mutex_lock(&rec);
    add_total(2);
    g_rec_mutex_unlock(&rec);
  }
  return NULL;
}

int main(void) {
  g_rec_mutex_init(&rec);
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    t[i] = test_spawn(worker, NULL);
  for (int i = 0; i < 4; i++)
    test_join(t[i]);
  g_rec_mutex_clear(&rec);
  printf("counter %ld total %ld\n", counter, total);
  return 0;
}
// TSAN:  WARNING: ThreadSanitizer: data race
// CHECK: counter 4000 total 8000
