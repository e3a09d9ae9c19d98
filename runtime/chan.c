/* chan.c — channels, per message (DESIGN §4): a receive acquires the clock
 * of the message it got, and of no other.
 *
 * Every channel (a pipe, a socket direction, an eventfd, a message queue, a
 * GAsyncQueue, a channel of a model file or of annotations) is a chan_t in
 * one hash table keyed by uptr (chan.h says how keys are made).  A channel
 * holds the messages in flight, each with the clock its sender had:
 *   - keyed messages (tg_chan_send with key != 0: a GAsyncQueue's data
 *     pointer): a multiset; a receive of key k takes the oldest message with
 *     key k (the same pointer may be in flight twice);
 *   - streams (chan.h): units (bytes, datagrams, messages of one mq
 *     priority, FIFO messages) at cumulative offsets.  A send records its
 *     clock as a pending record before the real call; when the call returns
 *     n units the record is committed at [wr_off, wr_off+n).  A receive
 *     that got n units acquires every record overlapping [rd_off, rd_off+n),
 *     and every pending one if that range reaches past wr_off (bytes of a
 *     send whose call has not returned yet).  That is exact for one sender
 *     and one receiver at a time, whatever the sizes (partial reads, a read
 *     spanning several writes, writes larger than the pipe).
 *     Concurrency, where the order of the real calls is unknown:
 *       - sends whose calls overlap in time form a group; a receive that
 *         touches one record of a group acquires the whole group (two
 *         writes of <= PIPE_BUF bytes are atomic, but which came first is
 *         unknown; larger ones may even interleave);
 *       - a receive whose call overlapped another receive's on the same
 *         channel acquires every record its units can have come from: from
 *         rd_off minus what the receives completed since it began consumed,
 *         to rd_off + n + what the receives still in flight may take.
 *     So concurrency can only add edges (and hide a race), never lose one.
 *     Records are freed once consumed: up to the oldest offset a receive in
 *     flight may still need, and only whole groups.
 *   - a counter (eventfd): writes since the last read, joined.
 * Close: its clock is acquired by a receive that saw the channel closed
 * (EOF).  Capacity C (a message queue's mq_maxmsg): the k-th receive's
 * clock (from before its real call, so the sender it unblocks cannot get
 * ahead of the bookkeeping) is kept in a ring of C + RING_SLACK and
 * acquired by the (k+C)-th send when it completes (Go's rule for buffered
 * channels); if that receive's bookkeeping has not run yet, the send
 * acquires every receive in flight.  (If RING_SLACK more receives
 * completed before the send's bookkeeping ran, the edge is lost.)
 * Memory: a channel keeps at most max_chan_messages records; the oldest beyond that
 * is folded into an overflow clock every receive acquires (one line says
 * so).  Destroy drops everything.
 *
 * Locking: a bucket lock guards its chain's links; a channel's own lock
 * guards its fields.  chan_get takes the bucket, then the channel, then
 * drops the bucket (bucket > channel); no other runtime lock is taken under
 * either, except the allocator's.
 */
#include "chan.h"

#include <stdio.h>
#include <string.h>

#define NBUCKETS 4096
#define MAX_RING 4096   /* capacities above this get no capacity edges */
/* Receives that may complete between a send's real return and its
 * bookkeeping before the receive clock it needs is overwritten (the
 * receive of its own message is one). */
#define RING_SLACK 64

typedef struct rec {
  struct rec *next;
  uptr key;            /* keyed messages */
  uint64_t start, len; /* stream: units [start, start+len) once committed */
  uint64_t group;      /* stream: sends whose calls overlapped share one */
  tg_vc_t vc;
} rec_t;

typedef struct stream {
  struct stream *next;
  uint32_t sub;
  uint64_t wr_off, rd_off;
  rec_t *head, *tail;  /* committed, by start (and so by group) */
  rec_t *pending;      /* sends in flight */
  uint32_t npending;
  uint64_t group;      /* the current (or last) group */
} stream_t;

