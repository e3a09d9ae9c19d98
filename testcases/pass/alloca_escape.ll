; A local (alloca) whose address never leaves the function cannot be seen
; by another thread: its accesses are not instrumented, through GEPs too.
; One whose address escapes (passed to a call, stored, returned) is.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@shared = global ptr null, align 8

define i32 @private_local(i64 %i) {
; CHECK-LABEL: define i32 @private_local(
; CHECK-NOT: call void @__tangle_{{read|write}}
; CHECK:     ret i32
  %x = alloca i32, align 4
  %arr = alloca [8 x i64], align 16
  store i32 1, ptr %x, align 4
  %v = load i32, ptr %x, align 4
  %e = getelementptr [8 x i64], ptr %arr, i64 0, i64 %i
  store i64 2, ptr %e, align 8
  ret i32 %v
}

declare void @spawn(ptr) nounwind

define i32 @passed_to_call() {
; CHECK-LABEL: define i32 @passed_to_call(
; CHECK:      call void @__tangle_write4(ptr %x)
; CHECK-NEXT: store i32 1, ptr %x, align 4
; CHECK-NEXT: call void @spawn(ptr %x)
; CHECK-NEXT: call void @__tangle_read4(ptr %x)
; CHECK-NEXT: load i32, ptr %x, align 4
  %x = alloca i32, align 4
  store i32 1, ptr %x, align 4
  call void @spawn(ptr %x)
  %v = load i32, ptr %x, align 4
  ret i32 %v
}

; The escape is after the access: capture tracking is flow-insensitive, so
; the store is still instrumented.  The field access goes through a GEP.
define void @stored_to_global() {
; CHECK-LABEL: define void @stored_to_global(
; CHECK:      call void @__tangle_write8(ptr %f)
; CHECK-NEXT: store i64 7, ptr %f, align 8
; CHECK-NEXT: call void @__tangle_write8(ptr @shared)
; CHECK-NEXT: store ptr %s, ptr @shared, align 8
  %s = alloca { i32, i64 }, align 8
  %f = getelementptr { i32, i64 }, ptr %s, i64 0, i32 1
  store i64 7, ptr %f, align 8
  store ptr %s, ptr @shared, align 8
  ret void
}

define ptr @returned() {
; CHECK-LABEL: define ptr @returned(
; CHECK:      call void @__tangle_write4(ptr %x)
  %x = alloca i32, align 4
  store i32 0, ptr %x, align 4
  ret ptr %x
}
