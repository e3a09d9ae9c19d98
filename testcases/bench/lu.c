/* lu.c — benchmark workload: blocked right-looking LU factorization.
 *
 * Factors a diagonally dominant n x n matrix A = L*U in place (no pivoting
 * is needed for such a matrix) with 64 x 64 blocks and a pool of threads
 * that meet at a pthread barrier after every phase of every block step K:
 *   1. one thread factors the diagonal block A[K][K];
 *   2. all threads solve the panels: U[K][J] = L[K][K]^-1 A[K][J] for J > K
 *      and L[I][K] = A[I][K] U[K][K]^-1 for I > K, blocks round-robin;
 *   3. all threads update the trailing matrix A[I][J] -= L[I][K] U[K][J],
 *      block rows round-robin.
 * This is the shape of LAPACK's dgetrf / SPLASH-2's LU kernel: 3 * n/64
 * barriers, and a shrinking amount of work between them.
 *
 * Sharing: in each phase every block has one writer; blocks written in one
 * phase are read only after the barrier that ends it.  The copy of A used
 * for the residual check is read-only after the first barrier.
 *
 * Determinism: every element is updated by one thread in a fixed order, so
 * the bits of the result do not depend on scheduling; the checksum hashes
 * the bits of L and U.  The program also solves A x = A*1 with the factors
 * and checks that x is 1 to 1e-9.
 *
 * Usage: lu [n] [threads]    (defaults 2560, 2; n a multiple of 64)
 * Prints "checksum <hex>" on stdout; exits 1 if a self-check fails.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define BS 64 /* block size */
#define MAX_THREADS 64

typedef struct {
  int n, nb, nthreads;
  double *a;    /* factored in place */
  double *orig; /* the original matrix, for the residual check */
  pthread_barrier_t barrier;
} problem_t;

typedef struct {
  problem_t *p;
  int id;
} worker_t;

/* Element (i, j) of block (I, J). */
#define EL(p, I, J, i, j) ((p)->a[((size_t)(I) * BS + (i)) * (p)->n + (size_t)(J) * BS + (j)])

static void init_rows(problem_t *p, int lo, int hi) {
  int n = p->n;
  for (int i = lo; i < hi; i++) {
    double *row = p->a + (size_t)i * n;
    for (int j = 0; j < n; j++)
      row[j] = (double)(mix64((uint64_t)i * n + j) >> 11) * 0x1p-53 - 0.5;
    row[i] += n; /* diagonal dominance: no pivoting needed */
    memcpy(p->orig + (size_t)i * n, row, sizeof(double) * n);
  }
}

/* Unblocked LU of the diagonal block K (L unit lower, U upper, in place). */
static void factor_diag(problem_t *p, int K) {
  for (int k = 0; k < BS; k++) {
    double piv = EL(p, K, K, k, k);
    for (int i = k + 1; i < BS; i++) {
      double l = EL(p, K, K, i, k) / piv;
      EL(p, K, K, i, k) = l;
      for (int j = k + 1; j < BS; j++) EL(p, K, K, i, j) -= l * EL(p, K, K, k, j);
    }
  }
}

/* A[K][J] = L[K][K]^-1 A[K][J]: forward substitution, unit diagonal. */
static void solve_row_panel(problem_t *p, int K, int J) {
  for (int k = 0; k < BS; k++)
    for (int i = k + 1; i < BS; i++) {
      double l = EL(p, K, K, i, k);
      for (int j = 0; j < BS; j++) EL(p, K, J, i, j) -= l * EL(p, K, J, k, j);
    }
}

/* A[I][K] = A[I][K] U[K][K]^-1, row by row. */
static void solve_col_panel(problem_t *p, int I, int K) {
  for (int i = 0; i < BS; i++)
    for (int k = 0; k < BS; k++) {
      double v = EL(p, I, K, i, k) / EL(p, K, K, k, k);
      EL(p, I, K, i, k) = v;
      for (int j = k + 1; j < BS; j++) EL(p, I, K, i, j) -= v * EL(p, K, K, k, j);
    }
}

/* A[I][J] -= L[I][K] * U[K][J]. */
static void update_block(problem_t *p, int I, int J, int K) {
  for (int i = 0; i < BS; i++)
    for (int k = 0; k < BS; k++) {
      double l = EL(p, I, K, i, k);
      double *out = &EL(p, I, J, i, 0);
      const double *u = &EL(p, K, J, k, 0);
      for (int j = 0; j < BS; j++) out[j] -= l * u[j];
    }
}

