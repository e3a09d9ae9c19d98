/* tangle_abi.h — constants of the pass↔runtime ABI, shared by C and C++.
 *
 * The hooks themselves are listed in hooks.def; this header adds the
 * encodings their integer arguments use.  It is included by the pass
 * (tool/pass) and by the runtime (runtime/tg.h), and by nothing else.
 */
#ifndef TANGLE_ABI_H
#define TANGLE_ABI_H

#define TANGLE_ABI_VERSION 1

/* Memory orders, in C11's numbering (memory_order_relaxed == 0 ...). */
enum {
  TG_MO_RELAXED = 0,
  TG_MO_CONSUME = 1,
  TG_MO_ACQUIRE = 2,
  TG_MO_RELEASE = 3,
  TG_MO_ACQ_REL = 4,
  TG_MO_SEQ_CST = 5,
};

/* Atomic operation kinds. */
enum {
  TG_AOP_LOAD = 1,
  TG_AOP_STORE = 2,
  TG_AOP_RMW = 3,     /* atomicrmw of any kind: xchg, add, or, ... */
  TG_AOP_CMPXCHG = 4,
};

/* opord = op | success_order << 4 | failure_order << 8 */
#define TG_OPORD(op, mo, fail_mo) ((op) | ((mo) << 4) | ((fail_mo) << 8))
#define TG_OPORD_OP(x) ((x) & 0xf)
#define TG_OPORD_MO(x) (((x) >> 4) & 0xf)
#define TG_OPORD_FAIL_MO(x) (((x) >> 8) & 0xf)

/* read/write_strided's size argument: the bytes accessed per iteration in
 * the low 32 bits, and above them the size of each access those bytes are
 * made of (for reports; 0: one access of the whole size). */
#define TG_STRIDED_ELEM_SHIFT 32
#define TG_STRIDED_SIZE(x) ((x) & 0xffffffffull)
#define TG_STRIDED_ELEM(x) ((x) >> TG_STRIDED_ELEM_SHIFT)

#endif /* TANGLE_ABI_H */
