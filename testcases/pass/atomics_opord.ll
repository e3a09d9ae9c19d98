; Atomic loads and stores of 1, 2, 4 or 8 bytes (integer, pointer or
; floating type, naturally aligned, not volatile) become one call that makes
; the access in the runtime: atomic_loadN(ptr, opord) returning the value as
; i64, atomic_storeN(ptr, value as i64, opord).  Every other atomic
; instruction stays in place, bracketed by atomic_begin(ptr, size, opord)
; and atomic_end(ptr, size, opord, ok).  opord = op | mo << 4 | fail_mo << 8
; (tangle_abi.h) with op LOAD=1 STORE=2 RMW=3 CMPXCHG=4 and C11 orders
; relaxed=0 acquire=2 release=3 acq_rel=4 seq_cst=5.  ok is the success bit
; of a cmpxchg, else 1.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @loads_stores(ptr %p, float %f, ptr %q) {
; CHECK-LABEL: define void @loads_stores(
; relaxed load: 1 | 0 << 4
; CHECK:      [[A:%.*]] = call i64 @__tangle_atomic_load4(ptr %p, i32 1)
; CHECK-NEXT: %a = trunc i64 [[A]] to i32
; acquire load: 1 | 2 << 4 = 33
; CHECK-NEXT: %b = call i64 @__tangle_atomic_load8(ptr %p, i32 33)
; seq_cst load of a pointer: 1 | 5 << 4 = 81
; CHECK-NEXT: [[C:%.*]] = call i64 @__tangle_atomic_load8(ptr %p, i32 81)
; CHECK-NEXT: %c = inttoptr i64 [[C]] to ptr
; unordered is treated as relaxed
; CHECK-NEXT: [[D:%.*]] = call i64 @__tangle_atomic_load1(ptr %p, i32 1)
; CHECK-NEXT: %d = trunc i64 [[D]] to i8
; a float
; CHECK-NEXT: [[E:%.*]] = call i64 @__tangle_atomic_load4(ptr %p, i32 33)
; CHECK-NEXT: [[E32:%.*]] = trunc i64 [[E]] to i32
; CHECK-NEXT: %e = bitcast i32 [[E32]] to float
; relaxed store: 2
; CHECK-NEXT: call void @__tangle_atomic_store2(ptr %p, i64 0, i32 2)
; release store of a float: 2 | 3 << 4 = 50
; CHECK-NEXT: [[F32:%.*]] = bitcast float %f to i32
; CHECK-NEXT: [[F64:%.*]] = zext i32 [[F32]] to i64
; CHECK-NEXT: call void @__tangle_atomic_store4(ptr %p, i64 [[F64]], i32 50)
; seq_cst store: 2 | 5 << 4 = 82
; CHECK-NEXT: call void @__tangle_atomic_store4(ptr %p, i64 1, i32 82)
; a pointer
; CHECK-NEXT: [[Q:%.*]] = ptrtoint ptr %q to i64
; CHECK-NEXT: call void @__tangle_atomic_store8(ptr %p, i64 [[Q]], i32 50)
; volatile: bracketed (the runtime may repeat a load)
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 4, i32 33)
; CHECK-NEXT: load atomic volatile i32, ptr %p acquire, align 4
; CHECK-NEXT: call void @__tangle_atomic_end(ptr %p, i32 4, i32 33, i32 1)
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 4, i32 50)
; CHECK-NEXT: store atomic volatile i32 2, ptr %p release, align 4
; CHECK-NEXT: call void @__tangle_atomic_end(ptr %p, i32 4, i32 50, i32 1)
; under-aligned: bracketed
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 8, i32 33)
; CHECK-NEXT: load atomic i64, ptr %p acquire, align 4
; CHECK-NEXT: call void @__tangle_atomic_end(ptr %p, i32 8, i32 33, i32 1)
; 16 bytes: bracketed
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 16, i32 81)
; CHECK-NEXT: load atomic i128, ptr %p seq_cst, align 16
; CHECK-NEXT: call void @__tangle_atomic_end(ptr %p, i32 16, i32 81, i32 1)
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 16, i32 82)
; CHECK-NEXT: store atomic i128 0, ptr %p seq_cst, align 16
; CHECK-NEXT: call void @__tangle_atomic_end(ptr %p, i32 16, i32 82, i32 1)
  %a = load atomic i32, ptr %p monotonic, align 4
  %b = load atomic i64, ptr %p acquire, align 8
  %c = load atomic ptr, ptr %p seq_cst, align 8
  %d = load atomic i8, ptr %p unordered, align 1
  %e = load atomic float, ptr %p acquire, align 4
  store atomic i16 0, ptr %p monotonic, align 2
  store atomic float %f, ptr %p release, align 4
  store atomic i32 1, ptr %p seq_cst, align 4
  store atomic ptr %q, ptr %p release, align 8
  %v = load atomic volatile i32, ptr %p acquire, align 4
  store atomic volatile i32 2, ptr %p release, align 4
  %u = load atomic i64, ptr %p acquire, align 4
  %w = load atomic i128, ptr %p seq_cst, align 16
  store atomic i128 0, ptr %p seq_cst, align 16
  ret void
}

