// Stacks and symbolization (runtime/stack.c, runtime/symbolize.c) on the
// test's own code: a return address becomes function, file:line:col and
// module+offset; an inlined call site expands into one frame per inlining
// level, innermost first; libunwind's walk starts at the requested pc; a
// global is found by an address inside it; an address in no module stays
// unknown.  Then the same without a symbolizer (symbolize=0): the function
// name still comes from the dynamic symbol table (-rdynamic).
//
// RUN: %unit_cc -rdynamic %s -o %t %unit_libs
// RUN: %t | FileCheck %s
// RUN: env TANGLE_OPTIONS=symbolize=0 %t | FileCheck --check-prefix=NOSYM %s
#include <stdio.h>
#include <string.h>

#include "tg.h"

int table[16];

static void show(const char *what, uptr pc) {
  tg_frame_t f[8];
  int n = tg_symbolize_pc(pc, f, 8);
  for (int i = 0; i < n; i++) {
    const char *base = strrchr(f[i].file, '/');
    printf("%s #%d %s %s:%d:%d (%s+0x%lx)\n", what, i, f[i].func[0] ? f[i].func : "<unknown>",
           base ? base + 1 : "??", f[i].line, f[i].col, f[i].module, f[i].module_offset);
  }
}

__attribute__((noinline)) uptr return_address(void) {
  uptr pc = (uptr)__builtin_return_address(0);
  __asm__ volatile("" ::: "memory");
  return pc;
}

// Checked in the order main() runs them; the CHECK lines sit by the code
// whose line they expect.
static inline __attribute__((always_inline)) uptr inlined(void) {
  return return_address() + 0;
  // CHECK: inline #0 inlined symbolize_self.c:[[@LINE-1]]:10 (symbolize_self.c.tmp+0x[[OFF:[0-9a-f]+]])
  // NOSYM: inline #0 outer ??:0:0 (symbolize_self.c.tmp+0x{{[0-9a-f]+}})
}

__attribute__((noinline)) uptr outer(void) {
  uptr pc = inlined();
  // CHECK-NEXT: inline #1 outer symbolize_self.c:[[@LINE-1]]:13 (symbolize_self.c.tmp+0x[[OFF]])
  __asm__ volatile("" ::: "memory");
  return pc;
}

__attribute__((noinline)) int leaf(void) {
  uptr pcs[8];
  int n = tg_stack_unwind((uptr)__builtin_return_address(0), pcs, 8);
  printf("unwind starts at caller: %d\n", n > 2 && pcs[0] == (uptr)__builtin_return_address(0));
  show("unwind pc0", pcs[0]);
  show("unwind pc1", pcs[1]);
  return n;
}

__attribute__((noinline)) int middle(void) {
  int n = leaf();
  // CHECK: unwind starts at caller: 1
  // CHECK-NEXT: unwind pc0 #0 middle symbolize_self.c:[[@LINE-2]]:
  // NOSYM: unwind pc0 #0 middle ??:0:0
  __asm__ volatile("" ::: "memory");
  return n + 1;
}

int main(void) {
  show("inline", outer());
  middle();
  // CHECK-NEXT: unwind pc1 #0 main symbolize_self.c:[[@LINE-1]]:
  // NOSYM-NEXT: unwind pc1 #0 main ??:0:0
  show("main", return_address());
  // CHECK: main #0 main symbolize_self.c:[[@LINE-1]]:{{[0-9]+}} (symbolize_self.c.tmp+0x{{[0-9a-f]+}})
  // NOSYM: main #0 main ??:0:0 (symbolize_self.c.tmp+0x{{[0-9a-f]+}})
  show("unknown", 0x10);
  // CHECK: unknown #0 <unknown> ??:0:0 (+0xf)
  // NOSYM: unknown #0 <unknown> ??:0:0 (+0xf)

  char name[64], module[64];
  uptr start = 0, modoff = 0;
  size_t size = 0;
  bool found = tg_symbolize_data((uptr)&table[5], name, sizeof(name), &start, &size,
                                 module, sizeof(module), &modoff);
  printf("data: %d '%s' size %zu start ok %d module %s\n", found, name, size,
         start == (uptr)table, module);
  // CHECK: data: 1 'table' size 64 start ok 1 module symbolize_self.c.tmp
  // NOSYM: data: 1 'table' size 64 start ok 1 module symbolize_self.c.tmp
  int local;
  printf("stack var: %d\n", tg_symbolize_data((uptr)&local, name, sizeof(name), &start,
                                              &size, module, sizeof(module), &modoff));
  // CHECK: stack var: 0
  return 0;
}
