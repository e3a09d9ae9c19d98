/* Two distinct races (two globals, two pairs of lines) and a last line of
 * output, for the options tests.  The step barrier orders the sides without
 * creating happens-before. */
#include "../../test.h"

int first, second;

static void *worker(void *arg) {
  test_step_wait(1);
  first = 2;  /* line 10: races with line 17 */
  second = 2; /* line 11: races with line 18 */
  return NULL;
}

int main(void) {
  pthread_t t = test_spawn(worker, NULL);
  first = 1;
  second = 1;
  test_step_set(1);
  test_join(t);
  printf("done %d %d\n", first, second);
  return 7;
}
