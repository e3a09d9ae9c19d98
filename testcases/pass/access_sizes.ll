; Plain loads and stores: aligned 1/2/4-byte accesses and 8/16-byte ones
; aligned to at least 4 (whole shadow granules) call readN/writeN,
; everything else (under-aligned, odd-sized, aggregates) calls the range
; hooks with the DataLayout store size; volatile accesses of up to 4 bytes go to
; volatile_read/volatile_write (the runtime decides, see hooks.def), wider
; ones are plain.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%struct.S = type { i32, i8, double }

define void @aligned(ptr %p) {
; CHECK-LABEL: define void @aligned(
; CHECK:      call void @__tangle_read1(ptr %p)
; CHECK-NEXT: load i8, ptr %p, align 1
; CHECK-NEXT: call void @__tangle_write2(ptr %p)
; CHECK-NEXT: store i16 1, ptr %p, align 2
; CHECK-NEXT: call void @__tangle_read4(ptr %p)
; CHECK-NEXT: load float, ptr %p, align 4
; CHECK-NEXT: call void @__tangle_write8(ptr %p)
; CHECK-NEXT: store ptr null, ptr %p, align 8
; CHECK-NEXT: call void @__tangle_read16(ptr %p)
; CHECK-NEXT: load i128, ptr %p, align 16
; CHECK-NEXT: call void @__tangle_write16(ptr %p)
; CHECK-NEXT: store <4 x i32> zeroinitializer, ptr %p, align 16
; CHECK-NEXT: call void @__tangle_func_exit()
; CHECK-NEXT: ret void
  %a = load i8, ptr %p, align 1
  store i16 1, ptr %p, align 2
  %b = load float, ptr %p, align 4
  store ptr null, ptr %p, align 8
  %c = load i128, ptr %p, align 16
  store <4 x i32> zeroinitializer, ptr %p, align 16
  ret void
}

; Each access is to a different pointer so none is redundant with another.
define void @ranges(ptr %p1, ptr %p2, ptr %p3, ptr %p4, ptr %p5, ptr %p6, ptr %p7) {
; CHECK-LABEL: define void @ranges(
; CHECK:      call void @__tangle_read_range(ptr %p1, i64 4)
; CHECK-NEXT: load i32, ptr %p1, align 2
; CHECK-NEXT: call void @__tangle_write8(ptr %p2)
; CHECK-NEXT: store i64 0, ptr %p2, align 4
; CHECK-NEXT: call void @__tangle_read_range(ptr %p3, i64 3)
; CHECK-NEXT: load i24, ptr %p3, align 4
; CHECK-NEXT: call void @__tangle_write_range(ptr %p4, i64 6)
; CHECK-NEXT: store i48 0, ptr %p4, align 8
; CHECK-NEXT: call void @__tangle_read_range(ptr %p5, i64 12)
; CHECK-NEXT: load <3 x i32>, ptr %p5, align 16
; CHECK-NEXT: call void @__tangle_write16(ptr %p6)
; CHECK-NEXT: store %struct.S zeroinitializer, ptr %p6, align 8
; CHECK-NEXT: call void @__tangle_read16(ptr %p7)
; CHECK-NEXT: load <4 x float>, ptr %p7, align 8
  %a = load i32, ptr %p1, align 2
  store i64 0, ptr %p2, align 4
  %b = load i24, ptr %p3, align 4
  store i48 0, ptr %p4, align 8
  %c = load <3 x i32>, ptr %p5, align 16
  store %struct.S zeroinitializer, ptr %p6, align 8
  %d = load <4 x float>, ptr %p7, align 8
  ret void
}

define i32 @volatile_load(ptr %p) {
; CHECK-LABEL: define i32 @volatile_load(
; CHECK:      call void @__tangle_volatile_read(ptr %p, i32 4)
; CHECK-NEXT: load volatile i32, ptr %p, align 4
; CHECK:      call void @__tangle_volatile_write(ptr %p, i32 1)
; CHECK-NEXT: store volatile i8 1, ptr %p, align 1
; CHECK:      call void @__tangle_read8(ptr %p)
; CHECK-NEXT: load volatile i64, ptr %p, align 8
  %v = load volatile i32, ptr %p, align 4
  store volatile i8 1, ptr %p, align 1
  %w = load volatile i64, ptr %p, align 8
  ret i32 %v
}

; The hooks are declared nounwind, never anything stronger: they touch
; memory the optimizer cannot see.
; CHECK: declare void @__tangle_read1(ptr) [[ATTR:#[0-9]+]]
; CHECK: attributes [[ATTR]] = { nounwind }
