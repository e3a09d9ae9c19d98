/* radix_sort.c — benchmark workload: parallel LSD radix sort.
 *
 * Sorts n 32-bit keys, each carrying a 32-bit payload (its original index,
 * as when sorting records by key), in four passes of 8 bits.  Each pass is
 * the classic three-step parallel counting sort over a persistent pool of
 * threads that meet at a pthread barrier between steps:
 *   1. every thread counts the digits of its own slice of the input into its
 *      own histogram row;
 *   2. (barrier) every thread derives, from all rows, where each of its
 *      digits goes: the keys of smaller digits, plus the same digit's keys of
 *      lower-numbered threads — which makes the sort stable;
 *   3. every thread scatters its slice to those places in the other buffer.
 *      (barrier, swap buffers)
 * Keys come from a skewed generator (some runs of equal keys, some keys
 * with few distinct high bits) so the scatter is not perfectly uniform.
 *
 * Sharing: histogram row t is written only by thread t in step 1 and read by
 * everyone in step 2; each output slot is written by exactly one thread per
 * pass.  The barrier is the only synchronization.
 *
 * Check: main verifies after the join that the keys are sorted, that the
 * payloads are a permutation carried along stably, and hashes the result.
 *
 * Usage: radix_sort [n] [threads]    (defaults 16000000, 2)
 * Prints "checksum <hex>" on stdout; exits 1 if a self-check fails.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define DIGIT_BITS 8
#define RADIX (1 << DIGIT_BITS)
#define PASSES (32 / DIGIT_BITS)
#define MAX_THREADS 64

typedef struct {
  uint32_t key, val;
} rec_t;

typedef struct {
  size_t n;
  int nthreads;
  rec_t *buf[2];
  size_t (*hist)[RADIX]; /* [thread][digit] */
  pthread_barrier_t barrier;
} problem_t;

typedef struct {
  problem_t *p;
  int id;
} worker_t;

static uint32_t make_key(size_t i) {
  uint64_t h = mix64(i);
  switch (h & 7) {
  case 0: return (uint32_t)(mix64(i >> 6) >> 32);  /* runs of equal keys */
  case 1: return (uint32_t)(h >> 40) & 0x0f0f0f0f; /* few distinct digits */
  default: return (uint32_t)(h >> 32);
  }
}

static void slice(const problem_t *p, int id, size_t *lo, size_t *hi) {
  *lo = p->n * (size_t)id / (size_t)p->nthreads;
  *hi = p->n * (size_t)(id + 1) / (size_t)p->nthreads;
}

static void *worker(void *arg) {
  worker_t *w = arg;
  problem_t *p = w->p;
  int id = w->id;
  size_t lo, hi;
  slice(p, id, &lo, &hi);

  rec_t *src = p->buf[0], *dst = p->buf[1];
  for (size_t i = lo; i < hi; i++) src[i] = (rec_t){make_key(i), (uint32_t)i};

  size_t *mine = p->hist[id];
  size_t where[RADIX];
  for (int pass = 0; pass < PASSES; pass++) {
    int shift = pass * DIGIT_BITS;
    memset(mine, 0, sizeof(size_t) * RADIX);
    for (size_t i = lo; i < hi; i++) mine[(src[i].key >> shift) & (RADIX - 1)]++;
    pthread_barrier_wait(&p->barrier);

    size_t base = 0;
    for (int d = 0; d < RADIX; d++) {
      size_t before = 0, total = 0;
      for (int t = 0; t < p->nthreads; t++) {
        if (t < id) before += p->hist[t][d];
        total += p->hist[t][d];
      }
      where[d] = base + before;
      base += total;
    }
    for (size_t i = lo; i < hi; i++) {
      rec_t r = src[i];
      dst[where[(r.key >> shift) & (RADIX - 1)]++] = r;
    }
    pthread_barrier_wait(&p->barrier);
    rec_t *tmp = src;
    src = dst;
    dst = tmp;
  }
  return NULL;
}

/* PASSES is even, so the sorted records are back in buf[0]. */
static int verify(const problem_t *p, uint64_t *checksum) {
  const rec_t *r = p->buf[PASSES % 2];
  unsigned char *seen = calloc(p->n, 1);
  if (seen == NULL) return 0;
  uint64_t h = 0;
  int ok = 1;
  for (size_t i = 0; i < p->n && ok; i++) {
    if (r[i].val >= p->n || seen[r[i].val] || r[i].key != make_key(r[i].val)) {
      fprintf(stderr, "radix_sort: record %zu is not one of the input records\n", i);
      ok = 0;
    } else if (i > 0 && (r[i - 1].key > r[i].key ||
                         (r[i - 1].key == r[i].key && r[i - 1].val > r[i].val))) {
      fprintf(stderr, "radix_sort: records %zu and %zu out of order\n", i - 1, i);
      ok = 0;
    }
    if (ok) seen[r[i].val] = 1;
    h = mix64(h ^ ((uint64_t)r[i].key << 32 | r[i].val)) + i;
  }
  free(seen);
  *checksum = h;
  return ok;
}

int main(int argc, char **argv) {
  problem_t p;
  p.n = argc > 1 ? strtoull(argv[1], NULL, 10) : 16000000;
  p.nthreads = argc > 2 ? atoi(argv[2]) : 2;
  if (p.n < 1 || p.n > UINT32_MAX || p.nthreads < 1 || p.nthreads > MAX_THREADS) {
    fprintf(stderr, "usage: radix_sort [n] [threads 1..%d]\n", MAX_THREADS);
    return 2;
  }
  p.buf[0] = malloc(sizeof(rec_t) * p.n);
  p.buf[1] = malloc(sizeof(rec_t) * p.n);
  p.hist = malloc(sizeof(size_t[RADIX]) * (size_t)p.nthreads);
  if (p.buf[0] == NULL || p.buf[1] == NULL || p.hist == NULL) {
    fprintf(stderr, "radix_sort: out of memory\n");
    return 1;
  }
  pthread_barrier_init(&p.barrier, NULL, (unsigned)p.nthreads);

  pthread_t th[MAX_THREADS];
  worker_t w[MAX_THREADS];
  for (int t = 0; t < p.nthreads; t++) {
    w[t] = (worker_t){.p = &p, .id = t};
    if (pthread_create(&th[t], NULL, worker, &w[t]) != 0) {
      fprintf(stderr, "radix_sort: pthread_create failed\n");
      return 1;
    }
  }
  for (int t = 0; t < p.nthreads; t++) pthread_join(th[t], NULL);

  uint64_t sum;
  if (!verify(&p, &sum)) return 1;
  pthread_barrier_destroy(&p.barrier);
  free(p.buf[0]);
  free(p.buf[1]);
  free(p.hist);
  printf("checksum %016llx\n", (unsigned long long)sum);
  return 0;
}
