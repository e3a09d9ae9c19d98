// Unit test of the shadow encoding: epochs round-trip, the read-shared
// marker, and the two-level cell lookup (adjacent granules are adjacent
// cells, far chunks get their own shadow, kernel addresses get none).
// RUN: %unit_cc %s -o %t %unit_libs && %t | FileCheck %s
#include "shadow.h"

#include <stdio.h>

int main(void) {
  uint64_t e = tg_sh_epoch(513, 2000000000u);
  // CHECK: tid 513 clock 2000000000 shared 0
  printf("tid %u clock %u shared %d\n", tg_sh_tid(e), tg_sh_clock(e), tg_sh_is_shared(e));
  // CHECK-NEXT: shared 1 index 77
  uint64_t s = tg_sh_epoch(TG_TID_NONE, 77) | 0x0f;
  printf("shared %d index %u\n", tg_sh_is_shared(s), tg_sh_clock(s));
  // CHECK-NEXT: flags-free-epoch 1
  printf("flags-free-epoch %d\n", ((e | TG_SH_AMASK | TG_SH_FREE | 0xff) & TG_SH_EPOCH_MASK) == e);
  static char buf[64];
  uptr a = (uptr)buf & ~(uptr)3;
  // CHECK-NEXT: adjacent 24 same-granule 1
  printf("adjacent %ld same-granule %d\n",
         (long)((char *)tg_shadow_cell(a + 4) - (char *)tg_shadow_cell(a)),
         tg_shadow_cell(a) == tg_shadow_cell(a + 3));
  tg_cell_t *lo = tg_shadow_cell(0x10000), *hi = tg_shadow_cell(0x7ff000000000);
  lo->w = 1;
  hi->w = 2;
  // CHECK-NEXT: chunks 1 2 kernel 1
  printf("chunks %lu %lu kernel %d\n", (unsigned long)lo->w, (unsigned long)hi->w,
         tg_shadow_cell((uptr)1 << 47) == NULL);
  tg_shadow_reset(0x10000, 8);
  // CHECK-NEXT: reset 0
  printf("reset %lu\n", (unsigned long)tg_shadow_cell(0x10000)->w);
  return 0;
}
