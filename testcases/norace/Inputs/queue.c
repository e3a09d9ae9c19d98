/* queue.c — a bounded blocking queue (ring buffer, one mutex, two condition
 * variables).  It is compiled with plain clang into a shared library: the
 * race detector never instruments it, but its pthread calls reach the
 * detector's interceptors, so a push happens-before the pop that returns the
 * item, and the program's heap data passed through it needs no other
 * synchronization. */
#include <pthread.h>
#include <stdlib.h>

#include "queue.h"

struct queue {
  pthread_mutex_t lock;
  pthread_cond_t not_empty, not_full;
  int capacity, head, count;
  void *items[];
};

struct queue *queue_new(int capacity) {
  struct queue *q = malloc(sizeof *q + capacity * sizeof(void *));
  pthread_mutex_init(&q->lock, NULL);
  pthread_cond_init(&q->not_empty, NULL);
  pthread_cond_init(&q->not_full, NULL);
  q->capacity = capacity;
  q->head = q->count = 0;
  return q;
}

void queue_push(struct queue *q, void *item) {
  pthread_mutex_lock(&q->lock);
  while (q->count == q->capacity)
    pthread_cond_wait(&q->not_full, &q->lock);
  q->items[(q->head + q->count) % q->capacity] = item;
  q->count++;
  pthread_cond_signal(&q->not_empty);
  pthread_mutex_unlock(&q->lock);
}

void *queue_pop(struct queue *q) {
  pthread_mutex_lock(&q->lock);
  while (q->count == 0)
    pthread_cond_wait(&q->not_empty, &q->lock);
  void *item = q->items[q->head];
  q->head = (q->head + 1) % q->capacity;
  q->count--;
  pthread_cond_signal(&q->not_full);
  pthread_mutex_unlock(&q->lock);
  return item;
}

void queue_free(struct queue *q) {
  pthread_cond_destroy(&q->not_full);
  pthread_cond_destroy(&q->not_empty);
  pthread_mutex_destroy(&q->lock);
  free(q);
}
