// REQUIRES: glib
// Main takes GMutex `accounts` then `audit`; the auditor thread, held back
// by the step barrier (no happens-before) until main released both, takes
// `audit` then `accounts`.  With another timing each could hold one and
// wait for the other for ever.  GMutexes join the lock-order graph like
// pthread mutexes: Tangle reports the cycle, naming the globals.
// ThreadSanitizer misses the inversion and reports a false race on
// `balance` instead: GMutex is a futex in uninstrumented libglib,
// invisible to it.
//
// RUN: %tangle_cc -O1 %s -o %t %glib && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan %glib && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=lock-order %}
#include <glib.h>
#include "../test.h"

GMutex accounts, audit;
int balance, entries;

static void *auditor(void *arg) {
  test_step_wait(1);
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: audit => accounts => audit
  // TANGLE:        Mutex accounts acquired here while holding mutex audit in thread T1:
  // TANGLE-NEXT:     #0 g_mutex_lock
  // TANGLE-NEXT:     #1 auditor {{.*}}gmutex_lock_order_inversion.c:[[#AUD:@LINE+2]]:
  g_mutex_lock(&audit);
  g_mutex_lock(&accounts);
  entries += balance;
  g_mutex_unlock(&accounts);
  g_mutex_unlock(&audit);
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(auditor, NULL);
  // TANGLE:        Mutex audit acquired here while holding mutex accounts in main thread:
  // TANGLE-NEXT:     #0 g_mutex_lock
  // TANGLE-NEXT:     #1 main {{.*}}gmutex_lock_order_inversion.c:[[#@LINE+2]]:
  g_mutex_lock(&accounts);
  g_mutex_lock(&audit);
  balance = 100;
  g_mutex_unlock(&audit);
  g_mutex_unlock(&accounts);
  test_step_set(1);
  test_join(t);
  printf("entries %d\n", entries);
  return 0;
}
// TSAN:   WARNING: ThreadSanitizer: data race
// TANGLE: SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}gmutex_lock_order_inversion.c:[[#AUD]]:{{[0-9]+}} in auditor
// CHECK:  entries 100
// TANGLE: Tangle: reported 1 report(s)
