// The README's example: two tellers move money between accounts under each
// account's lock, but both bump a shared audit counter without one.
// Tangle reports the counter race with both stacks; the balances are fine.
//
// RUN: %tangle_cc -O1 -g %s -o %t && %expect_exit 66 %t 2>&1 | FileCheck %s
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefix=TSAN %}
#include <pthread.h>
#include <stdio.h>

struct account {
  pthread_mutex_t lock;
  long balance;
};

static struct account accounts[2] = {
    {PTHREAD_MUTEX_INITIALIZER, 1000}, {PTHREAD_MUTEX_INITIALIZER, 1000}};
static long transfers; /* audit counter: nobody locks it */

static void record_transfer(void) {
  transfers++;
}

static void deposit(struct account *a, long amount) {
  pthread_mutex_lock(&a->lock);
  a->balance += amount;
  pthread_mutex_unlock(&a->lock);
  record_transfer();
}

static void *teller(void *arg) {
  long dir = (long)arg;
  for (int i = 0; i < 1000; i++) {
    deposit(&accounts[dir], -1);
    deposit(&accounts[1 - dir], 1);
  }
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, teller, (void *)i);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  printf("balances %ld %ld\n", accounts[0].balance, accounts[1].balance);
  return 0;
}

// CHECK: WARNING: Tangle: data race
// CHECK-NEXT: {{Write|Read}} of size 8 at 0x{{[0-9a-f]+}} by thread T{{[12]}}:
// CHECK-NEXT: #0 record_transfer {{.*}}bank.c:20
// CHECK: Previous {{read|write}} of size 8 at 0x{{[0-9a-f]+}} by thread T{{[12]}}:
// CHECK-NEXT: #0 record_transfer {{.*}}bank.c:20
// CHECK: Location is global 'transfers' of size 8
// CHECK: SUMMARY: Tangle: data race {{.*}}bank.c:20{{.*}} in record_transfer
// CHECK: balances 1000 1000
// CHECK: Tangle: reported 1 report(s)
// TSAN: WARNING: ThreadSanitizer: data race
// TSAN: bank.c:20
// TSAN: bank.c:20
