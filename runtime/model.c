/* model.c — functions declared in a model file (docs/model-file.md) as
 * locks, channel operations or happens-before edges.
 *
 * Two ways in, one behaviour:
 *   - A call compiled by tangle-cc --model=FILE: the pass brackets it with
 *     __tangle_model_before/__tangle_model_after, passing a constant
 *     tg_model_desc_t (model.h) and the values the declaration names.
 *   - A call the pass never saw (an uninstrumented caller), with the
 *     model=FILE option: at start-up, and after every dlopen, the GOT slot
 *     of each declared function in every loaded object (R_X86_64_JUMP_SLOT
 *     and GLOB_DAT relocations, found by symbol name) is pointed at one of
 *     a fixed pool of wrappers, which brackets the call to the real
 *     function the same way.  Wrappers pass on six integer arguments and
 *     return rax: integer and pointer arguments and results only.
 *
 * Before the call: a blocking lock, send or receive registers its wait
 * (wait-for graph); an unlock releases (tg_lock_releasing); a send records
 * the message (tg_chan_send); close and release publish.  After it: the
 * wait ends; a lock that succeeded (success=) is acquired
 * (tg_lock_acquired, which also makes lock-order edges); a receive acquires
 * its message, or the close if closed= holds; acquire acquires.
 *
 * The declared function is opaque: between the two brackets the thread's
 * in_rt count is raised, so its body (instrumented or not) and whatever it
 * calls — its own atomics, the pthread mutex and condition variable inside
 * a channel — neither synchronize nor are checked; the declaration says
 * what it does.  This is also what keeps a call counted once when both
 * ways apply: a wrapper reached from a pass-bracketed call finds in_rt
 * raised and only calls the real function.
 *
 * Locking: patch_lock serializes patching (start-up, dlopen); the wrapper
 * table is filled before any slot points at a wrapper and never changes.
 */
#include "tg.h"
#include "intercept.h"
#include "model.h"

#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- what a declared function does ----------------------------------- */

static tg_sync_kind_t sync_kind(const tg_model_desc_t *d) {
  switch (d->kind) {
  case TG_MKIND_SPIN: return TG_SYNC_SPIN;
  case TG_MKIND_RWLOCK: return TG_SYNC_RWLOCK;
  default: return TG_SYNC_MUTEX;
  }
}

static bool is_write_lock(uint32_t op) {
  return op == TG_MOP_LOCK || op == TG_MOP_TRYLOCK;
}

static tg_wait_kind_t lock_wait_kind(const tg_model_desc_t *d) {
  switch (d->kind) {
  case TG_MKIND_SPIN: return TG_WAIT_SPIN;
  case TG_MKIND_RWLOCK: return is_write_lock(d->op) ? TG_WAIT_WRLOCK : TG_WAIT_RDLOCK;
  default: return TG_WAIT_MUTEX;
  }
}

/* The calls that may wait for ever, and what for. */
static tg_wait_kind_t wait_kind(const tg_model_desc_t *d) {
  switch (d->op) {
  case TG_MOP_LOCK:
  case TG_MOP_RDLOCK: return lock_wait_kind(d);
  case TG_MOP_SEND: return TG_WAIT_CHAN_SEND;
  case TG_MOP_RECV: return TG_WAIT_CHAN_RECV;
  default: return TG_WAIT_NONE;
  }
}

/* Precondition: t->in_rt is 0. */
static void model_before(tg_thread_t *t, const tg_model_desc_t *d, uptr obj, uint64_t msg,
                         uptr pc) {
  switch (d->op) {
  case TG_MOP_UNLOCK:
  case TG_MOP_RDUNLOCK:
    tg_lock_releasing(t, (const void *)obj, sync_kind(d), pc);
    break;
  case TG_MOP_SEND:
    t->in_rt++;
    tg_chan_send(t, obj, msg);
    t->in_rt--;
    break;
  case TG_MOP_CLOSE:
    t->in_rt++;
    tg_chan_close(t, obj);
    t->in_rt--;
    break;
  case TG_MOP_RELEASE:
    t->in_rt++;
    tg_release(t, obj | TG_SYNC_HIDDEN);
    t->in_rt--;
    break;
  default:
    break;
  }
  tg_wait_kind_t w = wait_kind(d);
  if (w != TG_WAIT_NONE && tg_dl_on)
    tg_wf_begin(t, w, obj, TG_TID_NONE, d->name, pc, (uptr)d->fn);
}

