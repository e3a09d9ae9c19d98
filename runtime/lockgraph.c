/* lockgraph.c — the lock-order graph: potential deadlocks.
 *
 * Nodes are locks (mutexes, rwlocks, spinlocks).  A report names a lock by
 * its global variable, or else M<n>: locks outside every module's image
 * (heap, stacks, memory the program mapped) are numbered M1, M2, ... in the
 * order of their first lock (globals never use up a number, unless no name
 * is found for them when a report needs one).
 * A node dies with its lock (destroy, re-init, or its memory freed) and
 * takes its edges along; its slot is reused, its serial never is.  An edge A->B says that some
 * thread acquired B, blocking (a trylock cannot wait), while it held A.  An
 * edge keeps up to INSTANCES instances that differ by thread, modes or held
 * set (at most PER_IDENTITY alike: the first, and the latest made after the
 * thread synchronized, see tg_ls_refresh_edges), each with the thread, both
 * acquisition stacks, the whole held set, and the thread's clock from just
 * before it acquired A.
 *
 * When an instance is new, a bounded depth-first search looks for paths
 * B -> ... -> A.  Each closes a cycle, reported only if some choice of one
 * instance per edge can really deadlock:
 *   - every edge by a different thread: a thread waits at one place at a
 *     time, so a cycle one thread made alone never deadlocks;
 *   - the instances pairwise concurrent: for x (thread X, clock Cx) and y,
 *     neither Cy[X] >= Cx[X] (x happens-before y) nor the converse.  Each
 *     clock is from before its thread took its edge's first lock, so the
 *     order that the cycle's own locks happened to impose in this run does
 *     not count, and create/join, semaphores, barriers and any other lock
 *     handoff do;
 *   - no gate lock: no lock outside the cycle held on every edge, in write
 *     mode on at least one (two readers of a gate do not exclude each other);
 *   - no lock of the cycle read-locked both by the edge that holds it and by
 *     the edge that requests it (readers do not block readers).
 * The search gives up after SEARCH_BUDGET steps.  A reported cycle (its set
 * of locks and acquisition sites) is remembered and never reported again.
 * More locks alive than max_locks, or more edges than max_lock_edges
 * (options), switch deadlock detection off.
 *
 * Locking: lg_lock guards everything here.  It is taken under a sync
 * object's lock (tg_lg_node) and takes no other runtime lock but the
 * allocator's; reports are printed after it is dropped, from copies.
 */
#include "tg.h"

#include <dlfcn.h>
#include <string.h>

#define INSTANCES 4               /* kept per edge */
#define PER_IDENTITY 2            /* same thread, modes and held set */
#define EDGE_BUCKETS_LOG 16
#define EDGE_BUCKETS (1u << EDGE_BUCKETS_LOG)
#define SEARCH_BUDGET 4096        /* edges and instances tried per search */
#define MAX_FOUND 4               /* cycles reported for one acquisition */

typedef struct {
  tg_tid_t tid;
  bool a_write, b_write;
  tg_ctx_t a_ctx, b_ctx;
  uptr a_pc, b_pc;
  uint64_t gen;  /* the thread's edge_gen when made (tg_ls_refresh_edges) */
  tg_vc_t vc;    /* the thread's clock before it acquired A */
  uint32_t nheld;
  uptr *held;    /* the held set, sorted: address | 1 if held for writing */
} inst_t;

typedef struct edge {
  uint32_t src, dst;
  struct edge *hnext; /* hash chain */
  uint32_t ninst;
  inst_t inst[INSTANCES];
} edge_t;

typedef struct {
  edge_t **v;
  uint32_t n, cap;
} edge_list_t;

typedef struct {
  uptr addr;
  uint32_t serial; /* 0 for a free slot */
  uint32_t num;    /* M<num>, 0 until numbered */
  uint8_t kind;
  bool at_lock; /* made when first locked (else by a report) */
  tg_ctx_t ctx; /* where it was first locked, or first used */
  edge_list_t out, in;
  uint32_t mark; /* == stamp: on the path being searched */
  uint32_t next_free;
} node_t;

