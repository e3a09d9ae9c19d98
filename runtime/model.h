/* model.h — model files: functions declared to be locks, channel
 * operations or happens-before edges, so that custom synchronization needs
 * no source change (docs/model-file.md).
 *
 * One parser (model_parse.c) is compiled into three programs: tangle-cc
 * (checks the files before compiling), the pass plugin (wraps the calls of
 * declared functions) and the runtime (the model= option, for callers the
 * pass never saw).  It is plain C with no allocation and no stdio, so each
 * of them can use it as it is; this header is valid C and C++.
 *
 * The ABI part: a call the pass wraps passes the runtime a pointer to a
 * constant tg_model_desc_t that it emits, one per module and function (the
 * runtime's own wrappers use the same struct).  Its layout is fixed: the
 * pass builds it as the LLVM struct { i32 x 6, i64, i64, ptr, ptr }.
 */
#ifndef TANGLE_MODEL_H
#define TANGLE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Operations (the second word of a declaration). */
enum {
  TG_MOP_LOCK = 1,   /* blocking exclusive lock */
  TG_MOP_TRYLOCK,    /* exclusive lock that does not wait; success= says if it took it */
  TG_MOP_RDLOCK,     /* blocking shared lock */
  TG_MOP_RDTRYLOCK,
  TG_MOP_UNLOCK,
  TG_MOP_RDUNLOCK,
  TG_MOP_SEND,       /* channel send */
  TG_MOP_RECV,       /* channel receive */
  TG_MOP_CLOSE,      /* channel close */
  TG_MOP_RELEASE,    /* happens-before on obj */
  TG_MOP_ACQUIRE,    /* happens-after on obj */
  TG_MOP_COUNT
};

/* Lock kinds (kind=), as reports name them. */
enum { TG_MKIND_MUTEX = 0, TG_MKIND_SPIN, TG_MKIND_RWLOCK };

/* How a condition reads the return value (returns=). */
enum { TG_MRET_INT = 0, TG_MRET_LONG, TG_MRET_PTR, TG_MRET_BOOL };

/* Conditions: ret <cmp> k; NONE is "always true". */
enum { TG_MCMP_NONE = 0, TG_MCMP_EQ, TG_MCMP_NE, TG_MCMP_LT, TG_MCMP_LE, TG_MCMP_GT,
       TG_MCMP_GE };

/* Where a value comes from. */
enum {
  TG_MVAL_NONE = 0,
  TG_MVAL_ARG,   /* argN */
  TG_MVAL_DEREF, /* *argN: the pointer-sized value argN points to, after the call */
  TG_MVAL_RET,   /* the return value */
};

#define TG_MODEL_MAX_ARGS 6     /* integer/pointer arguments a declaration may name */
#define TG_MODEL_NAME_MAX 128   /* longest function name, with its NUL */
#define TG_MODEL_MAX_DECLS 256  /* declarations in one model (all files) */

typedef struct {
  uint8_t src; /* TG_MVAL_* */
  uint8_t arg; /* 1..TG_MODEL_MAX_ARGS for ARG and DEREF */
} tg_model_val_t;

typedef struct {
  uint32_t cmp; /* TG_MCMP_* */
  int64_t k;
} tg_model_cond_t;

/* One declaration, as parsed. */
typedef struct {
  char name[TG_MODEL_NAME_MAX];
  uint32_t op, kind, ret;
  tg_model_val_t obj, msg;
  tg_model_cond_t success, closed;
  const char *file; /* where it was declared (the caller's string) */
  int line;
} tg_model_decl_t;

typedef struct {
  int n;
  tg_model_decl_t decl[TG_MODEL_MAX_DECLS];
} tg_model_t;

/* Parses the model file text [text, text+len) named path into m (appending
 * to what is there).  On the first malformed line returns 0 and writes
 * "PATH:LINE: <what was expected>" to err; else returns 1. */
int tg_model_parse(tg_model_t *m, const char *path, const char *text, size_t len,
                   char *err, size_t errsz);

/* The declaration of name in m, or NULL. */
const tg_model_decl_t *tg_model_find(const tg_model_t *m, const char *name);

/* The operation's name ("lock", ...). */
const char *tg_model_op_name(uint32_t op);

/* What a wrapped call passes the runtime (see the file comment). */
typedef struct {
  uint32_t op, kind, ret;
  uint32_t success_cmp, closed_cmp;
  uint32_t reserved;
  int64_t success_k, closed_k;
  const char *name; /* the function's name */
  const void *fn;   /* the function: the top frame of its lock stacks */
} tg_model_desc_t;

/* Does the return value ret (as returns= reads it) satisfy the condition? */
int tg_model_cond_holds(uint32_t ret_type, uint32_t cmp, int64_t k, uint64_t ret);

#ifdef __cplusplus
}
#endif

#endif /* TANGLE_MODEL_H */