static void *worker(void *arg) {
  worker_t *w = arg;
  problem_t *p = w->p;
  int id = w->id, nt = p->nthreads, nb = p->nb;

  for (int I = id; I < nb; I += nt) init_rows(p, I * BS, (I + 1) * BS);
  pthread_barrier_wait(&p->barrier);

  for (int K = 0; K < nb; K++) {
    if (id == K % nt) factor_diag(p, K);
    pthread_barrier_wait(&p->barrier);

    /* Panel blocks numbered 0 .. 2*(nb-K-1)-1: row panel first, then column. */
    int rest = nb - K - 1;
    for (int x = id; x < 2 * rest; x += nt) {
      if (x < rest) solve_row_panel(p, K, K + 1 + x);
      else solve_col_panel(p, K + 1 + (x - rest), K);
    }
    pthread_barrier_wait(&p->barrier);

    /* Trailing update by block rows, rotated each step so the thread that
     * gets the next diagonal block is not always the one with the most work. */
    for (int I = K + 1 + (id + K) % nt; I < nb; I += nt)
      for (int J = K + 1; J < nb; J++) update_block(p, I, J, K);
    pthread_barrier_wait(&p->barrier);
  }
  return NULL;
}

/* Solve L U x = A 1 and check x == 1; hash the factors' bits. */
static int verify(const problem_t *p, uint64_t *checksum) {
  int n = p->n;
  double *x = malloc(sizeof(double) * n);
  if (x == NULL) return 0;
  for (int i = 0; i < n; i++) {
    double s = 0;
    for (int j = 0; j < n; j++) s += p->orig[(size_t)i * n + j];
    x[i] = s;
  }
  for (int i = 0; i < n; i++) /* L y = b */
    for (int j = 0; j < i; j++) x[i] -= p->a[(size_t)i * n + j] * x[j];
  for (int i = n - 1; i >= 0; i--) { /* U x = y */
    for (int j = i + 1; j < n; j++) x[i] -= p->a[(size_t)i * n + j] * x[j];
    x[i] /= p->a[(size_t)i * n + i];
  }
  int ok = 1;
  for (int i = 0; i < n && ok; i++)
    if (fabs(x[i] - 1.0) > 1e-9) {
      fprintf(stderr, "lu: x[%d] = %.17g, expected 1\n", i, x[i]);
      ok = 0;
    }
  free(x);
  uint64_t h = 0;
  for (size_t k = 0; k < (size_t)n * n; k++) {
    uint64_t bits;
    memcpy(&bits, &p->a[k], sizeof bits);
    h = mix64(h ^ bits) + k;
  }
  *checksum = h;
  return ok;
}

int main(int argc, char **argv) {
  problem_t p;
  p.n = argc > 1 ? atoi(argv[1]) : 2560;
  p.nthreads = argc > 2 ? atoi(argv[2]) : 2;
  if (p.n < BS || p.n % BS != 0 || p.nthreads < 1 || p.nthreads > MAX_THREADS) {
    fprintf(stderr, "usage: lu [n, multiple of %d] [threads 1..%d]\n", BS, MAX_THREADS);
    return 2;
  }
  p.nb = p.n / BS;
  p.a = malloc(sizeof(double) * (size_t)p.n * p.n);
  p.orig = malloc(sizeof(double) * (size_t)p.n * p.n);
  if (p.a == NULL || p.orig == NULL) {
    fprintf(stderr, "lu: out of memory\n");
    return 1;
  }
  pthread_barrier_init(&p.barrier, NULL, (unsigned)p.nthreads);

  pthread_t th[MAX_THREADS];
  worker_t w[MAX_THREADS];
  for (int t = 0; t < p.nthreads; t++) {
    w[t] = (worker_t){.p = &p, .id = t};
    if (pthread_create(&th[t], NULL, worker, &w[t]) != 0) {
      fprintf(stderr, "lu: pthread_create failed\n");
      return 1;
    }
  }
  for (int t = 0; t < p.nthreads; t++) pthread_join(th[t], NULL);

  uint64_t sum;
  if (!verify(&p, &sum)) return 1;
  pthread_barrier_destroy(&p.barrier);
  free(p.a);
  free(p.orig);
  printf("checksum %016llx\n", (unsigned long long)sum);
  return 0;
}
