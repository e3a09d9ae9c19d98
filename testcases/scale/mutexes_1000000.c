// 1 000 000 distinct mutexes (ci: 100 000), all alive at once, each locked
// and unlocked by two threads in turn, every tenth one with the next one
// nested inside, always in address order: a lock-order graph of one node per
// mutex and 100 000 edges, with no cycle.  Nothing is reported; the counts
// are the program's own.  Not run under TSan: its deadlock detector keeps
// its own tables, which the test is not about.
//
// RUN: %tangle_cc -O1 %s -o %t && %t %scale 2>&1 | FileCheck %s --implicit-check-not=WARNING: --implicit-check-not=tangle:
#include "../test.h"

#include <string.h>

static pthread_mutex_t *locks;
static long *counts;
static int n;

static void *pass(void *arg) {
  long id = (long)arg;
  for (int i = 0; i < n; i++) {
    pthread_mutex_lock(&locks[i]);
    if (i % 10 == 0 && i + 1 < n) {
      pthread_mutex_lock(&locks[i + 1]);
      counts[i + 1] += id;
      pthread_mutex_unlock(&locks[i + 1]);
    }
    counts[i] += id;
    pthread_mutex_unlock(&locks[i]);
  }
  return NULL;
}

int main(int argc, char **argv) {
  n = argc > 1 && strcmp(argv[1], "full") == 0 ? 1000000 : 100000;
  locks = malloc(sizeof(*locks) * n);
  counts = calloc(n, sizeof(*counts));
  for (int i = 0; i < n; i++) pthread_mutex_init(&locks[i], NULL);
  pthread_t a = test_spawn(pass, (void *)1);
  pthread_t b = test_spawn(pass, (void *)2);
  test_join(a);
  test_join(b);
  long total = 0;
  for (int i = 0; i < n; i++) {
    total += counts[i];
    pthread_mutex_destroy(&locks[i]);
  }
  free(locks);
  free(counts);
  // CHECK: mutexes {{100000|1000000}} total {{330000|3300000}}
  printf("mutexes %d total %ld\n", n, total);
  return 0;
}
