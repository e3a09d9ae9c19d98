//===- Instrument.cpp - what Tangle instruments, and why not --------------===//
//
// Inserts calls to the runtime's __tangle_* hooks (runtime/hooks.def): plain
// loads/stores become readN/writeN (aligned 1..16 bytes) or read/write_range;
// llvm.mem{cpy,move,set} are replaced by __tangle_mem{cpy,move,set}; masked
// vector operations check their enabled lanes; an affine access in a loop
// that cannot synchronize is checked once, before the loop, for all its
// iterations (read/write_strided); atomics stay in place,
// bracketed by atomic_begin/end; thread fences get atomic_fence; direct
// calls of functions declared in a model file are bracketed by
// model_before/after; functions get func_entry/exit for the runtime's
// shadow call stack.  Every reason to leave an access alone is one
// predicate below with its own counter.
//
// Each function is handled in two phases: collect() reads the IR and
// decides everything, then the instrument*() functions change it, so the
// analyses (capture tracking, the same-block redundancy scan, scalar
// evolution) never see hook calls or replaced intrinsics.  The only change
// before collect() is setUpLoops() giving loops the preheaders their
// checks go in, which adds empty blocks and nothing else.
//
//===----------------------------------------------------------------------===//
#include "Instrument.h"

#include "tangle_abi.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/IR/Dominators.h"
#include "llvm/Transforms/Utils/EscapeEnumerator.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

#include <algorithm>

using namespace llvm;
using tangle::Options;

#define DEBUG_TYPE "tangle"

// Debian's LLVM is a release build, where STATISTIC counters compile to
// nothing; ALWAYS_ENABLED_STATISTIC is the same counter kept there, so
// `opt -stats` and `clang -mllvm -stats` show them.
ALWAYS_ENABLED_STATISTIC(NumReads, "Plain reads instrumented");
ALWAYS_ENABLED_STATISTIC(NumWrites, "Plain writes instrumented");
ALWAYS_ENABLED_STATISTIC(NumRanges,
                         "Plain accesses instrumented as a range (unaligned, "
                         "odd-sized or vector)");
ALWAYS_ENABLED_STATISTIC(NumLoopAccesses,
                         "Plain accesses checked once before their loop");
ALWAYS_ENABLED_STATISTIC(NumLoopChecks,
                         "Strided checks inserted before loops");
ALWAYS_ENABLED_STATISTIC(NumBlockGroups,
                         "Checks of neighbouring accesses in one basic block "
                         "made as one range");
ALWAYS_ENABLED_STATISTIC(NumMemIntrinsics,
                         "memcpy/memmove/memset intrinsics replaced");
ALWAYS_ENABLED_STATISTIC(NumMaskedOps,
                         "Masked load/store, gather, scatter instrumented");
ALWAYS_ENABLED_STATISTIC(
    NumAtomics, "Atomic instructions instrumented (one call, or bracketed)");
ALWAYS_ENABLED_STATISTIC(NumFences, "Thread fences instrumented");
ALWAYS_ENABLED_STATISTIC(NumFuncEntryExit, "Functions given entry/exit hooks");
ALWAYS_ENABLED_STATISTIC(NumModelCalls,
                         "Calls of model-declared functions bracketed");
ALWAYS_ENABLED_STATISTIC(NumSkippedModelInvoke,
                         "Model calls left alone: invoke (a C++ call that may "
                         "throw past the closing bracket)");
ALWAYS_ENABLED_STATISTIC(NumSkippedModelArgs,
                         "Model calls left alone: fewer arguments than the "
                         "declaration names, or one that is not an integer "
                         "or pointer");
ALWAYS_ENABLED_STATISTIC(NumSkippedFunctions,
                         "Functions not instrumented (runtime, naked, "
                         "disable_sanitizer_instrumentation)");
ALWAYS_ENABLED_STATISTIC(
    NumSkippedLeaf, "Entry/exit skipped: no call and nothing instrumented");
ALWAYS_ENABLED_STATISTIC(NumSkippedMustTail,
                         "Entry/exit skipped: function has a musttail call");
ALWAYS_ENABLED_STATISTIC(NumSkippedAddrSpace,
                         "Accesses skipped: address space other than 0");
ALWAYS_ENABLED_STATISTIC(NumSkippedUnsized,
                         "Accesses skipped: scalable vector or empty type");
ALWAYS_ENABLED_STATISTIC(NumSkippedNoSanitize,
                         "Accesses skipped: !nosanitize metadata");
ALWAYS_ENABLED_STATISTIC(NumSkippedCompilerGlobal,
                         "Accesses skipped: compiler-owned global");
ALWAYS_ENABLED_STATISTIC(NumSkippedConstGlobal,
                         "Accesses skipped: read of a constant global");
ALWAYS_ENABLED_STATISTIC(NumSkippedLocal,
                         "Accesses skipped: alloca that does not escape");
ALWAYS_ENABLED_STATISTIC(NumSkippedRedundant,
                         "Accesses skipped: covered by an earlier access in "
                         "the same basic block");
ALWAYS_ENABLED_STATISTIC(NumSkippedMemIntrinsic,
                         "Mem intrinsics left alone: only local or constant "
                         "memory");
ALWAYS_ENABLED_STATISTIC(NumSkippedSignalFence,
                         "Fences skipped: not system scope (signal fences)");

namespace {

// The runtime's hooks, declared in the module being instrumented.  The
// members are generated from hooks.def (named as there, without the
// __tangle_ prefix), so a hook the runtime changes cannot be called with a
// stale signature.
struct Hooks {
#define TG_HOOK0(name, ret) FunctionCallee name;
#define TG_HOOK1(name, ret, a) TG_HOOK0(name, ret)
#define TG_HOOK2(name, ret, a, b) TG_HOOK0(name, ret)
#define TG_HOOK3(name, ret, a, b, c) TG_HOOK0(name, ret)
#define TG_HOOK4(name, ret, a, b, c, d) TG_HOOK0(name, ret)
#include "hooks.def"
#undef TG_HOOK0
#undef TG_HOOK1
#undef TG_HOOK2
#undef TG_HOOK3
#undef TG_HOOK4

  // read1..read16 / write1..write16, indexed by log2 of the access size.
  static constexpr unsigned NumSizes = 5;
  FunctionCallee ReadN[NumSizes], WriteN[NumSizes];