static bool holds(const tg_model_desc_t *d, uint32_t cmp, int64_t k, uint64_t ret) {
  return tg_model_cond_holds(d->ret, cmp, k, ret) != 0;
}

/* Precondition: t->in_rt is 0. */
static void model_after(tg_thread_t *t, const tg_model_desc_t *d, uptr obj, uint64_t msg,
                        uint64_t ret, uptr pc) {
  if (wait_kind(d) != TG_WAIT_NONE && tg_dl_on) tg_wf_end(t);
  bool ok = holds(d, d->success_cmp, d->success_k, ret);
  switch (d->op) {
  case TG_MOP_LOCK:
  case TG_MOP_TRYLOCK:
  case TG_MOP_RDLOCK:
  case TG_MOP_RDTRYLOCK:
    if (ok)
      tg_lock_acquired(t, (const void *)obj, sync_kind(d), is_write_lock(d->op),
                       d->op == TG_MOP_LOCK || d->op == TG_MOP_RDLOCK, pc, (uptr)d->fn);
    break;
  case TG_MOP_RECV:
    t->in_rt++;
    if (d->closed_cmp != TG_MCMP_NONE && holds(d, d->closed_cmp, d->closed_k, ret))
      tg_chan_recv_closed(t, obj);
    else if (ok)
      tg_chan_recv(t, obj, msg);
    t->in_rt--;
    break;
  case TG_MOP_ACQUIRE:
    if (ok) {
      t->in_rt++;
      tg_acquire(t, obj | TG_SYNC_HIDDEN);
      t->in_rt--;
    }
    break;
  default:
    break;
  }
}

/* The thread, initializing the runtime if needed; NULL inside tg_init. */
static tg_thread_t *model_thread(void) {
  tg_ensure_init();
  if (!atomic_load_explicit(&tg_inited, memory_order_acquire)) return NULL;
  return tg_thread_self();
}

/* The opening bracket: the runtime's work if this is the outermost one,
 * then the opaque region (see the file comment). */
static void bracket_begin(const tg_model_desc_t *d, uptr obj, uint64_t msg, uptr pc) {
  tg_thread_t *t = model_thread();
  if (t == NULL) return;
  if (t->in_rt == 0) model_before(t, d, obj, msg, pc);
  t->in_rt++;
}

static void bracket_end(const tg_model_desc_t *d, uptr obj, uint64_t msg, uint64_t ret,
                        uptr pc) {
  tg_thread_t *t = model_thread();
  if (t == NULL || t->in_rt == 0) return;
  if (--t->in_rt == 0) model_after(t, d, obj, msg, ret, pc);
}

void __tangle_model_before(void *desc, void *obj, uint64_t msg) {
  bracket_begin(desc, (uptr)obj, msg, CALLER_PC);
}

void __tangle_model_after(void *desc, void *obj, uint64_t msg, uint64_t ret) {
  bracket_end(desc, (uptr)obj, msg, ret, CALLER_PC);
}

/* ---- the runtime model (model= option): wrappers --------------------- */

#define TG_MODEL_MAX_WRAPPERS 64 /* functions the model= file may declare */

typedef uint64_t (*real_fn_t)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,
                              uint64_t);

typedef struct {
  const tg_model_decl_t *decl;
  tg_model_desc_t desc;
  real_fn_t _Atomic real; /* NULL until found (a library not loaded yet) */
} wrapper_t;

static tg_model_t rt_model;
static wrapper_t wrappers[TG_MODEL_MAX_WRAPPERS];
static int nwrappers;

static uint64_t arg_value(const uint64_t *a, tg_model_val_t v) {
  return v.src == TG_MVAL_ARG ? a[v.arg - 1] : 0;
}

/* What wrapper i does for a call with arguments a[0..5] from pc. */
static uint64_t wrapped_call(int i, const uint64_t *a, uptr pc) {
  wrapper_t *w = &wrappers[i];
  real_fn_t real = atomic_load_explicit(&w->real, memory_order_acquire);
  const tg_model_decl_t *d = w->decl;
  uptr obj = arg_value(a, d->obj);
  bracket_begin(&w->desc, obj, d->op == TG_MOP_SEND ? arg_value(a, d->msg) : 0, pc);
  uint64_t ret = real(a[0], a[1], a[2], a[3], a[4], a[5]);
  uint64_t msg = 0;
  if (d->msg.src == TG_MVAL_RET) msg = ret;
  else if (d->msg.src == TG_MVAL_ARG) msg = a[d->msg.arg - 1];
  else if (d->msg.src == TG_MVAL_DEREF && a[d->msg.arg - 1] != 0)
    msg = *(const uint64_t *)a[d->msg.arg - 1];
  bracket_end(&w->desc, obj, msg, ret, pc);
  return ret;
}

