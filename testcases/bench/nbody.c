/* nbody.c — benchmark workload: direct-sum n-body steps with per-body locks.
 *
 * Each time step has two phases separated by a pthread barrier:
 *   1. forces: every pair (i, j), i < j, is visited once (rows i dealt to the
 *      threads round-robin); the pair's force is added to body i in a local
 *      sum and subtracted from body j under body j's mutex (Newton's third
 *      law halves the arithmetic but makes other threads' rows write into
 *      "your" bodies — hence the per-body locks); finally the local sum goes
 *      into body i under body i's mutex;
 *   2. integration: every thread advances its own slice of bodies
 *      (symplectic Euler) and clears their accumulators.
 * That is ~n^2/2 lock/unlock pairs per step on n different mutexes, mostly
 * uncontended, plus every thread reading every body's position in phase 1.
 *
 * Determinism: the accumulators are 64-bit fixed point (2^-24 units), so
 * adding the pair forces in whatever order the locks are won gives the same
 * bits; everything else is computed by one thread in a fixed order.  The
 * checksum hashes the bits of the final positions and velocities.
 *
 * Sharing: x/v/m of a body are written only by its owner in phase 2 and read
 * by everyone in phase 1; f[] is written under the body's lock in phase 1
 * and read/cleared by the owner in phase 2.  The barrier orders the phases.
 *
 * Usage: nbody [bodies] [steps] [threads]    (defaults 1600, 30, 2)
 * Prints "checksum <hex>" on stdout; exits 1 if a self-check fails.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define MAX_THREADS 64
#define FIX_ONE 16777216.0 /* 2^24: fixed-point unit of the force sums */
#define DT 1e-3
#define SOFTENING2 1e-4

typedef struct {
  pthread_mutex_t lock; /* protects f[] during the force phase */
  int64_t f[3];
  double x[3], v[3], m;
} body_t;

typedef struct {
  int n, steps, nthreads;
  body_t *b;
  pthread_barrier_t barrier;
} problem_t;

typedef struct {
  problem_t *p;
  int id;
} worker_t;

static double unit(uint64_t seed) { return (double)(mix64(seed) >> 11) * 0x1p-53; }

/* A cold disc of bodies with a little random motion. */
static void init_body(body_t *b, int i) {
  double r = 0.1 + unit(3 * (uint64_t)i) * 0.9, a = unit(3 * (uint64_t)i + 1) * 6.283185307179586;
  b->x[0] = r * cos(a);
  b->x[1] = r * sin(a);
  b->x[2] = (unit(3 * (uint64_t)i + 2) - 0.5) * 0.05;
  b->v[0] = -sin(a) * 0.5 + (unit(7 * (uint64_t)i) - 0.5) * 0.01;
  b->v[1] = cos(a) * 0.5 + (unit(7 * (uint64_t)i + 1) - 0.5) * 0.01;
  b->v[2] = 0;
  b->m = (0.5 + unit(11 * (uint64_t)i)) / 1000.0;
  memset(b->f, 0, sizeof b->f);
  pthread_mutex_init(&b->lock, NULL);
}

static inline int64_t to_fix(double v) { return (int64_t)llrint(v * FIX_ONE); }

static void forces_of_row(problem_t *p, int i) {
  body_t *bi = &p->b[i];
  int64_t acc[3] = {0, 0, 0};
  for (int j = i + 1; j < p->n; j++) {
    body_t *bj = &p->b[j];
    double d[3], r2 = SOFTENING2;
    for (int k = 0; k < 3; k++) {
      d[k] = bj->x[k] - bi->x[k];
      r2 += d[k] * d[k];
    }
    double s = bi->m * bj->m / (r2 * sqrt(r2));
    int64_t q[3];
    for (int k = 0; k < 3; k++) {
      q[k] = to_fix(d[k] * s);
      acc[k] += q[k];
    }
    pthread_mutex_lock(&bj->lock);
    for (int k = 0; k < 3; k++) bj->f[k] -= q[k];
    pthread_mutex_unlock(&bj->lock);
  }
  pthread_mutex_lock(&bi->lock);
  for (int k = 0; k < 3; k++) bi->f[k] += acc[k];
  pthread_mutex_unlock(&bi->lock);
}

