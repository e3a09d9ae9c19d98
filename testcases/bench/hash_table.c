/* hash_table.c — benchmark workload: lock-striped chained hash table.
 *
 * A hash map from 64-bit keys to small records, shared by all threads, with
 * 32 mutex stripes in the style of Java's ConcurrentHashMap (before 8):
 * a key's stripe is fixed by its hash, and a bucket always belongs to the
 * stripe of its hash bits, so one stripe lock covers every bucket it owns
 * whatever the table size.  Growing the table takes all stripe locks in
 * index order, rehashes, and swaps the bucket array.
 *
 * Each thread runs a mix of operations on random keys: 80% lookups of any
 * key, 10% insert-or-update and 10% delete.  Nodes are malloc'ed on insert
 * and freed on delete, so the allocator sees cross-thread traffic too.
 *
 * Determinism: a thread inserts, updates and deletes only the keys it owns
 * (key % threads == id), so each key's history is one thread's program order
 * and the final table, and every lookup of an owned key, do not depend on
 * scheduling.  Lookups of other threads' keys are counted, not hashed.  The
 * checksum covers the final contents and the owned-key lookups.
 *
 * Sharing: nodes, bucket chains, stripe counts: the stripe's lock.  nbuckets
 * and the bucket array: every stripe lock to write, any one to read.
 *
 * Usage: hash_table [ops per thread] [threads]    (defaults 3000000, 2)
 * Prints "checksum <hex>" on stdout; exits 1 if a self-check fails.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"

/* Growth holds every stripe lock at once; ThreadSanitizer's deadlock
 * detector dies (CHECK failure, then a hang) when a thread holds more than
 * 64 mutexes, so stay well below that. */
#define NSTRIPES 32
#define INITIAL_BUCKETS 1024 /* a power of two, >= NSTRIPES */
#define MAX_LOAD 2           /* average chain length that triggers a resize */
#define KEY_SPACE (1u << 18)
#define MAX_THREADS 64

typedef struct node {
  struct node *next;
  uint64_t key;
  uint64_t version;
  uint64_t payload[4];
} node_t;

typedef struct {
  pthread_mutex_t lock;
  size_t count; /* nodes in this stripe's buckets */
  char pad[64 - (sizeof(pthread_mutex_t) + sizeof(size_t)) % 64];
} stripe_t;

typedef struct {
  stripe_t stripes[NSTRIPES];
  node_t **buckets;
  size_t nbuckets;
} table_t;

typedef struct {
  table_t *tab;
  int id, nthreads;
  long ops;
  uint64_t digest;     /* of lookups of owned keys */
  long foreign_hits;   /* lookups of other threads' keys that found one */
} worker_t;

static inline uint64_t hash_key(uint64_t key) { return mix64(key + 0x9e3779b97f4a7c15ull); }

static void fill_payload(node_t *n) {
  for (int i = 0; i < 4; i++) n->payload[i] = mix64(n->key * 31 + n->version * 7 + i);
}

static void table_init(table_t *t) {
  for (int s = 0; s < NSTRIPES; s++) {
    pthread_mutex_init(&t->stripes[s].lock, NULL);
    t->stripes[s].count = 0;
  }
  t->nbuckets = INITIAL_BUCKETS;
  t->buckets = calloc(t->nbuckets, sizeof(node_t *));
}

/* Double the table unless someone already did since we saw `seen`. */
static void table_grow(table_t *t, size_t seen) {
  for (int s = 0; s < NSTRIPES; s++) pthread_mutex_lock(&t->stripes[s].lock);
  if (t->nbuckets == seen) {
    size_t nb = seen * 2;
    node_t **nbk = calloc(nb, sizeof(node_t *));
    if (nbk != NULL) {
      for (size_t b = 0; b < seen; b++)
        for (node_t *n = t->buckets[b], *next; n != NULL; n = next) {
          next = n->next;
          node_t **head = &nbk[hash_key(n->key) & (nb - 1)];
          n->next = *head;
          *head = n;
        }
      free(t->buckets);
      t->buckets = nbk;
      t->nbuckets = nb;
    }
  }
  for (int s = NSTRIPES - 1; s >= 0; s--) pthread_mutex_unlock(&t->stripes[s].lock);
}

/* Copies the record out; returns 0 if the key is absent. */
static int table_lookup(table_t *t, uint64_t key, node_t *out) {
  uint64_t h = hash_key(key);
  stripe_t *s = &t->stripes[h & (NSTRIPES - 1)];
  int found = 0;
  pthread_mutex_lock(&s->lock);
  for (node_t *n = t->buckets[h & (t->nbuckets - 1)]; n != NULL; n = n->next)
    if (n->key == key) {
      *out = *n;
      found = 1;
      break;
    }
  pthread_mutex_unlock(&s->lock);
  return found;
}