#define W(i)                                                                      \
  static uint64_t wrapper_##i(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, \
                              uint64_t a5, uint64_t a6) {                         \
    uint64_t a[6] = {a1, a2, a3, a4, a5, a6};                                     \
    return wrapped_call(i, a, CALLER_PC);                                         \
  }
#define W8(i) W(i##0) W(i##1) W(i##2) W(i##3) W(i##4) W(i##5) W(i##6) W(i##7)
W8(0) W8(1) W8(2) W8(3) W8(4) W8(5) W8(6) W8(7)
#undef W
#define W(i) (void *)wrapper_##i,
static void *const wrapper_fns[TG_MODEL_MAX_WRAPPERS] = {
  W8(0) W8(1) W8(2) W8(3) W8(4) W8(5) W8(6) W8(7)
};
#undef W
#undef W8
_Static_assert(TG_MODEL_MAX_WRAPPERS == 64, "the W8 lines above make 64 wrappers");

/* ---- patching the GOT ------------------------------------------------ */

static tg_spin_t patch_lock;
REAL_SLOT(dlopen);

static int wrapper_of(const char *name) {
  for (int i = 0; i < nwrappers; i++)
    if (strcmp(wrappers[i].decl->name, name) == 0) return i;
  return -1;
}

/* An address the dynamic section gives: glibc has relocated most of them
 * in place already, but not in every object (the vDSO). */
static uptr dyn_ptr(const struct dl_phdr_info *info, uptr p) {
  return p < info->dlpi_addr ? p + info->dlpi_addr : p;
}

typedef struct {
  const struct dl_phdr_info *info;
  const ElfW(Sym) *symtab;
  const char *strtab;
  uptr relro_lo, relro_hi;
} object_t;

/* The definition the object's references to name bind to, looked up in
 * the object's own scope (a library loaded with RTLD_LOCAL, and its
 * dependencies, are not in the global one).  Not the slot's contents: with
 * lazy binding an unused slot holds a PLT stub, not the function. */
static void *lookup(const object_t *o, const char *name) {
  const char *path = o->info->dlpi_name;
  void *h = REAL(dlopen)(path[0] != '\0' ? path : NULL, RTLD_LAZY | RTLD_NOLOAD);
  if (h == NULL) return dlsym(RTLD_DEFAULT, name);
  void *real = dlsym(h, name);
  dlclose(h);
  return real;
}

/* Points the slot at wrapper i; slots in the RELRO segment are made
 * writable for the store and read-only again after it. */
static void patch_slot(const object_t *o, void **slot, int i) {
  void *w = wrapper_fns[i];
  if (*slot == w) return;
  wrapper_t *wr = &wrappers[i];
  if (atomic_load_explicit(&wr->real, memory_order_acquire) == NULL) {
    void *real = lookup(o, wr->decl->name);
    if (real == NULL || real == w) return;
    wr->desc.fn = real;
    atomic_store_explicit(&wr->real, (real_fn_t)real, memory_order_release);
  }
  uptr page = (uptr)slot & ~(uptr)(getpagesize() - 1);
  bool relro = (uptr)slot >= o->relro_lo && (uptr)slot < o->relro_hi;
  if (relro && mprotect((void *)page, (size_t)getpagesize(), PROT_READ | PROT_WRITE) != 0)
    return;
  __atomic_store_n(slot, w, __ATOMIC_RELEASE);
  if (relro) mprotect((void *)page, (size_t)getpagesize(), PROT_READ);
}

static void patch_relocs(const object_t *o, const ElfW(Rela) *r, size_t bytes) {
  for (size_t k = 0; k < bytes / sizeof(*r); k++) {
    uint32_t type = ELF64_R_TYPE(r[k].r_info);
    if (type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT) continue;
    const ElfW(Sym) *sym = &o->symtab[ELF64_R_SYM(r[k].r_info)];
    int i = wrapper_of(o->strtab + sym->st_name);
    if (i >= 0) patch_slot(o, (void **)(o->info->dlpi_addr + r[k].r_offset), i);
  }
}

