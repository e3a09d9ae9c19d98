/* counter.c — the counter and the step barrier (relaxed atomics: it fixes
 * the order of the racing accesses without synchronizing them). */
#include "counter.h"

#include <sched.h>
#include <stdatomic.h>

long hits;
static atomic_int step;

void count_hit(void)
{
  hits++;
}

void step_set(int n)
{
  atomic_store_explicit(&step, n, memory_order_relaxed);
}

void step_wait(int n)
{
  while (atomic_load_explicit(&step, memory_order_relaxed) < n)
    sched_yield();
}
