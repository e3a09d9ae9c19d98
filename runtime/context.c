/* context.c — interned calling contexts.
 *
 * A calling context (a stack) is a path in one global tree whose nodes are
 * (parent, pc) pairs; a node's id names the whole stack from the root to it.
 * Shadow memory stores one 32-bit id per recorded access, which is how the
 * stack of an earlier access stays printable for the life of the process —
 * nothing is overwritten or evicted, unlike a per-thread history buffer.
 *
 * Storage: nodes[] is an array reserved up front (committed as it fills);
 * index[] is an open-addressing hash table of node ids keyed by (parent, pc).
 * Both are lock-free: a node is written before its id is published with a
 * release CAS into index[], and readers acquire the id before reading the
 * node.  A thread that loses the CAS race leaves one unused node behind.
 * The table holds max_stacks nodes (an option, read once at the first
 * intern, after the options are parsed).  When it is full, a line says so
 * once and contexts stop growing (new frames are dropped, so later stacks
 * are truncated, never wrong).
 */
#include "tg.h"


typedef struct {
  uptr pc;
  tg_ctx_t parent;
} node_t;

static node_t *nodes;              /* nodes[0] is the root */
static _Atomic tg_ctx_t *index_tab; /* 0 = empty slot */
static uint32_t ctx_end;   /* nodes[] has room for ids below it */
static uint64_t index_mask; /* index_tab's size - 1: a power of two, at
                               least twice ctx_end (load factor <= 1/2) */
static atomic_uint next_id = 1;
static atomic_int full_reported;
static tg_spin_t init_lock;
static atomic_int ready;

static void ctx_init(void) {
  tg_spin_lock(&init_lock);
  if (!atomic_load_explicit(&ready, memory_order_relaxed)) {
    ctx_end = (uint32_t)tg_flags.max_stacks + 1;
    uint64_t size = 2;
    while (size < 2 * (uint64_t)ctx_end) size *= 2;
    index_mask = size - 1;
    nodes = tg_mmap_reserve(sizeof(node_t) * ctx_end);
    index_tab = tg_mmap_reserve(sizeof(tg_ctx_t) * size);
    atomic_store_explicit(&ready, 1, memory_order_release);
  }
  tg_spin_unlock(&init_lock);
}

void tg_ctx_fork_child(void) {
  atomic_store_explicit(&init_lock.v, 0, memory_order_relaxed);
}

static inline uint64_t hash(tg_ctx_t parent, uptr pc) {
  uint64_t h = (uint64_t)pc * 0x9e3779b97f4a7c15ull ^ (uint64_t)parent * 0xc2b2ae3d27d4eb4full;
  return h ^ (h >> 29);
}

tg_ctx_t tg_ctx_intern(tg_ctx_t parent, uptr pc) {
  if (TG_UNLIKELY(!atomic_load_explicit(&ready, memory_order_acquire)))
    ctx_init();
  uint64_t mask = index_mask;
  for (uint64_t h = hash(parent, pc) & mask;; h = (h + 1) & mask) {
    tg_ctx_t id = atomic_load_explicit(&index_tab[h], memory_order_acquire);
    if (id == 0) {
      /* Once full, next_id is left alone: counting every miss would wrap
       * it around to ids in use. */
      tg_ctx_t fresh = atomic_load_explicit(&next_id, memory_order_relaxed);
      if (TG_LIKELY(fresh < ctx_end))
        fresh = atomic_fetch_add_explicit(&next_id, 1, memory_order_relaxed);
      if (TG_UNLIKELY(fresh >= ctx_end)) {
        if (!atomic_exchange(&full_reported, 1))
          tg_printf("tangle: more than %ld distinct stacks; stacks recorded from "
                    "here on may lack frames (raise max_stacks in "
                    "TANGLE_OPTIONS)\n", tg_flags.max_stacks);
        return parent;
      }
      nodes[fresh].pc = pc;
      nodes[fresh].parent = parent;
      tg_ctx_t expected = 0;
      if (atomic_compare_exchange_strong_explicit(&index_tab[h], &expected, fresh,
                                                  memory_order_release,
                                                  memory_order_acquire))
        return fresh;
      id = expected; /* somebody else filled the slot; look at theirs */
    }
    if (nodes[id].pc == pc && nodes[id].parent == parent) return id;
  }
}

int tg_ctx_unwind(tg_ctx_t ctx, uptr *pcs, int max) {
  int n = 0;
  while (ctx != 0 && n < max) {
    pcs[n++] = nodes[ctx].pc;
    ctx = nodes[ctx].parent;
  }
  return n;
}
