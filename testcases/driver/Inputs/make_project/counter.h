/* counter.h — the shared state of the make test project.
 *
 * The planted race: main() counts a hit through count_hit() (counter.c),
 * then lets the worker thread run; worker() (worker.c) overwrites `hits`
 * with no lock.  The step functions order the two accesses with relaxed
 * atomics only, so the order is fixed but there is no happens-before and
 * the race is always reported: current = worker's write, previous = the
 * write in count_hit. */
#ifndef COUNTER_H
#define COUNTER_H

extern long hits;

void count_hit(void);
void step_set(int n);
void step_wait(int n);
void *worker(void *arg);

#endif
