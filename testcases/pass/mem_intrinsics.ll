; llvm.memcpy/memmove/memset (and the .inline forms) become calls to
; __tangle_memcpy/memmove/memset with an i64 length and an i32 fill byte;
; the intrinsic is gone.  One that only copies a constant global into a
; local that does not escape is left alone.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@init = private unnamed_addr constant [4 x i32] [i32 1, i32 2, i32 3, i32 4]

define void @replaced(ptr %d, ptr %s, i64 %n, i32 %n32, i8 %c) {
; CHECK-LABEL: define void @replaced(
; CHECK:      call ptr @__tangle_memcpy(ptr %d, ptr %s, i64 %n)
; CHECK-NEXT: call ptr @__tangle_memmove(ptr %d, ptr %s, i64 %n)
; CHECK-NEXT: [[B:%.*]] = zext i8 %c to i32
; CHECK-NEXT: call ptr @__tangle_memset(ptr %d, i32 [[B]], i64 %n)
; CHECK-NEXT: [[L:%.*]] = zext i32 %n32 to i64
; CHECK-NEXT: call ptr @__tangle_memcpy(ptr %d, ptr %s, i64 [[L]])
; CHECK-NEXT: call ptr @__tangle_memcpy(ptr %d, ptr %s, i64 16)
; CHECK-NEXT: call ptr @__tangle_memset(ptr %d, i32 0, i64 8)
; CHECK-NEXT: call void @__tangle_func_exit()
; CHECK-NEXT: ret void
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
  call void @llvm.memmove.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
  call void @llvm.memset.p0.i64(ptr %d, i8 %c, i64 %n, i1 false)
  call void @llvm.memcpy.p0.p0.i32(ptr %d, ptr %s, i32 %n32, i1 false)
  call void @llvm.memcpy.inline.p0.p0.i64(ptr %d, ptr %s, i64 16, i1 false)
  call void @llvm.memset.inline.p0.i64(ptr %d, i8 0, i64 8, i1 true)
  ret void
}

define i32 @local_init(i64 %i) {
; CHECK-LABEL: define i32 @local_init(
; CHECK-NOT:  call {{.*}}@__tangle_
; CHECK:      call void @llvm.memcpy.p0.p0.i64(ptr align 16 %a, ptr align 16 @init, i64 16, i1 false)
; CHECK-NOT:  call {{.*}}@__tangle_
; CHECK:      ret i32
  %a = alloca [4 x i32], align 16
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %a, ptr align 16 @init, i64 16, i1 false)
  %e = getelementptr [4 x i32], ptr %a, i64 0, i64 %i
  %v = load i32, ptr %e, align 4
  ret i32 %v
}

; A copy out of a local into memory the caller sees is checked.
define void @local_to_shared(ptr %d) {
; CHECK-LABEL: define void @local_to_shared(
; CHECK:      call void @llvm.memcpy.p0.p0.i64(ptr align 16 %a, ptr align 16 @init, i64 16, i1 false)
; CHECK-NEXT: call ptr @__tangle_memcpy(ptr %d, ptr %a, i64 16)
  %a = alloca [4 x i32], align 16
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %a, ptr align 16 @init, i64 16, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %a, i64 16, i1 false)
  ret void
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memcpy.p0.p0.i32(ptr, ptr, i32, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
declare void @llvm.memcpy.inline.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.inline.p0.i64(ptr, i8, i64, i1)
