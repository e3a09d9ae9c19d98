; -tangle-instrument-atomics=0: atomics and fences are left alone, and an
; atomic load is not mistaken for a plain one.  -tangle-instrument-func-
; entry-exit=0: no shadow-stack hooks, accesses still instrumented.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -tangle-instrument-atomics=0 -S %s | FileCheck %s --check-prefix=NOATOMIC
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -tangle-instrument-func-entry-exit=0 -S %s | FileCheck %s --check-prefix=NOENTRY

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global i32 0, align 4

declare void @f() nounwind

define i32 @fn(ptr %flag) nounwind {
; NOATOMIC-LABEL: define i32 @fn(
; NOATOMIC:      call void @__tangle_func_entry(
; NOATOMIC-NEXT: load atomic i32, ptr %flag acquire
; NOATOMIC-NEXT: fence seq_cst
; NOATOMIC-NEXT: call void @__tangle_read4(ptr @g)
; NOATOMIC-NEXT: load i32, ptr @g
; NOATOMIC-NEXT: call void @f()
;
; NOENTRY-LABEL: define i32 @fn(
; NOENTRY-NEXT:  call i64 @__tangle_atomic_load4(ptr %flag, i32 33)
; NOENTRY-NEXT:  trunc i64
; NOENTRY-NEXT:  fence seq_cst
; NOENTRY-NEXT:  call void @__tangle_atomic_fence(i32 5)
; NOENTRY-NEXT:  call void @__tangle_read4(ptr @g)
; NOENTRY-NEXT:  load i32, ptr @g
; NOENTRY-NEXT:  call void @f()
; NOENTRY-NEXT:  ret i32
  %a = load atomic i32, ptr %flag acquire, align 4
  fence seq_cst
  %v = load i32, ptr @g, align 4
  call void @f()
  ret i32 %v
}
; NOATOMIC-NOT: call {{.*}}@__tangle_atomic
; NOENTRY-NOT:  call void @__tangle_func
