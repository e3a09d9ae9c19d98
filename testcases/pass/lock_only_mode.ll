; -tangle-instrument-memory=0 (lock-only mode): loads, stores, mem
; intrinsics and masked operations are left alone; atomics, fences and the
; entry/exit hooks of functions that call something stay.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -tangle-instrument-memory=0 -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global i32 0, align 4
@flag = global i32 0, align 4

declare void @lock(ptr) nounwind
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

define i32 @plain_only(ptr %d, ptr %s) nounwind {
; CHECK-LABEL: define i32 @plain_only(
; CHECK-NEXT: load i32, ptr @g
; CHECK-NEXT: store i32
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 8, i1 false)
; CHECK-NEXT: ret i32
  %v = load i32, ptr @g, align 4
  store i32 %v, ptr %d, align 4
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 8, i1 false)
  ret i32 %v
}

define i32 @with_sync(ptr %m) nounwind {
; CHECK-LABEL: define i32 @with_sync(
; CHECK:      call void @__tangle_func_entry(
; CHECK-NEXT: call void @lock(ptr %m)
; CHECK-NEXT: load i32, ptr @g
; CHECK-NEXT: call void @__tangle_atomic_store4(ptr @flag, i64 1, i32 50)
; CHECK-NEXT: fence seq_cst
; CHECK-NEXT: call void @__tangle_atomic_fence(i32 5)
; CHECK-NEXT: call void @__tangle_func_exit()
; CHECK-NEXT: ret i32
  call void @lock(ptr %m)
  %v = load i32, ptr @g, align 4
  store atomic i32 1, ptr @flag release, align 4
  fence seq_cst
  ret i32 %v
}

