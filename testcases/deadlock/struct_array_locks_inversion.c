// Per-account locks inside a global array of structs: transfer() locks the
// source account, then the destination.  main transfers 0 -> 1, the worker
// later (relaxed step barrier) 1 -> 0: the classic bank-transfer deadlock.
// A lock inside a global is named by the variable plus its byte offset:
// accounts[0].lock is "accounts", accounts[1].lock is "accounts+48".
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && env TSAN_OPTIONS="$TSAN_OPTIONS:second_deadlock_stack=1" %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
// TSAN:      WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TSAN-NEXT:   Cycle in lock order graph: {{(M[0-9]+ \(0x[0-9a-f]+\) => ){2}M[0-9]+$}}
#include "../test.h"

struct account { pthread_mutex_t lock; long balance; };
struct account accounts[2] = {{PTHREAD_MUTEX_INITIALIZER, 100}, {PTHREAD_MUTEX_INITIALIZER, 100}};
_Static_assert(sizeof(struct account) == 48, "lock names assume 48-byte accounts");

static void transfer(struct account *from, struct account *to, long amount) {
  // TANGLE:      WARNING: Tangle: lock-order inversion (potential deadlock)
  // TANGLE-NEXT:   Cycle: accounts+48 => accounts => accounts+48
  // TANGLE:        Mutex accounts acquired here while holding mutex accounts+48 in thread T1:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 transfer {{.*}}struct_array_locks_inversion.c:[[#TO:@LINE+2]]:
  pthread_mutex_lock(&from->lock); // TSAN-DAG: #1 transfer {{.*}}struct_array_locks_inversion.c:[[#@LINE]]:
  pthread_mutex_lock(&to->lock);   // TSAN-DAG: #1 transfer {{.*}}struct_array_locks_inversion.c:[[#@LINE]]:
  from->balance -= amount;
  to->balance += amount;
  pthread_mutex_unlock(&to->lock);
  pthread_mutex_unlock(&from->lock);
}

static void *worker(void *arg) {
  test_step_wait(1);
  // TANGLE-NEXT:     #2 worker {{.*}}struct_array_locks_inversion.c:[[#WORKER:@LINE+5]]:
  // TANGLE:        Mutex accounts+48 previously acquired by the same thread here:
  // TANGLE-NEXT:     #0 pthread_mutex_lock
  // TANGLE-NEXT:     #1 transfer {{.*}}struct_array_locks_inversion.c:[[#TO-1]]:
  // TANGLE-NEXT:     #2 worker {{.*}}struct_array_locks_inversion.c:[[#WORKER]]:
  transfer(&accounts[1], &accounts[0], 10); // TSAN-DAG: #2 worker {{.*}}struct_array_locks_inversion.c:[[#@LINE]]:
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  // TANGLE:        Mutex accounts+48 acquired here while holding mutex accounts in main thread:
  // TANGLE:          #1 transfer {{.*}}struct_array_locks_inversion.c:[[#TO]]:
  // TANGLE-NEXT:     #2 main {{.*}}struct_array_locks_inversion.c:[[#MAIN:@LINE+4]]:
  // TANGLE:        Mutex accounts previously acquired by the same thread here:
  // TANGLE:          #1 transfer {{.*}}struct_array_locks_inversion.c:[[#TO-1]]:
  // TANGLE-NEXT:     #2 main {{.*}}struct_array_locks_inversion.c:[[#MAIN]]:
  transfer(&accounts[0], &accounts[1], 20); // TSAN-DAG: #2 main {{.*}}struct_array_locks_inversion.c:[[#@LINE]]:
  test_step_set(1);
  test_join(t);
  printf("balances %ld %ld\n", accounts[0].balance, accounts[1].balance);
  return 0;
}
// CHECK:         Thread T1 (tid={{[0-9]+}}, running) created by main thread at:
// TANGLE:      SUMMARY: Tangle: lock-order inversion (potential deadlock) {{.*}}struct_array_locks_inversion.c:[[#TO]]:{{[0-9]+}} in transfer
// TSAN:        SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock)
// TANGLE:      Tangle: reported 1 report(s)
// TSAN:        ThreadSanitizer: reported 1 warnings
