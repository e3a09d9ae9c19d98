// Unit test of the runtime's vector clocks: set/get past the end, join, copy
// that shrinks, and the happens-before order leq.
// RUN: %unit_cc %s -o %t %unit_libs && %t | FileCheck %s
#include "tg.h"

#include <stdio.h>

static void dump(const char *name, const tg_vc_t *vc) {
  printf("%s:", name);
  for (uint32_t i = 0; i < vc->n; i++) printf(" %u", vc->c[i]);
  printf("\n");
}

int main(void) {
  tg_vc_t a = {0}, b = {0};
  // CHECK: empty-get 0
  printf("empty-get %u\n", tg_vc_get(&a, 7));
  tg_vc_set(&a, 2, 5);
  tg_vc_set(&b, 0, 3);
  tg_vc_set(&b, 4, 1);
  // CHECK-NEXT: a: 0 0 5
  dump("a", &a);
  // CHECK-NEXT: leq 0 0
  printf("leq %d %d\n", tg_vc_leq(&a, &b), tg_vc_leq(&b, &a));
  tg_vc_join(&a, &b);
  // CHECK-NEXT: join: 3 0 5 0 1
  dump("join", &a);
  // CHECK-NEXT: leq-after-join 1 0
  printf("leq-after-join %d %d\n", tg_vc_leq(&b, &a), tg_vc_leq(&a, &b));
  tg_vc_t small = {0};
  tg_vc_set(&small, 1, 9);
  tg_vc_copy(&a, &small);
  // CHECK-NEXT: copy 0 9 0 0 0
  printf("copy %u %u %u %u %u\n", tg_vc_get(&a, 0), tg_vc_get(&a, 1),
         tg_vc_get(&a, 2), tg_vc_get(&a, 3), tg_vc_get(&a, 4));
  for (int i = 0; i < 1000; i++) tg_vc_set(&b, (tg_tid_t)i, (tg_clock_t)i + 1);
  tg_vc_join(&a, &b);
  // CHECK-NEXT: big 1000 1000 9
  printf("big %u %u %u\n", a.n, tg_vc_get(&a, 999), tg_vc_get(&a, 1) > 2 ? 9 : 0);
  tg_vc_free(&a);
  tg_vc_free(&b);
  tg_vc_free(&small);
  // CHECK-NEXT: freed 0
  printf("freed %u\n", a.n);
  return 0;
}
