/* shadow.h — shadow memory layout and encodings.
 *
 * Every 4-byte granule of application memory has a 24-byte cell (6x):
 *
 *   w     last write:  clock:31 | free:1 | tid:16 | atomic bytes:8 | bytes:8
 *   r     last read, same encoding; or, when several threads read the
 *         granule concurrently, tid == TG_TID_NONE, clock holds the index
 *         of a read set (FastTrack's read-shared vector clock) and the
 *         byte mask is the union of its readers' bytes.
 *   wctx  stack of the last write, with the size of that access
 *   rctx  the same for the last read
 *
 * Only the low 4 bits of the byte masks are used.  The byte mask records
 * which bytes of the granule the access touched, so threads writing
 * neighbouring bytes do not race; within one epoch (the same tid and clock)
 * masks are merged.  A granule holds one write and one read record, so two
 * variables that share a granule (two chars, two shorts) can evict each
 * other's record when one thread touches them in different epochs; 4-byte
 * granules keep ints, floats and pointers apart, which 8-byte granules did
 * not.  A zero word means "no access recorded" (clocks start at 1).
 *
 * A read set (access.c) is a chain of 32-byte pairs, each with room for
 * two readers' records and stack words: a granule two threads read costs
 * 24 + 32 bytes, and each further two readers another 32.  The pairs are
 * one array indexed by the clock field, so the check of a read-shared
 * granule is two loads from one cache line, with no pointer to follow.
 *
 * The stack words pack an interned context (tg_ctx_t, below 2^29) with a
 * 3-bit code of the whole access's size (log2 of 1..16, or 7 for any other
 * size), so a report can print the earlier access as it was made even when
 * it spanned granules or was merged with a neighbour.
 *
 * Cells live in a two-level table: dir[addr >> 30] points at the shadow of a
 * 1 GiB chunk of application addresses, reserved with MAP_NORESERVE on first
 * touch.  A single direct map does not fit: 6x of the 47-bit user space is
 * larger than the address space itself, and where the kernel puts the heap,
 * libraries and stacks depends on ASLR.  dir[] entries are pre-biased so the
 * cell is dir[i] + (addr >> 2) * 24 with no masking.
 *
 * Concurrency: the fast path reads w or r with relaxed atomic loads and
 * returns if the thread already recorded this access in this epoch (for a
 * read-shared granule, in its read set).  Every update, read sets' included,
 * happens under one of TG_SHADOW_STRIPES spinlocks chosen by granule.
 */
#ifndef TG_SHADOW_H
#define TG_SHADOW_H

#include "tg.h"

#include <assert.h>

#define TG_GRANULE_SHIFT 2
#define TG_GRANULE (1u << TG_GRANULE_SHIFT)

typedef struct {
  _Atomic uint64_t w;
  _Atomic uint64_t r;
  uint32_t wctx;
  uint32_t rctx;
} tg_cell_t;
static_assert(sizeof(tg_cell_t) == 24, "shadow cell must be 24 bytes");

#define TG_SH_MASK 0x0full                /* bytes of the granule touched */
#define TG_SH_AMASK (0x0full << 8)        /* ... of those, bytes touched atomically */
#define TG_SH_AMASK_SHIFT 8
#define TG_SH_TID_SHIFT 16
#define TG_SH_FREE (1ull << 32)           /* the write was free() of the block */
#define TG_SH_CLOCK_SHIFT 33
#define TG_SH_CLOCK_MAX ((1u << 31) - 1)
/* tid and clock: two records with equal epoch bits are by one thread in one
 * epoch. */
#define TG_SH_EPOCH_MASK (~(TG_SH_FREE | 0xffffull))
/* Every bit a record may have set.  A plain access of a whole granule is
 * already recorded in epoch e iff the word is exactly e | TG_SH_MASK (all
 * bytes, none atomic, not a free), which the hooks check for several
 * granules at once. */
#define TG_SH_USED (TG_SH_EPOCH_MASK | TG_SH_FREE | TG_SH_AMASK | TG_SH_MASK)

/* Stack words: context | size code << 29. */
#define TG_SH_CTX_BITS 29
TG_INLINE uint32_t tg_sh_pack_ctx(tg_ctx_t ctx, size_t size) {
  unsigned code = (size & (size - 1)) == 0 && size - 1 < 16
                      ? (unsigned)__builtin_ctzll(size) : 7;
  return ctx | (uint32_t)code << TG_SH_CTX_BITS;
}
TG_INLINE tg_ctx_t tg_sh_ctx(uint32_t packed) {
  return packed & ((1u << TG_SH_CTX_BITS) - 1);
}
/* The size of the access, or 0 when it was not a power of two up to 16. */
TG_INLINE unsigned tg_sh_ctx_size(uint32_t packed) {
  unsigned code = packed >> TG_SH_CTX_BITS;
  return code <= 4 ? 1u << code : 0;
}

TG_INLINE uint64_t tg_sh_epoch(tg_tid_t tid, tg_clock_t clock) {
  return ((uint64_t)clock << TG_SH_CLOCK_SHIFT) | ((uint64_t)tid << TG_SH_TID_SHIFT);
}
TG_INLINE tg_tid_t tg_sh_tid(uint64_t s) { return (tg_tid_t)(s >> TG_SH_TID_SHIFT); }
TG_INLINE tg_clock_t tg_sh_clock(uint64_t s) { return (tg_clock_t)(s >> TG_SH_CLOCK_SHIFT); }
TG_INLINE bool tg_sh_is_shared(uint64_t s) { return s != 0 && tg_sh_tid(s) == TG_TID_NONE; }

#define TG_APP_BITS 47
#define TG_CHUNK_SHIFT 30
#define TG_DIR_SIZE (1u << (TG_APP_BITS - TG_CHUNK_SHIFT))
#define TG_SHADOW_STRIPES 4096

/* Biased chunk bases: cell = dir[addr >> 30] + (addr >> 2) * 24. */
extern uptr tg_shadow_dir[TG_DIR_SIZE];
uptr tg_shadow_map_chunk(uptr addr);

/* The cell of addr; NULL for addresses outside the user address space. */
TG_INLINE tg_cell_t *tg_shadow_cell(uptr addr) {
  if (TG_UNLIKELY(addr >> TG_APP_BITS)) return NULL;
  uptr base = tg_shadow_dir[addr >> TG_CHUNK_SHIFT];
  if (TG_UNLIKELY(base == 0)) base = tg_shadow_map_chunk(addr);
  return (tg_cell_t *)(base + (addr >> TG_GRANULE_SHIFT) * sizeof(tg_cell_t));
}

#endif /* TG_SHADOW_H */
