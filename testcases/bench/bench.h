/* bench.h — pieces every benchmark workload shares.
 *
 * mix64 is the SplitMix64 finalizer: the workloads use it to make their
 * inputs from a seed and to fold their results into the printed checksum,
 * so every build of a workload (native, TSan, Tangle) must print the same
 * number.
 */
#ifndef TANGLE_BENCH_H
#define TANGLE_BENCH_H

#include <stdint.h>

static inline uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

#endif /* TANGLE_BENCH_H */
