; An access is skipped when an earlier instrumented access in the same basic
; block, to the same pointer value and at least as large, covers it (a write
; covers reads and writes, a read only reads) and nothing in between may
; synchronize: no call other than intrinsics like lifetime/assume, no atomic
; instruction, no fence.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @f() nounwind
declare void @llvm.assume(i1)
declare void @llvm.lifetime.start.p0(i64, ptr)

define void @read_read(ptr %p) {
; CHECK-LABEL: define void @read_read(
; CHECK:      call void @__tangle_read4(ptr %p)
; CHECK-NEXT: load i32, ptr %p
; CHECK-NEXT: load i32, ptr %p
; CHECK-NEXT: call void @__tangle_func_exit()
  %a = load i32, ptr %p, align 4
  %b = load i32, ptr %p, align 4
  ret void
}

define void @write_covers(ptr %p) {
; CHECK-LABEL: define void @write_covers(
; CHECK:      call void @__tangle_write4(ptr %p)
; CHECK-NEXT: store i32 1, ptr %p
; CHECK-NEXT: load i32, ptr %p
; CHECK-NEXT: store i32 2, ptr %p
; CHECK-NEXT: call void @__tangle_func_exit()
  store i32 1, ptr %p, align 4
  %a = load i32, ptr %p, align 4
  store i32 2, ptr %p, align 4
  ret void
}

; A read does not cover a write (counter++).
define void @read_then_write(ptr %p) {
; CHECK-LABEL: define void @read_then_write(
; CHECK:      call void @__tangle_read4(ptr %p)
; CHECK-NEXT: load i32, ptr %p
; CHECK-NEXT: add
; CHECK-NEXT: call void @__tangle_write4(ptr %p)
; CHECK-NEXT: store i32
  %a = load i32, ptr %p, align 4
  %b = add i32 %a, 1
  store i32 %b, ptr %p, align 4
  ret void
}

; Only bytes the earlier access touched are covered.
define void @sizes(ptr %p) {
; CHECK-LABEL: define void @sizes(
; CHECK:      call void @__tangle_read4(ptr %p)
; CHECK-NEXT: load i32, ptr %p
; CHECK-NEXT: call void @__tangle_read8(ptr %p)
; CHECK-NEXT: load i64, ptr %p
; CHECK-NEXT: load i16, ptr %p
; CHECK-NEXT: call void @__tangle_func_exit()
  %a = load i32, ptr %p, align 8
  %b = load i64, ptr %p, align 8
  %c = load i16, ptr %p, align 8
  ret void
}

; The thread may synchronize inside the call: check again after it.
define void @across_call(ptr %p) {
; CHECK-LABEL: define void @across_call(
; CHECK:      call void @__tangle_write4(ptr %p)
; CHECK-NEXT: store i32 1, ptr %p
; CHECK-NEXT: call void @f()
; CHECK-NEXT: call void @__tangle_read4(ptr %p)
; CHECK-NEXT: load i32, ptr %p
  store i32 1, ptr %p, align 4
  call void @f()
  %a = load i32, ptr %p, align 4
  ret void
}

; Intrinsics that only inform the optimizer do not end the stretch.
define void @across_marker_intrinsics(ptr %p, ptr %q, i1 %c) {
; CHECK-LABEL: define void @across_marker_intrinsics(
; CHECK:      call void @__tangle_read4(ptr %p)
; CHECK-NEXT: load i32, ptr %p
; CHECK-NEXT: call void @llvm.assume(i1 %c)
; CHECK-NEXT: call void @llvm.lifetime.start.p0(i64 4, ptr %q)
; CHECK-NEXT: load i32, ptr %p
; CHECK-NEXT: call void @__tangle_func_exit()
  %a = load i32, ptr %p, align 4
  call void @llvm.assume(i1 %c)
  call void @llvm.lifetime.start.p0(i64 4, ptr %q)
  %b = load i32, ptr %p, align 4
  ret void
}

; An atomic (here an acquire load) or a fence may synchronize too.
define void @across_atomic(ptr %p, ptr %flag) {
; CHECK-LABEL: define void @across_atomic(
; CHECK:      call void @__tangle_read4(ptr %p)
; CHECK-NEXT: load i32, ptr %p
; CHECK:      call i64 @__tangle_atomic_load4(ptr %flag, i32 33)
; CHECK:      call void @__tangle_read4(ptr %p)
; CHECK-NEXT: load i32, ptr %p
; CHECK-NEXT: fence acquire
; CHECK:      call void @__tangle_read4(ptr %p)
; CHECK-NEXT: load i32, ptr %p
  %a = load i32, ptr %p, align 4
  %f = load atomic i32, ptr %flag acquire, align 4
  %b = load i32, ptr %p, align 4
  fence acquire
  %c = load i32, ptr %p, align 4
  ret void
}

; Another basic block starts afresh.
define void @across_blocks(ptr %p) {
; CHECK-LABEL: define void @across_blocks(
; CHECK:      call void @__tangle_read4(ptr %p)
; CHECK-NEXT: load i32, ptr %p
; CHECK:      next:
; CHECK-NEXT: call void @__tangle_read4(ptr %p)
; CHECK-NEXT: load i32, ptr %p
  %a = load i32, ptr %p, align 4
  br label %next
next:
  %b = load i32, ptr %p, align 4
  ret void
}

; An access that was not instrumented covers nothing.
define void @skipped_does_not_cover(ptr %p) {
; CHECK-LABEL: define void @skipped_does_not_cover(
; CHECK-NOT:  call void @__tangle_write
; CHECK:      store i32 1, ptr %p, align 4, !nosanitize
; CHECK-NEXT: call void @__tangle_read4(ptr %p)
; CHECK-NEXT: load i32, ptr %p
  store i32 1, ptr %p, align 4, !nosanitize !0
  %a = load i32, ptr %p, align 4
  ret void
}

; Same address through a different pointer value at the same constant
; offset from one base: the later read is covered too (the pass compares
; bases and constant offsets, it does no other alias analysis).
define void @different_values(ptr %p) {
; CHECK-LABEL: define void @different_values(
; CHECK:      call void @__tangle_read4(ptr %p)
; CHECK-NOT:  call void @__tangle_read
  %a = load i32, ptr %p, align 4
  %q = getelementptr i8, ptr %p, i64 0
  %b = load i32, ptr %q, align 4
  ret void
}

!0 = !{}