static void integrate(body_t *b) {
  for (int k = 0; k < 3; k++) {
    b->v[k] += (double)b->f[k] / FIX_ONE / b->m * DT;
    b->x[k] += b->v[k] * DT;
    b->f[k] = 0;
  }
}

static void *worker(void *arg) {
  worker_t *w = arg;
  problem_t *p = w->p;
  int lo = (int)((long)p->n * w->id / p->nthreads);
  int hi = (int)((long)p->n * (w->id + 1) / p->nthreads);
  for (int s = 0; s < p->steps; s++) {
    /* Rows paired from both ends (i and n-1-i) so the triangle splits evenly. */
    for (int i = w->id; i < (p->n + 1) / 2; i += p->nthreads) {
      forces_of_row(p, i);
      if (p->n - 1 - i != i) forces_of_row(p, p->n - 1 - i);
    }
    pthread_barrier_wait(&p->barrier);
    for (int i = lo; i < hi; i++) integrate(&p->b[i]);
    pthread_barrier_wait(&p->barrier);
  }
  return NULL;
}

int main(int argc, char **argv) {
  problem_t p;
  p.n = argc > 1 ? atoi(argv[1]) : 1600;
  p.steps = argc > 2 ? atoi(argv[2]) : 30;
  p.nthreads = argc > 3 ? atoi(argv[3]) : 2;
  if (p.n < 2 || p.steps < 1 || p.nthreads < 1 || p.nthreads > MAX_THREADS) {
    fprintf(stderr, "usage: nbody [bodies] [steps] [threads 1..%d]\n", MAX_THREADS);
    return 2;
  }
  p.b = malloc(sizeof(body_t) * (size_t)p.n);
  if (p.b == NULL) {
    fprintf(stderr, "nbody: out of memory\n");
    return 1;
  }
  for (int i = 0; i < p.n; i++) init_body(&p.b[i], i);
  pthread_barrier_init(&p.barrier, NULL, (unsigned)p.nthreads);

  pthread_t th[MAX_THREADS];
  worker_t w[MAX_THREADS];
  for (int t = 0; t < p.nthreads; t++) {
    w[t] = (worker_t){.p = &p, .id = t};
    if (pthread_create(&th[t], NULL, worker, &w[t]) != 0) {
      fprintf(stderr, "nbody: pthread_create failed\n");
      return 1;
    }
  }
  for (int t = 0; t < p.nthreads; t++) pthread_join(th[t], NULL);

  /* Momentum is conserved exactly by the antisymmetric fixed-point forces,
   * up to the rounding of the velocity updates. */
  double mom[3] = {0, 0, 0}, mom0[3] = {0, 0, 0};
  uint64_t h = 0;
  for (int i = 0; i < p.n; i++) {
    body_t b0;
    init_body(&b0, i);
    pthread_mutex_destroy(&b0.lock);
    for (int k = 0; k < 3; k++) {
      mom[k] += p.b[i].m * p.b[i].v[k];
      mom0[k] += b0.m * b0.v[k];
      uint64_t bits[2];
      memcpy(&bits[0], &p.b[i].x[k], sizeof(double));
      memcpy(&bits[1], &p.b[i].v[k], sizeof(double));
      h = mix64(h ^ bits[0]) + bits[1];
    }
    pthread_mutex_destroy(&p.b[i].lock);
  }
  for (int k = 0; k < 3; k++)
    if (fabs(mom[k] - mom0[k]) > 1e-9 || isnan(mom[k])) {
      fprintf(stderr, "nbody: momentum[%d] drifted from %g to %g\n", k, mom0[k], mom[k]);
      return 1;
    }
  pthread_barrier_destroy(&p.barrier);
  free(p.b);
  printf("checksum %016llx\n", (unsigned long long)h);
  return 0;
}
