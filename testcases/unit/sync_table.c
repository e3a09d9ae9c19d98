// Unit test of the sync-object table (sync.c): get/create, kinds kept,
// remove and remove_range at their boundaries, the happens-before primitives
// between two thread states, and the table under concurrent get/remove.
// RUN: %unit_cc %s -o %t %unit_libs && %t | FileCheck %s
#include "tg.h"

#include <pthread.h>
#include <stdio.h>

static char arena[1 << 16];
#define AT(off) ((uptr)arena + (off))

static int exists(uptr addr) {
  tg_sync_t *s = tg_sync_get(addr, TG_SYNC_MUTEX, false);
  if (s != NULL) tg_sync_unlock(s);
  return s != NULL;
}

static void *hammer(void *arg) {
  uptr base = AT(4096 * (1 + (uptr)arg));
  for (int round = 0; round < 200; round++) {
    for (uptr off = 0; off < 512; off += 8) {
      tg_sync_t *s = tg_sync_get(base + off, TG_SYNC_ATOMIC, true);
      s->count++;
      tg_sync_unlock(s);
    }
    tg_sync_remove_range(base, 256);
    for (uptr off = 256; off < 512; off += 8) tg_sync_remove(base + off);
  }
  return NULL;
}

int main(void) {
  // CHECK: absent 1
  printf("absent %d\n", tg_sync_get(AT(8), TG_SYNC_MUTEX, false) == NULL);
  tg_sync_t *s = tg_sync_get(AT(8), TG_SYNC_SEM, true);
  s->count = 42;
  tg_sync_unlock(s);
  s = tg_sync_get(AT(8), TG_SYNC_MUTEX, true);
  // CHECK-NEXT: found kind=sem count=42 owner=none
  printf("found kind=%s count=%u owner=%s\n", s->kind == TG_SYNC_SEM ? "sem" : "other",
         s->count, s->owner == TG_TID_NONE ? "none" : "some");
  tg_sync_unlock(s);

  // Neighbours in one line and one granule are distinct objects.
  for (uptr off = 0; off < 64; off += 4) tg_sync_unlock(tg_sync_get(AT(64 + off), TG_SYNC_SPIN, true));
  tg_sync_remove(AT(68));
  // CHECK-NEXT: neighbours 1 0 1
  printf("neighbours %d %d %d\n", exists(AT(64)), exists(AT(68)), exists(AT(72)));

  // remove_range drops [lo, hi) only.
  tg_sync_remove_range(AT(72), 16);
  // CHECK-NEXT: range 1 0 0 0 1
  printf("range %d %d %d %d %d\n", exists(AT(64)), exists(AT(72)), exists(AT(80)),
         exists(AT(84)), exists(AT(88)));

  // A range wider than the table is walked chain by chain.
  tg_sync_unlock(tg_sync_get(AT(1 << 15), TG_SYNC_MUTEX, true));
  tg_sync_remove_range(AT(0), (size_t)1 << 30);
  // CHECK-NEXT: wide 0 0
  printf("wide %d %d\n", exists(AT(8)), exists(AT(1 << 15)));

  // A million objects: all distinct, all found, all removed.
  static uptr many = 0x100000000000ull;
  int ok = 1;
  for (uptr i = 0; i < 1000000; i++) {
    s = tg_sync_get(many + i * 16, TG_SYNC_ATOMIC, true);
    ok &= s->count == 0;
    s->count = (uint32_t)i;
    tg_sync_unlock(s);
  }
  for (uptr i = 0; i < 1000000; i += 999) {
    s = tg_sync_get(many + i * 16, TG_SYNC_ATOMIC, false);
    ok &= s != NULL && s->count == i;
    if (s) tg_sync_unlock(s);
  }
  tg_sync_remove_range(many, 1000000 * 16);
  ok &= !exists(many) && !exists(many + 999999 * 16);
  // CHECK-NEXT: million 1
  printf("million %d\n", ok);

  // Release/acquire between the main thread and a thread state made for it.
  tg_thread_t *a = tg_thread_self();
  tg_thread_t *b = tg_thread_new(a, 0);
  tg_clock_t a_before = tg_vc_get(&a->vc, a->tid);
  tg_acquire(b, AT(512)); /* nothing released there: no object made */
  // CHECK-NEXT: acquire-nothing 0
  printf("acquire-nothing %d\n", exists(AT(512)));
  tg_release(a, AT(512));
  // CHECK-NEXT: release ticks 1
  printf("release ticks %d\n", tg_vc_get(&a->vc, a->tid) == a_before + 1);
  tg_acquire(b, AT(512));
  // CHECK-NEXT: acquired 1
  printf("acquired %d\n", tg_vc_get(&b->vc, a->tid) == a_before);
  tg_release(b, AT(512));
  tg_release_store(a, AT(512));
  s = tg_sync_get(AT(512), TG_SYNC_ANNOTATION, false);
  // CHECK-NEXT: release_store forgets b 1
  printf("release_store forgets b %d\n", tg_vc_get(&s->clock, b->tid) == 0 &&
                                             tg_vc_get(&s->clock, a->tid) == a_before + 1);
  tg_sync_unlock(s);
  tg_sync_remove(AT(512));

  pthread_t th[4];
  for (uptr i = 0; i < 4; i++) pthread_create(&th[i], NULL, hammer, (void *)i);
  for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
  ok = 1;
  for (uptr i = 0; i < 4; i++)
    for (uptr off = 0; off < 512; off += 8) ok &= !exists(AT(4096 * (1 + i) + off));
  // CHECK-NEXT: concurrent 1
  printf("concurrent %d\n", ok);
  return 0;
}
