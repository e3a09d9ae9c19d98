/* thread_churn.c — benchmark workload: thousands of short-lived threads.
 *
 * A 1-D heat-diffusion stencil written the naive fork-join way: every time
 * step spawns fresh threads, each smoothing its slice of the rod from the
 * old array into the new one, and joins them before the next step — no
 * thread pool.  Every thread also records what it did in a mutex-protected
 * log, and every fourth step one extra "monitor" thread is started detached
 * to sample the rod and report back through a semaphore.  With the default
 * size that is some 25000 threads, each living for tens of microseconds:
 * the cost measured here is thread creation, start-up, exit and join, and
 * whatever a tool keeps per thread (clocks, stacks, shadow of dead threads'
 * stacks and TLS).
 *
 * Sharing: the arrays are written by one thread per slice per step and read
 * after the join; each thread's argument block is malloc'ed by the parent,
 * filled in, and freed by the parent after the join (detached monitors free
 * their own, after posting); the log: its mutex.
 *
 * Determinism: each cell is computed by one thread in a fixed way, so the
 * bits of the rod do not depend on scheduling; the log is summed
 * commutatively.
 *
 * Usage: thread_churn [steps] [threads per step]    (defaults 11000, 2)
 * Prints "checksum <hex>" on stdout; exits 1 if a self-check fails.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define CELLS 8192
#define MAX_THREADS 64
#define MONITOR_EVERY 4

typedef struct {
  const double *old;
  double *new;
  int lo, hi, step;
  double max_change; /* result, read by the parent after the join */
} slice_t;

typedef struct {
  const double *rod; /* stable while the monitor runs: see main */
  int step;
  sem_t *done;
} monitor_t;

static struct {
  pthread_mutex_t lock;
  uint64_t digest;  /* sum of per-thread entries: order does not matter */
  long entries;
} activity = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

static double monitor_sample_sum; /* written by monitors, read after sem_wait */

static void log_activity(int step, int lo) {
  pthread_mutex_lock(&activity.lock);
  activity.digest += mix64((uint64_t)step << 32 | (uint32_t)lo);
  activity.entries++;
  pthread_mutex_unlock(&activity.lock);
}

static void *smooth(void *arg) {
  slice_t *s = arg;
  double worst = 0;
  for (int i = s->lo; i < s->hi; i++) {
    double l = i > 0 ? s->old[i - 1] : 0.0; /* both ends held at 0 */
    double r = i < CELLS - 1 ? s->old[i + 1] : 0.0;
    double v = s->old[i] + 0.25 * (l - 2 * s->old[i] + r);
    double d = v > s->old[i] ? v - s->old[i] : s->old[i] - v;
    if (d > worst) worst = d;
    s->new[i] = v;
  }
  s->max_change = worst;
  log_activity(s->step, s->lo);
  return NULL;
}

static void *monitor(void *arg) {
  monitor_t *m = arg;
  double sum = 0;
  for (int i = 0; i < CELLS; i += 64) sum += m->rod[i];
  monitor_sample_sum += sum;
  log_activity(m->step, -1);
  sem_t *done = m->done;
  free(m);
  sem_post(done);
  return NULL;
}

int main(int argc, char **argv) {
  int steps = argc > 1 ? atoi(argv[1]) : 11000;
  int nthreads = argc > 2 ? atoi(argv[2]) : 2;
  if (steps < 1 || nthreads < 1 || nthreads > MAX_THREADS) {
    fprintf(stderr, "usage: thread_churn [steps] [threads per step 1..%d]\n", MAX_THREADS);
    return 2;
  }
  double *a = malloc(sizeof(double) * CELLS), *b = malloc(sizeof(double) * CELLS);
  if (a == NULL || b == NULL) {
    fprintf(stderr, "thread_churn: out of memory\n");
    return 1;
  }
  for (int i = 0; i < CELLS; i++) a[i] = (i > CELLS / 3 && i < CELLS / 2) ? 100.0 : 0.0;
  sem_t monitor_done;
  sem_init(&monitor_done, 0, 0);

  long threads_started = 0;
  double last_change = 0;
  for (int step = 0; step < steps; step++) {
    pthread_t th[MAX_THREADS];
    slice_t *sl[MAX_THREADS];
    for (int t = 0; t < nthreads; t++) {
      sl[t] = malloc(sizeof(slice_t));
      if (sl[t] == NULL) {
        fprintf(stderr, "thread_churn: out of memory\n");
        return 1;
      }
      *sl[t] = (slice_t){.old = a, .new = b, .step = step, .lo = CELLS * t / nthreads,
                         .hi = CELLS * (t + 1) / nthreads};
      if (pthread_create(&th[t], NULL, smooth, sl[t]) != 0) {
        fprintf(stderr, "thread_churn: pthread_create failed at step %d\n", step);
        return 1;
      }
      threads_started++;
    }
    /* The monitor reads `a`, which nobody writes until the next step; main
     * waits for it before swapping, so the next step cannot overwrite it. */
    int monitoring = step % MONITOR_EVERY == 0;
    if (monitoring) {
      monitor_t *m = malloc(sizeof *m);
      pthread_t mt;
      pthread_attr_t attr;
      if (m == NULL) {
        fprintf(stderr, "thread_churn: out of memory\n");
        return 1;
      }
      *m = (monitor_t){.rod = a, .step = step, .done = &monitor_done};
      pthread_attr_init(&attr);
      pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
      if (pthread_create(&mt, &attr, monitor, m) != 0) {
        fprintf(stderr, "thread_churn: pthread_create failed at step %d\n", step);
        return 1;
      }
      pthread_attr_destroy(&attr);
      threads_started++;
    }
    last_change = 0;
    for (int t = 0; t < nthreads; t++) {
      pthread_join(th[t], NULL);
      if (sl[t]->max_change > last_change) last_change = sl[t]->max_change;
      free(sl[t]);
    }
    if (monitoring) sem_wait(&monitor_done);
    double *tmp = a;
    a = b;
    b = tmp;
  }

  pthread_mutex_lock(&activity.lock);
  long entries = activity.entries;
  uint64_t digest = activity.digest;
  pthread_mutex_unlock(&activity.lock);
  if (entries != threads_started) {
    fprintf(stderr, "thread_churn: %ld threads logged, %ld started\n", entries, threads_started);
    return 1;
  }
  double total = 0;
  uint64_t h = digest;
  for (int i = 0; i < CELLS; i++) {
    uint64_t bits;
    memcpy(&bits, &a[i], sizeof bits);
    h = mix64(h ^ bits);
    total += a[i];
  }
  /* Heat only leaves through the ends, so the total can only go down. */
  if (!(total <= 100.0 * (CELLS / 2 - CELLS / 3 - 1) + 1e-6) || total <= 0) {
    fprintf(stderr, "thread_churn: total heat %g is impossible\n", total);
    return 1;
  }
  h ^= (uint64_t)(monitor_sample_sum * 1e6);
  sem_destroy(&monitor_done);
  free(a);
  free(b);
  printf("thread_churn: %ld threads, last step changed a cell by at most %.3g\n",
         threads_started, last_change);
  printf("checksum %016llx\n", (unsigned long long)h);
  return 0;
}
