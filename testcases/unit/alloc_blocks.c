// Unit test of the heap-block table (alloc.c) through the malloc family:
// blocks are found by any interior address (big ones too), carry their
// allocation stack with the allocator on top, move on realloc, and are gone
// after free; a pointer the table never saw is freed without complaint.
// Allocation stacks are kept for race reports, so race detection is turned
// on (this test is not compiled by the pass, which would say so itself).
// RUN: %unit_cc %s -o %t %unit_libs && env TANGLE_OPTIONS=detect_races=1 %t | FileCheck %s
#include "tg.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t n);

#define N 20000

static void *blk[N];
static size_t len[N];

static unsigned long long rng = 88172645463325252ull;
static unsigned next_rand(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)rng;
}

static size_t random_size(void) {
  unsigned r = next_rand() % 100;
  if (r < 2) return 64 * 1024 + next_rand() % (512 * 1024); /* big */
  if (r < 10) return next_rand() % 8192;
  return next_rand() % 256;
}

/* Every live block is found from its first, last and a middle byte. */
static int check_live(void) {
  int ok = 1;
  for (int i = 0; i < N; i++) {
    if (blk[i] == NULL || len[i] == 0) continue;
    uptr a = (uptr)blk[i];
    uptr probes[3] = {a, a + len[i] / 2, a + len[i] - 1};
    for (int k = 0; k < 3; k++) {
      tg_block_t b;
      if (!tg_alloc_find(probes[k], &b) || b.addr != a || b.size != len[i]) {
        printf("lost block %d (size %zu) at +%zu\n", i, len[i], (size_t)(probes[k] - a));
        ok = 0;
      }
    }
  }
  return ok;
}

int main(void) {
  for (int round = 0; round < 200000; round++) {
    int i = (int)(next_rand() % N);
    switch (next_rand() % 3) {
    case 0:
      free(blk[i]);
      blk[i] = malloc(len[i] = random_size());
      break;
    case 1:
      blk[i] = realloc(blk[i], len[i] = random_size() + 1);
      break;
    default:
      free(blk[i]);
      blk[i] = NULL;
      len[i] = 0;
    }
  }
  // CHECK: live 1
  printf("live %d\n", check_live());

  void *p = calloc(3, 100);
  tg_block_t b;
  uptr top;
  tg_alloc_find((uptr)p + 150, &b);
  tg_ctx_unwind(b.ctx, &top, 1);
  // CHECK-NEXT: calloc size=300 tid=0 top=calloc
  printf("calloc size=%zu tid=%u top=%s\n", b.size, b.tid,
         top == (uptr)&calloc + 1 ? "calloc" : "other");
  void *q = realloc(p, 100000);
  // CHECK-NEXT: realloc moved-record 1 1
  printf("realloc moved-record %d %d\n", !tg_alloc_find((uptr)p, &b) || b.addr != (uptr)p,
         tg_alloc_find((uptr)q + 99999, &b) && b.addr == (uptr)q && b.size == 100000);
  free(q);
  // CHECK-NEXT: freed 0
  printf("freed %d\n", tg_alloc_find((uptr)q + 99999, &b) && b.addr == (uptr)q);

  void *aligned = NULL;
  posix_memalign(&aligned, 4096, 10);
  // CHECK-NEXT: aligned 1 1
  printf("aligned %d %d\n", (uptr)aligned % 4096 == 0,
         tg_alloc_find((uptr)aligned + 9, &b) && b.addr == (uptr)aligned && b.size == 10);
  free(aligned);

  // Memory the runtime never saw allocated (here: straight from glibc).
  void *foreign = __libc_malloc(40);
  // CHECK-NEXT: foreign 0
  printf("foreign %d\n", tg_alloc_find((uptr)foreign, &b));
  free(foreign);

  for (int i = 0; i < N; i++) free(blk[i]);
  int none = 1;
  for (int i = 0; i < N; i++)
    if (blk[i] != NULL && len[i] != 0 && tg_alloc_find((uptr)blk[i], &b) && b.addr == (uptr)blk[i])
      none = 0;
  // CHECK-NEXT: all-freed 1
  printf("all-freed %d\n", none);
  return 0;
}
