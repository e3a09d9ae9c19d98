// Unit test of interned calling contexts: the same (parent, pc) is one id,
// different paths are different ids, and unwinding gives the pcs back
// innermost first.  Also from several threads at once.
// RUN: %unit_cc %s -o %t %unit_libs && %t | FileCheck %s
#include "tg.h"

#include <pthread.h>
#include <stdio.h>

static tg_ctx_t path(uptr base, int depth) {
  tg_ctx_t c = 0;
  for (int i = 0; i < depth; i++) c = tg_ctx_intern(c, base + (uptr)i);
  return c;
}

static void *worker(void *arg) {
  tg_ctx_t *out = arg;
  for (int k = 0; k < 1000; k++) *out = path(0x1000 + (uptr)(k % 50) * 0x100, 20);
  return NULL;
}

int main(void) {
  tg_ctx_t a = path(0x400000, 3), b = path(0x400000, 3), c = path(0x500000, 3);
  // CHECK: same 1 different 1 root 0
  printf("same %d different %d root %u\n", a == b, a != c, path(0, 0));
  uptr pcs[8];
  int n = tg_ctx_unwind(a, pcs, 8);
  // CHECK-NEXT: unwind 3 0x400002 0x400001 0x400000
  printf("unwind %d %#lx %#lx %#lx\n", n, (unsigned long)pcs[0],
         (unsigned long)pcs[1], (unsigned long)pcs[2]);
  // CHECK-NEXT: truncated 2
  printf("truncated %d\n", tg_ctx_unwind(a, pcs, 2));
  pthread_t th[4];
  tg_ctx_t got[4];
  for (int i = 0; i < 4; i++) pthread_create(&th[i], NULL, worker, &got[i]);
  for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
  int agree = 1;
  for (int i = 1; i < 4; i++) agree &= got[i] == got[0];
  // CHECK-NEXT: threads agree 1 depth 20
  printf("threads agree %d depth %d\n", agree, tg_ctx_unwind(got[0], pcs, 8) == 8 ? 20 : 0);
  return 0;
}