static tg_spin_t lg_lock;
static node_t *nodes; /* reserved for max_locks, and 0, which is no node */
static uint32_t nodes_used = 1;
static uint32_t free_nodes;       /* list through next_free */
static uint32_t next_serial = 1, next_num = 1;
static edge_t *buckets[EDGE_BUCKETS];
static uint32_t nedges;
static uint32_t stamp;
static uint64_t *reported;        /* set of reported cycle keys, never 0 */
static size_t reported_cap, reported_n;

/* ---- nodes and edges ------------------------------------------------- */

/* Numbered at once: a lock that is not a global (heap, stack), or an
 * object a report names. */
static uint32_t new_node(uptr addr, uint8_t kind, tg_ctx_t ctx, bool numbered,
                         bool at_lock) {
  if (nodes == NULL)
    nodes = tg_mmap_reserve(sizeof(node_t) * ((size_t)tg_flags.max_locks + 1));
  uint32_t id = free_nodes;
  if (id != 0)
    free_nodes = nodes[id].next_free;
  else if (nodes_used <= (uint32_t)tg_flags.max_locks)
    id = nodes_used++;
  else
    return 0;
  node_t *n = &nodes[id];
  n->addr = addr;
  n->serial = next_serial++;
  n->num = numbered ? next_num++ : 0;
  n->kind = kind;
  n->at_lock = at_lock;
  n->ctx = ctx;
  n->out.n = n->in.n = 0; /* a reused slot keeps its lists' buffers */
  n->mark = 0;
  return id;
}

/* Not a global: outside every loaded module's image (on the heap, on a
 * stack, in memory the program mapped itself).  _dl_find_object takes no
 * lock, and the question needs no heap table: a lock-only run keeps none
 * (alloc.c). */
static bool anonymous(uptr addr) {
  struct dl_find_object obj;
  return _dl_find_object((void *)addr, &obj) != 0;
}

uint32_t tg_lg_node(tg_sync_t *s, tg_ctx_t ctx) {
  if (s->lg_node != 0 || !tg_dl_on) return s->lg_node;
  bool numbered = anonymous(s->addr);
  tg_spin_lock(&lg_lock);
  uint32_t id = new_node(s->addr, s->kind, ctx, numbered, true);
  uint32_t serial = id != 0 ? nodes[id].serial : 0;
  tg_spin_unlock(&lg_lock);
  if (id == 0) {
    tg_dl_shutdown("locks alive at once", tg_flags.max_locks, "max_locks");
    return 0;
  }
  s->lg_node = id;
  s->lg_serial = serial;
  return id;
}

uint32_t tg_lg_number(uptr addr, tg_sync_kind_t kind, tg_ctx_t *first_ctx) {
  tg_sync_t *s = tg_sync_get(addr, kind, true);
  uint32_t num = 0;
  tg_spin_lock(&lg_lock);
  if (s->lg_node == 0) {
    s->lg_node = new_node(addr, s->kind, s->ctx, true, false);
    s->lg_serial = s->lg_node != 0 ? nodes[s->lg_node].serial : 0;
  }
  node_t *n = &nodes[s->lg_node];
  if (s->lg_node != 0 && n->serial == s->lg_serial) {
    if (n->num == 0) n->num = next_num++;
    num = n->num;
    /* A lock never locked: where it was first used (a destroy, say) is not
     * where it was first locked. */
    bool lock = n->kind == TG_SYNC_MUTEX || n->kind == TG_SYNC_RWLOCK ||
                n->kind == TG_SYNC_SPIN;
    *first_ctx = n->at_lock || !lock ? n->ctx : 0;
  }
  tg_spin_unlock(&lg_lock);
  tg_sync_unlock(s);
  return num;
}

static void list_add(edge_list_t *l, edge_t *e) {
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 4;
    l->v = tg_realloc(l->v, sizeof(*l->v) * l->cap);
    TG_CHECK(l->v != NULL);
  }
  l->v[l->n++] = e;
}

