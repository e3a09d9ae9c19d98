; Vectors wider than 16 bytes are ranges.  Masked loads/stores, gathers
; and scatters check only the lanes the mask enables (a vectorized
; `if (c) a[i] = x` must not look like a write to the a[i] it skips): one
; range per lane, of size 0 when the lane is off; one range for the whole
; vector when the mask is all true; expandload/compressstore one range of
; popcount(mask) elements.  Scalable vectors are skipped.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @wide(ptr %p, ptr %q) {
; CHECK-LABEL: define void @wide(
; CHECK:      call void @__tangle_read_range(ptr %p, i64 32)
; CHECK-NEXT: load <8 x float>, ptr %p, align 32
; CHECK-NEXT: call void @__tangle_write_range(ptr %q, i64 64)
; CHECK-NEXT: store <16 x i32>
  %v = load <8 x float>, ptr %p, align 32
  store <16 x i32> zeroinitializer, ptr %q, align 64
  ret void
}

define <2 x i32> @masked(ptr %p, ptr %q, <2 x i1> %m, <2 x i32> %v) {
; CHECK-LABEL: define <2 x i32> @masked(
; CHECK:      [[M0:%.*]] = extractelement <2 x i1> %m, i64 0
; CHECK-NEXT: [[S0:%.*]] = select i1 [[M0]], i64 4, i64 0
; CHECK-NEXT: call void @__tangle_read_range(ptr %p, i64 [[S0]])
; CHECK-NEXT: [[P1:%.*]] = getelementptr i8, ptr %p, i64 4
; CHECK-NEXT: [[M1:%.*]] = extractelement <2 x i1> %m, i64 1
; CHECK-NEXT: [[S1:%.*]] = select i1 [[M1]], i64 4, i64 0
; CHECK-NEXT: call void @__tangle_read_range(ptr [[P1]], i64 [[S1]])
; CHECK-NEXT: call <2 x i32> @llvm.masked.load.v2i32.p0(
; CHECK:      call void @__tangle_write_range(ptr %q, i64 %{{.*}})
; CHECK:      call void @__tangle_write_range(ptr %{{.*}}, i64 %{{.*}})
; CHECK-NEXT: call void @llvm.masked.store.v2i32.p0(
  %l = call <2 x i32> @llvm.masked.load.v2i32.p0(ptr %p, i32 4, <2 x i1> %m, <2 x i32> %v)
  call void @llvm.masked.store.v2i32.p0(<2 x i32> %v, ptr %q, i32 4, <2 x i1> %m)
  ret <2 x i32> %l
}

define void @masked_all_true(ptr %p, <8 x i32> %v) {
; CHECK-LABEL: define void @masked_all_true(
; CHECK:      call void @__tangle_write_range(ptr %p, i64 32)
; CHECK-NEXT: call void @llvm.masked.store.v8i32.p0(
  call void @llvm.masked.store.v8i32.p0(<8 x i32> %v, ptr %p, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>)
  ret void
}

define <4 x float> @expand(ptr %p, <4 x i1> %m, <4 x float> %v) {
; CHECK-LABEL: define <4 x float> @expand(
; CHECK:      [[B:%.*]] = bitcast <4 x i1> %m to i4
; CHECK-NEXT: [[N:%.*]] = call i4 @llvm.ctpop.i4(i4 [[B]])
; CHECK-NEXT: [[N64:%.*]] = zext i4 [[N]] to i64
; CHECK-NEXT: [[S:%.*]] = mul i64 [[N64]], 4
; CHECK-NEXT: call void @__tangle_read_range(ptr %p, i64 [[S]])
; CHECK-NEXT: call <4 x float> @llvm.masked.expandload.v4f32(
  %r = call <4 x float> @llvm.masked.expandload.v4f32(ptr %p, <4 x i1> %m, <4 x float> %v)
  ret <4 x float> %r
}

define <2 x i64> @gather_scatter(<2 x ptr> %ps, <2 x i1> %m, <2 x i64> %v) {
; CHECK-LABEL: define <2 x i64> @gather_scatter(
; CHECK:      [[P0:%.*]] = extractelement <2 x ptr> %ps, i64 0
; CHECK-NEXT: [[M0:%.*]] = extractelement <2 x i1> %m, i64 0
; CHECK-NEXT: [[S0:%.*]] = select i1 [[M0]], i64 8, i64 0
; CHECK-NEXT: call void @__tangle_read_range(ptr [[P0]], i64 [[S0]])
; CHECK-NEXT: [[P1:%.*]] = extractelement <2 x ptr> %ps, i64 1
; CHECK-NEXT: [[M1:%.*]] = extractelement <2 x i1> %m, i64 1
; CHECK-NEXT: [[S1:%.*]] = select i1 [[M1]], i64 8, i64 0
; CHECK-NEXT: call void @__tangle_read_range(ptr [[P1]], i64 [[S1]])
; CHECK-NEXT: call <2 x i64> @llvm.masked.gather.v2i64.v2p0(
; CHECK:      call void @__tangle_write_range(ptr {{%.*}}, i64 {{%.*}})
; CHECK:      call void @__tangle_write_range(ptr {{%.*}}, i64 {{%.*}})
; CHECK-NEXT: call void @llvm.masked.scatter.v2i64.v2p0(
  %g = call <2 x i64> @llvm.masked.gather.v2i64.v2p0(<2 x ptr> %ps, i32 8, <2 x i1> %m, <2 x i64> %v)
  call void @llvm.masked.scatter.v2i64.v2p0(<2 x i64> %v, <2 x ptr> %ps, i32 8, <2 x i1> %m)
  ret <2 x i64> %g
}

; The size of a scalable vector is only known at run time: not instrumented.
define void @scalable(ptr %p) {
; CHECK-LABEL: define void @scalable(
; CHECK-NOT:  call void @__tangle_
; CHECK:      load <vscale x 4 x i32>, ptr %p
; CHECK-NOT:  call void @__tangle_
; CHECK:      ret void
  %v = load <vscale x 4 x i32>, ptr %p, align 16
  ret void
}

declare <2 x i32> @llvm.masked.load.v2i32.p0(ptr, i32, <2 x i1>, <2 x i32>)
declare void @llvm.masked.store.v2i32.p0(<2 x i32>, ptr, i32, <2 x i1>)
declare <4 x float> @llvm.masked.expandload.v4f32(ptr, <4 x i1>, <4 x float>)
declare void @llvm.masked.store.v8i32.p0(<8 x i32>, ptr, i32, <8 x i1>)
declare <2 x i64> @llvm.masked.gather.v2i64.v2p0(<2 x ptr>, i32, <2 x i1>, <2 x i64>)
declare void @llvm.masked.scatter.v2i64.v2p0(<2 x i64>, <2 x ptr>, i32, <2 x i1>)