typedef struct chan {
  uptr key;
  struct chan *next;
  tg_spin_t lock;
  uint8_t kind;        /* tg_chan_kind_t */
  bool created;        /* made in this process (not only opened) */
  bool unlinked;       /* a message queue whose name is gone */
  bool overflow;
  uint64_t serial, spawn_gen;
  int readers, writers;
  int wait_fd;
  char name[64];
  stream_t *streams;
  rec_t *keyed, *keyed_tail;
  uint32_t nrecs;      /* records in flight (all kinds) */
  tg_chan_op_t *recvs; /* receives in flight */
  uint64_t consumed;   /* units received, every stream */
  tg_vc_t close_vc, counter_vc, overflow_vc;
  uint32_t cap;        /* capacity rule: C, and a ring of nring receive */
  uint32_t nring;      /* clocks (C + RING_SLACK) */
  uint64_t nsent, nrecv;
  tg_vc_t *ring;
  uint64_t *ring_tag;  /* k + 1: the slot holds the k-th receive */
} chan_t;

static struct {
  tg_spin_t l;
  chan_t *head;
} buckets[NBUCKETS];
static atomic_ullong serials;
static atomic_ullong spawn_gen;
static atomic_int overflow_said;

static inline uint32_t bucket_of(uptr key) {
  return (uint32_t)(((uint64_t)key * 0x9e3779b97f4a7c15ull) >> 52) % NBUCKETS;
}

/* The channel at key, locked; made (with kind) if create.  NULL if none. */
static chan_t *chan_get(uptr key, bool create, tg_chan_kind_t kind) {
  uint32_t b = bucket_of(key);
  tg_spin_lock(&buckets[b].l);
  chan_t *c = buckets[b].head;
  while (c != NULL && c->key != key) c = c->next;
  if (c == NULL && create) {
    c = tg_calloc(sizeof(*c));
    TG_CHECK(c != NULL);
    c->key = key;
    c->kind = (uint8_t)kind;
    c->wait_fd = -1;
    c->serial = atomic_fetch_add(&serials, 1) + 1;
    c->spawn_gen = atomic_load(&spawn_gen);
    c->next = buckets[b].head;
    buckets[b].head = c;
  }
  if (c != NULL) tg_spin_lock(&c->lock);
  tg_spin_unlock(&buckets[b].l);
  return c;
}

static void rec_free(rec_t *r) {
  tg_vc_free(&r->vc);
  tg_free(r);
}

static rec_t *rec_new(chan_t *c, tg_thread_t *t) {
  rec_t *r = tg_calloc(sizeof(*r));
  TG_CHECK(r != NULL);
  tg_vc_copy(&r->vc, &t->vc);
  c->nrecs++;
  return r;
}

static void free_list(rec_t *r) {
  while (r != NULL) {
    rec_t *next = r->next;
    rec_free(r);
    r = next;
  }
}

/* Precondition: c unlinked from its chain. */
static void chan_free(chan_t *c) {
  tg_spin_lock(&c->lock); /* wait out the last holder */
  tg_spin_unlock(&c->lock);
  for (stream_t *s = c->streams, *next; s != NULL; s = next) {
    next = s->next;
    free_list(s->head);
    free_list(s->pending);
    tg_free(s);
  }
  free_list(c->keyed);
  tg_vc_free(&c->close_vc);
  tg_vc_free(&c->counter_vc);
  tg_vc_free(&c->overflow_vc);
  if (c->ring != NULL)
    for (uint32_t i = 0; i < c->nring; i++) tg_vc_free(&c->ring[i]);
  tg_free(c->ring);
  tg_free(c->ring_tag);
  tg_free(c);
}

void tg_chan_destroy(uptr key) {
  uint32_t b = bucket_of(key);
  tg_spin_lock(&buckets[b].l);
  chan_t **pp = &buckets[b].head, *c;
  while ((c = *pp) != NULL && c->key != key) pp = &c->next;
  if (c != NULL) *pp = c->next;
  tg_spin_unlock(&buckets[b].l);
  if (c != NULL) chan_free(c);
}

/* ---- channels as objects ------------------------------------------- */

void tg_chan_open(uptr key, tg_chan_kind_t kind, const char *name, uint32_t cap,
                  bool created) {
  chan_t *c = chan_get(key, true, kind);
  c->kind = (uint8_t)kind;
  c->created |= created;
  if (name != NULL && c->name[0] == '\0') snprintf(c->name, sizeof(c->name), "%s", name);
  if (cap != 0 && cap <= MAX_RING && c->ring == NULL) {
    c->nring = cap + RING_SLACK;
    c->ring = tg_calloc(sizeof(*c->ring) * c->nring);
    c->ring_tag = tg_calloc(sizeof(*c->ring_tag) * c->nring);
    TG_CHECK(c->ring != NULL && c->ring_tag != NULL);
    c->cap = cap;
  }
  tg_spin_unlock(&c->lock);
}