static void list_remove(edge_list_t *l, edge_t *e) {
  for (uint32_t i = 0; i < l->n; i++) {
    if (l->v[i] == e) {
      l->v[i] = l->v[--l->n];
      return;
    }
  }
}

static edge_t **bucket(uint32_t a, uint32_t b) {
  uint64_t h = ((uint64_t)a << 32 | b) * 0x9e3779b97f4a7c15ull;
  return &buckets[h >> (64 - EDGE_BUCKETS_LOG)];
}

static edge_t *edge_get(uint32_t a, uint32_t b) {
  edge_t **head = bucket(a, b);
  for (edge_t *e = *head; e != NULL; e = e->hnext)
    if (e->src == a && e->dst == b) return e;
  if (nedges == (uint32_t)tg_flags.max_lock_edges) {
    tg_dl_shutdown("lock-order edges", tg_flags.max_lock_edges, "max_lock_edges");
    return NULL;
  }
  edge_t *e = tg_calloc(sizeof(*e));
  TG_CHECK(e != NULL);
  e->src = a;
  e->dst = b;
  e->hnext = *head;
  *head = e;
  list_add(&nodes[a].out, e);
  list_add(&nodes[b].in, e);
  nedges++;
  return e;
}

static void edge_remove(edge_t *e) {
  edge_t **pp = bucket(e->src, e->dst);
  while (*pp != e) pp = &(*pp)->hnext;
  *pp = e->hnext;
  list_remove(&nodes[e->src].out, e);
  list_remove(&nodes[e->dst].in, e);
  for (uint32_t i = 0; i < e->ninst; i++) {
    tg_vc_free(&e->inst[i].vc);
    tg_free(e->inst[i].held);
  }
  tg_free(e);
  nedges--;
}

void tg_lg_forget(uint32_t id, uint32_t serial) {
  if (id == 0) return;
  tg_spin_lock(&lg_lock);
  node_t *n = &nodes[id];
  if (n->serial == serial) {
    while (n->out.n > 0) edge_remove(n->out.v[n->out.n - 1]);
    while (n->in.n > 0) edge_remove(n->in.v[n->in.n - 1]);
    n->serial = 0;
    n->next_free = free_nodes;
    free_nodes = id;
  }
  tg_spin_unlock(&lg_lock);
}

static bool node_live(uint32_t id, uint32_t serial) {
  return id != 0 && nodes[id].serial == serial;
}

/* The instance of e for a held by t while acquiring b, if it tells the
 * graph something new; NULL if not, or if e has no room left. */
static inst_t *record(edge_t *e, tg_thread_t *t, const tg_held_t *a,
                      const tg_held_t *b, const uptr *held, uint32_t nheld) {
  inst_t *latest = NULL;
  int alike = 0;
  for (uint32_t i = 0; i < e->ninst; i++) {
    inst_t *x = &e->inst[i];
    if (x->tid != t->tid || x->a_write != a->write || x->b_write != b->write ||
        x->nheld != nheld || memcmp(x->held, held, nheld * sizeof(*held)) != 0)
      continue;
    if (x->gen == t->dl->edge_gen) return NULL; /* nothing happened since */
    alike++;
    if (latest == NULL || tg_vc_get(&x->vc, x->tid) > tg_vc_get(&latest->vc, latest->tid))
      latest = x;
  }
  inst_t *x;
  if (alike >= PER_IDENTITY) {
    x = latest;
  } else if (e->ninst < INSTANCES) {
    x = &e->inst[e->ninst++];
    x->held = nheld ? tg_malloc(nheld * sizeof(*held)) : NULL;
    TG_CHECK(nheld == 0 || x->held != NULL);
    x->nheld = nheld;
    memcpy(x->held, held, nheld * sizeof(*held));
  } else {
    return NULL;
  }
  x->tid = t->tid;
  x->a_write = a->write;
  x->b_write = b->write;
  x->a_ctx = a->ctx;
  x->b_ctx = b->ctx;
  x->a_pc = a->pc;
  x->b_pc = b->pc;
  x->gen = t->dl->edge_gen;
  tg_vc_copy(&x->vc, &a->vc);
  return x;
}

/* ---- the cycle search ------------------------------------------------ */

