/* pipeline_pipe.c — benchmark workload: a three-stage pipeline over pipes.
 *
 * The shape of `generate | parse | aggregate` done with threads inside one
 * process, each stage talking to the next through a pipe(2):
 *   1. the generator thread formats web-server access-log lines
 *      ("GET /api/items/123 user=u0042 status=200 bytes=5120 ms=12") into
 *      16 KiB buffers and write()s them to the first pipe;
 *   2. the parser thread read()s that byte stream, reassembles lines split
 *      across reads, parses each into a fixed-size binary record and
 *      write()s records in batches to the second pipe;
 *   3. the main thread read()s the records (handling short reads) and keeps
 *      per-endpoint and per-status aggregates in an open-addressing table.
 * No memory is shared between the stages: every byte travels through the
 * kernel, so no happens-before is needed or expected beyond the thread
 * creation.  The cost is mostly syscalls and byte crunching, as in real
 * log pipelines.
 *
 * Determinism: pipes are FIFO and each has one writer and one reader, so the
 * aggregator sees the records in generation order; the checksum hashes the
 * aggregates in table order.
 *
 * Usage: pipeline_pipe [lines]    (default 8000000; always three threads)
 * Prints "checksum <hex>" on stdout; exits 1 if a self-check fails.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#define CHUNK 16384        /* bytes per write of the log stream */
#define BATCH 512          /* records per write of the record stream */
#define MAX_LINE 256
#define TABLE_SIZE 8192    /* endpoints; a power of two, > distinct paths */

typedef struct {
  uint64_t endpoint; /* hash of the path without its numeric id */
  uint32_t id, user, bytes;
  uint16_t status, ms;
  uint8_t method;
  uint8_t pad[7];
} record_t;

typedef struct {
  long lines;
  int out_fd;
} gen_arg_t;

typedef struct {
  int in_fd, out_fd;
  long bad_lines;
} parse_arg_t;

static const char *const methods[] = {"GET", "POST", "PUT", "DELETE"};
static const char *const resources[] = {"items", "users", "orders", "carts", "search",
                                        "images", "reviews", "sessions"};
static const int statuses[] = {200, 200, 200, 200, 200, 201, 204, 301, 304, 400, 404, 500};

static void die(const char *what) {
  fprintf(stderr, "pipeline_pipe: %s: %s\n", what, strerror(errno));
  exit(1);
}

static void write_all(int fd, const void *buf, size_t len) {
  const char *p = buf;
  while (len > 0) {
    ssize_t k = write(fd, p, len);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) die("write");
    p += k;
    len -= (size_t)k;
  }
}

/* Reads up to len bytes, fewer only at end of stream. */
static size_t read_full(int fd, void *buf, size_t len) {
  char *p = buf;
  size_t got = 0;
  while (got < len) {
    ssize_t k = read(fd, p + got, len - got);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) die("read");
    if (k == 0) break;
    got += (size_t)k;
  }
  return got;
}

static char *put_str(char *p, const char *s) {
  while (*s) *p++ = *s++;
  return p;
}

static char *put_uint(char *p, unsigned v, int min_digits) {
  char tmp[12];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0 || n < min_digits);
  while (n > 0) *p++ = tmp[--n];
  return p;
}

static char *format_line(char *p, uint64_t r) {
  uint64_t s = mix64(r);
  p = put_str(p, methods[(s & 0xff) < 200 ? 0 : (s & 3)]);
  p = put_str(p, " /api/v");
  p = put_uint(p, 1 + (unsigned)(s >> 8) % 2, 1);
  *p++ = '/';
  p = put_str(p, resources[(s >> 9) % 8]);
  *p++ = '/';
  p = put_uint(p, (unsigned)(s >> 12) % 100000, 1);
  p = put_str(p, " user=u");
  p = put_uint(p, (unsigned)(s >> 29) % 50000, 5);
  p = put_str(p, " status=");
  p = put_uint(p, (unsigned)statuses[(s >> 45) % 12], 3);
  p = put_str(p, " bytes=");
  p = put_uint(p, (unsigned)(mix64(s) % 65536), 1);
  p = put_str(p, " ms=");
  p = put_uint(p, (unsigned)(s >> 50) % 1000, 1);
  *p++ = '\n';
  return p;
}

static void *generate(void *arg) {
  gen_arg_t *g = arg;
  char *buf = malloc(CHUNK + MAX_LINE);
  if (buf == NULL) die("malloc");
  size_t used = 0;
  for (long i = 0; i < g->lines; i++) {
    used = (size_t)(format_line(buf + used, (uint64_t)i) - buf);
    if (used >= CHUNK) {
      write_all(g->out_fd, buf, used);
      used = 0;
    }
  }
  write_all(g->out_fd, buf, used);
  close(g->out_fd);
  free(buf);
  return NULL;
}

static uint64_t hash_bytes(const char *s, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
  return h;
}

static const char *parse_uint(const char *p, const char *end, uint32_t *out) {
  uint32_t v = 0;
  if (p >= end || *p < '0' || *p > '9') return NULL;
  while (p < end && *p >= '0' && *p <= '9') v = v * 10 + (uint32_t)(*p++ - '0');
  *out = v;
  return p;
}

static const char *expect(const char *p, const char *end, const char *lit) {
  size_t n = strlen(lit);
  if ((size_t)(end - p) < n || memcmp(p, lit, n) != 0) return NULL;
  return p + n;
}

