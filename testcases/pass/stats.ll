; The pass counts what it instruments and why it skips.  They are
; ALWAYS_ENABLED_STATISTIC counters, kept in LLVM's release builds, where
; `opt -stats` prints nothing but clang's -stats-file still writes every
; registered counter.  -O0 so the IR reaches the pass unoptimized.
; RUN: clang -O0 -c -x ir %s -o /dev/null -fpass-plugin=%tangle_pass -Xclang -stats-file=%t.json
; RUN: FileCheck %s < %t.json

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@table = constant [2 x i32] [i32 1, i32 2], align 4
@g = global i32 0, align 4

; CHECK-DAG: "tangle.NumSkippedLocal": 1{{,?$}}
; CHECK-DAG: "tangle.NumSkippedRedundant": 1{{,?$}}
; CHECK-DAG: "tangle.NumSkippedConstGlobal": 1{{,?$}}
; CHECK-DAG: "tangle.NumAtomics": 1{{,?$}}
; CHECK-DAG: "tangle.NumSkippedLeaf": 1{{,?$}}
; CHECK-DAG: "tangle.NumFuncEntryExit": 1{{,?$}}
; CHECK-DAG: "tangle.NumReads": 1{{,?$}}
; CHECK-DAG: "tangle.NumWrites": 1{{,?$}}

define i32 @main_like() nounwind {
  %a = load i32, ptr @g, align 4
  %b = load i32, ptr @g, align 4
  store i32 %b, ptr @g, align 4
  %c = atomicrmw add ptr @g, i32 1 seq_cst
  ret i32 %a
}

define i32 @leaf() nounwind {
  %x = alloca i32, align 4
  %t = load i32, ptr @table, align 4
  store i32 %t, ptr %x, align 4
  ret i32 %t
}
