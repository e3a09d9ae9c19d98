/* jobs.h — a job counter in a shared library.
 *
 * The planted race: the main program finishes a job through job_done()
 * (jobs.c, in the library), then lets its thread run; the thread
 * (main.c) resets `jobs_pending` directly, with no lock.  job_step_*
 * order the two with relaxed atomics only — no happens-before — so the race
 * is always reported: current = the thread's write in main.c, previous =
 * the write in job_done. */
#ifndef JOBS_H
#define JOBS_H

extern int jobs_pending;

void job_done(void);
void job_step_set(int n);
void job_step_wait(int n);

#endif
