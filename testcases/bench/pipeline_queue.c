/* pipeline_queue.c — benchmark workload: producer/consumer pipeline over
 * bounded mutex/condvar queues.
 *
 *   source thread --q1--> worker threads (2) --q2--> main thread (sink)
 *
 * The source allocates jobs (a header and an array of a few hundred random
 * integers) and pushes pointers to them into q1; each worker pops a job,
 * sorts its array in place (introsort-style quicksort with an insertion-sort
 * finish), computes a digest, the median and the number of distinct values,
 * and pushes the same pointer into q2; the sink checks and frees the jobs.
 * A job is therefore written by three threads in turn and handed over only
 * through the queues' mutexes — the ownership-passing pattern of thread
 * pools and server pipelines.
 *
 * The queue is the textbook one: a ring of pointers, one mutex, condvars
 * "not empty" and "not full", a count of producers still attached; the last
 * producer to detach closes it and wakes every waiter.  Capacity is small
 * (32) so threads block and wake often.
 *
 * Determinism: jobs reach the sink in any order, but the sink only adds up
 * per-job hashes, so the checksum does not depend on scheduling.
 *
 * Usage: pipeline_queue [jobs]    (default 70000; 1 source, 2 workers, sink)
 * Prints "checksum <hex>" on stdout; exits 1 if a self-check fails.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"

#define QUEUE_CAP 32
#define WORKERS 2
#define MIN_LEN 64
#define MAX_LEN 512

typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t not_empty, not_full;
  void *ring[QUEUE_CAP];
  unsigned head, count;
  int producers; /* still attached; 0 = closed */
} queue_t;

typedef struct {
  long id;
  int len;
  int32_t median;
  int distinct;
  uint64_t digest;
  int32_t data[];
} job_t;

typedef struct {
  queue_t *in, *out;
  long jobs;
} stage_t;

/* ---- the queue ------------------------------------------------------ */

static void queue_init(queue_t *q, int producers) {
  pthread_mutex_init(&q->lock, NULL);
  pthread_cond_init(&q->not_empty, NULL);
  pthread_cond_init(&q->not_full, NULL);
  q->head = q->count = 0;
  q->producers = producers;
}

static void queue_destroy(queue_t *q) {
  pthread_mutex_destroy(&q->lock);
  pthread_cond_destroy(&q->not_empty);
  pthread_cond_destroy(&q->not_full);
}

static void queue_push(queue_t *q, void *item) {
  pthread_mutex_lock(&q->lock);
  while (q->count == QUEUE_CAP) pthread_cond_wait(&q->not_full, &q->lock);
  q->ring[(q->head + q->count) % QUEUE_CAP] = item;
  q->count++;
  pthread_cond_signal(&q->not_empty);
  pthread_mutex_unlock(&q->lock);
}

/* Returns NULL once the queue is closed and empty. */
static void *queue_pop(queue_t *q) {
  pthread_mutex_lock(&q->lock);
  while (q->count == 0 && q->producers > 0) pthread_cond_wait(&q->not_empty, &q->lock);
  void *item = NULL;
  if (q->count > 0) {
    item = q->ring[q->head];
    q->head = (q->head + 1) % QUEUE_CAP;
    q->count--;
    pthread_cond_signal(&q->not_full);
  }
  pthread_mutex_unlock(&q->lock);
  return item;
}

static void queue_detach_producer(queue_t *q) {
  pthread_mutex_lock(&q->lock);
  if (--q->producers == 0) pthread_cond_broadcast(&q->not_empty);
  pthread_mutex_unlock(&q->lock);
}

/* ---- the work ------------------------------------------------------- */

