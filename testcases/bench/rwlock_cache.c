/* rwlock_cache.c — benchmark workload: a reader-heavy cache under rwlocks.
 *
 * A memoizing cache in front of an expensive function (think: parsed
 * configuration, compiled templates, DNS answers).  The cache is a 4-way
 * set-associative table of 64-byte values split into 16 shards, each shard
 * guarded by a pthread_rwlock:
 *   - lookup: read-lock the shard, scan the key's set, copy the value out;
 *   - miss:   compute the value with no lock held, write-lock the shard,
 *             install it (unless another thread did meanwhile) over the set's
 *             round-robin victim.
 * 95% of the keys come from a hot set that fits, with a power law among
 * them, 5% from a large cold set, so ~90% of lookups hit and the lock is
 * taken for reading far more often than for writing, by every thread, on
 * the same hot entries — the case rwlocks exist for, and the case where a
 * race detector sees the same memory read by many threads.
 *
 * Determinism: a key's value is a pure function of the key, so what every
 * lookup returns does not depend on hits, misses or evictions, and the
 * checksum (a sum over all lookups of a hash of the value) is fixed.  Hit
 * counts depend on scheduling and are printed, not hashed.
 *
 * Sharing: entries and victim counters of a shard: its rwlock.  The shard
 * array itself is set up before the threads start.
 *
 * Usage: rwlock_cache [lookups per thread] [threads]    (defaults 6000000, 2)
 * Prints "checksum <hex>" on stdout; exits 1 if a self-check fails.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define SHARDS 16
#define SETS_PER_SHARD 512
#define WAYS 4
#define VALUE_WORDS 8
#define HOT_KEYS 16000     /* 95% of lookups, power-law among these */
#define COLD_KEYS 1000000  /* 5% of lookups, uniform: mostly misses */
#define COST_ROUNDS 100 /* work to produce a value on a miss */
#define MAX_THREADS 64

typedef struct {
  uint64_t key; /* 0 = empty; keys are stored + 1 */
  uint64_t value[VALUE_WORDS];
} entry_t;

typedef struct {
  entry_t way[WAYS];
  unsigned victim;
} set_t;

typedef struct {
  pthread_rwlock_t lock;
  set_t sets[SETS_PER_SHARD];
} shard_t;

typedef struct {
  shard_t *shards;
  int id;
  long lookups;
  uint64_t digest;
  long hits, installs;
} worker_t;

/* The expensive function being cached. */
static void compute_value(uint64_t key, uint64_t out[VALUE_WORDS]) {
  uint64_t s = key;
  for (int r = 0; r < COST_ROUNDS; r++) {
    s = mix64(s + (uint64_t)r);
    out[r % VALUE_WORDS] ^= s;
  }
}

/* 95% hot keys, u^2 crowding them onto small keys; 5% cold keys. */
static uint64_t draw_key(uint64_t *rng) {
  *rng = mix64(*rng);
  if (*rng % 100 < 5) return HOT_KEYS + (*rng >> 8) % COLD_KEYS;
  double u = (double)(*rng >> 11) * 0x1p-53;
  return (uint64_t)(u * u * HOT_KEYS);
}

static int lookup(shard_t *shards, uint64_t key, uint64_t out[VALUE_WORDS]) {
  uint64_t h = mix64(key ^ 0x5bd1e995u);
  shard_t *sh = &shards[h % SHARDS];
  set_t *set = &sh->sets[(h / SHARDS) % SETS_PER_SHARD];
  int hit = 0;
  pthread_rwlock_rdlock(&sh->lock);
  for (int w = 0; w < WAYS; w++)
    if (set->way[w].key == key + 1) {
      memcpy(out, set->way[w].value, sizeof set->way[w].value);
      hit = 1;
      break;
    }
  pthread_rwlock_unlock(&sh->lock);
  return hit;
}

