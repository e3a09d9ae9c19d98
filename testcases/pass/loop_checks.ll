; An access in a loop that cannot synchronize is checked once, in the loop's
; preheader, for all its iterations: read/write_strided(first, count, stride,
; size | access size << 32).  The loop must have no call (other than
; intrinsics that touch no memory), atomic or fence, its latch must be its
; only exit (so every iteration runs to the end), and the access must be in
; a block that runs on every iteration with a pointer affine in the loop.
; Everything else keeps its per-access hook.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -S %s | FileCheck %s
; RUN: clang -O0 -c -x ir %s -o /dev/null -fpass-plugin=%tangle_pass -Xclang -stats-file=%t.json
; RUN: FileCheck %s --check-prefix=STATS < %t.json

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare void @f() nounwind

; for (i = 0; i < n; i++) a[i] = 0;  -- n accesses of 4 bytes, 4 apart.
define void @fill(ptr %a, i64 %n) {
; CHECK-LABEL: define void @fill(
; CHECK:       ph:
; CHECK:         call void @__tangle_write_strided(ptr %a, i64 [[N:%.*]], i64 4, i64 17179869188)
; CHECK-NEXT:    br label %loop
; CHECK:       loop:
; CHECK-NOT:     call
; CHECK:         br i1
entry:
  %guard = icmp sgt i64 %n, 0
  br i1 %guard, label %ph, label %exit
ph:
  br label %loop
loop:
  %i = phi i64 [ 0, %ph ], [ %i.next, %loop ]
  %p = getelementptr inbounds i32, ptr %a, i64 %i
  store i32 0, ptr %p, align 4
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A column: the stride is a run-time value, computed in the preheader.
define i32 @column(ptr %a, i64 %n, i64 %s) {
; CHECK-LABEL: define i32 @column(
; CHECK:       ph:
; CHECK:         [[STRIDE:%.*]] = shl i64 %s, 2
; CHECK-NEXT:    call void @__tangle_read_strided(ptr %a, i64 {{%.*}}, i64 [[STRIDE]], i64 17179869188)
; CHECK:       loop:
; CHECK-NOT:     call
; CHECK:         br i1
entry:
  %guard = icmp sgt i64 %n, 0
  br i1 %guard, label %ph, label %exit
ph:
  br label %loop
loop:
  %i = phi i64 [ 0, %ph ], [ %i.next, %loop ]
  %sum = phi i32 [ 0, %ph ], [ %sum.next, %loop ]
  %idx = mul nsw i64 %i, %s
  %p = getelementptr inbounds i32, ptr %a, i64 %idx
  %v = load i32, ptr %p, align 4
  %sum.next = add i32 %sum, %v
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  %r = phi i32 [ 0, %entry ], [ %sum.next, %loop ]
  ret i32 %r
}

; *q += a[i] with *q kept in memory: the invariant pointer has stride 0.
define void @invariant(ptr %a, ptr %q, i64 %n) {
; CHECK-LABEL: define void @invariant(
; CHECK:       ph:
; CHECK-DAG:     call void @__tangle_read_strided(ptr %a, i64 [[N:%.*]], i64 8, i64 34359738376)
; CHECK-DAG:     call void @__tangle_read_strided(ptr %q, i64 [[N]], i64 0, i64 34359738376)
; CHECK-DAG:     call void @__tangle_write_strided(ptr %q, i64 [[N]], i64 0, i64 34359738376)
; CHECK:       loop:
; CHECK-NOT:     call
; CHECK:         br i1
entry:
  br label %ph
ph:
  br label %loop
loop:
  %i = phi i64 [ 0, %ph ], [ %i.next, %loop ]
  %p = getelementptr inbounds i64, ptr %a, i64 %i
  %v = load i64, ptr %p, align 8
  %old = load i64, ptr %q, align 8
  %new = add i64 %old, %v
  store i64 %new, ptr %q, align 8
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp ult i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A vectorized and unrolled loop reads <2 x double> at +0 and +16 in each
; 32-byte step: one check of 32 bytes per iteration, reported as accesses
; of 16 (32 | 16 << 32 = 68719476768).
define void @vector_parts(ptr %a, i64 %n) {
; CHECK-LABEL: define void @vector_parts(
; CHECK:       ph:
; CHECK:         call void @__tangle_read_strided(ptr %a, i64 {{%.*}}, i64 32, i64 68719476768)
; CHECK-NOT:     call void @__tangle_read_strided
; CHECK:       loop:
entry:
  br label %ph
ph:
  br label %loop
loop:
  %i = phi i64 [ 0, %ph ], [ %i.next, %loop ]
  %acc = phi <2 x double> [ zeroinitializer, %ph ], [ %acc2, %loop ]
  %p0 = getelementptr inbounds double, ptr %a, i64 %i
  %p1 = getelementptr inbounds i8, ptr %p0, i64 16
  %v0 = load <2 x double>, ptr %p0, align 8
  %v1 = load <2 x double>, ptr %p1, align 8
  %acc1 = fadd <2 x double> %acc, %v0
  %acc2 = fadd <2 x double> %acc1, %v1
  %i.next = add nuw nsw i64 %i, 4
  %c = icmp ult i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A call in the loop may synchronize: every access keeps its own hook.
define void @with_call(ptr %a, i64 %n) {
; CHECK-LABEL: define void @with_call(
; CHECK-NOT:   _strided
; CHECK:       loop:
; CHECK:         call void @__tangle_write4(ptr %p)
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr inbounds i32, ptr %a, i64 %i
  store i32 0, ptr %p, align 4
  call void @f()
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp ult i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; if (c[i]) a[i] = 1: the read of c[i] runs every iteration, the write does
; not, so only the read is checked before the loop.
define void @conditional(ptr %a, ptr %cond, i64 %n) {
; CHECK-LABEL: define void @conditional(
; CHECK:         call void @__tangle_read_strided(ptr %cond, i64 {{%.*}}, i64 4, i64 17179869188)
; CHECK-NOT:     _strided
; CHECK:       then:
; CHECK:         call void @__tangle_write4(ptr %p)
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  %pc = getelementptr inbounds i32, ptr %cond, i64 %i
  %v = load i32, ptr %pc, align 4
  %z = icmp eq i32 %v, 0
  br i1 %z, label %latch, label %then
then:
  %p = getelementptr inbounds i32, ptr %a, i64 %i
  store i32 1, ptr %p, align 4
  br label %latch
latch:
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp ult i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; while (i < n && a[i] != 0) b[i++] = 1: an exit before the latch, so the
; number of iterations is not known before the loop.
define void @early_exit(ptr %a, ptr %b, i64 %n) {
; CHECK-LABEL: define void @early_exit(
; CHECK-NOT:   _strided
; CHECK:         call void @__tangle_read4(ptr %pa)
; CHECK:         call void @__tangle_write4(ptr %pb)
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  %pa = getelementptr inbounds i32, ptr %a, i64 %i
  %v = load i32, ptr %pa, align 4
  %z = icmp eq i32 %v, 0
  br i1 %z, label %exit, label %latch
latch:
  %pb = getelementptr inbounds i32, ptr %b, i64 %i
  store i32 1, ptr %pb, align 4
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp ult i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; An atomic instruction or fence in the loop may synchronize; a volatile
; access is never moved.
define void @atomic_and_volatile(ptr %a, ptr %flag, ptr %v, i64 %n) {
; CHECK-LABEL: define void @atomic_and_volatile(
; CHECK-NOT:   _strided
; CHECK:         call void @__tangle_write4(ptr %p)
; CHECK:         call void @__tangle_volatile_write(ptr %v, i32 4)
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr inbounds i32, ptr %a, i64 %i
  store i32 0, ptr %p, align 4
  store volatile i32 1, ptr %v, align 4
  %x = load atomic i32, ptr %flag acquire, align 4
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp ult i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A loop entered from a block that may also skip it (the end of the
; optimizer leaves vectorized loops' remainders so) gets a preheader.
define void @no_preheader(ptr %a, i64 %n, i1 %skip) {
; CHECK-LABEL: define void @no_preheader(
; CHECK:       entry:
; CHECK:         br i1 %skip, label %exit, label %[[PH:.*]]
; CHECK:       [[PH]]:
; CHECK:         call void @__tangle_write_strided(ptr %a, i64 {{%.*}}, i64 4, i64 17179869188)
; CHECK-NEXT:    br label %loop
entry:
  br i1 %skip, label %exit, label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr inbounds i32, ptr %a, i64 %i
  store i32 0, ptr %p, align 4
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp ult i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; STATS-DAG: "tangle.NumLoopAccesses": 9{{,?$}}
; STATS-DAG: "tangle.NumLoopChecks": 8{{,?$}}
