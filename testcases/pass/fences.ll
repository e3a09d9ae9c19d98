; A thread fence keeps its place and is followed by atomic_fence(mo) with
; the C11 order (acquire=2 release=3 acq_rel=4 seq_cst=5); a signal fence
; (syncscope("singlethread"), atomic_signal_fence) creates no happens-before
; between threads and is not instrumented.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @fences() {
; CHECK-LABEL: define void @fences(
; CHECK:      fence acquire
; CHECK-NEXT: call void @__tangle_atomic_fence(i32 2)
; CHECK-NEXT: fence release
; CHECK-NEXT: call void @__tangle_atomic_fence(i32 3)
; CHECK-NEXT: fence acq_rel
; CHECK-NEXT: call void @__tangle_atomic_fence(i32 4)
; CHECK-NEXT: fence seq_cst
; CHECK-NEXT: call void @__tangle_atomic_fence(i32 5)
; CHECK-NEXT: fence syncscope("singlethread") seq_cst
; CHECK-NEXT: fence syncscope("singlethread") acquire
; CHECK-NEXT: call void @__tangle_func_exit()
; CHECK-NEXT: ret void
  fence acquire
  fence release
  fence acq_rel
  fence seq_cst
  fence syncscope("singlethread") seq_cst
  fence syncscope("singlethread") acquire
  ret void
}

; Only signal fences and no call: nothing to report, so no entry/exit either.
define void @signal_only() {
; CHECK-LABEL: define void @signal_only(
; CHECK-NEXT: fence syncscope("singlethread") seq_cst
; CHECK-NEXT: ret void
  fence syncscope("singlethread") seq_cst
  ret void
}
