/* jobs.c — the library side: the counter and the step barrier. */
#include "jobs.h"

#include <sched.h>
#include <stdatomic.h>

int jobs_pending = 3;
static atomic_int step;

void job_done(void)
{
  jobs_pending--;
}

void job_step_set(int n)
{
  atomic_store_explicit(&step, n, memory_order_relaxed);
}

void job_step_wait(int n)
{
  while (atomic_load_explicit(&step, memory_order_relaxed) < n)
    sched_yield();
}
