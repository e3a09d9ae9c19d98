; Every hook call carries the !dbg of the instruction it instruments (the
; runtime reports its return address as file:line), inlined-at chain
; included; func_entry/func_exit carry the function's own line.  The
; verifier then accepts the output of a function with debug info.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@a = global i32 0, align 4
@g = global i32 0, align 4
@buf = global [16 x i8] zeroinitializer, align 16
@src = global [16 x i8] zeroinitializer, align 16

define i32 @fn(ptr %p) nounwind !dbg !5 {
; CHECK-LABEL: define i32 @fn(
; CHECK:      call ptr @llvm.returnaddress(i32 0), !dbg [[SCOPE:![0-9]+]]
; CHECK-NEXT: call void @__tangle_func_entry(ptr %{{.*}}), !dbg [[SCOPE]]
; CHECK-NEXT: call void @__tangle_read4(ptr %p), !dbg [[L5:![0-9]+]]
; CHECK-NEXT: load i32, ptr %p, align 4, !dbg [[L5]]
; CHECK-NEXT: [[V64:%.*]] = zext i32 %v to i64, !dbg [[L6:![0-9]+]]
; CHECK-NEXT: call void @__tangle_atomic_store4(ptr @a, i64 [[V64]], i32 82), !dbg [[L6]]
; CHECK-NEXT: call ptr @__tangle_memcpy(ptr @buf, ptr @src, i64 16), !dbg [[L7:![0-9]+]]
; CHECK-NEXT: call void @h(), !dbg
; CHECK-NEXT: call void @__tangle_read4(ptr @g), !dbg [[INL:![0-9]+]]
; CHECK-NEXT: load i32, ptr @g, align 4, !dbg [[INL]]
; CHECK-NEXT: call void @__tangle_func_exit(), !dbg [[SCOPE]]
; CHECK-NEXT: ret i32
  %v = load i32, ptr %p, align 4, !dbg !10
  store atomic i32 %v, ptr @a seq_cst, align 4, !dbg !11
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 @buf, ptr align 16 @src, i64 16, i1 false), !dbg !12
  call void @h(), !dbg !13
  %r = load i32, ptr @g, align 4, !dbg !15
  ret i32 %r, !dbg !14
}

declare void @h() nounwind
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

; CHECK-DAG: [[SP:![0-9]+]] = distinct !DISubprogram(name: "fn"
; CHECK-DAG: [[L5]] = !DILocation(line: 5, column: 11, scope: [[SP]])
; CHECK-DAG: [[L6]] = !DILocation(line: 6, column: 5, scope: [[SP]])
; CHECK-DAG: [[L7]] = !DILocation(line: 7, column: 3, scope: [[SP]])
; CHECK-DAG: [[INL]] = !DILocation(line: 2, column: 10, scope: [[HELPER:![0-9]+]], inlinedAt: [[AT:![0-9]+]])
; CHECK-DAG: [[SCOPE]] = !DILocation(line: 4, scope: [[SP]])

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "d.c", directory: "/tmp")
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !{i32 2, !"Debug Info Version", i32 3}
!5 = distinct !DISubprogram(name: "fn", scope: !1, file: !1, line: 4, type: !6, scopeLine: 4, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!10 = !DILocation(line: 5, column: 11, scope: !5)
!11 = !DILocation(line: 6, column: 5, scope: !5)
!12 = !DILocation(line: 7, column: 3, scope: !5)
!13 = !DILocation(line: 8, column: 3, scope: !5)
!14 = !DILocation(line: 9, column: 3, scope: !5)
!15 = !DILocation(line: 2, column: 10, scope: !16, inlinedAt: !17)
!16 = distinct !DISubprogram(name: "get_g", scope: !1, file: !1, line: 1, type: !6, scopeLine: 1, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!17 = !DILocation(line: 9, column: 10, scope: !5)