static void table_upsert(table_t *t, uint64_t key) {
  uint64_t h = hash_key(key);
  stripe_t *s = &t->stripes[h & (NSTRIPES - 1)];
  size_t grow_from = 0;
  pthread_mutex_lock(&s->lock);
  node_t **head = &t->buckets[h & (t->nbuckets - 1)], *n;
  for (n = *head; n != NULL && n->key != key; n = n->next) {
  }
  if (n != NULL) {
    n->version++;
    fill_payload(n);
  } else if ((n = malloc(sizeof *n)) != NULL) {
    n->key = key;
    n->version = 1;
    fill_payload(n);
    n->next = *head;
    *head = n;
    if (++s->count > MAX_LOAD * t->nbuckets / NSTRIPES) grow_from = t->nbuckets;
  }
  pthread_mutex_unlock(&s->lock);
  if (grow_from != 0) table_grow(t, grow_from);
}

static void table_delete(table_t *t, uint64_t key) {
  uint64_t h = hash_key(key);
  stripe_t *s = &t->stripes[h & (NSTRIPES - 1)];
  node_t *victim = NULL;
  pthread_mutex_lock(&s->lock);
  for (node_t **pp = &t->buckets[h & (t->nbuckets - 1)]; *pp != NULL; pp = &(*pp)->next)
    if ((*pp)->key == key) {
      victim = *pp;
      *pp = victim->next;
      s->count--;
      break;
    }
  pthread_mutex_unlock(&s->lock);
  free(victim);
}

static void *worker(void *arg) {
  worker_t *w = arg;
  uint64_t rng = mix64(1000 + w->id);
  for (long i = 0; i < w->ops; i++) {
    rng = mix64(rng);
    unsigned op = (unsigned)(rng % 100);
    uint64_t key = (rng >> 8) % KEY_SPACE;
    if (op < 80) {
      node_t rec;
      int found = table_lookup(w->tab, key, &rec);
      if ((int)(key % w->nthreads) == w->id)
        w->digest += found ? mix64(rec.payload[i & 3] ^ rec.version) : 1;
      else
        w->foreign_hits += found;
    } else {
      /* Write only keys we own: the nearest one at or above the drawn key. */
      key += (uint64_t)(w->id + w->nthreads - (int)(key % w->nthreads)) % w->nthreads;
      if (op < 90) table_upsert(w->tab, key);
      else table_delete(w->tab, key);
    }
  }
  return NULL;
}

int main(int argc, char **argv) {
  long ops = argc > 1 ? atol(argv[1]) : 3000000;
  int nthreads = argc > 2 ? atoi(argv[2]) : 2;
  if (ops < 1 || nthreads < 1 || nthreads > MAX_THREADS) {
    fprintf(stderr, "usage: hash_table [ops per thread] [threads 1..%d]\n", MAX_THREADS);
    return 2;
  }
  static table_t tab;
  table_init(&tab);
  if (tab.buckets == NULL) {
    fprintf(stderr, "hash_table: out of memory\n");
    return 1;
  }
  for (uint64_t k = 0; k < KEY_SPACE; k += 2) table_upsert(&tab, k);

  pthread_t th[MAX_THREADS];
  worker_t w[MAX_THREADS];
  for (int t = 0; t < nthreads; t++) {
    w[t] = (worker_t){.tab = &tab, .id = t, .nthreads = nthreads, .ops = ops};
    if (pthread_create(&th[t], NULL, worker, &w[t]) != 0) {
      fprintf(stderr, "hash_table: pthread_create failed\n");
      return 1;
    }
  }
  uint64_t sum = 0;
  long foreign = 0;
  for (int t = 0; t < nthreads; t++) {
    pthread_join(th[t], NULL);
    sum += w[t].digest;
    foreign += w[t].foreign_hits;
  }

  size_t count = 0, counted = 0;
  for (int s = 0; s < NSTRIPES; s++) count += tab.stripes[s].count;
  for (size_t b = 0; b < tab.nbuckets; b++)
    for (node_t *n = tab.buckets[b], *next; n != NULL; n = next) {
      next = n->next;
      if ((hash_key(n->key) & (tab.nbuckets - 1)) != b || n->payload[1] != mix64(n->key * 31 + n->version * 7 + 1)) {
        fprintf(stderr, "hash_table: node for key %llu is corrupt or misplaced\n",
                (unsigned long long)n->key);
        return 1;
      }
      sum += mix64(n->key ^ mix64(n->version));
      counted++;
      free(n);
    }
  if (count != counted) {
    fprintf(stderr, "hash_table: stripes count %zu nodes, buckets hold %zu\n", count, counted);
    return 1;
  }
  free(tab.buckets);
  for (int s = 0; s < NSTRIPES; s++) pthread_mutex_destroy(&tab.stripes[s].lock);
  /* The foreign hits depend on scheduling: printed, not hashed. */
  printf("hash_table: %ld lookups of other threads' keys found one\n", foreign);
  printf("checksum %016llx\n", (unsigned long long)sum);
  return 0;
}
