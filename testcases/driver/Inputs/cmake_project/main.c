/* main.c — the program side: finishes a job, then its thread resets the
 * counter without a lock. */
#include "jobs.h"

#include <pthread.h>
#include <stdio.h>

static void *resetter(void *arg)
{
  (void)arg;
  job_step_wait(1);
  jobs_pending = 0;
  return NULL;
}

int main(void)
{
  pthread_t t;
  if (pthread_create(&t, NULL, resetter, NULL) != 0)
    return 1;
  job_done();
  job_step_set(1);
  pthread_join(t, NULL);
  printf("jobs pending: %d\n", jobs_pending);
  return 0;
}