/* Returns 1 if this call installed the value. */
static int install(shard_t *shards, uint64_t key, const uint64_t value[VALUE_WORDS]) {
  uint64_t h = mix64(key ^ 0x5bd1e995u);
  shard_t *sh = &shards[h % SHARDS];
  set_t *set = &sh->sets[(h / SHARDS) % SETS_PER_SHARD];
  int installed = 1;
  pthread_rwlock_wrlock(&sh->lock);
  for (int w = 0; w < WAYS; w++)
    if (set->way[w].key == key + 1) installed = 0;
  if (installed) {
    entry_t *e = &set->way[set->victim];
    set->victim = (set->victim + 1) % WAYS;
    e->key = key + 1;
    memcpy(e->value, value, sizeof e->value);
  }
  pthread_rwlock_unlock(&sh->lock);
  return installed;
}

static void *worker(void *arg) {
  worker_t *w = arg;
  uint64_t rng = mix64(77 + w->id);
  for (long i = 0; i < w->lookups; i++) {
    uint64_t key = draw_key(&rng), value[VALUE_WORDS];
    if (lookup(w->shards, key, value)) {
      w->hits++;
    } else {
      memset(value, 0, sizeof value);
      compute_value(key, value);
      w->installs += install(w->shards, key, value);
    }
    uint64_t d = key;
    for (int k = 0; k < VALUE_WORDS; k++) d = mix64(d ^ value[k]);
    w->digest += d;
  }
  return NULL;
}

int main(int argc, char **argv) {
  long lookups = argc > 1 ? atol(argv[1]) : 6000000;
  int nthreads = argc > 2 ? atoi(argv[2]) : 2;
  if (lookups < 1 || nthreads < 1 || nthreads > MAX_THREADS) {
    fprintf(stderr, "usage: rwlock_cache [lookups per thread] [threads 1..%d]\n", MAX_THREADS);
    return 2;
  }
  shard_t *shards = calloc(SHARDS, sizeof(shard_t));
  if (shards == NULL) {
    fprintf(stderr, "rwlock_cache: out of memory\n");
    return 1;
  }
  for (int s = 0; s < SHARDS; s++) pthread_rwlock_init(&shards[s].lock, NULL);

  pthread_t th[MAX_THREADS];
  worker_t w[MAX_THREADS];
  for (int t = 0; t < nthreads; t++) {
    w[t] = (worker_t){.shards = shards, .id = t, .lookups = lookups};
    if (pthread_create(&th[t], NULL, worker, &w[t]) != 0) {
      fprintf(stderr, "rwlock_cache: pthread_create failed\n");
      return 1;
    }
  }
  uint64_t sum = 0;
  long hits = 0, installs = 0;
  for (int t = 0; t < nthreads; t++) {
    pthread_join(th[t], NULL);
    sum += w[t].digest;
    hits += w[t].hits;
    installs += w[t].installs;
  }

  /* Every cached value must still be the function of its key. */
  for (int s = 0; s < SHARDS; s++) {
    for (int i = 0; i < SETS_PER_SHARD; i++)
      for (int k = 0; k < WAYS; k++) {
        const entry_t *e = &shards[s].sets[i].way[k];
        uint64_t want[VALUE_WORDS] = {0};
        if (e->key == 0) continue;
        compute_value(e->key - 1, want);
        if (memcmp(want, e->value, sizeof want) != 0) {
          fprintf(stderr, "rwlock_cache: entry for key %llu is corrupt\n",
                  (unsigned long long)(e->key - 1));
          return 1;
        }
      }
    pthread_rwlock_destroy(&shards[s].lock);
  }
  free(shards);
  /* Hit and install counts depend on scheduling: printed, not hashed. */
  printf("rwlock_cache: %.1f%% hits, %ld installs\n",
         100.0 * (double)hits / ((double)lookups * nthreads), installs);
  printf("checksum %016llx\n", (unsigned long long)sum);
  return 0;
}
