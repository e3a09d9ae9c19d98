// The worker reads a shared session and then tells main it is done, under a
// mutex; main waits for that and frees the block.  The unlock after the read
// happens-before main's lock, so the free (a write of the whole block) does
// not race with the read, and nothing touches the block after the free.
// Sibling of race/use_after_free_unsynced.c.
//
// RUN: %tangle_cc -O0 %s -o %t && %t 2>&1 | FileCheck %s --implicit-check-not='WARNING:'
// RUN: %if tsan %{ %tsan_cc -O0 %s -o %t.tsan && %t.tsan 2>&1 | FileCheck %s --implicit-check-not='WARNING:' %}
#include "../test.h"

struct session {
  int id;
  int refs;
};

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int worker_done;
int refs_seen;

static void *worker(void *arg) {
  struct session *s = arg;
  pthread_mutex_lock(&lock);
  refs_seen = s->refs;
  worker_done = 1;
  pthread_mutex_unlock(&lock);
  test_step_wait(1);
  return NULL;
}

int main(void) {
  struct session *s = malloc(sizeof *s);
  s->id = 7;
  s->refs = 3;
  pthread_t t = test_spawn(worker, s);
  for (int done = 0; !done;) {
    pthread_mutex_lock(&lock);
    done = worker_done;
    pthread_mutex_unlock(&lock);
  }
  free(s);
  test_step_set(1);
  test_join(t);
  printf("refs seen = %d\n", refs_seen);
  return 0;
}
// CHECK: refs seen = 3
