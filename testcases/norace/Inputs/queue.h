/* queue.h — a bounded blocking queue of pointers, built without
 * instrumentation for the norace/queue_lib_* tests. */
#ifndef QUEUE_H
#define QUEUE_H

struct queue;

struct queue *queue_new(int capacity);
void queue_push(struct queue *q, void *item); /* blocks while full */
void *queue_pop(struct queue *q);             /* blocks while empty */
void queue_free(struct queue *q);

#endif