void tg_chan_ends(uptr key, int readers, int writers) {
  chan_t *c = chan_get(key, false, TG_CHAN_GENERIC);
  if (c == NULL) return;
  c->readers += readers;
  c->writers += writers;
  bool dead = c->readers <= 0 && c->writers <= 0 && (c->kind != TG_CHAN_MQ || c->unlinked);
  tg_spin_unlock(&c->lock);
  if (dead) tg_chan_destroy(key);
}

/* Rare: a walk over the table finds the queue by name. */
void tg_chan_mq_unlinked(const char *name) {
  for (uint32_t b = 0; b < NBUCKETS; b++) {
    if (__atomic_load_n(&buckets[b].head, __ATOMIC_RELAXED) == NULL) continue;
    uptr dead = 0;
    tg_spin_lock(&buckets[b].l);
    for (chan_t *c = buckets[b].head; c != NULL; c = c->next) {
      tg_spin_lock(&c->lock);
      if (c->kind == TG_CHAN_MQ && !c->unlinked && strcmp(c->name, name) == 0) {
        c->unlinked = true;
        if (c->readers <= 0 && c->writers <= 0) dead = c->key;
      }
      tg_spin_unlock(&c->lock);
    }
    tg_spin_unlock(&buckets[b].l);
    if (dead != 0) tg_chan_destroy(dead);
  }
}

int tg_chan_count_ends(uptr key, bool writers) {
  chan_t *c = chan_get(key, false, TG_CHAN_GENERIC);
  if (c == NULL) return -1;
  int n = writers ? c->writers : c->readers;
  tg_spin_unlock(&c->lock);
  return n;
}

void tg_chan_set_wait_fd(uptr key, int fd) {
  chan_t *c = chan_get(key, false, TG_CHAN_GENERIC);
  if (c == NULL) return;
  c->wait_fd = fd;
  tg_spin_unlock(&c->lock);
}

void tg_chan_escaped(void) { atomic_fetch_add(&spawn_gen, 1); }

bool tg_chan_private(uptr key) {
  chan_t *c = chan_get(key, false, TG_CHAN_GENERIC);
  if (c == NULL) return false;
  bool private = c->created && c->spawn_gen == atomic_load(&spawn_gen) &&
                 (c->kind != TG_CHAN_MQ || c->unlinked);
  tg_spin_unlock(&c->lock);
  return private;
}

bool tg_chan_describe(uptr key, const char **what, char *name, size_t n) {
  chan_t *c = chan_get(key, false, TG_CHAN_GENERIC);
  if (c == NULL) return false;
  bool known = true;
  switch ((tg_chan_kind_t)c->kind) {
  case TG_CHAN_PIPE:
    *what = "pipe";
    break;
  case TG_CHAN_SOCKET:
  case TG_CHAN_DGRAM:
    *what = "socket";
    break;
  case TG_CHAN_EVENTFD:
    *what = "eventfd";
    break;
  case TG_CHAN_MQ:
    *what = "message queue";
    break;
  case TG_CHAN_GENERIC:
  case TG_CHAN_GQUEUE:
    known = false;
    break;
  }
  if (known) {
    if (c->kind == TG_CHAN_MQ)
      snprintf(name, n, "%s", c->name);
    else
      snprintf(name, n, "fd %d", c->wait_fd);
  }
  tg_spin_unlock(&c->lock);
  return known;
}

/* ---- bounded memory ------------------------------------------------- */

/* Too many records in flight (a receive the runtime cannot see, or a
 * producer far ahead): the oldest one's clock goes to the overflow clock,
 * which every receive acquires from then on.  More edges, never fewer. */
static void fold_oldest(chan_t *c, stream_t *s) {
  rec_t *r = NULL;
  if (s != NULL && s->head != NULL) {
    r = s->head;
    s->head = r->next;
    if (s->head == NULL) s->tail = NULL;
  } else if (c->keyed != NULL) {
    r = c->keyed;
    c->keyed = r->next;
    if (c->keyed == NULL) c->keyed_tail = NULL;
  }
  if (r == NULL) return;
  tg_vc_join(&c->overflow_vc, &r->vc);
  c->overflow = true;
  c->nrecs--;
  rec_free(r);
  if (atomic_exchange(&overflow_said, 1) == 0)
    tg_printf("tangle: a channel holds more than %ld messages in flight; the "
              "oldest are merged, so a receive acquires them all and a race "
              "ordered only by a later message can be missed (raise "
              "max_chan_messages in TANGLE_OPTIONS)\n", tg_flags.max_chan_messages);
}

