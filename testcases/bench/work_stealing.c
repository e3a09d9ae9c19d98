/* work_stealing.c — benchmark workload: Chase-Lev work-stealing deques on
 * C11 atomics, running an unbalanced tree search.
 *
 * Each worker owns a deque (Chase & Lev, SPAA 2005, with the C11 orderings
 * of Lê et al., PPoPP 2013): the owner pushes and takes at the bottom with
 * no lock; idle workers steal from the top with a compare-and-swap on `top`.
 * The circular array grows when full; replaced arrays are kept until the
 * end, since a thief may still be reading one.
 * Differences from Lê et al., on purpose: the store-load ordering in take()
 * and steal() comes from seq_cst accesses instead of standalone fences
 * (neither ThreadSanitizer nor many other tools model fences), and every
 * store to `bottom` is a release, so whichever value a thief reads it
 * synchronizes with the pushes before it.
 *
 * The work is UTS (the Unbalanced Tree Search benchmark, binomial tree T3
 * shape): the root has `root_children` children (the size argument), every
 * other node has NONLEAF_CHILDREN children with probability
 * NONLEAF_PERCENT/100 or none, decided by a hash of the node's state — a
 * tree whose subtrees differ in size by orders of magnitude (125 nodes on
 * average, some thousands of times that), so work must be stolen to keep
 * threads busy.
 * Every node is a malloc'ed task written by the thread that spawns it and
 * read and freed by whichever thread runs it, handed over only through the
 * deque's atomics.  A global atomic counter of unfinished tasks tells idle
 * workers when to stop.
 *
 * Determinism: the tree is a function of its size; the checksum adds up a
 * hash per node, whichever thread visits it.
 *
 * Usage: work_stealing [root children] [threads]    (defaults 220000, 2)
 * Prints "checksum <hex>" on stdout; exits 1 if a self-check fails.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"

#define NONLEAF_CHILDREN 8
#define NONLEAF_PERCENT 12.4 /* just under critical: 0.992 children per node */
#define NODE_WORK 8          /* hash rounds per node (UTS does one SHA-1) */
#define INITIAL_DEQUE 256
#define MAX_THREADS 64

typedef struct task {
  uint64_t state;
  int depth;
} task_t;

typedef struct array {
  long size; /* a power of two */
  struct array *retired; /* the array this one replaced; owner-only */
  _Atomic(task_t *) slot[];
} array_t;

typedef struct {
  _Alignas(64) atomic_long top;
  _Alignas(64) atomic_long bottom;
  _Atomic(array_t *) array;
} deque_t;

#define EMPTY ((task_t *)0)
#define ABORT ((task_t *)1)

typedef struct {
  deque_t dq;
  int id, nthreads;
  uint64_t nodes, leaves, hash;
  long steals, failed_steals;
  int max_depth;
} worker_t;

static atomic_long unfinished; /* tasks spawned and not yet run */
static int root_children;      /* set before the threads start */
static worker_t workers[MAX_THREADS];

static void die(const char *what) {
  fprintf(stderr, "work_stealing: %s\n", what);
  exit(1);
}

/* ---- the deque ------------------------------------------------------ */

static array_t *array_new(long size) {
  array_t *a = malloc(sizeof(array_t) + sizeof(_Atomic(task_t *)) * (size_t)size);
  if (a == NULL) die("out of memory");
  a->size = size;
  a->retired = NULL;
  return a;
}

static void deque_init(deque_t *d) {
  atomic_init(&d->top, 0);
  atomic_init(&d->bottom, 0);
  atomic_init(&d->array, array_new(INITIAL_DEQUE));
}

static void deque_free(deque_t *d) {
  array_t *a = atomic_load_explicit(&d->array, memory_order_relaxed);
  while (a != NULL) {
    array_t *next = a->retired;
    free(a);
    a = next;
  }
}

/* Owner only: a twice as large copy of slots [t, b). */
static array_t *deque_grow(deque_t *d, array_t *a, long t, long b) {
  array_t *na = array_new(a->size * 2);
  for (long i = t; i < b; i++)
    atomic_store_explicit(&na->slot[i & (na->size - 1)],
                          atomic_load_explicit(&a->slot[i & (a->size - 1)], memory_order_relaxed),
                          memory_order_relaxed);
  na->retired = a;
  atomic_store_explicit(&d->array, na, memory_order_release);
  return na;
}

/* Owner only. */
static void deque_push(deque_t *d, task_t *x) {
  long b = atomic_load_explicit(&d->bottom, memory_order_relaxed);
  long t = atomic_load_explicit(&d->top, memory_order_acquire);
  array_t *a = atomic_load_explicit(&d->array, memory_order_relaxed);
  if (b - t > a->size - 1) a = deque_grow(d, a, t, b);
  atomic_store_explicit(&a->slot[b & (a->size - 1)], x, memory_order_relaxed);
  atomic_store_explicit(&d->bottom, b + 1, memory_order_release);
}

/* Owner only: the most recently pushed task, or EMPTY. */
static task_t *deque_take(deque_t *d) {
  long b = atomic_load_explicit(&d->bottom, memory_order_relaxed) - 1;
  array_t *a = atomic_load_explicit(&d->array, memory_order_relaxed);
  atomic_store_explicit(&d->bottom, b, memory_order_seq_cst);
  long t = atomic_load_explicit(&d->top, memory_order_seq_cst);
  if (t > b) {
    atomic_store_explicit(&d->bottom, b + 1, memory_order_release);
    return EMPTY;
  }
  task_t *x = atomic_load_explicit(&a->slot[b & (a->size - 1)], memory_order_relaxed);
  if (t == b) {
    /* The last one: race the thieves for it. */
    if (!atomic_compare_exchange_strong_explicit(&d->top, &t, t + 1, memory_order_seq_cst,
                                                 memory_order_relaxed))
      x = EMPTY;
    atomic_store_explicit(&d->bottom, b + 1, memory_order_release);
  }
  return x;
}

