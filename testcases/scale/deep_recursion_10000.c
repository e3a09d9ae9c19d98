// Two threads recurse 10 000 frames deep (ci: 1 000) and race at the
// bottom: the report still shows the file:line of both sides (and the
// innermost frames of each stack, cut at 64), however deep the stacks.
// The empty asm after the recursive call keeps it from becoming a loop, so
// the depth is real at -O1.  TSan prints its total before the program's
// buffered output, Tangle after it.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t %scale 2>&1 | FileCheck %s --check-prefixes=CHECK,TANGLE --implicit-check-not=WARNING:
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan && %expect_exit 66 %t.tsan %scale 2>&1 | FileCheck %s --check-prefixes=CHECK,TSAN --implicit-check-not=WARNING: %}
#include "../test.h"

#include <string.h>

int bottom;
static int depth;

__attribute__((noinline)) static int dive(int left, int step) {
  if (left == 0) {
    if (step == 1) test_step_wait(1);
    bottom = step + 1;
    if (step == 0) test_step_set(1);
    return 1;
  }
  int below = dive(left - 1, step);
  __asm__ volatile("" ::: "memory");
  return below + 1;
}

static void *worker(void *arg) {
  return (void *)(long)dive(depth, 1);
}

int main(int argc, char **argv) {
  depth = argc > 1 && strcmp(argv[1], "full") == 0 ? 10000 : 1000;
  pthread_t t = test_spawn(worker, NULL);
  int frames = dive(depth, 0);
  long worker_frames = (long)test_join(t);
  // TANGLE:      WARNING: Tangle: data race
  // TSAN:        WARNING: ThreadSanitizer: data race
  // CHECK-NEXT:    Write of size 4 at {{0x[0-9a-f]+}} by thread T1:
  // CHECK-NEXT:      #0 dive {{.*}}deep_recursion_10000.c:[[#@LINE-21]]
  // CHECK-NEXT:      #1 dive {{.*}}deep_recursion_10000.c:[[#@LINE-18]]
  // CHECK:         Previous write of size 4 at {{0x[0-9a-f]+}} by main thread:
  // CHECK-NEXT:      #0 dive {{.*}}deep_recursion_10000.c:[[#@LINE-24]]
  // CHECK-NEXT:      #1 dive {{.*}}deep_recursion_10000.c:[[#@LINE-21]]
  // TSAN:        ThreadSanitizer: reported 1 warnings
  // CHECK:       frames {{1001 1001|10001 10001}} bottom 2
  printf("frames %d %ld bottom %d\n", frames, worker_frames, bottom);
  return 0;
}
// TANGLE: Tangle: reported 1 report(s)
