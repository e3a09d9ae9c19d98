/* main.c — counts a hit, then lets the worker reset the counter. */
#include "counter.h"

#include <pthread.h>
#include <stdio.h>

int main(void)
{
  pthread_t t;
  if (pthread_create(&t, NULL, worker, NULL) != 0)
    return 1;
  count_hit();
  step_set(1);
  pthread_join(t, NULL);
  printf("hits = %ld\n", hits);
  return 0;
}