define void @rmw(ptr %p) {
; CHECK-LABEL: define void @rmw(
; 3 | 0 << 4
; CHECK:      call void @__tangle_atomic_begin(ptr %p, i32 4, i32 3)
; CHECK-NEXT: atomicrmw xchg ptr %p, i32 1 monotonic
; CHECK-NEXT: call void @__tangle_atomic_end(ptr %p, i32 4, i32 3, i32 1)
; 3 | 2 << 4 = 35
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 8, i32 35)
; CHECK-NEXT: atomicrmw add ptr %p, i64 1 acquire
; CHECK-NEXT: call void @__tangle_atomic_end(ptr %p, i32 8, i32 35, i32 1)
; 3 | 3 << 4 = 51
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 1, i32 51)
; CHECK-NEXT: atomicrmw or ptr %p, i8 1 release
; CHECK-NEXT: call void @__tangle_atomic_end(ptr %p, i32 1, i32 51, i32 1)
; 3 | 4 << 4 = 67
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 2, i32 67)
; CHECK-NEXT: atomicrmw sub ptr %p, i16 1 acq_rel
; CHECK-NEXT: call void @__tangle_atomic_end(ptr %p, i32 2, i32 67, i32 1)
; 3 | 5 << 4 = 83
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 4, i32 83)
; CHECK-NEXT: atomicrmw fadd ptr %p, float 1.000000e+00 seq_cst
; CHECK-NEXT: call void @__tangle_atomic_end(ptr %p, i32 4, i32 83, i32 1)
  %a = atomicrmw xchg ptr %p, i32 1 monotonic
  %b = atomicrmw add ptr %p, i64 1 acquire
  %c = atomicrmw or ptr %p, i8 1 release
  %d = atomicrmw sub ptr %p, i16 1 acq_rel
  %e = atomicrmw fadd ptr %p, float 1.0 seq_cst
  ret void
}

define i1 @cmpxchg(ptr %p, i32 %old, i32 %new, i128 %o, i128 %n) {
; CHECK-LABEL: define i1 @cmpxchg(
; 4 | 0 << 4 | 0 << 8
; CHECK:      call void @__tangle_atomic_begin(ptr %p, i32 4, i32 4)
; CHECK-NEXT: [[A:%.*]] = cmpxchg ptr %p, i32 %old, i32 %new monotonic monotonic
; CHECK-NEXT: [[AOK:%.*]] = extractvalue { i32, i1 } [[A]], 1
; CHECK-NEXT: [[AOK32:%.*]] = zext i1 [[AOK]] to i32
; CHECK-NEXT: call void @__tangle_atomic_end(ptr %p, i32 4, i32 4, i32 [[AOK32]])
; 4 | 2 << 4 | 2 << 8 = 548
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 4, i32 548)
; CHECK-NEXT: cmpxchg ptr %p, i32 %old, i32 %new acquire acquire
; CHECK:      call void @__tangle_atomic_end(ptr %p, i32 4, i32 548, i32 %{{.*}})
; 4 | 3 << 4 | 0 << 8 = 52
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 4, i32 52)
; CHECK-NEXT: cmpxchg ptr %p, i32 %old, i32 %new release monotonic
; CHECK:      call void @__tangle_atomic_end(ptr %p, i32 4, i32 52, i32 %{{.*}})
; 4 | 4 << 4 | 2 << 8 = 580
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 4, i32 580)
; CHECK-NEXT: cmpxchg weak ptr %p, i32 %old, i32 %new acq_rel acquire
; CHECK:      call void @__tangle_atomic_end(ptr %p, i32 4, i32 580, i32 %{{.*}})
; 4 | 5 << 4 | 5 << 8 = 1364, 16 bytes
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 16, i32 1364)
; CHECK-NEXT: cmpxchg ptr %p, i128 %o, i128 %n seq_cst seq_cst
; CHECK:      call void @__tangle_atomic_end(ptr %p, i32 16, i32 1364, i32 %{{.*}})
; 4 | 5 << 4 | 0 << 8 = 84
; CHECK-NEXT: call void @__tangle_atomic_begin(ptr %p, i32 4, i32 84)
; CHECK-NEXT: cmpxchg ptr %p, i32 %old, i32 %new seq_cst monotonic
; CHECK:      call void @__tangle_atomic_end(ptr %p, i32 4, i32 84, i32 %{{.*}})
; The program's own use of the result is untouched.
; CHECK-NEXT: %ok = extractvalue { i32, i1 } %a, 1
  %a = cmpxchg ptr %p, i32 %old, i32 %new monotonic monotonic
  %b = cmpxchg ptr %p, i32 %old, i32 %new acquire acquire
  %c = cmpxchg ptr %p, i32 %old, i32 %new release monotonic
  %d = cmpxchg weak ptr %p, i32 %old, i32 %new acq_rel acquire
  %e = cmpxchg ptr %p, i128 %o, i128 %n seq_cst seq_cst
  %f = cmpxchg ptr %p, i32 %old, i32 %new seq_cst monotonic
  %ok = extractvalue { i32, i1 } %a, 1
  ret i1 %ok
}

; An atomic on a local that does not escape is still instrumented: the
; skip predicates are for plain accesses.
define i32 @atomic_on_local() {
; CHECK-LABEL: define i32 @atomic_on_local(
; CHECK:      call i64 @__tangle_atomic_load4(ptr %x, i32 81)
  %x = alloca i32, align 4
  %v = load atomic i32, ptr %x seq_cst, align 4
  ret i32 %v
}
