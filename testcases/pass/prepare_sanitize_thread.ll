; TanglePrepare runs at the start of the optimization pipeline and marks
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
; every function the module defines sanitize_thread, so the optimizer does
; not speculate loads or promote stores (accesses the program does not
; make).  In lock-only mode (-tangle-instrument-memory=0), where no plain
; access is checked, no function is marked and the load is speculated.
;
; RUN: %opt -load-pass-plugin=%tangle_pass -passes='default<O2>' -S %s | FileCheck %s
; RUN: %opt -load-pass-plugin=%tangle_pass -tangle-instrument-memory=0 -passes='default<O2>' -S %s | FileCheck %s --check-prefix=LOCKONLY

@shared = global i32 0

define i32 @get(i32 %use) {
  %c = icmp ne i32 %use, 0
  br i1 %c, label %yes, label %no
yes:
  %v = load i32, ptr @shared
  ret i32 %v
no:
  ret i32 0
}

; No unconditional load of @shared, and the attribute on the definition.
; CHECK:       define {{.*}}i32 @get(i32 {{.*}}%use) {{.*}}#[[ATTR:[0-9]+]]
; CHECK:       br i1
; CHECK:       call void @__tangle_read4(ptr @shared)
; CHECK:       attributes #[[ATTR]] = { {{.*}}sanitize_thread
; LOCKONLY:     select i1
; LOCKONLY-NOT: sanitize_thread
