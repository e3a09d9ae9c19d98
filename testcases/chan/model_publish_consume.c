// release / acquire declarations: mailbox_publish(m) is a happens-before
// edge on m (like TANGLE_HAPPENS_BEFORE(m)), mailbox_wait(m, tries) the
// matching happens-after — only when it returns 0 (success=ret==0): a
// wait that timed out acquires nothing.  The data read after a successful
// wait is ordered: silent.  ThreadSanitizer reports it falsely.
//
// RUN: %clang -O1 -g -c %S/Inputs/model_publish.c -o %t.mb.o
// RUN: printf 'mailbox_publish release obj=arg1\nmailbox_wait acquire obj=arg1 success=ret==0\n' > %t.model
// RUN: %tangle_cc -O1 --model=%t.model %s %t.mb.o -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O1 %s %t.mb.o -o %t.tsan && %expect_exit 66 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN %}
#include "../test.h"

typedef struct { atomic_int full; } mailbox_t;
void mailbox_publish(mailbox_t *m);
int mailbox_wait(mailbox_t *m, int tries);

mailbox_t box;
int payload[4];

static void *reader(void *arg) {
  while (mailbox_wait(&box, 1) != 0) // short waits: most time out
    ;
  // TSAN: WARNING: ThreadSanitizer: data race
  return (void *)(long)(payload[0] + payload[3]);
}

int main(void) {
  pthread_t t = test_spawn(reader, NULL);
  for (int i = 0; i < 4; i++)
    payload[i] = i + 1;
  mailbox_publish(&box);
  printf("got %ld\n", (long)test_join(t));
  return 0;
}
// CHECK: got 5
