; Accesses of one stretch of a basic block (nothing between them may
; synchronize) through one base pointer at constant offsets, of one kind,
; size and source location, whose bytes leave no gap, are checked as one
; range at the first of them: read/write_strided(base + lo, 1, 0, size |
; access size << 32).  An unrolled `for (k = 0; k < 3; k++) ... b->x[k]`
; makes such accesses.  Anything else keeps its own hook.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare void @f() nounwind

; Three doubles at +8, +16, +24 of %b, one source location: 24 bytes at
; %b + 8, reported as accesses of 8 (24 | 8 << 32 = 34359738392).
define double @unrolled(ptr %b) !dbg !5 {
; CHECK-LABEL: define double @unrolled(
; CHECK:         [[P:%.*]] = getelementptr i8, ptr %b, i64 8
; CHECK-NEXT:    call void @__tangle_read_strided(ptr [[P]], i64 1, i64 0, i64 34359738392), !dbg [[LOC:![0-9]+]]
; CHECK-NOT:     call void @__tangle_read
; CHECK:         ret double
  %p0 = getelementptr inbounds i8, ptr %b, i64 8
  %x0 = load double, ptr %p0, align 8, !dbg !10
  %p1 = getelementptr inbounds i8, ptr %b, i64 16
  %x1 = load double, ptr %p1, align 8, !dbg !10
  %p2 = getelementptr inbounds i8, ptr %b, i64 24
  %x2 = load double, ptr %p2, align 8, !dbg !10
  %s0 = fadd double %x0, %x1
  %s1 = fadd double %s0, %x2
  ret double %s1
}

; Stores at +0 and +8, then a call: the store after the call is a stretch
; of its own.
define void @call_between(ptr %b) !dbg !15 {
; CHECK-LABEL: define void @call_between(
; CHECK:         call void @__tangle_write_strided(ptr %b, i64 1, i64 0, i64 34359738384)
; CHECK:         call void @f()
; CHECK:         call void @__tangle_write8(ptr %p2)
  store double 0.0, ptr %b, align 8, !dbg !16
  %p1 = getelementptr inbounds i8, ptr %b, i64 8
  store double 0.0, ptr %p1, align 8, !dbg !16
  call void @f()
  %p2 = getelementptr inbounds i8, ptr %b, i64 16
  store double 0.0, ptr %p2, align 8, !dbg !16
  ret void
}

; Different source lines, a gap, different sizes, a volatile access: each
; access keeps its own hook.
define void @kept_apart(ptr %b, ptr %c, ptr %d, ptr %e) !dbg !20 {
; CHECK-LABEL: define void @kept_apart(
; CHECK-NOT:     _strided
; CHECK:         call void @__tangle_write8(ptr %b)
; CHECK:         call void @__tangle_write8(ptr %b1)
; CHECK:         call void @__tangle_write8(ptr %c)
; CHECK:         call void @__tangle_write8(ptr %c2)
; CHECK:         call void @__tangle_write8(ptr %d)
; CHECK:         call void @__tangle_write4(ptr %d1)
; CHECK:         call void @__tangle_volatile_write(ptr %e, i32 4)
; CHECK:         call void @__tangle_write4(ptr %e1)
  store double 0.0, ptr %b, align 8, !dbg !21
  %b1 = getelementptr inbounds i8, ptr %b, i64 8
  store double 0.0, ptr %b1, align 8, !dbg !22
  store double 0.0, ptr %c, align 8, !dbg !21
  %c2 = getelementptr inbounds i8, ptr %c, i64 16
  store double 0.0, ptr %c2, align 8, !dbg !21
  store double 0.0, ptr %d, align 8, !dbg !21
  %d1 = getelementptr inbounds i8, ptr %d, i64 8
  store i32 0, ptr %d1, align 4, !dbg !21
  store volatile i32 0, ptr %e, align 4, !dbg !21
  %e1 = getelementptr inbounds i8, ptr %e, i64 4
  store i32 0, ptr %e1, align 4, !dbg !21
  ret void
}

; CHECK: [[LOC]] = !DILocation(line: 5, column: 11,

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "g.c", directory: "/tmp")
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !{i32 2, !"Debug Info Version", i32 3}
!5 = distinct !DISubprogram(name: "unrolled", scope: !1, file: !1, line: 4, type: !6, scopeLine: 4, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!10 = !DILocation(line: 5, column: 11, scope: !5)
!15 = distinct !DISubprogram(name: "call_between", scope: !1, file: !1, line: 10, type: !6, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!16 = !DILocation(line: 11, column: 3, scope: !15)
!20 = distinct !DISubprogram(name: "kept_apart", scope: !1, file: !1, line: 20, type: !6, scopeLine: 20, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!21 = !DILocation(line: 21, column: 3, scope: !20)
!22 = !DILocation(line: 22, column: 3, scope: !20)