/* ---- streams -------------------------------------------------------- */

static stream_t *stream_of(chan_t *c, uint32_t sub) {
  stream_t *s = c->streams;
  while (s != NULL && s->sub != sub) s = s->next;
  if (s == NULL) {
    s = tg_calloc(sizeof(*s));
    TG_CHECK(s != NULL);
    s->sub = sub;
    s->next = c->streams;
    c->streams = s;
  }
  return s;
}

/* Frees the consumed records no receive in flight may still need, whole
 * groups at a time (a group still sending stays). */
static void collect(chan_t *c, stream_t *s) {
  uint64_t limit = s->rd_off;
  if (c->recvs != NULL) {
    uint64_t oldest = c->consumed;
    for (tg_chan_op_t *o = c->recvs; o != NULL; o = o->next)
      if (o->begin_consumed < oldest) oldest = o->begin_consumed;
    uint64_t since = c->consumed - oldest;
    limit = since > limit ? 0 : limit - since;
  }
  while (s->head != NULL) {
    uint64_t g = s->head->group;
    if (s->npending > 0 && s->group == g) return;
    rec_t *last = s->head;
    while (last->next != NULL && last->next->group == g) last = last->next;
    if (last->start + last->len > limit) return;
    rec_t *r = s->head;
    s->head = last->next;
    if (s->head == NULL) s->tail = NULL;
    last->next = NULL;
    for (rec_t *x = r; x != NULL; x = x->next) c->nrecs--;
    free_list(r);
  }
}

void tg_chan_send_begin(tg_thread_t *t, tg_chan_op_t *op, uptr key, uint32_t sub,
                        uint64_t units) {
  chan_t *c = chan_get(key, true, TG_CHAN_GENERIC);
  stream_t *s = stream_of(c, sub);
  if (c->nrecs >= (uint32_t)tg_flags.max_chan_messages) fold_oldest(c, s);
  rec_t *r = rec_new(c, t);
  r->len = units;
  if (s->npending++ == 0) s->group++;
  r->group = s->group;
  r->next = s->pending;
  s->pending = r;
  *op = (tg_chan_op_t){.ch = key, .serial = c->serial, .units = units, .rec = r,
                       .sub = sub};
  tg_spin_unlock(&c->lock);
  tg_thread_tick(t);
}

void tg_chan_send_end(tg_thread_t *t, tg_chan_op_t *op, int64_t sent) {
  if (op->serial == 0) return;
  chan_t *c = chan_get(op->ch, false, TG_CHAN_GENERIC);
  if (c == NULL) return;
  if (c->serial != op->serial) goto out;
  stream_t *s = stream_of(c, op->sub);
  rec_t **pp = &s->pending, *r;
  while ((r = *pp) != NULL && r != op->rec) pp = &r->next;
  if (r == NULL) goto out; /* dropped by a fork */
  *pp = r->next;
  s->npending--;
  if (sent <= 0) {
    c->nrecs--;
    rec_free(r);
  } else {
    r->start = s->wr_off;
    r->len = (uint64_t)sent;
    s->wr_off += (uint64_t)sent;
    r->next = NULL;
    if (s->tail != NULL)
      s->tail->next = r;
    else
      s->head = r;
    s->tail = r;
    /* Go's capacity rule: the (k+C)-th send completes after the k-th
     * receive. */
    if (c->cap != 0) {
      uint64_t k = c->nsent++;
      if (k >= c->cap) {
        uint64_t want = k - c->cap;
        uint32_t slot = (uint32_t)(want % c->nring);
        if (c->ring_tag[slot] == want + 1) {
          tg_vc_join(&t->vc, &c->ring[slot]);
        } else if (c->nrecv <= want) {
          /* That receive's real call returned (this send got its room)
           * but its bookkeeping did not run yet: it is one of those in
           * flight. */
          for (tg_chan_op_t *o = c->recvs; o != NULL; o = o->next)
            tg_vc_join(&t->vc, &o->vc);
        }
      }
    }
  }
  collect(c, s);
out:
  tg_spin_unlock(&c->lock);
  op->serial = 0;
}

