// longjmp (and siglongjmp) out of three instrumented frames, 1000 times:
// the frames left without returning must leave the thread's shadow stack
// too, or every stack recorded afterwards shows them (and after enough
// jumps, only them).  The race's earlier side is a recorded stack, so it
// must read exactly record <- main.  TSan restores its shadow stack the
// same way (it intercepts setjmp and longjmp).
//
// RUN: %tangle_cc -O1 %s -o %t
// RUN: %expect_exit 66 %t longjmp 2>&1 | FileCheck %s
// RUN: %expect_exit 66 %t siglongjmp 2>&1 | FileCheck %s
// RUN: %if tsan %{ %tsan_cc -O1 %s -o %t.tsan %}
// RUN: %if tsan %{ %expect_exit 66 %t.tsan siglongjmp 2>&1 | FileCheck %s %}
// CHECK: jumps 1000 sum 3000
// CHECK: WARNING: {{Tangle|ThreadSanitizer}}: data race
// CHECK-NEXT: Write of size 4 at {{.*}} by thread T1:
// CHECK-NEXT: #0 worker {{.*}}longjmp_shadow_stack.c:[[#LINE:]]
// CHECK: Previous write of size 4 at {{.*}} by main thread:
// CHECK-NEXT: #0 record {{.*}}longjmp_shadow_stack.c:[[#LINE - 4]]
// CHECK-NEXT: #1 main {{.*}}longjmp_shadow_stack.c:
// CHECK-EMPTY:
// CHECK: SUMMARY
#include <setjmp.h>
#include <string.h>

#include "../test.h"

static jmp_buf env;
static sigjmp_buf senv;
static int use_sig, sum;
int value;

__attribute__((noinline)) static void record(void) { value = 1; }

static void *worker(void *arg) {
  test_step_wait(1);
  value = 2;
  return arg;
}

__attribute__((noinline)) static void level3(int i) {
  sum++;
  if (use_sig) siglongjmp(senv, i + 1);
  longjmp(env, i + 1);
}
__attribute__((noinline)) static void level2(int i) { sum++; level3(i); sum += 0; }
__attribute__((noinline)) static void level1(int i) { sum++; level2(i); sum += 0; }

int main(int argc, char **argv) {
  use_sig = argc > 1 && strcmp(argv[1], "siglongjmp") == 0;
  volatile int jumps = 0;
  for (int i = 0; i < 1000; i++) {
    if ((use_sig ? sigsetjmp(senv, 1) : setjmp(env)) == 0) level1(i);
    else jumps++;
  }
  printf("jumps %d sum %d\n", jumps, sum);
  fflush(stdout);
  pthread_t t = test_spawn(worker, NULL);
  record();
  test_step_set(1);
  test_join(t);
  return 0;
}
