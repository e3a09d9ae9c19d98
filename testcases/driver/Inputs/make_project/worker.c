/* worker.c — the thread that resets the counter without a lock. */
#include "counter.h"

#include <stddef.h>

void *worker(void *arg)
{
  (void)arg;
  step_wait(1);
  hits = 100;
  return NULL;
}
