; func_entry(llvm.returnaddress(0)) goes after the entry block's allocas and
; func_exit before every return.  Functions that call nothing and have
; nothing instrumented get neither; functions with a musttail call get
; neither (no room for func_exit); the runtime's own functions, naked ones
; and disable_sanitizer_instrumentation ones are not touched at all.
; RUN: %opt -load-pass-plugin=%tangle_pass -passes=tangle -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global i32 0, align 4

declare void @f(ptr) nounwind
declare void @may_throw()

define i32 @two_returns(i1 %c) nounwind {
; CHECK-LABEL: define i32 @two_returns(
; CHECK-NEXT:  %x = alloca i32
; CHECK-NEXT:  %y = alloca i64
; CHECK-NEXT:  [[RA:%.*]] = call ptr @llvm.returnaddress(i32 0)
; CHECK-NEXT:  call void @__tangle_func_entry(ptr [[RA]])
; CHECK-NEXT:  call void @f(ptr %x)
; CHECK:       a:
; CHECK-NEXT:  call void @__tangle_func_exit()
; CHECK-NEXT:  ret i32 1
; CHECK:       b:
; CHECK-NEXT:  call void @__tangle_func_exit()
; CHECK-NEXT:  ret i32 2
  %x = alloca i32, align 4
  %y = alloca i64, align 8
  call void @f(ptr %x)
  br i1 %c, label %a, label %b
a:
  ret i32 1
b:
  ret i32 2
}

; Arithmetic on locals only: never in a stack the runtime prints.
define i32 @leaf(i32 %v) nounwind {
; CHECK-LABEL: define i32 @leaf(
; CHECK-NOT:   call
; CHECK:       ret i32
  %x = alloca i32, align 4
  store i32 %v, ptr %x, align 4
  %r = load i32, ptr %x, align 4
  ret i32 %r
}

; A leaf that accesses shared memory gets entry/exit.
define i32 @leaf_with_access() nounwind {
; CHECK-LABEL: define i32 @leaf_with_access(
; CHECK:       call void @__tangle_func_entry(
; CHECK:       call void @__tangle_read4(ptr @g)
; CHECK:       call void @__tangle_func_exit()
; CHECK-NEXT:  ret i32
  %r = load i32, ptr @g, align 4
  ret i32 %r
}

; The access is still instrumented, the stack is not.
define i32 @has_musttail(ptr %p) nounwind {
; CHECK-LABEL: define i32 @has_musttail(
; CHECK-NOT:   __tangle_func_entry
; CHECK:       call void @__tangle_read4(ptr %p)
; CHECK-NOT:   __tangle_func_exit
; CHECK:       musttail call i32 @has_musttail(ptr %p)
; CHECK-NEXT:  ret i32
  %v = load i32, ptr %p, align 4
  %r = musttail call i32 @has_musttail(ptr %p)
  ret i32 %r
}

define void @__tangle_own(ptr %p) {
; CHECK-LABEL: define void @__tangle_own(
; CHECK-NEXT:  store i32 0, ptr %p
; CHECK-NEXT:  ret void
  store i32 0, ptr %p, align 4
  ret void
}

define void @no_instrumentation(ptr %p) disable_sanitizer_instrumentation {
; CHECK-LABEL: define void @no_instrumentation(
; CHECK-NEXT:  store i32 0, ptr %p
; CHECK-NEXT:  ret void
  store i32 0, ptr %p, align 4
  ret void
}

define void @naked_fn() naked {
; CHECK-LABEL: define void @naked_fn(
; CHECK-NEXT:  call void asm sideeffect "ret", ""()
; CHECK-NEXT:  unreachable
  call void asm sideeffect "ret", ""()
  unreachable
}

; C++: an exception leaving the function must pop its frame too.
define void @unwinds() personality ptr @__gxx_personality_v0 {
; CHECK-LABEL: define void @unwinds(
; CHECK:       call void @__tangle_func_entry(
; CHECK:       invoke void @may_throw()
; CHECK-NEXT:  to label %{{.*}} unwind label %tangle_cleanup
; CHECK:       call void @__tangle_func_exit()
; CHECK-NEXT:  ret void
; CHECK:       tangle_cleanup:
; CHECK-NEXT:  [[LP:%.*]] = landingpad { ptr, i32 }
; CHECK-NEXT:  cleanup
; CHECK-NEXT:  call void @__tangle_func_exit()
; CHECK-NEXT:  resume { ptr, i32 } [[LP]]
  call void @may_throw()
  ret void
}

; A nounwind function (all of C) gets no landing pad, even around a call
; that is not marked nounwind.
define void @c_function() nounwind {
; CHECK-LABEL: define void @c_function(
; CHECK:       call void @__tangle_func_entry(
; CHECK-NEXT:  call void @may_throw()
; CHECK-NEXT:  call void @__tangle_func_exit()
; CHECK-NEXT:  ret void
; CHECK-NOT:   landingpad
; CHECK:       }
  call void @may_throw()
  ret void
}

declare i32 @__gxx_personality_v0(...)
