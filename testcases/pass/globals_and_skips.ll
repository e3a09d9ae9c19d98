; Accesses that are never instrumented: reads of constant globals (nothing
; writes them), compiler-owned globals (llvm.*, coverage counters), accesses
; tagged !nosanitize, and memory outside address space 0.  Writes to
; ordinary globals and reads of non-constant ones are instrumented.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@table = constant [4 x i32] [i32 1, i32 2, i32 3, i32 4], align 16
@counter = global i32 0, align 4
@llvm.compiler.state = internal global i32 0, align 4
@__llvm_gcov_ctr = internal global [2 x i64] zeroinitializer, align 16

define i32 @const_global(i64 %i) {
; CHECK-LABEL: define i32 @const_global(
; CHECK-NOT:  call void @__tangle_{{read|write}}
; CHECK:      load i32, ptr %e, align 4
; CHECK-NEXT: call void @__tangle_read4(ptr @counter)
; CHECK-NEXT: load i32, ptr @counter, align 4
; CHECK-NEXT: add i32
; CHECK-NEXT: call void @__tangle_write4(ptr @counter)
; CHECK-NEXT: store i32
  %e = getelementptr [4 x i32], ptr @table, i64 0, i64 %i
  %a = load i32, ptr %e, align 4
  %b = load i32, ptr @counter, align 4
  %c = add i32 %a, %b
  store i32 %c, ptr @counter, align 4
  ret i32 %c
}

define void @compiler_globals() {
; CHECK-LABEL: define void @compiler_globals(
; CHECK-NOT: call void @__tangle_{{read|write}}
; CHECK:     ret void
  store i32 1, ptr @llvm.compiler.state, align 4
  %c = load i64, ptr @__llvm_gcov_ctr, align 16
  %c1 = add i64 %c, 1
  store i64 %c1, ptr @__llvm_gcov_ctr, align 16
  ret void
}

define void @nosanitize(ptr %p) {
; CHECK-LABEL: define void @nosanitize(
; CHECK:      load i32, ptr %p, align 4, !nosanitize
; CHECK-NEXT: call void @__tangle_write4(ptr %p)
; CHECK-NEXT: store i32 0, ptr %p
  %v = load i32, ptr %p, align 4, !nosanitize !0
  store i32 0, ptr %p, align 4
  ret void
}

; %fs-relative (address_space(257)) and GPU memory: no shadow for it.
define i64 @other_address_space(ptr addrspace(257) %p, ptr addrspace(1) %q) {
; CHECK-LABEL: define i64 @other_address_space(
; CHECK-NOT: call {{.*}}@__tangle_
; CHECK:     ret i64
  %v = load i64, ptr addrspace(257) %p, align 8
  store i64 %v, ptr addrspace(1) %q, align 8
  ret i64 %v
}

!0 = !{}