  explicit Hooks(Module &M);
};

Hooks::Hooks(Module &M) {
  LLVMContext &C = M.getContext();
  // hooks.def's type names; Ty##T below picks one.
  Type *TyVOID = Type::getVoidTy(C);
  Type *TyPTR = PointerType::getUnqual(C);
  Type *TyI32 = Type::getInt32Ty(C);
  Type *TyI64 = Type::getInt64Ty(C);
  // The runtime is C and never unwinds: nounwind keeps the calls from
  // needing landing pads in C++ code.
  AttributeList Attrs = AttributeList().addFnAttribute(C, Attribute::NoUnwind);
  auto Declare = [&](StringRef Name, Type *Ret, ArrayRef<Type *> Args) {
    return M.getOrInsertFunction(Name, FunctionType::get(Ret, Args, false),
                                 Attrs);
  };
#define TG_HOOK0(n, r) n = Declare("__tangle_" #n, Ty##r, {});
#define TG_HOOK1(n, r, a) n = Declare("__tangle_" #n, Ty##r, {Ty##a});
#define TG_HOOK2(n, r, a, b) n = Declare("__tangle_" #n, Ty##r, {Ty##a, Ty##b});
#define TG_HOOK3(n, r, a, b, c)                                                \
  n = Declare("__tangle_" #n, Ty##r, {Ty##a, Ty##b, Ty##c});
#define TG_HOOK4(n, r, a, b, c, d)                                             \
  n = Declare("__tangle_" #n, Ty##r, {Ty##a, Ty##b, Ty##c, Ty##d});
#include "hooks.def"
#undef TG_HOOK0
#undef TG_HOOK1
#undef TG_HOOK2
#undef TG_HOOK3
#undef TG_HOOK4

  FunctionCallee R[NumSizes] = {read1, read2, read4, read8, read16};
  FunctionCallee W[NumSizes] = {write1, write2, write4, write8, write16};
  std::copy(R, R + NumSizes, ReadN);
  std::copy(W, W + NumSizes, WriteN);
}

// Why an access is not instrumented.
enum class Skip {
  None,
  AddrSpace,
  Unsized,
  NoSanitize,
  CompilerGlobal,
  ConstGlobal,
  Local,
  Redundant,
};

void count(Skip S) {
  switch (S) {
  case Skip::None:
    break;
  case Skip::AddrSpace:
    ++NumSkippedAddrSpace;
    break;
  case Skip::Unsized:
    ++NumSkippedUnsized;
    break;
  case Skip::NoSanitize:
    ++NumSkippedNoSanitize;
    break;
  case Skip::CompilerGlobal:
    ++NumSkippedCompilerGlobal;
    break;
  case Skip::ConstGlobal:
    ++NumSkippedConstGlobal;
    break;
  case Skip::Local:
    ++NumSkippedLocal;
    break;
  case Skip::Redundant:
    ++NumSkippedRedundant;
    break;
  }
}

// ---- the skip predicates -------------------------------------------------

// Memory outside address space 0 (x86 fs/gs segments, GPU memories): the
// runtime's shadow maps only the flat address space, and the hooks take
// plain pointers.
bool isOtherAddressSpace(const Value *Ptr) {
  return Ptr->getType()->getPointerAddressSpace() != 0;
}

// A scalable vector's size is only known at run time (the ABI has no hook
// for that); an empty type touches no byte.
bool isUnsized(TypeSize Size) { return Size.isScalable() || Size.isZero(); }

// !nosanitize marks code a sanitizer or the front end added on its own
// account (UBSan checks, other instrumentation); it is not the program's.
bool hasNoSanitize(const Instruction &I) {
  return I.hasMetadata(LLVMContext::MD_nosanitize);
}

// Globals the compiler owns: llvm.used, llvm.global_ctors and the like,
// plus gcov and instrprof counters, which every thread bumps without
// synchronization by design and would show as a race in any threaded
// program built with coverage.
bool isCompilerGlobal(const Value *Obj) {
  auto *GV = dyn_cast<GlobalVariable>(Obj);
  if (!GV)
    return false;
  StringRef Name = GV->getName();
  return Name.starts_with("llvm.") || Name.starts_with("__llvm_gcov_ctr") ||
         Name.starts_with("__profc_");
}

// Nothing writes a constant global, so reading one cannot race.
bool isConstantGlobalRead(const Value *Obj, bool IsWrite) {
  auto *GV = dyn_cast<GlobalVariable>(Obj);
  return !IsWrite && GV && GV->isConstant();
}

// Any call that may touch memory, any atomic instruction or fence: the
// thread may synchronize there (its epoch may change), so an access after
// it is never redundant with one before it.  Intrinsics that touch no
// memory or only mark things for the optimizer (dbg, lifetime, assume) are
// not such points.
bool mayEndStretch(const Instruction &I) {
  if (I.isAtomic())
    return true;
  auto *CB = dyn_cast<CallBase>(&I);
  if (!CB)
    return false;
  if (auto *II = dyn_cast<IntrinsicInst>(CB))
    return !II->isAssumeLikeIntrinsic() && !II->doesNotAccessMemory();
  return true;
}

// The plain accesses instrumented so far in the current stretch of a basic
// block (no mayEndStretch instruction in between), per pointer value.
// A later access through the same pointer is redundant when an earlier
// instrumented one covers it: a write covers a later read or write, a read
// only a later read, and only up to its own size (the bytes at the same
// start address).  Why no race hides: with no synchronization between the
// two, the thread's epoch is the same at both, so another thread's access
// that conflicts with the later one conflicts with the earlier one too, and
// the runtime has already recorded (or will check against) the earlier.
class RecentAccesses {
  struct Covered {
    uint64_t Write = 0; // largest write size recorded
    uint64_t Any = 0;   // largest read or write size recorded
  };
  SmallDenseMap<const Value *, Covered, 16> Map;

public:
  bool covers(const Value *Ptr, bool IsWrite, uint64_t Size) const {
    auto It = Map.find(Ptr);
    if (It == Map.end())
      return false;
    return Size <= (IsWrite ? It->second.Write : It->second.Any);
  }
  void record(const Value *Ptr, bool IsWrite, uint64_t Size) {
    Covered &C = Map[Ptr];
    if (IsWrite)
      C.Write = std::max(C.Write, Size);
    C.Any = std::max(C.Any, Size);
  }
  void clear() { Map.clear(); }
};

// LLVM orderings in C11's numbering (TG_MO_*).  Clang emits memory_order_
// consume as acquire, so TG_MO_CONSUME never comes from the pass.
uint32_t c11Order(AtomicOrdering O) {
  switch (O) {
  case AtomicOrdering::NotAtomic:
    break;
  case AtomicOrdering::Unordered: // Java's; weaker than relaxed, never C
  case AtomicOrdering::Monotonic:
    return TG_MO_RELAXED;
  case AtomicOrdering::Acquire:
    return TG_MO_ACQUIRE;
  case AtomicOrdering::Release:
    return TG_MO_RELEASE;
  case AtomicOrdering::AcquireRelease:
    return TG_MO_ACQ_REL;
  case AtomicOrdering::SequentiallyConsistent:
    return TG_MO_SEQ_CST;
  }
  llvm_unreachable("c11Order of a non-atomic instruction");
}

// An atomic load, store, atomicrmw or cmpxchg: its address, the type it
// accesses and its TG_OPORD encoding.
struct AtomicAccess {
  Value *Ptr;
  Type *Ty;
  uint32_t OpOrd;
};

AtomicAccess describeAtomic(Instruction &I) {
  if (auto *LI = dyn_cast<LoadInst>(&I))
    return {LI->getPointerOperand(), LI->getType(),
            TG_OPORD(TG_AOP_LOAD, c11Order(LI->getOrdering()), TG_MO_RELAXED)};
  if (auto *SI = dyn_cast<StoreInst>(&I))
    return {SI->getPointerOperand(), SI->getValueOperand()->getType(),
            TG_OPORD(TG_AOP_STORE, c11Order(SI->getOrdering()), TG_MO_RELAXED)};
  if (auto *RMW = dyn_cast<AtomicRMWInst>(&I))
    return {RMW->getPointerOperand(), RMW->getValOperand()->getType(),
            TG_OPORD(TG_AOP_RMW, c11Order(RMW->getOrdering()), TG_MO_RELAXED)};
  auto *CX = cast<AtomicCmpXchgInst>(&I);
  return {CX->getPointerOperand(), CX->getCompareOperand()->getType(),
          TG_OPORD(TG_AOP_CMPXCHG, c11Order(CX->getSuccessOrdering()),
                   c11Order(CX->getFailureOrdering()))};
}

bool isMaskedMemIntrinsic(Intrinsic::ID ID) {
  switch (ID) {
  case Intrinsic::masked_load:
  case Intrinsic::masked_store:
  case Intrinsic::masked_gather:
  case Intrinsic::masked_scatter:
  case Intrinsic::masked_expandload:
  case Intrinsic::masked_compressstore:
    return true;
  default:
    return false;
  }
}

// The constant tg_model_desc_t (runtime/model.h) of each model-declared
// function called in the module, made on first use:
//   { i32 op, kind, ret, success_cmp, closed_cmp, reserved,
//     i64 success_k, closed_k, ptr name, ptr fn }
// which is the C struct's layout (model.h says so too).
class ModelDescs {
  Module &M;
  StringMap<GlobalVariable *> Descs;

public:
  explicit ModelDescs(Module &M) : M(M) {}
  Constant *get(Function *Fn, const tg_model_decl_t &D) {
    GlobalVariable *&GV = Descs[Fn->getName()];
    if (GV)
      return GV;
    LLVMContext &C = M.getContext();
    Type *I32 = Type::getInt32Ty(C), *I64 = Type::getInt64Ty(C);
    Type *Ptr = PointerType::getUnqual(C);
    StructType *Ty =
        StructType::get(C, {I32, I32, I32, I32, I32, I32, I64, I64, Ptr, Ptr});
    Constant *NameInit = ConstantDataArray::getString(C, D.name);
    auto *Name = new GlobalVariable(M, NameInit->getType(), /*isConstant=*/true,
                                    GlobalValue::PrivateLinkage, NameInit,
                                    "__tangle_model_name");
    Name->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    auto U32 = [&](uint32_t V) { return ConstantInt::get(I32, V); };
    auto S64 = [&](int64_t V) { return ConstantInt::get(I64, V, /*IsSigned=*/true); };
    Constant *Init = ConstantStruct::get(
        Ty, {U32(D.op), U32(D.kind), U32(D.ret), U32(D.success.cmp),
             U32(D.closed.cmp), U32(0), S64(D.success.k), S64(D.closed.k), Name,
             Fn});
    GV = new GlobalVariable(M, Ty, /*isConstant=*/true,
                            GlobalValue::PrivateLinkage, Init,
                            "__tangle_model_desc");
    return GV;
  }
};

class FunctionInstrumenter {
public:
  // FAM, when given, supplies the loop analyses for checking a loop's
  // accesses once before it; without it every access is checked where it
  // is made.
  FunctionInstrumenter(Function &F, const Hooks &H, const Options &Opts,
                       ModelDescs &Descs, FunctionAnalysisManager *FAM)
      : F(F), H(H), Opts(Opts), Descs(Descs),
        DL(F.getParent()->getDataLayout()), FAM(Opts.Memory ? FAM : nullptr) {}

  // Returns true if F changed.
  bool run();

private:
  struct Access {
    Instruction *I;
    Value *Ptr;
    uint64_t Size;
    bool IsWrite;
    unsigned Stretch; // nothing between accesses of one stretch synchronizes
  };

  // Neighbouring accesses of one stretch checked as one range at the
  // first of them (groupAccesses): Size bytes at Base + Lo, made of
  // accesses of Elem bytes.
  struct BlockGroup {
    Instruction *First;
    Value *Base;
    int64_t Lo;
    uint64_t Size, Elem;
    bool IsWrite;
  };

  // An access checked once before its loop L: as many accesses of Size
  // bytes as L has iterations, at Start, Start + Step, ...; each made of
  // accesses of ElemSize bytes (less than Size when neighbouring accesses
  // were merged into one check).
  struct LoopAccess {
    Instruction *I;
    Loop *L;
    const SCEV *Start, *Step;
    uint64_t Size, ElemSize;
    bool IsWrite;
  };

  struct ModelCall {
    CallInst *CI;
    const tg_model_decl_t *Decl;
  };

  Function &F;
  const Hooks &H;
  const Options &Opts;
  ModelDescs &Descs;
  const DataLayout &DL;

  FunctionAnalysisManager *FAM;
  LoopInfo *LI = nullptr;
  ScalarEvolution *SE = nullptr;
  DominatorTree *DT = nullptr;
  std::optional<SCEVExpander> Exp;

  DenseMap<const Value *, bool> LocalCache; // alloca -> does not escape
  DenseMap<const Loop *, const SCEV *> TripCounts; // null: not checked before
  SmallVector<Instruction *, 8> Divisions; // udiv/sdiv by a variable; canExpandAt
  bool DivisionsFound = false;
  SmallVector<Access, 16> Accesses;
  SmallVector<BlockGroup, 4> BlockGroups;
  unsigned Stretch = 0; // of the instruction collect() is at
  SmallVector<LoopAccess, 8> LoopAccesses;
  // (loop, start, step, size * 2 + is write) of each LoopAccess.
  DenseSet<std::tuple<const Loop *, const SCEV *, const SCEV *, uint64_t>>
      LoopAccessSeen;
  SmallVector<Instruction *, 8> Atomics; // atomic load/store/rmw/cmpxchg
  SmallVector<FenceInst *, 4> Fences;
  SmallVector<MemIntrinsic *, 8> MemOps;
  SmallVector<IntrinsicInst *, 4> MaskedOps;
  SmallVector<ModelCall, 4> ModelCalls;
  bool HasCalls = false;
  bool HasMustTail = false;

  void collect();
  void collectAccess(Instruction &I, RecentAccesses &Recent);
  void setUpLoops();
  void mergeLoopAccesses();
  void groupAccesses();
  const SCEV *loopTripCount(Loop *L);
  bool canExpandAt(const SCEV *S, Instruction *At);
  bool collectLoopAccess(Instruction &I, Value *Ptr, uint64_t Size,
                         bool IsWrite);
  void collectAtomic(Instruction &I);
  void collectMemIntrinsic(MemIntrinsic &MI);
  void collectMasked(IntrinsicInst &II);
  void collectModelCall(CallBase &CB);

  bool isNonEscapingLocal(const Value *Obj);
  Skip whySkipAddress(const Value *Ptr, bool IsWrite);
  Skip whySkipAccess(const Instruction &I, const Value *Ptr, bool IsWrite,
                     TypeSize Size, const RecentAccesses &Recent);

  void instrumentAccess(const Access &A);
  void instrumentLoopAccess(const LoopAccess &A);
  void instrumentBlockGroup(const BlockGroup &G);
  void instrumentAtomic(Instruction *I);
  void instrumentFence(FenceInst *FI);
  void replaceMemIntrinsic(MemIntrinsic *MI);
  void instrumentMasked(IntrinsicInst *II);
  void instrumentModelCall(const ModelCall &MC);
  void instrumentEntryExit();
};

// A stack slot whose address never leaves the function (never stored,
// passed to a call or returned) can only be touched by this thread.
// Capture tracking is flow-insensitive, so an alloca that escapes anywhere
// is instrumented everywhere.
bool FunctionInstrumenter::isNonEscapingLocal(const Value *Obj) {
  if (!isa<AllocaInst>(Obj))
    return false;
  auto [It, Inserted] = LocalCache.try_emplace(Obj, false);
  if (Inserted)
    It->second = !PointerMayBeCaptured(Obj, /*ReturnCaptures=*/true,
                                       /*StoreCaptures=*/true);
  return It->second;
}

// The reasons that depend only on the address.
Skip FunctionInstrumenter::whySkipAddress(const Value *Ptr, bool IsWrite) {
  if (isOtherAddressSpace(Ptr))
    return Skip::AddrSpace;
  const Value *Obj = getUnderlyingObject(Ptr);
  if (isCompilerGlobal(Obj))
    return Skip::CompilerGlobal;
  if (isConstantGlobalRead(Obj, IsWrite))
    return Skip::ConstGlobal;
  if (isNonEscapingLocal(Obj))
    return Skip::Local;
  return Skip::None;
}

Skip FunctionInstrumenter::whySkipAccess(const Instruction &I, const Value *Ptr,
                                         bool IsWrite, TypeSize Size,
                                         const RecentAccesses &Recent) {
  if (hasNoSanitize(I))
    return Skip::NoSanitize;
  if (isUnsized(Size))
    return Skip::Unsized;
  Skip S = whySkipAddress(Ptr, IsWrite);
  if (S != Skip::None)
    return S;
  if (Recent.covers(Ptr, IsWrite, Size.getFixedValue()))
    return Skip::Redundant;
  return Skip::None;
}

void FunctionInstrumenter::collect() {
  for (BasicBlock &BB : F) {
    RecentAccesses Recent;
    Stretch++;
    for (Instruction &I : BB) {
      if (mayEndStretch(I)) {
        Recent.clear();
        Stretch++;
      }
      if (I.isAtomic()) {
        collectAtomic(I);
        continue;
      }
      if (isa<LoadInst>(I) || isa<StoreInst>(I)) {
        if (Opts.Memory)
          collectAccess(I, Recent);
        continue;
      }
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB)
        continue;
      if (auto *CI = dyn_cast<CallInst>(CB); CI && CI->isMustTailCall())
        HasMustTail = true;
      if (auto *MI = dyn_cast<MemIntrinsic>(CB)) {
        if (Opts.Memory)
          collectMemIntrinsic(*MI);
      } else if (auto *II = dyn_cast<IntrinsicInst>(CB)) {
        if (Opts.Memory && isMaskedMemIntrinsic(II->getIntrinsicID()))
          collectMasked(*II);
      } else if (!CB->isInlineAsm()) {
        HasCalls = true;
        if (Opts.Model)
          collectModelCall(*CB);
      }
    }
  }
}

void FunctionInstrumenter::collectAccess(Instruction &I,
                                         RecentAccesses &Recent) {
  bool IsWrite = isa<StoreInst>(I);
  Value *Ptr = getLoadStorePointerOperand(&I);
  Type *Ty =
      IsWrite ? cast<StoreInst>(I).getValueOperand()->getType() : I.getType();
  TypeSize Size = DL.getTypeStoreSize(Ty);
  Skip S = whySkipAccess(I, Ptr, IsWrite, Size, Recent);
  count(S);
  if (S != Skip::None)
    return;
  Recent.record(Ptr, IsWrite, Size.getFixedValue());
  if (collectLoopAccess(I, Ptr, Size.getFixedValue(), IsWrite))
    return;
  Accesses.push_back({&I, Ptr, Size.getFixedValue(), IsWrite, Stretch});
}

// Can L's accesses be checked before it, given a preheader and a trip count?
// Nothing in L (its inner loops included) may synchronize, so all its
// accesses happen in the epoch the thread has before it; and the latch is
// L's only exit, so every iteration that starts runs to the latch.
bool loopCannotSynchronize(const Loop *L) {
  BasicBlock *Latch = L->getLoopLatch();
  if (!Latch || L->getExitingBlock() != Latch)
    return false;
  for (BasicBlock *BB : L->blocks())
    for (Instruction &I : *BB)
      if (mayEndStretch(I))
        return false;
  return true;
}

// The loop analyses, with a preheader (a block that runs only when the
// loop is entered, where its checks go) added to every loop that could use
// one and has none: the end of the optimizer leaves many without, e.g. a
// vectorized loop's scalar remainder, entered from a block that may also
// skip it.
void FunctionInstrumenter::setUpLoops() {
  if (!FAM)
    return;
  DT = &FAM->getResult<DominatorTreeAnalysis>(F);
  LI = &FAM->getResult<LoopAnalysis>(F);
  bool Added = false;
  for (Loop *L : LI->getLoopsInPreorder())
    if (!L->getLoopPreheader() && loopCannotSynchronize(L))
      Added |= InsertPreheaderForLoop(L, DT, LI, /*MSSAU=*/nullptr,
                                      /*PreserveLCSSA=*/false) != nullptr;
  if (Added) {
    PreservedAnalyses PA;
    PA.preserve<DominatorTreeAnalysis>();
    PA.preserve<LoopAnalysis>();
    FAM->invalidate(F, PA);
  }
  SE = &FAM->getResult<ScalarEvolutionAnalysis>(F);
  Exp.emplace(*SE, DL, "tangle");
}

// The number of iterations of L as an i64, when L's accesses may be checked
// before it; null otherwise.
const SCEV *FunctionInstrumenter::loopTripCount(Loop *L) {
  auto It = TripCounts.find(L);
  if (It != TripCounts.end())
    return It->second;
  const SCEV *&TC = TripCounts[L];
  if (!L->getLoopPreheader() || !loopCannotSynchronize(L))
    return TC;
  const SCEV *BTC = SE->getBackedgeTakenCount(L);
  if (isa<SCEVCouldNotCompute>(BTC) ||
      SE->getTypeSizeInBits(BTC->getType()) > 64)
    return TC;
  Type *I64 = Type::getInt64Ty(F.getContext());
  const SCEV *Count =
      SE->getAddExpr(SE->getZeroExtendExpr(BTC, I64), SE->getOne(I64));
  if (canExpandAt(Count, L->getLoopPreheader()->getTerminator()))
    TC = Count;
  return TC;
}

// SCEVExpander::isSafeToExpandAt, except that a division by a value that
// may be zero is allowed when the program itself computes that quotient
// at a point dominating At: the expander then reuses the program's value
// instead of dividing where the program did not.  A loop bounded by such a
// quotient (a thread's slice lo = n * id / nthreads) is common.
bool FunctionInstrumenter::canExpandAt(const SCEV *S, Instruction *At) {
  if (!DivisionsFound) {
    DivisionsFound = true;
    for (Instruction &I : instructions(F))
      if ((I.getOpcode() == Instruction::UDiv ||
           I.getOpcode() == Instruction::SDiv) &&
          !isa<Constant>(I.getOperand(1)) && SE->isSCEVable(I.getType()))
        Divisions.push_back(&I);
  }
  bool Unsafe = SCEVExprContains(S, [&](const SCEV *X) {
    if (auto *AR = dyn_cast<SCEVAddRecExpr>(X))
      return !AR->isAffine() && !AR->getLoop()->getLoopPreheader();
    auto *D = dyn_cast<SCEVUDivExpr>(X);
    if (!D || SE->isKnownNonZero(D->getRHS()))
      return false;
    for (Instruction *I : Divisions)
      if (SE->getSCEV(I) == D && DT->dominates(I, At))
        return false;
    return true;
  });
  if (Unsafe)
    return false;
  BasicBlock *BB = At->getParent();
  return SE->properlyDominates(S, BB) ||
         (SE->dominates(S, BB) && BB->getTerminator() == At);
}

// An access in a block that runs on every iteration of its loop (it
// dominates the latch), through a pointer that is affine in that loop
// ({Start,+,Step}) or invariant in it (Step 0), is checked once in the
// preheader for all iterations.  No race hides and none is invented: the
// loop cannot synchronize (loopTripCount), so the check sees the epoch
// every iteration would, and it covers exactly the bytes the iterations
// touch.  One check per loop, pointer, size and kind.
bool FunctionInstrumenter::collectLoopAccess(Instruction &I, Value *Ptr,
                                             uint64_t Size, bool IsWrite) {
  if (!LI || I.isVolatile())
    return false;
  Loop *L = LI->getLoopFor(I.getParent());
  if (!L || !L->getLoopLatch() ||
      !DT->dominates(I.getParent(), L->getLoopLatch()) || !loopTripCount(L))
    return false;
  Type *I64 = Type::getInt64Ty(F.getContext());
  const SCEV *P = SE->getSCEV(Ptr);
  const SCEV *Start = P, *Step = SE->getZero(I64);
  if (!SE->isLoopInvariant(P, L)) {
    auto *AR = dyn_cast<SCEVAddRecExpr>(P);
    if (!AR || AR->getLoop() != L || !AR->isAffine())
      return false;
    Start = AR->getStart();
    Step = SE->getNoopOrSignExtend(AR->getStepRecurrence(*SE), I64);
  }
  Instruction *At = L->getLoopPreheader()->getTerminator();
  if (!canExpandAt(Start, At) || !canExpandAt(Step, At))
    return false;
  if (LoopAccessSeen.insert({L, Start, Step, Size * 2 + IsWrite}).second)
    LoopAccesses.push_back({&I, L, Start, Step, Size, Size, IsWrite});
  ++NumLoopAccesses;
  return true;
}

void FunctionInstrumenter::collectAtomic(Instruction &I) {
  if (!Opts.Atomics)
    return;
  if (auto *FI = dyn_cast<FenceInst>(&I)) {
    // atomic_signal_fence orders against a signal handler on this thread
    // only; it creates no happens-before between threads.
    if (FI->getSyncScopeID() != SyncScope::System) {
      ++NumSkippedSignalFence;
      return;
    }
    Fences.push_back(FI);
    return;
  }
  Skip S = Skip::None;
  if (hasNoSanitize(I))
    S = Skip::NoSanitize;
  else if (isOtherAddressSpace(describeAtomic(I).Ptr))
    S = Skip::AddrSpace;
  count(S);
  if (S == Skip::None)
    Atomics.push_back(&I);
}

// The intrinsic is left alone only when every range it touches may be
// skipped (e.g. a local struct initialized from a constant global).
void FunctionInstrumenter::collectMemIntrinsic(MemIntrinsic &MI) {
  if (hasNoSanitize(MI)) {
    count(Skip::NoSanitize);
    return;
  }
  Skip Dst = whySkipAddress(MI.getRawDest(), /*IsWrite=*/true);
  Skip Src = Dst;
  if (auto *MT = dyn_cast<MemTransferInst>(&MI))
    Src = whySkipAddress(MT->getRawSource(), /*IsWrite=*/false);
  if (Dst == Skip::AddrSpace || Src == Skip::AddrSpace) {
    count(Skip::AddrSpace);
    return;
  }
  if (Dst != Skip::None && Src != Skip::None) {
    ++NumSkippedMemIntrinsic;
    return;
  }
  MemOps.push_back(&MI);
}

// A masked memory intrinsic.  Operands:
//   masked.load(ptr, align, mask, passthru)
//   masked.store(val, ptr, align, mask)
//   masked.gather(ptrs, align, mask, passthru)
//   masked.scatter(val, ptrs, align, mask)
//   masked.expandload(ptr, mask, passthru)
//   masked.compressstore(val, ptr, mask)
struct MaskedAccess {
  Value *Ptr;   // base pointer, or the lanes' pointers (gather/scatter)
  Type *DataTy; // the vector loaded or stored
  Value *Mask;
  bool IsWrite;
  bool Packed; // expandload/compressstore: active lanes are contiguous
};

MaskedAccess describeMasked(IntrinsicInst &II) {
  bool IsWrite = II.getType()->isVoidTy();
  Intrinsic::ID ID = II.getIntrinsicID();
  bool Packed = ID == Intrinsic::masked_expandload ||
                ID == Intrinsic::masked_compressstore;
  unsigned PtrArg = IsWrite ? 1 : 0;
  unsigned MaskArg = PtrArg + (Packed ? 1 : 2);
  Type *DataTy = IsWrite ? II.getArgOperand(0)->getType() : II.getType();
  return {II.getArgOperand(PtrArg), DataTy, II.getArgOperand(MaskArg), IsWrite,
          Packed};
}

void FunctionInstrumenter::collectMasked(IntrinsicInst &II) {
  MaskedAccess M = describeMasked(II);
  Skip S = Skip::None;
  if (hasNoSanitize(II))
    S = Skip::NoSanitize;
  else if (isUnsized(DL.getTypeStoreSize(M.DataTy)))
    S = Skip::Unsized;
  else if (M.Ptr->getType()->isVectorTy()) // no single underlying object
    S = isOtherAddressSpace(M.Ptr) ? Skip::AddrSpace : Skip::None;
  else
    S = whySkipAddress(M.Ptr, M.IsWrite);
  count(S);
  if (S == Skip::None)
    MaskedOps.push_back(&II);
}

// A direct call of a function the model declares.  The arguments the
// declaration names must be there and be integers or pointers (a prototype
// that disagrees with the model file); an invoke is left alone, since an
// exception would skip the closing bracket.
void FunctionInstrumenter::collectModelCall(CallBase &CB) {
  Function *Callee = CB.getCalledFunction();
  if (!Callee)
    return;
  const tg_model_decl_t *D = tg_model_find(Opts.Model, Callee->getName().str().c_str());
  if (!D)
    return;
  auto *CI = dyn_cast<CallInst>(&CB);
  if (!CI) {
    ++NumSkippedModelInvoke;
    return;
  }
  for (const tg_model_val_t &V : {D->obj, D->msg}) {
    if (V.src != TG_MVAL_ARG && V.src != TG_MVAL_DEREF)
      continue;
    Type *Ty = V.arg <= CI->arg_size() ? CI->getArgOperand(V.arg - 1)->getType()
                                       : nullptr;
    if (!Ty || !(Ty->isIntegerTy() || Ty->isPointerTy()) ||
        (V.src == TG_MVAL_DEREF && !Ty->isPointerTy())) {
      ++NumSkippedModelArgs;
      return;
    }
  }
  ModelCalls.push_back({CI, D});
}

// ---- inserting the hooks -------------------------------------------------

void FunctionInstrumenter::instrumentAccess(const Access &A) {
  IRBuilder<> IRB(A.I);
  IRB.SetCurrentDebugLocation(A.I->getDebugLoc());
  Align Alignment = getLoadStoreAlignment(A.I);
  // readN/writeN need the access inside one 4-byte shadow granule (1, 2, 4
  // bytes, naturally aligned) or made of whole granules (8, 16 bytes at any
  // 4-aligned address): the <2 x double> loads of a vectorized loop are
  // often only 8-aligned, and the range hook costs them a loop and a call.
  uint64_t NeedAlign = std::min<uint64_t>(A.Size, 4);
  bool Volatile = false;
  if (auto *LI = dyn_cast<LoadInst>(A.I))
    Volatile = LI->isVolatile();
  else if (auto *SI = dyn_cast<StoreInst>(A.I))
    Volatile = SI->isVolatile();
  if (Volatile && A.Size <= 4 && isPowerOf2_64(A.Size) &&
      Alignment.value() >= A.Size) {
    // The size of a sig_atomic_t or smaller: the runtime decides whether it
    // is a plain access or, with a signal handler installed, a relaxed one.
    IRB.CreateCall(A.IsWrite ? H.volatile_write : H.volatile_read,
                   {A.Ptr, IRB.getInt32(A.Size)});
  } else if (isPowerOf2_64(A.Size) && A.Size <= 16 &&
             Alignment.value() >= NeedAlign) {
    unsigned Idx = Log2_64(A.Size);
    IRB.CreateCall(A.IsWrite ? H.WriteN[Idx] : H.ReadN[Idx], {A.Ptr});
  } else {
    IRB.CreateCall(A.IsWrite ? H.write_range : H.read_range,
                   {A.Ptr, IRB.getInt64(A.Size)});
    ++NumRanges;
  }
  if (A.IsWrite)
    ++NumWrites;
  else
    ++NumReads;
}

// Do two loop accesses come from the same place in the source?
bool sameSourceLocation(const Instruction *A, const Instruction *B) {
  const DILocation *X = A->getDebugLoc().get(), *Y = B->getDebugLoc().get();
  if (!X || !Y)
    return X == Y;
  return X->getLine() == Y->getLine() && X->getColumn() == Y->getColumn() &&
         X->getInlinedAt() == Y->getInlinedAt() &&
         X->getScope()->getSubprogram() == Y->getScope()->getSubprogram();
}

// The parts of one access that an unrolled or vectorized loop makes in each
// iteration (+0 and +16 of a <2 x double> pair, say) become one check of
// their union: same loop, step, kind and source line, and byte ranges in
// an iteration that touch or overlap (so the union has no gap).
void FunctionInstrumenter::mergeLoopAccesses() {
  if (LoopAccesses.size() > 256) // quadratic; a generated function
    return;
  SmallVector<bool, 8> Gone(LoopAccesses.size(), false);
  for (bool Merged = true; Merged;) {
    Merged = false;
    for (size_t I = 0; I < LoopAccesses.size(); I++) {
      for (size_t J = 0; J < LoopAccesses.size(); J++) {
        LoopAccess &A = LoopAccesses[I], &B = LoopAccesses[J];
        if (I == J || Gone[I] || Gone[J] || A.L != B.L || A.Step != B.Step ||
            A.IsWrite != B.IsWrite || !sameSourceLocation(A.I, B.I))
          continue;
        auto *D = dyn_cast<SCEVConstant>(SE->getMinusSCEV(B.Start, A.Start));
        if (!D || D->getAPInt().getSignificantBits() > 64)
          continue;
        int64_t Off = D->getAPInt().getSExtValue();
        if (Off < 0 || (uint64_t)Off > A.Size || Off + B.Size > (1u << 30))
          continue;
        A.Size = std::max(A.Size, Off + B.Size);
        A.ElemSize = std::min(A.ElemSize, B.ElemSize);
        Gone[J] = Merged = true;
      }
    }
  }
  size_t Kept = 0;
  for (size_t I = 0; I < LoopAccesses.size(); I++)
    if (!Gone[I])
      LoopAccesses[Kept++] = LoopAccesses[I];
  LoopAccesses.resize(Kept);
}

// Accesses of one stretch of a basic block through one base pointer at
// constant offsets, of one kind, size and source location (the copies of
// an unrolled `for (k = 0; k < 3; k++) ... b->x[k]`), whose bytes leave no
// gap, become one check of their union at the first of them.  Nothing in
// a stretch synchronizes and every access in it runs if the first does,
// so the check sees what each access would have seen; the runtime still
// reports the access of Elem bytes a race is about.
void FunctionInstrumenter::groupAccesses() {
  struct Member {
    size_t Idx;
    int64_t Off;
  };
  DenseMap<std::tuple<unsigned, const Value *, uint64_t>, SmallVector<Member, 4>>
      Buckets;
  SmallVector<Value *, 16> Bases(Accesses.size(), nullptr);
  for (size_t I = 0; I < Accesses.size(); I++) {
    const Access &A = Accesses[I];
    if (A.I->isVolatile())
      continue;
    int64_t Off = 0;
    Value *Base = GetPointerBaseWithConstantOffset(A.Ptr, Off, DL);
    Bases[I] = Base;
    Buckets[{A.Stretch, Base, A.Size * 2 + A.IsWrite}].push_back({I, Off});
  }
  SmallVector<bool, 16> Grouped(Accesses.size(), false);
  for (auto &KV : Buckets) {
    SmallVector<Member, 4> &Ms = KV.second;
    if (Ms.size() < 2)
      continue;
    llvm::sort(Ms, [](const Member &X, const Member &Y) { return X.Off < Y.Off; });
    for (size_t B = 0; B < Ms.size();) {
      const Access &Head = Accesses[Ms[B].Idx];
      int64_t End = Ms[B].Off + (int64_t)Head.Size;
      size_t E = B + 1, First = Ms[B].Idx;
      while (E < Ms.size() && Ms[E].Off <= End &&
             sameSourceLocation(Head.I, Accesses[Ms[E].Idx].I)) {
        End = std::max(End, Ms[E].Off + (int64_t)Head.Size);
        First = std::min(First, Ms[E].Idx);
        E++;
      }
      if (E - B >= 2) {
        for (size_t K = B; K < E; K++)
          Grouped[Ms[K].Idx] = true;
        if ((uint64_t)(End - Ms[B].Off) == Head.Size) {
          // The same bytes through different pointer values: the first
          // access checks them for all.
          Grouped[First] = false;
          NumSkippedRedundant += E - B - 1;
        } else {
          BlockGroups.push_back({Accesses[First].I, Bases[First], Ms[B].Off,
                                 (uint64_t)(End - Ms[B].Off), Head.Size,
                                 Head.IsWrite});
        }
      }
      B = E;
    }
  }
  size_t Kept = 0;
  for (size_t I = 0; I < Accesses.size(); I++)
    if (!Grouped[I])
      Accesses[Kept++] = Accesses[I];
  Accesses.resize(Kept);
}

// read/write_strided(Base + Lo, 1, 0, Size | Elem << 32) just before the
// first access of the group, with its location.
void FunctionInstrumenter::instrumentBlockGroup(const BlockGroup &G) {
  IRBuilder<> IRB(G.First);
  IRB.SetCurrentDebugLocation(G.First->getDebugLoc());
  Value *Ptr = G.Lo == 0 ? G.Base : IRB.CreateConstGEP1_64(IRB.getInt8Ty(), G.Base, G.Lo);
  IRB.CreateCall(G.IsWrite ? H.write_strided : H.read_strided,
                 {Ptr, IRB.getInt64(1), IRB.getInt64(0),
                  IRB.getInt64(G.Size | G.Elem << TG_STRIDED_ELEM_SHIFT)});
  ++NumBlockGroups;
}

// read/write_strided(first, count, stride, size) at the end of the
// preheader, with the access's own location: the runtime takes the call's
// return address as the access's pc, so a report names the line of the
// access in the loop.
void FunctionInstrumenter::instrumentLoopAccess(const LoopAccess &A) {
  Instruction *At = A.L->getLoopPreheader()->getTerminator();
  Type *I64 = Type::getInt64Ty(F.getContext());
  Value *First = Exp->expandCodeFor(
      A.Start, getLoadStorePointerOperand(A.I)->getType(), At);
  Value *Count = Exp->expandCodeFor(TripCounts.lookup(A.L), I64, At);
  Value *Stride = Exp->expandCodeFor(A.Step, I64, At);
  IRBuilder<> IRB(At);
  IRB.SetCurrentDebugLocation(A.I->getDebugLoc());
  IRB.CreateCall(A.IsWrite ? H.write_strided : H.read_strided,
                 {First, Count, Stride,
                  IRB.getInt64(A.Size | A.ElemSize << TG_STRIDED_ELEM_SHIFT)});
  ++NumLoopChecks;
}

// A load or store of 1, 2, 4 or 8 bytes of an integer, pointer or floating
// type, naturally aligned and not volatile, becomes one call that makes the
// access in the runtime (atomic_loadN / atomic_storeN, value as i64): the
// runtime may repeat a load, which a volatile access forbids, and makes
// the access at its natural width and alignment.  Everything else (RMW,
// compare-exchange, 16 bytes, volatile, under-aligned) stays in place:
// atomic_begin(ptr, size, opord) just before, atomic_end(ptr, size, opord,
// ok) just after; the runtime holds the address's lock in between.
void FunctionInstrumenter::instrumentAtomic(Instruction *I) {
  AtomicAccess A = describeAtomic(*I);
  Value *Ptr = A.Ptr;
  IRBuilder<> IRB(I);
  IRB.SetCurrentDebugLocation(I->getDebugLoc());
  uint64_t Bytes = DL.getTypeStoreSize(A.Ty).getFixedValue();
  Value *OpOrd = IRB.getInt32(A.OpOrd);
  auto *LI = dyn_cast<LoadInst>(I);
  auto *SI = dyn_cast<StoreInst>(I);
  bool Whole = (A.Ty->isIntegerTy() || A.Ty->isPointerTy() ||
                A.Ty->isFloatingPointTy()) &&
               DL.getTypeSizeInBits(A.Ty) == Bytes * 8 &&
               (Bytes == 1 || Bytes == 2 || Bytes == 4 || Bytes == 8);
  if (Whole && LI && !LI->isVolatile() && LI->getAlign().value() >= Bytes) {
    FunctionCallee LoadN[] = {H.atomic_load1, H.atomic_load2, H.atomic_load4,
                              H.atomic_load8};
    Value *V = IRB.CreateCall(LoadN[Log2_64(Bytes)], {Ptr, OpOrd});
    V = IRB.CreateTrunc(V, IRB.getIntNTy(Bytes * 8));
    if (A.Ty->isPointerTy())
      V = IRB.CreateIntToPtr(V, A.Ty);
    else if (!A.Ty->isIntegerTy())
      V = IRB.CreateBitCast(V, A.Ty);
    V->takeName(I);
    I->replaceAllUsesWith(V);
    I->eraseFromParent();
    ++NumAtomics;
    return;
  }
  if (Whole && SI && !SI->isVolatile() && SI->getAlign().value() >= Bytes) {
    FunctionCallee StoreN[] = {H.atomic_store1, H.atomic_store2,
                               H.atomic_store4, H.atomic_store8};
    Value *V = SI->getValueOperand();
    if (A.Ty->isPointerTy())
      V = IRB.CreatePtrToInt(V, IRB.getIntNTy(Bytes * 8));
    else if (!A.Ty->isIntegerTy())
      V = IRB.CreateBitCast(V, IRB.getIntNTy(Bytes * 8));
    V = IRB.CreateZExt(V, IRB.getInt64Ty());
    IRB.CreateCall(StoreN[Log2_64(Bytes)], {Ptr, V, OpOrd});
    I->eraseFromParent();
    ++NumAtomics;
    return;
  }
  Value *Size = IRB.getInt32(Bytes);
  IRB.CreateCall(H.atomic_begin, {Ptr, Size, OpOrd});

  IRB.SetInsertPoint(I->getNextNode());
  IRB.SetCurrentDebugLocation(I->getDebugLoc());
  Value *Ok = IRB.getInt32(1);
  if (isa<AtomicCmpXchgInst>(I))
    Ok = IRB.CreateZExt(IRB.CreateExtractValue(I, 1), IRB.getInt32Ty());
  IRB.CreateCall(H.atomic_end, {Ptr, Size, OpOrd, Ok});
  ++NumAtomics;
}

// The fence stays; the hook after it does the happens-before part.
void FunctionInstrumenter::instrumentFence(FenceInst *FI) {
  IRBuilder<> IRB(FI->getNextNode());
  IRB.SetCurrentDebugLocation(FI->getDebugLoc());
  IRB.CreateCall(H.atomic_fence, {IRB.getInt32(c11Order(FI->getOrdering()))});
  ++NumFences;
}

void FunctionInstrumenter::replaceMemIntrinsic(MemIntrinsic *MI) {
  IRBuilder<> IRB(MI);
  IRB.SetCurrentDebugLocation(MI->getDebugLoc());
  Value *Len =
      IRB.CreateIntCast(MI->getLength(), IRB.getInt64Ty(), /*isSigned=*/false);
  if (auto *MS = dyn_cast<MemSetInst>(MI)) {
    Value *Byte = IRB.CreateZExt(MS->getValue(), IRB.getInt32Ty());
    IRB.CreateCall(H.memset, {MS->getRawDest(), Byte, Len});
  } else {
    auto *MT = cast<MemTransferInst>(MI);
    IRB.CreateCall(isa<MemMoveInst>(MT) ? H.memmove : H.memcpy,
                   {MT->getRawDest(), MT->getRawSource(), Len});
  }
  MI->eraseFromParent();
  ++NumMemIntrinsics;
}

// Masked operations check the lanes the mask enables and no others, so that
// a vectorized `if (c[i]) a[i] = x` is not reported as writing the a[i] it
// skips (that would be a false race with a thread writing those elements).
//   - expandload/compressstore touch popcount(mask) elements packed at the
//     base: one range of that size;
//   - a constant all-true mask: one range over the whole vector;
//   - otherwise one range per lane, of size 0 when the lane is off (a
//     masked-off lane's pointer may be anything; a 0-byte range touches
//     nothing).
// Elements that are not whole bytes (vectors of i1) have no address per
// lane: one range over the whole vector, conservatively.
void FunctionInstrumenter::instrumentMasked(IntrinsicInst *II) {
  MaskedAccess M = describeMasked(*II);
  auto *VecTy = cast<FixedVectorType>(M.DataTy);
  unsigned Lanes = VecTy->getNumElements();
  Type *ElemTy = VecTy->getElementType();
  uint64_t ElemSize = DL.getTypeStoreSize(ElemTy).getFixedValue();
  bool LanePtrs = M.Ptr->getType()->isVectorTy();
  auto *MaskC = dyn_cast<Constant>(M.Mask);
  FunctionCallee Range = M.IsWrite ? H.write_range : H.read_range;
  IRBuilder<> IRB(II);
  IRB.SetCurrentDebugLocation(II->getDebugLoc());

  if (!LanePtrs && (DL.getTypeSizeInBits(ElemTy) % 8 != 0 ||
                    (MaskC && MaskC->isAllOnesValue()))) {
    uint64_t Size = DL.getTypeStoreSize(VecTy).getFixedValue();
    IRB.CreateCall(Range, {M.Ptr, IRB.getInt64(Size)});
  } else if (M.Packed) {
    Value *Bits = IRB.CreateBitCast(M.Mask, IRB.getIntNTy(Lanes));
    Value *Active = IRB.CreateZExtOrTrunc(
        IRB.CreateUnaryIntrinsic(Intrinsic::ctpop, Bits), IRB.getInt64Ty());
    IRB.CreateCall(Range,
                   {M.Ptr, IRB.CreateMul(Active, IRB.getInt64(ElemSize))});
  } else {
    for (unsigned Lane = 0; Lane < Lanes; Lane++) {
      Value *LanePtr = M.Ptr;
      if (LanePtrs)
        LanePtr = IRB.CreateExtractElement(M.Ptr, Lane);
      else if (Lane > 0)
        LanePtr =
            IRB.CreateConstGEP1_64(IRB.getInt8Ty(), M.Ptr, Lane * ElemSize);
      Value *On = IRB.CreateExtractElement(M.Mask, Lane);
      Value *Size =
          IRB.CreateSelect(On, IRB.getInt64(ElemSize), IRB.getInt64(0));
      IRB.CreateCall(Range, {LanePtr, Size});
    }
  }
  ++NumMaskedOps;
}

// An integer or pointer as the hooks' i64 (signed integers sign-extended,
// so that a condition such as ret<0 sees an int's sign; i1 zero-extended).
static Value *toI64(IRBuilder<> &IRB, Value *V) {
  Type *Ty = V->getType();
  if (Ty->isPointerTy())
    return IRB.CreatePtrToInt(V, IRB.getInt64Ty());
  if (Ty->isIntegerTy())
    return IRB.CreateIntCast(V, IRB.getInt64Ty(),
                             /*isSigned=*/!Ty->isIntegerTy(1));
  return IRB.getInt64(0);
}

// model_before(desc, obj, msg) before the call, model_after(desc, obj, msg,
// ret) after it (runtime/model.c does what the operation means).  A send's
// message is its argument before the call; a receive's is read after it:
// the return value, the argument, or the pointer-sized value the argument
// points to.
void FunctionInstrumenter::instrumentModelCall(const ModelCall &MC) {
  CallInst *CI = MC.CI;
  const tg_model_decl_t &D = *MC.Decl;
  IRBuilder<> IRB(CI);
  IRB.SetCurrentDebugLocation(CI->getDebugLoc());
  Constant *Desc = Descs.get(CI->getCalledFunction(), D);
  Value *Obj = CI->getArgOperand(D.obj.arg - 1);
  if (!Obj->getType()->isPointerTy())
    Obj = IRB.CreateIntToPtr(Obj, IRB.getPtrTy());
  Value *Msg = IRB.getInt64(0);
  if (D.op == TG_MOP_SEND && D.msg.src == TG_MVAL_ARG)
    Msg = toI64(IRB, CI->getArgOperand(D.msg.arg - 1));
  IRB.CreateCall(H.model_before, {Desc, Obj, Msg});

  IRB.SetInsertPoint(CI->getNextNode());
  IRB.SetCurrentDebugLocation(CI->getDebugLoc());
  if (D.op == TG_MOP_RECV) {
    if (D.msg.src == TG_MVAL_RET && !CI->getType()->isVoidTy())
      Msg = toI64(IRB, CI);
    else if (D.msg.src == TG_MVAL_ARG)
      Msg = toI64(IRB, CI->getArgOperand(D.msg.arg - 1));
    else if (D.msg.src == TG_MVAL_DEREF)
      Msg = IRB.CreateLoad(IRB.getInt64Ty(), CI->getArgOperand(D.msg.arg - 1));
  }
  Value *Ret = CI->getType()->isVoidTy() ? IRB.getInt64(0) : toI64(IRB, CI);
  IRB.CreateCall(H.model_after, {Desc, Obj, Msg, Ret});
  ++NumModelCalls;
}

// func_entry(return address) after the entry block's allocas, func_exit
// wherever the function returns or unwinds.  EscapeEnumerator turns calls
// that may throw into invokes with a cleanup that calls func_exit; that is
// only needed when an exception can leave F at all, so nounwind functions
// (all of C without -fexceptions) get no landing pads.  Both hooks carry
// the function's own line so that they have a location when F has debug
// info.
void FunctionInstrumenter::instrumentEntryExit() {
  DebugLoc ScopeLoc;
  if (DISubprogram *SP = F.getSubprogram())
    ScopeLoc = DILocation::get(F.getContext(), SP->getLine(), 0, SP);

  BasicBlock &Entry = F.getEntryBlock();
  IRBuilder<> IRB(&Entry, Entry.getFirstNonPHIOrDbgOrAlloca());
  IRB.SetCurrentDebugLocation(ScopeLoc);
  Function *RetAddr =
      Intrinsic::getDeclaration(F.getParent(), Intrinsic::returnaddress);
  Value *Caller = IRB.CreateCall(RetAddr, {IRB.getInt32(0)});
  IRB.CreateCall(H.func_entry, {Caller});

  EscapeEnumerator Exits(F, "tangle_cleanup",
                         /*HandleExceptions=*/!F.doesNotThrow());
  while (IRBuilder<> *AtExit = Exits.Next()) {
    AtExit->SetCurrentDebugLocation(ScopeLoc);
    AtExit->CreateCall(H.func_exit, {});
  }
  ++NumFuncEntryExit;
}

bool FunctionInstrumenter::run() {
  setUpLoops();
  collect();
  mergeLoopAccesses();
  groupAccesses();
  // First, while the analyses still describe the function as it is.
  for (const LoopAccess &A : LoopAccesses)
    instrumentLoopAccess(A);
  bool Instrumented = !Accesses.empty() || !LoopAccesses.empty() ||
                      !BlockGroups.empty() ||
                      !Atomics.empty() ||
                      !Fences.empty() || !MemOps.empty() || !MaskedOps.empty() ||
                      !ModelCalls.empty();
  for (const Access &A : Accesses)
    instrumentAccess(A);
  for (const BlockGroup &G : BlockGroups)
    instrumentBlockGroup(G);
  for (Instruction *I : Atomics)
    instrumentAtomic(I);
  for (FenceInst *FI : Fences)
    instrumentFence(FI);
  for (MemIntrinsic *MI : MemOps)
    replaceMemIntrinsic(MI);
  for (IntrinsicInst *II : MaskedOps)
    instrumentMasked(II);
  for (const ModelCall &MC : ModelCalls)
    instrumentModelCall(MC);

  if (!Opts.FuncEntryExit)
    return Instrumented;
  // A musttail call must stay immediately before its ret, so there is no
  // place for func_exit; leave the whole function's stack alone rather than
  // push an entry that is never popped.
  if (HasMustTail) {
    ++NumSkippedMustTail;
    return Instrumented;
  }
  // A function that reports nothing and calls nothing never appears in a
  // stack the runtime prints.
  if (!Instrumented && !HasCalls) {
    ++NumSkippedLeaf;
    return false;
  }
  instrumentEntryExit();
  return true;
}

// The runtime's own functions (should one be compiled with the plugin),
// __attribute__((disable_sanitizer_instrumentation)) — the user's "no
// instrumentation of any kind here" — and naked functions, which are only
// inline asm with no frame to take a return address from.
bool shouldInstrumentFunction(const Function &F) {
  if (F.isDeclaration())
    return false;
  if (F.getName().starts_with("__tangle_") ||
      F.hasFnAttribute(Attribute::DisableSanitizerInstrumentation) ||
      F.hasFnAttribute(Attribute::Naked)) {
    ++NumSkippedFunctions;
    return false;
  }
  return true;
}

} // namespace

bool tangle::instrumentModule(Module &M, const Options &Opts,
                              FunctionAnalysisManager *FAM) {
  SmallVector<Function *, 64> Work;
  for (Function &F : M)
    if (shouldInstrumentFunction(F))
      Work.push_back(&F);
  if (Work.empty())
    return false;
  Hooks H(M);
  ModelDescs Descs(M);
  for (Function *F : Work)
    FunctionInstrumenter(*F, H, Opts, Descs, FAM).run();
  // A module whose memory accesses are checked says so to the runtime,
  // which otherwise (a program built only with --detect=deadlocks) turns
  // race detection off: with no access checked, it would only cost time.
  // One weak definition per module; the linker keeps one.
  if (Opts.Memory && !M.getNamedValue("__tangle_races_instrumented")) {
    auto *Flag = new GlobalVariable(
        M, Type::getInt8Ty(M.getContext()), /*isConstant=*/true,
        GlobalValue::WeakAnyLinkage,
        ConstantInt::get(Type::getInt8Ty(M.getContext()), 1),
        "__tangle_races_instrumented");
    Flag->setVisibility(GlobalValue::HiddenVisibility);
  }
  // The hook declarations were added even if no function used them.
  return true;
}