static int patch_object(struct dl_phdr_info *info, size_t size, void *arg) {
  object_t o = {.info = info};
  const ElfW(Dyn) *dyn = NULL;
  for (int p = 0; p < info->dlpi_phnum; p++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[p];
    if (ph->p_type == PT_DYNAMIC) dyn = (const ElfW(Dyn) *)(info->dlpi_addr + ph->p_vaddr);
    if (ph->p_type == PT_GNU_RELRO) {
      o.relro_lo = info->dlpi_addr + ph->p_vaddr;
      o.relro_hi = o.relro_lo + ph->p_memsz;
    }
  }
  if (dyn == NULL) return 0;
  const ElfW(Rela) *jmprel = NULL, *rela = NULL;
  size_t jmprel_sz = 0, rela_sz = 0;
  for (; dyn->d_tag != DT_NULL; dyn++) {
    switch (dyn->d_tag) {
    case DT_SYMTAB: o.symtab = (const void *)dyn_ptr(info, dyn->d_un.d_ptr); break;
    case DT_STRTAB: o.strtab = (const void *)dyn_ptr(info, dyn->d_un.d_ptr); break;
    case DT_JMPREL: jmprel = (const void *)dyn_ptr(info, dyn->d_un.d_ptr); break;
    case DT_PLTRELSZ: jmprel_sz = dyn->d_un.d_val; break;
    case DT_RELA: rela = (const void *)dyn_ptr(info, dyn->d_un.d_ptr); break;
    case DT_RELASZ: rela_sz = dyn->d_un.d_val; break;
    default: break;
    }
  }
  if (o.symtab == NULL || o.strtab == NULL) return 0;
  if (jmprel != NULL) patch_relocs(&o, jmprel, jmprel_sz);
  if (rela != NULL) patch_relocs(&o, rela, rela_sz);
  return 0;
}

static void patch_all(void) {
  if (nwrappers == 0) return;
  tg_spin_lock(&patch_lock);
  dl_iterate_phdr(patch_object, NULL);
  tg_spin_unlock(&patch_lock);
}

/* Objects loaded later get their slots patched too. */
void *dlopen(const char *file, int mode) {
  void *h = REAL(dlopen)(file, mode);
  if (h != NULL && nwrappers > 0) {
    tg_thread_t *t = model_thread();
    if (t != NULL) t->in_rt++;
    patch_all();
    if (t != NULL) t->in_rt--;
  }
  return h;
}

/* ---- loading model= -------------------------------------------------- */

static void load_model(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0)
    tg_die("TANGLE_OPTIONS: model: cannot read '%s'", path);
  char *text = tg_malloc((size_t)st.st_size + 1);
  TG_CHECK(text != NULL);
  size_t got = 0;
  while (got < (size_t)st.st_size) {
    ssize_t n = read(fd, text + got, (size_t)st.st_size - got);
    if (n <= 0) tg_die("TANGLE_OPTIONS: model: cannot read '%s'", path);
    got += (size_t)n;
  }
  close(fd);
  char err[512];
  if (!tg_model_parse(&rt_model, path, text, got, err, sizeof err))
    tg_die("TANGLE_OPTIONS: model: %s", err);
  tg_free(text);
  if (rt_model.n > TG_MODEL_MAX_WRAPPERS)
    tg_die("TANGLE_OPTIONS: model: %s declares %d functions; at most %d are supported",
           path, rt_model.n, TG_MODEL_MAX_WRAPPERS);
  for (int i = 0; i < rt_model.n; i++) {
    const tg_model_decl_t *d = &rt_model.decl[i];
    wrappers[i] = (wrapper_t){
      .decl = d,
      .desc = {.op = d->op, .kind = d->kind, .ret = d->ret,
               .success_cmp = d->success.cmp, .closed_cmp = d->closed.cmp,
               .success_k = d->success.k, .closed_k = d->closed.k, .name = d->name},
    };
  }
  nwrappers = rt_model.n;
}

extern char **environ;

/* Runs right after init.c's preinit entry (model.c follows init.c in the
 * archive), before any shared library's constructor can call a declared
 * function. */
static void model_preinit(int argc, char **argv, char **envp) {
  /* NOTE: as in init.c, libc has not set environ yet. */
  if (environ == NULL) environ = envp;
  tg_ensure_init();
  if (tg_flags.model[0] == '\0') return;
  load_model(tg_flags.model);
  patch_all();
}

__attribute__((section(".preinit_array"), used)) static void (*const model_preinit_entry)(
    int, char **, char **) = model_preinit;
