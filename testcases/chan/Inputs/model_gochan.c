/* model_gochan.c — a Go-style buffered channel of pointers, compiled
 * WITHOUT Tangle by the model_* tests: a ring guarded by a relaxed
 * test-and-set lock, so that no race detector sees any ordering in it;
 * senders wait while it is full, receivers while it is empty and open.
 * model_gochan.model declares what its functions do. */
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

typedef struct gochan {
  atomic_int lock;
  int cap, head, count, closed;
  void **ring;
} gochan_t;

static void take(gochan_t *c) {
  while (atomic_exchange_explicit(&c->lock, 1, memory_order_relaxed))
    sched_yield();
  atomic_signal_fence(memory_order_seq_cst);
}

static void drop(gochan_t *c) {
  atomic_signal_fence(memory_order_seq_cst);
  atomic_store_explicit(&c->lock, 0, memory_order_relaxed);
}

gochan_t *gochan_new(int cap) {
  gochan_t *c = calloc(1, sizeof *c);
  c->cap = cap;
  c->ring = calloc((size_t)cap, sizeof *c->ring);
  return c;
}

/* 0 when sent, -1 when the channel is closed. */
int gochan_send(gochan_t *c, void *msg) {
  for (;; sched_yield()) {
    take(c);
    if (c->closed) {
      drop(c);
      return -1;
    }
    if (c->count < c->cap) {
      c->ring[(c->head + c->count++) % c->cap] = msg;
      drop(c);
      return 0;
    }
    drop(c);
  }
}

/* 1 with *out set, or 0 when the channel is closed and empty. */
int gochan_recv2(gochan_t *c, void **out) {
  for (;; sched_yield()) {
    take(c);
    if (c->count > 0) {
      *out = c->ring[c->head];
      c->head = (c->head + 1) % c->cap;
      c->count--;
      drop(c);
      return 1;
    }
    if (c->closed) {
      drop(c);
      return 0;
    }
    drop(c);
  }
}

/* The message, or NULL when the channel is closed and empty. */
void *gochan_recv(gochan_t *c) {
  void *m;
  return gochan_recv2(c, &m) ? m : NULL;
}

void gochan_close(gochan_t *c) {
  take(c);
  c->closed = 1;
  drop(c);
}
