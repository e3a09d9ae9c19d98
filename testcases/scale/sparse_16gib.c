// A 16 GiB allocation (ci: 1 GiB) of which only a few pages far apart are
// touched, by malloc and by mmap: the shadow is reserved, not committed, so
// memory stays near the pages touched.  A worker writes a page near the end
// of the malloc'ed block while main writes the same word: the report names
// the heap block, found though the word is gigabytes past its start.  The
// mmap'ed region is touched by both threads in turn, ordered by the join.
// Not run under TSan: a sparse allocation is just as cheap there.
//
// RUN: %tangle_cc -O1 %s -o %t && %expect_exit 66 %t %scale 2>&1 | FileCheck %s --implicit-check-not=WARNING:
#include "../test.h"

#include <string.h>
#include <sys/mman.h>

static char *block, *region;
static size_t size;

static void *worker(void *arg) {
  for (size_t off = 0; off < size; off += size / 4) region[off] = 1;
  test_step_wait(1);
  // CHECK:      WARNING: Tangle: data race
  // CHECK-NEXT:   Write of size 8 at {{0x[0-9a-f]+}} by thread T1:
  // CHECK-NEXT:     #0 worker {{.*}}sparse_16gib.c:[[#@LINE+1]]
  *(long *)(block + size - 4096) = 2;
  return arg;
}

int main(int argc, char **argv) {
  size = (argc > 1 && strcmp(argv[1], "full") == 0 ? 16ul : 1ul) << 30;
  block = malloc(size);
  region = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                -1, 0);
  if (block == NULL || region == MAP_FAILED) {
    printf("no memory\n");
    return 1;
  }
  block[0] = 1;
  block[size / 2] = 1;
  pthread_t t = test_spawn(worker, NULL);
  // CHECK:        Previous write of size 8 at {{0x[0-9a-f]+}} by main thread:
  // CHECK-NEXT:     #0 main {{.*}}sparse_16gib.c:[[#@LINE+1]]
  *(long *)(block + size - 4096) = 1;
  test_step_set(1);
  test_join(t);
  // CHECK:        Location is heap block of size {{1073741824|17179869184}} at {{0x[0-9a-f]+}} allocated by main thread:
  long sum = 0;
  for (size_t off = 0; off < size; off += size / 4) sum += region[off];
  sum += block[0] + block[size / 2];
  free(block);
  munmap(region, size);
  // CHECK: touched 6
  printf("touched %ld\n", sum);
  return 0;
}
// CHECK: Tangle: reported 1 report(s)