static void insertion_sort(int32_t *a, int n) {
  for (int i = 1; i < n; i++) {
    int32_t v = a[i];
    int j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void quick_sort(int32_t *a, int n) {
  while (n > 16) {
    int32_t x = a[0], y = a[n / 2], z = a[n - 1];
    int32_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
    int i = 0, j = n - 1;
    for (;;) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i >= j) break;
      int32_t t = a[i];
      a[i++] = a[j];
      a[j--] = t;
    }
    /* Recurse into the smaller half, loop on the larger. */
    if (j + 1 < n - j - 1) {
      quick_sort(a, j + 1);
      a += j + 1;
      n -= j + 1;
    } else {
      quick_sort(a + j + 1, n - j - 1);
      n = j + 1;
    }
  }
  insertion_sort(a, n);
}

static job_t *make_job(long id) {
  uint64_t r = mix64((uint64_t)id);
  int len = MIN_LEN + (int)(r % (MAX_LEN - MIN_LEN + 1));
  job_t *j = malloc(sizeof(job_t) + sizeof(int32_t) * (size_t)len);
  if (j == NULL) return NULL;
  j->id = id;
  j->len = len;
  /* Values from a narrow range so there are duplicates to count. */
  for (int i = 0; i < len; i++) {
    r = mix64(r + (uint64_t)i);
    j->data[i] = (int32_t)(r % 2000) - 1000;
  }
  return j;
}

static void process(job_t *j) {
  quick_sort(j->data, j->len);
  uint64_t h = (uint64_t)j->id;
  int distinct = 0;
  for (int i = 0; i < j->len; i++) {
    h = mix64(h ^ (uint32_t)j->data[i]);
    distinct += i == 0 || j->data[i] != j->data[i - 1];
  }
  j->digest = h;
  j->distinct = distinct;
  j->median = j->data[j->len / 2];
}

static void *source(void *arg) {
  stage_t *s = arg;
  for (long id = 0; id < s->jobs; id++) {
    job_t *j = make_job(id);
    if (j == NULL) {
      fprintf(stderr, "pipeline_queue: out of memory\n");
      exit(1);
    }
    queue_push(s->out, j);
  }
  queue_detach_producer(s->out);
  return NULL;
}

static void *worker(void *arg) {
  stage_t *s = arg;
  job_t *j;
  while ((j = queue_pop(s->in)) != NULL) {
    process(j);
    queue_push(s->out, j);
  }
  queue_detach_producer(s->out);
  return NULL;
}

int main(int argc, char **argv) {
  long jobs = argc > 1 ? atol(argv[1]) : 70000;
  if (jobs < 1) {
    fprintf(stderr, "usage: pipeline_queue [jobs]\n");
    return 2;
  }
  queue_t q1, q2;
  queue_init(&q1, 1);
  queue_init(&q2, WORKERS);
  stage_t src = {.out = &q1, .jobs = jobs}, mid = {.in = &q1, .out = &q2};
  pthread_t ts, tw[WORKERS];
  int err = pthread_create(&ts, NULL, source, &src);
  for (int i = 0; i < WORKERS; i++) err |= pthread_create(&tw[i], NULL, worker, &mid);
  if (err != 0) {
    fprintf(stderr, "pipeline_queue: pthread_create failed\n");
    return 1;
  }

  uint64_t sum = 0;
  long seen = 0;
  job_t *j;
  while ((j = queue_pop(&q2)) != NULL) {
    for (int i = 1; i < j->len; i++)
      if (j->data[i - 1] > j->data[i]) {
        fprintf(stderr, "pipeline_queue: job %ld is not sorted\n", j->id);
        return 1;
      }
    sum += mix64(j->digest ^ ((uint64_t)(uint32_t)j->median << 32 | (uint32_t)j->distinct));
    seen++;
    free(j);
  }
  pthread_join(ts, NULL);
  for (int i = 0; i < WORKERS; i++) pthread_join(tw[i], NULL);
  if (seen != jobs) {
    fprintf(stderr, "pipeline_queue: %ld of %ld jobs came out\n", seen, jobs);
    return 1;
  }
  queue_destroy(&q1);
  queue_destroy(&q2);
  printf("checksum %016llx\n", (unsigned long long)sum);
  return 0;
}