/* Parses one line (without its '\n'); returns 0 if it is malformed. */
static int parse_line(const char *p, const char *end, record_t *r) {
  memset(r, 0, sizeof *r);
  const char *sp = memchr(p, ' ', (size_t)(end - p));
  if (sp == NULL) return 0;
  r->method = (uint8_t)hash_bytes(p, (size_t)(sp - p));
  const char *path = sp + 1, *q = path, *last_slash = NULL;
  while (q < end && *q != ' ') {
    if (*q == '/') last_slash = q;
    q++;
  }
  if (last_slash == NULL || q == end) return 0;
  r->endpoint = hash_bytes(path, (size_t)(last_slash - path)) ^ r->method;
  uint32_t v, status, ms;
  if (parse_uint(last_slash + 1, q, &r->id) != q) return 0;
  if ((q = expect(q, end, " user=u")) == NULL || (q = parse_uint(q, end, &r->user)) == NULL)
    return 0;
  if ((q = expect(q, end, " status=")) == NULL || (q = parse_uint(q, end, &status)) == NULL)
    return 0;
  if ((q = expect(q, end, " bytes=")) == NULL || (q = parse_uint(q, end, &v)) == NULL)
    return 0;
  if ((q = expect(q, end, " ms=")) == NULL || (q = parse_uint(q, end, &ms)) == NULL)
    return 0;
  r->status = (uint16_t)status;
  r->bytes = v;
  r->ms = (uint16_t)ms;
  return q == end;
}

static void *parse(void *arg) {
  parse_arg_t *pa = arg;
  char *in = malloc(CHUNK + MAX_LINE);
  record_t *out = malloc(sizeof(record_t) * BATCH);
  if (in == NULL || out == NULL) die("malloc");
  size_t carry = 0, nout = 0;
  for (;;) {
    ssize_t k = read(pa->in_fd, in + carry, CHUNK);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) die("read");
    size_t have = carry + (size_t)k;
    const char *p = in, *end = in + have;
    const char *nl;
    while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
      if (parse_line(p, nl, &out[nout])) nout++;
      else pa->bad_lines++;
      if (nout == BATCH) {
        write_all(pa->out_fd, out, sizeof(record_t) * nout);
        nout = 0;
      }
      p = nl + 1;
    }
    carry = (size_t)(end - p);
    if (carry > MAX_LINE) {
      fprintf(stderr, "pipeline_pipe: line longer than %d bytes\n", MAX_LINE);
      exit(1);
    }
    memmove(in, p, carry);
    if (k == 0) break;
  }
  if (carry != 0) pa->bad_lines++;
  write_all(pa->out_fd, out, sizeof(record_t) * nout);
  close(pa->out_fd);
  free(in);
  free(out);
  return NULL;
}

typedef struct {
  uint64_t endpoint;
  uint64_t count, bytes, ms_total;
  uint32_t max_ms, users_xor;
} agg_t;

int main(int argc, char **argv) {
  long lines = argc > 1 ? atol(argv[1]) : 8000000;
  if (lines < 1) {
    fprintf(stderr, "usage: pipeline_pipe [lines]\n");
    return 2;
  }
  int p1[2], p2[2];
  if (pipe(p1) != 0 || pipe(p2) != 0) die("pipe");
  gen_arg_t g = {.lines = lines, .out_fd = p1[1]};
  parse_arg_t pa = {.in_fd = p1[0], .out_fd = p2[1]};
  pthread_t tg, tp;
  if (pthread_create(&tg, NULL, generate, &g) != 0 || pthread_create(&tp, NULL, parse, &pa) != 0) {
    fprintf(stderr, "pipeline_pipe: pthread_create failed\n");
    return 1;
  }

  agg_t *table = calloc(TABLE_SIZE, sizeof(agg_t));
  uint64_t status_count[600] = {0};
  record_t *batch = malloc(sizeof(record_t) * BATCH);
  if (table == NULL || batch == NULL) die("malloc");
  long records = 0;
  size_t got;
  while ((got = read_full(p2[0], batch, sizeof(record_t) * BATCH)) > 0) {
    if (got % sizeof(record_t) != 0) {
      fprintf(stderr, "pipeline_pipe: torn record at end of stream\n");
      return 1;
    }
    for (size_t i = 0; i < got / sizeof(record_t); i++) {
      const record_t *r = &batch[i];
      size_t slot = r->endpoint & (TABLE_SIZE - 1);
      while (table[slot].count != 0 && table[slot].endpoint != r->endpoint)
        slot = (slot + 1) & (TABLE_SIZE - 1);
      agg_t *a = &table[slot];
      a->endpoint = r->endpoint;
      a->count++;
      a->bytes += r->bytes;
      a->ms_total += r->ms;
      if (r->ms > a->max_ms) a->max_ms = r->ms;
      a->users_xor ^= r->user * 2654435761u + r->id;
      if (r->status < 600) status_count[r->status]++;
      records++;
    }
  }
  pthread_join(tg, NULL);
  pthread_join(tp, NULL);
  close(p1[0]);
  close(p2[0]);
  if (records != lines || pa.bad_lines != 0) {
    fprintf(stderr, "pipeline_pipe: %ld of %ld lines arrived, %ld malformed\n", records, lines,
            pa.bad_lines);
    return 1;
  }

  uint64_t h = 0;
  for (size_t s = 0; s < TABLE_SIZE; s++)
    if (table[s].count != 0)
      h = mix64(h ^ table[s].endpoint ^ mix64(table[s].count * 31 + table[s].bytes) ^
                mix64(table[s].ms_total + ((uint64_t)table[s].max_ms << 32 | table[s].users_xor)));
  for (int s = 0; s < 600; s++) h = mix64(h + status_count[s] * (uint64_t)(s + 1));
  free(table);
  free(batch);
  printf("checksum %016llx\n", (unsigned long long)h);
  return 0;
}
