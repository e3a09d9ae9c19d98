//===- TanglePass.cpp - plugin entry of the Tangle pass -------------------===//
//
// TanglePass.so is an LLVM 19 pass plugin.  It registers the module pass
// "tangle" twice:
//   - by name, for `opt -load-pass-plugin=TanglePass.so -passes=tangle`;
//   - at the OptimizerLast extension point, so clang-19 -fpass-plugin runs it
//     once per module after the optimizer at every -O level (-O0 included).
// Instrumenting after optimization keeps the optimizer's view of the program
// unchanged (hook calls would block it) and instruments only the loads and
// stores that survived it.
//
// The -tangle-* options below are cl::opts; clang only accepts them via
// -mllvm when the plugin is also loaded with -fplugin (tangle-cc does both),
// because -fpass-plugin loads it after the command line has been parsed.
//
//===----------------------------------------------------------------------===//
#include "Instrument.h"

#include "llvm/IR/PassManager.h"
#include "llvm/Passes/OptimizationLevel.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;

static cl::opt<bool> ClInstrumentMemory(
    "tangle-instrument-memory", cl::init(true),
    cl::desc("Instrument plain loads and stores and memcpy/memmove/memset "
             "(off: lock-only mode, atomics and calls only)"));
static cl::opt<bool>
    ClInstrumentAtomics("tangle-instrument-atomics", cl::init(true),
                        cl::desc("Instrument atomic instructions and fences"));
static cl::opt<bool> ClInstrumentFuncEntryExit(
    "tangle-instrument-func-entry-exit", cl::init(true),
    cl::desc("Instrument function entry and exit (stack traces in reports)"));

namespace {

struct TanglePass : PassInfoMixin<TanglePass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    tangle::Options Opts;
    Opts.Memory = ClInstrumentMemory;
    Opts.Atomics = ClInstrumentAtomics;
    Opts.FuncEntryExit = ClInstrumentFuncEntryExit;
    return tangle::instrumentModule(M, Opts) ? PreservedAnalyses::none()
                                             : PreservedAnalyses::all();
  }
  // Never skipped (optnone at -O0, -opt-bisect-limit): code left
  // uninstrumented would hide races.
  static bool isRequired() { return true; }
};

void registerCallbacks(PassBuilder &PB) {
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        if (Name != "tangle")
          return false;
        MPM.addPass(TanglePass());
        return true;
      });
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(TanglePass());
      });
}

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "TanglePass", TANGLE_VERSION_STRING,
          registerCallbacks};
}
