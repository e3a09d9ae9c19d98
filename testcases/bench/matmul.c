/* matmul.c — benchmark workload: blocked dense matrix multiply, fork-join.
 *
 * Computes C = A*B and then D = C*B for n x n doubles with a pool of worker
 * threads that meet at a pthread barrier between phases (the fork-join shape
 * of OpenMP-style numeric code): initialise A and B, multiply, multiply
 * again, checksum.  Each phase hands out 64-row blocks of the output
 * round-robin, and each block is computed in cache-sized tiles
 * (i-k-j order, so the inner loop streams a row of B and vectorises).
 *
 * Why the result is exact: the inputs are small integers, so every product
 * and partial sum is an integer well below 2^53 and the floating-point result
 * does not depend on summation order or compiler choices — the checksum is
 * the same for every build.
 *
 * Sharing: A, B, C, D are written only in phases where each row has exactly
 * one writer and read only after the barrier that ends that phase; the
 * partial checksums are per-thread and summed by main after the join.  No
 * locks, no atomics: the barrier is the only synchronization.
 *
 * Usage: matmul [n] [threads]    (defaults 1472, 2; n a multiple of 64)
 * Prints "checksum <hex>" on stdout; exits 1 if a self-check fails.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define TILE_I 64   /* rows of the output block handed to one thread */
#define TILE_K 64   /* depth of a tile: TILE_K rows of B stay in cache */
#define TILE_J 256  /* width of a tile row of B and C */
#define MAX_THREADS 64

typedef struct {
  int n;
  int nthreads;
  double *a, *b, *c, *d;
  pthread_barrier_t barrier;
} problem_t;

typedef struct {
  problem_t *p;
  int id;
  uint64_t checksum;
} worker_t;

/* Small signed integer entries in [-8, 8]: products stay exact. */
static double entry(uint64_t seed, int i, int j) {
  return (double)(int)(mix64(seed ^ ((uint64_t)i << 32 | (uint32_t)j)) % 17) - 8.0;
}

static void init_rows(problem_t *p, int lo, int hi) {
  int n = p->n;
  for (int i = lo; i < hi; i++)
    for (int j = 0; j < n; j++) {
      p->a[(size_t)i * n + j] = entry(1, i, j);
      p->b[(size_t)i * n + j] = entry(2, i, j);
    }
}

/* out[lo..hi) = x[lo..hi) * y, tile by tile. */
static void multiply_rows(int n, const double *x, const double *y, double *out,
                          int lo, int hi) {
  memset(out + (size_t)lo * n, 0, sizeof(double) * (size_t)(hi - lo) * n);
  for (int kk = 0; kk < n; kk += TILE_K) {
    int kend = kk + TILE_K < n ? kk + TILE_K : n;
    for (int jj = 0; jj < n; jj += TILE_J) {
      int jend = jj + TILE_J < n ? jj + TILE_J : n;
      for (int i = lo; i < hi; i++) {
        double *orow = out + (size_t)i * n;
        const double *xrow = x + (size_t)i * n;
        for (int k = kk; k < kend; k++) {
          double s = xrow[k];
          const double *yrow = y + (size_t)k * n;
          for (int j = jj; j < jend; j++) orow[j] += s * yrow[j];
        }
      }
    }
  }
}

static uint64_t checksum_rows(int n, const double *m, int lo, int hi) {
  uint64_t h = 0;
  for (int i = lo; i < hi; i++)
    for (int j = 0; j < n; j++) {
      int64_t v = (int64_t)m[(size_t)i * n + j];
      h += mix64((uint64_t)v ^ ((uint64_t)i * 0x9e3779b97f4a7c15ull + (uint64_t)j));
    }
  return h;
}

/* One output block per call; blocks go round-robin so both threads get a
 * share of every phase even when n / TILE_I is odd. */
#define FOR_MY_BLOCKS(p, id, lo, hi)                                     \
  for (int lo = (id) * TILE_I, hi; lo < (p)->n &&                         \
       ((hi = lo + TILE_I < (p)->n ? lo + TILE_I : (p)->n), 1);           \
       lo += (p)->nthreads * TILE_I)

static void *worker(void *arg) {
  worker_t *w = arg;
  problem_t *p = w->p;
  FOR_MY_BLOCKS(p, w->id, lo, hi) init_rows(p, lo, hi);
  pthread_barrier_wait(&p->barrier);
  FOR_MY_BLOCKS(p, w->id, lo, hi) multiply_rows(p->n, p->a, p->b, p->c, lo, hi);
  pthread_barrier_wait(&p->barrier);
  FOR_MY_BLOCKS(p, w->id, lo, hi) multiply_rows(p->n, p->c, p->b, p->d, lo, hi);
  pthread_barrier_wait(&p->barrier);
  uint64_t h = 0;
  FOR_MY_BLOCKS(p, w->id, lo, hi) h += checksum_rows(p->n, p->d, lo, hi);
  w->checksum = h;
  return NULL;
}

/* Spot-check a few entries of C against a direct dot product. */
static int verify(const problem_t *p) {
  int n = p->n;
  for (int s = 0; s < 16; s++) {
    int i = (int)(mix64(100 + s) % n), j = (int)(mix64(200 + s) % n);
    double want = 0;
    for (int k = 0; k < n; k++) want += p->a[(size_t)i * n + k] * p->b[(size_t)k * n + j];
    if (want != p->c[(size_t)i * n + j]) {
      fprintf(stderr, "matmul: C[%d][%d] = %g, expected %g\n", i, j,
              p->c[(size_t)i * n + j], want);
      return 0;
    }
  }
  return 1;
}

int main(int argc, char **argv) {
  problem_t p;
  p.n = argc > 1 ? atoi(argv[1]) : 1472;
  p.nthreads = argc > 2 ? atoi(argv[2]) : 2;
  if (p.n < TILE_I || p.n % TILE_I != 0 || p.nthreads < 1 || p.nthreads > MAX_THREADS) {
    fprintf(stderr, "usage: matmul [n, multiple of %d] [threads 1..%d]\n", TILE_I,
            MAX_THREADS);
    return 2;
  }
  size_t bytes = sizeof(double) * (size_t)p.n * p.n;
  p.a = malloc(bytes);
  p.b = malloc(bytes);
  p.c = malloc(bytes);
  p.d = malloc(bytes);
  if (!p.a || !p.b || !p.c || !p.d) {
    fprintf(stderr, "matmul: out of memory\n");
    return 1;
  }
  pthread_barrier_init(&p.barrier, NULL, (unsigned)p.nthreads);

  pthread_t th[MAX_THREADS];
  worker_t w[MAX_THREADS];
  for (int t = 0; t < p.nthreads; t++) {
    w[t] = (worker_t){.p = &p, .id = t};
    if (pthread_create(&th[t], NULL, worker, &w[t]) != 0) {
      fprintf(stderr, "matmul: pthread_create failed\n");
      return 1;
    }
  }
  uint64_t sum = 0;
  for (int t = 0; t < p.nthreads; t++) {
    pthread_join(th[t], NULL);
    sum += w[t].checksum;
  }
  if (!verify(&p)) return 1;
  pthread_barrier_destroy(&p.barrier);
  free(p.a);
  free(p.b);
  free(p.c);
  free(p.d);
  printf("checksum %016llx\n", (unsigned long long)sum);
  return 0;
}