void tg_chan_recv_begin(tg_thread_t *t, tg_chan_op_t *op, uptr key, uint64_t max) {
  chan_t *c = chan_get(key, true, TG_CHAN_GENERIC);
  *op = (tg_chan_op_t){.ch = key, .serial = c->serial, .units = max,
                       .begin_consumed = c->consumed, .concurrent = c->recvs != NULL};
  for (tg_chan_op_t *o = c->recvs; o != NULL; o = o->next) o->concurrent = true;
  op->next = c->recvs;
  c->recvs = op;
  /* The capacity rule orders what the receiver did before it called. */
  bool tick = c->cap != 0;
  if (tick) tg_vc_copy(&op->vc, &t->vc);
  tg_spin_unlock(&c->lock);
  if (tick) tg_thread_tick(t);
}

/* Joins into t every record of s that units [lo, hi) may have come from:
 * the records overlapping it, the rest of their groups, and the pending
 * sends if the range reaches past what was committed. */
static void acquire_range(tg_thread_t *t, chan_t *c, stream_t *s, uint64_t lo,
                          uint64_t hi) {
  uint64_t gmin = UINT64_MAX, gmax = 0;
  for (rec_t *r = s->head; r != NULL && r->start < hi; r = r->next) {
    if (r->start + r->len <= lo) continue;
    if (r->group < gmin) gmin = r->group;
    if (r->group > gmax) gmax = r->group;
  }
  /* Units past what was committed come from a send still in flight, whose
   * group (every pending send is in the current one) may also have
   * committed records at other offsets: the bytes of a group are in the
   * order the real calls ran, its records in the order they returned.  So
   * the whole current group. */
  bool beyond = hi > s->wr_off;
  if (beyond && s->npending > 0) {
    if (s->group < gmin) gmin = s->group;
    if (s->group > gmax) gmax = s->group;
  }
  for (rec_t *r = s->head; r != NULL && r->group <= gmax; r = r->next)
    if (r->group >= gmin) tg_vc_join(&t->vc, &r->vc);
  for (rec_t *r = s->pending; r != NULL; r = r->next)
    if (beyond || (r->group >= gmin && r->group <= gmax)) tg_vc_join(&t->vc, &r->vc);
}

void tg_chan_recv_end(tg_thread_t *t, tg_chan_op_t *op, uint32_t sub, int64_t got) {
  if (op->serial == 0) return;
  chan_t *c = chan_get(op->ch, false, TG_CHAN_GENERIC);
  if (c == NULL) {
    tg_vc_free(&op->vc);
    return;
  }
  if (c->serial != op->serial) goto out;
  tg_chan_op_t **pp = &c->recvs;
  while (*pp != NULL && *pp != op) pp = &(*pp)->next;
  if (*pp == NULL) goto out; /* dropped by a fork */
  *pp = op->next;
  if (got <= 0) goto out;
  stream_t *s = stream_of(c, sub);
  uint64_t lo = s->rd_off, hi = s->rd_off + (uint64_t)got;
  if (op->concurrent) {
    uint64_t since = c->consumed - op->begin_consumed;
    lo = since > lo ? 0 : lo - since;
    for (tg_chan_op_t *o = c->recvs; o != NULL; o = o->next) hi += o->units;
  }
  s->rd_off += (uint64_t)got;
  c->consumed += (uint64_t)got;
  acquire_range(t, c, s, lo, hi);
  if (c->overflow) tg_vc_join(&t->vc, &c->overflow_vc);
  if (c->cap != 0) {
    uint64_t k = c->nrecv++;
    uint32_t slot = (uint32_t)(k % c->nring);
    tg_vc_copy(&c->ring[slot], &op->vc);
    c->ring_tag[slot] = k + 1;
  }
  collect(c, s);
out:
  tg_spin_unlock(&c->lock);
  tg_vc_free(&op->vc);
  op->serial = 0;
}

/* ---- counters (eventfd) --------------------------------------------- */

void tg_chan_counter_add_begin(tg_thread_t *t, tg_chan_op_t *op, uptr key) {
  tg_chan_send_begin(t, op, key, 0, 1);
}

void tg_chan_counter_add_end(tg_thread_t *t, tg_chan_op_t *op, bool ok) {
  if (op->serial == 0) return;
  chan_t *c = chan_get(op->ch, false, TG_CHAN_GENERIC);
  if (c == NULL) return;
  if (c->serial == op->serial) {
    stream_t *s = stream_of(c, 0);
    rec_t **pp = &s->pending, *r;
    while ((r = *pp) != NULL && r != op->rec) pp = &r->next;
    if (r != NULL) {
      *pp = r->next;
      s->npending--;
      if (ok) tg_vc_join(&c->counter_vc, &r->vc);
      c->nrecs--;
      rec_free(r);
    }
  }
  tg_spin_unlock(&c->lock);
  op->serial = 0;
}