/* Any thread: the oldest task, EMPTY, or ABORT if another thread won it. */
static task_t *deque_steal(deque_t *d) {
  long t = atomic_load_explicit(&d->top, memory_order_seq_cst);
  long b = atomic_load_explicit(&d->bottom, memory_order_seq_cst);
  if (t >= b) return EMPTY;
  array_t *a = atomic_load_explicit(&d->array, memory_order_acquire);
  task_t *x = atomic_load_explicit(&a->slot[t & (a->size - 1)], memory_order_relaxed);
  if (!atomic_compare_exchange_strong_explicit(&d->top, &t, t + 1, memory_order_seq_cst,
                                               memory_order_relaxed))
    return ABORT;
  return x;
}

/* ---- the tree search ------------------------------------------------ */

static int child_count(const task_t *n) {
  if (n->depth == 0) return root_children;
  uint64_t h = mix64(n->state ^ 0xa0761d6478bd642full);
  return (double)(h >> 11) * 0x1p-53 * 100.0 < NONLEAF_PERCENT ? NONLEAF_CHILDREN : 0;
}

static void visit(worker_t *w, task_t *n) {
  uint64_t s = n->state;
  for (int r = 0; r < NODE_WORK; r++) s = mix64(s + (uint64_t)r);
  int kids = child_count(n);
  w->nodes++;
  w->hash += s ^ (uint64_t)n->depth;
  if (n->depth > w->max_depth) w->max_depth = n->depth;
  if (kids == 0) w->leaves++;
  atomic_fetch_add_explicit(&unfinished, kids, memory_order_relaxed);
  for (int i = 0; i < kids; i++) {
    task_t *c = malloc(sizeof *c);
    if (c == NULL) die("out of memory");
    c->state = mix64(s + (uint64_t)i * 0x9e3779b97f4a7c15ull);
    c->depth = n->depth + 1;
    deque_push(&w->dq, c);
  }
  free(n);
  /* Release: whoever sees the count reach zero sees all our pushes done. */
  atomic_fetch_sub_explicit(&unfinished, 1, memory_order_release);
}

static void *run(void *arg) {
  worker_t *w = arg;
  uint64_t rng = mix64((uint64_t)w->id + 1);
  int idle = 0;
  for (;;) {
    task_t *n = deque_take(&w->dq);
    if (n == EMPTY && w->nthreads > 1) {
      rng = mix64(rng);
      int victim = (int)(rng % (uint64_t)(w->nthreads - 1));
      if (victim >= w->id) victim++;
      n = deque_steal(&workers[victim].dq);
      if (n == EMPTY || n == ABORT) w->failed_steals++;
      else w->steals++;
    }
    if (n != EMPTY && n != ABORT) {
      visit(w, n);
      idle = 0;
      continue;
    }
    if (atomic_load_explicit(&unfinished, memory_order_acquire) == 0) break;
    if (++idle > 64) sched_yield();
  }
  return NULL;
}

int main(int argc, char **argv) {
  root_children = argc > 1 ? atoi(argv[1]) : 220000;
  int nthreads = argc > 2 ? atoi(argv[2]) : 2;
  if (root_children < 1 || nthreads < 1 || nthreads > MAX_THREADS) {
    fprintf(stderr, "usage: work_stealing [root children] [threads 1..%d]\n", MAX_THREADS);
    return 2;
  }
  for (int i = 0; i < nthreads; i++) {
    workers[i].id = i;
    workers[i].nthreads = nthreads;
    deque_init(&workers[i].dq);
  }
  task_t *root = malloc(sizeof *root);
  if (root == NULL) die("out of memory");
  root->state = mix64(27);
  root->depth = 0;
  atomic_store_explicit(&unfinished, 1, memory_order_relaxed);
  deque_push(&workers[0].dq, root);

  pthread_t th[MAX_THREADS];
  for (int i = 1; i < nthreads; i++)
    if (pthread_create(&th[i], NULL, run, &workers[i]) != 0) die("pthread_create failed");
  run(&workers[0]);
  uint64_t nodes = 0, leaves = 0, hash = 0;
  long steals = 0;
  int depth = 0;
  /* Join everyone before freeing any deque: a thief that saw work a moment
   * ago may still be inside deque_steal on another worker's array. */
  for (int i = 1; i < nthreads; i++) pthread_join(th[i], NULL);
  for (int i = 0; i < nthreads; i++) {
    nodes += workers[i].nodes;
    leaves += workers[i].leaves;
    hash += workers[i].hash;
    steals += workers[i].steals;
    if (workers[i].max_depth > depth) depth = workers[i].max_depth;
    deque_free(&workers[i].dq);
  }
  /* Every inner node but the root has NONLEAF_CHILDREN children. */
  uint64_t inner = nodes - leaves;
  if (inner == 0 || nodes != 1 + (uint64_t)root_children + (inner - 1) * NONLEAF_CHILDREN) {
    fprintf(stderr, "work_stealing: %llu nodes, %llu leaves: tree is inconsistent\n",
            (unsigned long long)nodes, (unsigned long long)leaves);
    return 1;
  }
  /* Steals depend on scheduling: printed, not hashed. */
  printf("work_stealing: %llu nodes, depth %d, %ld steals\n", (unsigned long long)nodes, depth,
         steals);
  printf("checksum %016llx\n",
         (unsigned long long)(mix64(hash) ^ nodes ^ ((uint64_t)depth << 48)));
  return 0;
}