typedef struct {
  int n;
  tg_lock_ref_t locks[TG_MAX_CYCLE];
  tg_cycle_edge_t edges[TG_MAX_CYCLE];
} found_t;

typedef struct {
  edge_t *path[TG_MAX_CYCLE];        /* path[0] is the new edge A->B */
  const inst_t *pick[TG_MAX_CYCLE];  /* pick[0] is the new instance */
  int len;
  uint32_t target; /* A */
  int budget;
  found_t *out;
} search_t;

static bool concurrent(const inst_t *x, const inst_t *y) {
  return tg_vc_get(&y->vc, x->tid) < tg_vc_get(&x->vc, x->tid) &&
         tg_vc_get(&x->vc, y->tid) < tg_vc_get(&y->vc, y->tid);
}

/* The mode in which x holds addr (1 write, 0 read), or -1 if not held. */
static int held_mode(const inst_t *x, uptr addr) {
  uint32_t lo = 0, hi = x->nheld;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if ((x->held[mid] & ~(uptr)1) < addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < x->nheld && (x->held[lo] & ~(uptr)1) == addr ? (int)(x->held[lo] & 1) : -1;
}

static bool in_cycle(const search_t *S, uptr addr) {
  for (int i = 0; i < S->len; i++)
    if (nodes[S->path[i]->src].addr == addr) return true;
  return false;
}

/* A lock outside the cycle that every picked instance holds, one of them
 * for writing, keeps the threads from meeting inside it. */
static bool gated(const search_t *S) {
  const inst_t *first = S->pick[0];
  for (uint32_t g = 0; g < first->nheld; g++) {
    uptr addr = first->held[g] & ~(uptr)1;
    if (in_cycle(S, addr)) continue;
    bool everywhere = true, writer = first->held[g] & 1;
    for (int i = 1; i < S->len && everywhere; i++) {
      int mode = held_mode(S->pick[i], addr);
      everywhere = mode >= 0;
      writer |= mode == 1;
    }
    if (everywhere && writer) return true;
  }
  return false;
}

static uint64_t mix(uint64_t h) {
  h *= 0x9e3779b97f4a7c15ull;
  return h ^ (h >> 31);
}

/* The cycle's identity: its set of locks and of acquisition sites. */
static uint64_t cycle_key(const search_t *S) {
  uint64_t locks = 0, sites = 0;
  for (int i = 0; i < S->len; i++) {
    locks += mix(nodes[S->path[i]->src].addr);
    sites += mix(S->pick[i]->a_pc * 0xc2b2ae3d27d4eb4full ^ S->pick[i]->b_pc);
  }
  return mix(locks ^ (sites << 1 | sites >> 63)) | 1;
}

static size_t reported_slot(uint64_t key) {
  size_t i = (size_t)mix(key) & (reported_cap - 1);
  while (reported[i] != 0 && reported[i] != key) i = (i + 1) & (reported_cap - 1);
  return i;
}

/* Remembers key; false if it was already there. */
static bool remember(uint64_t key) {
  if (2 * (reported_n + 1) > reported_cap) {
    uint64_t *old = reported;
    size_t old_cap = reported_cap;
    reported_cap = old_cap ? 2 * old_cap : 64;
    reported = tg_calloc(sizeof(*reported) * reported_cap);
    TG_CHECK(reported != NULL);
    for (size_t i = 0; i < old_cap; i++)
      if (old[i] != 0) reported[reported_slot(old[i])] = old[i];
    tg_free(old);
  }
  size_t i = reported_slot(key);
  if (reported[i] == key) return false;
  reported[i] = key;
  reported_n++;
  return true;
}

/* Every instance is picked: the last checks, then the copy to report. */
static bool closes(search_t *S) {
  const inst_t *first = S->pick[0], *last = S->pick[S->len - 1];
  if (!first->a_write && !last->b_write) return false;
  if (gated(S) || !remember(cycle_key(S))) return false;
  found_t *f = S->out;
  f->n = S->len;
  for (int i = 0; i < S->len; i++) {
    const node_t *n = &nodes[S->path[i]->src];
    const inst_t *x = S->pick[i];
    f->locks[i] = (tg_lock_ref_t){n->addr, n->num, n->kind, n->ctx};
    f->edges[i] = (tg_cycle_edge_t){x->tid, x->a_write, x->b_write, x->a_ctx, x->b_ctx,
                                    tg_vc_get(&x->vc, x->tid)};
  }
  return true;
}

/* Picks an instance for path[i..len) compatible with those picked. */
static bool pick(search_t *S, int i) {
  if (i == S->len) return closes(S);
  const edge_t *e = S->path[i];
  for (uint32_t k = 0; k < e->ninst && S->budget-- > 0; k++) {
    const inst_t *x = &e->inst[k];
    /* path[i]->src is held by x and was requested by pick[i-1]. */
    if (!x->a_write && !S->pick[i - 1]->b_write) continue;
    bool ok = true;
    for (int j = 0; j < i && ok; j++)
      ok = S->pick[j]->tid != x->tid && concurrent(S->pick[j], x);
    if (!ok) continue;
    S->pick[i] = x;
    if (pick(S, i + 1)) return true;
  }
  return false;
}

/* Extends the path of depth edges, which ends at u, towards the target. */
static bool dfs(search_t *S, uint32_t u, int depth) {
  if (u == S->target) {
    S->len = depth;
    return pick(S, 1);
  }
  if (depth == TG_MAX_CYCLE) return false;
  node_t *n = &nodes[u];
  n->mark = stamp;
  for (uint32_t i = 0; i < n->out.n && S->budget-- > 0; i++) {
    edge_t *e = n->out.v[i];
    if (nodes[e->dst].mark == stamp) continue;
    S->path[depth] = e;
    if (dfs(S, e->dst, depth + 1)) return true;
  }
  n->mark = 0;
  return false;
}

/* A cycle through the new instance x of e that can deadlock, into *out. */
static bool search(edge_t *e, const inst_t *x, found_t *out) {
  if (++stamp == 0) stamp = 1;
  search_t S = {.target = e->src, .budget = SEARCH_BUDGET, .out = out};
  S.path[0] = e;
  S.pick[0] = x;
  return dfs(&S, e->dst, 1);
}

/* ---- entry points ---------------------------------------------------- */

void tg_lg_add_edges(tg_thread_t *t, const tg_held_t *b) {
  /* The held set as instances keep it, sorted (it is small). */
  const tg_dl_state_t *d = t->dl;
  uptr small[64], *held = small;
  if (d->nheld > TG_ARRAY_SIZE(small)) { /* max_held_locks raised */
    held = tg_malloc(sizeof(*held) * d->nheld);
    TG_CHECK(held != NULL);
  }
  uint32_t nheld = 0;
  for (uint32_t i = 0; i < d->nheld; i++) {
    const tg_held_t *h = &d->held[i];
    if (h == b) continue;
    uptr v = h->addr | h->write;
    uint32_t j = nheld++;
    for (; j > 0 && held[j - 1] > v; j--) held[j] = held[j - 1];
    held[j] = v;
  }
  found_t found[MAX_FOUND];
  int nfound = 0;
  tg_spin_lock(&lg_lock);
  if (node_live(b->node, b->serial)) {
    for (uint32_t i = 0; i < d->nheld && tg_dl_on; i++) {
      const tg_held_t *a = &d->held[i];
      if (a == b || !node_live(a->node, a->serial)) continue;
      edge_t *e = edge_get(a->node, b->node);
      if (e == NULL) break;
      inst_t *x = record(e, t, a, b, held, nheld);
      if (x != NULL && nfound < MAX_FOUND && search(e, x, &found[nfound])) nfound++;
    }
  }
  tg_spin_unlock(&lg_lock);
  if (held != small) tg_free(held);
  for (int i = 0; i < nfound; i++)
    tg_report_lock_order(found[i].n, found[i].locks, found[i].edges);
}

void tg_lg_fork_child(void) {
  atomic_store_explicit(&lg_lock.v, 0, memory_order_relaxed);
}