void tg_chan_counter_take(tg_thread_t *t, uptr key) {
  chan_t *c = chan_get(key, false, TG_CHAN_GENERIC);
  if (c == NULL) return;
  tg_vc_join(&t->vc, &c->counter_vc);
  tg_vc_free(&c->counter_vc);
  /* An add whose call has not returned may be what was read. */
  for (stream_t *s = c->streams; s != NULL; s = s->next)
    for (rec_t *r = s->pending; r != NULL; r = r->next) tg_vc_join(&t->vc, &r->vc);
  tg_spin_unlock(&c->lock);
}

/* ---- the tg.h interface -------------------------------------------- */

void tg_chan_send_keyed(tg_thread_t *t, uptr key, uptr msg, bool front) {
  chan_t *c = chan_get(key, true, TG_CHAN_GENERIC);
  if (c->nrecs >= (uint32_t)tg_flags.max_chan_messages) fold_oldest(c, NULL);
  rec_t *r = rec_new(c, t);
  r->key = msg;
  if (front || c->keyed == NULL) {
    r->next = c->keyed;
    c->keyed = r;
    if (c->keyed_tail == NULL) c->keyed_tail = r;
  } else {
    c->keyed_tail->next = r;
    c->keyed_tail = r;
  }
  tg_spin_unlock(&c->lock);
  tg_thread_tick(t);
}

void tg_chan_send(tg_thread_t *t, uptr ch, uptr key) {
  if (key != 0) {
    tg_chan_send_keyed(t, ch, key, false);
    return;
  }
  tg_chan_op_t op;
  tg_chan_send_begin(t, &op, ch, 0, 1);
  tg_chan_send_end(t, &op, 1);
}

void tg_chan_recv(tg_thread_t *t, uptr ch, uptr key) {
  if (key == 0) {
    tg_chan_op_t op;
    tg_chan_recv_begin(t, &op, ch, 1);
    tg_chan_recv_end(t, &op, 0, 1);
    return;
  }
  chan_t *c = chan_get(ch, false, TG_CHAN_GENERIC);
  if (c == NULL) return;
  rec_t **pp = &c->keyed, *r, *prev = NULL;
  while ((r = *pp) != NULL && r->key != key) {
    prev = r;
    pp = &r->next;
  }
  if (r != NULL) {
    *pp = r->next;
    if (c->keyed_tail == r) c->keyed_tail = prev;
    c->nrecs--;
    tg_vc_join(&t->vc, &r->vc);
    rec_free(r);
  }
  if (c->overflow) tg_vc_join(&t->vc, &c->overflow_vc);
  tg_spin_unlock(&c->lock);
}

void tg_chan_close(tg_thread_t *t, uptr ch) {
  chan_t *c = chan_get(ch, true, TG_CHAN_GENERIC);
  tg_vc_join(&c->close_vc, &t->vc);
  tg_spin_unlock(&c->lock);
  tg_thread_tick(t);
}

void tg_chan_recv_closed(tg_thread_t *t, uptr ch) {
  chan_t *c = chan_get(ch, false, TG_CHAN_GENERIC);
  if (c == NULL) return;
  tg_vc_join(&t->vc, &c->close_vc);
  tg_spin_unlock(&c->lock);
}

/* ---- fork ----------------------------------------------------------- */

/* In the child the calling thread is the only one left: the locks other
 * threads held are reset, and their sends and receives in flight (records
 * and ops on stacks that are gone) dropped; a pending send's clock goes to
 * the overflow clock, in case its bytes did reach the channel. */
void tg_chan_fork_child(void) {
  tg_chan_fd_fork_child();
  for (uint32_t b = 0; b < NBUCKETS; b++) {
    atomic_store_explicit(&buckets[b].l.v, 0, memory_order_relaxed);
    for (chan_t *c = buckets[b].head; c != NULL; c = c->next) {
      atomic_store_explicit(&c->lock.v, 0, memory_order_relaxed);
      c->recvs = NULL;
      for (stream_t *s = c->streams; s != NULL; s = s->next) {
        for (rec_t *r = s->pending; r != NULL; r = r->next) {
          tg_vc_join(&c->overflow_vc, &r->vc);
          c->overflow = true;
          c->nrecs--;
        }
        free_list(s->pending);
        s->pending = NULL;
        s->npending = 0;
      }
    }
  }
}
