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
// Model files (-tangle-model=FILE, repeatable; tangle-cc --model=FILE) are
// parsed once per process with the runtime's own parser (model_parse.c).
// A third registration, at the start of the pipeline (TanglePrepare), keeps
// the optimizer from inventing memory accesses and keeps the declared
// functions' calls from being inlined away.
//
//===----------------------------------------------------------------------===//
#include "Instrument.h"

#include "llvm/IR/PassManager.h"
#include "llvm/Passes/OptimizationLevel.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>

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

static cl::list<std::string>
    ClModel("tangle-model",
            cl::desc("Model file declaring functions as locks, channel "
                     "operations or happens-before edges (repeatable; see "
                     "docs/model-file.md)"),
            cl::value_desc("file"));

namespace {

// The model of every -tangle-model file, parsed on first use; null when
// there is none.  A bad file is a fatal error (tangle-cc checks the files
// before it runs clang, so this is for direct use of the plugin).
const tg_model_t *loadModel() {
  static std::unique_ptr<tg_model_t> Model;
  static bool Loaded = false;
  if (Loaded)
    return Model.get();
  Loaded = true;
  if (ClModel.empty())
    return nullptr;
  Model = std::make_unique<tg_model_t>();
  Model->n = 0;
  for (const std::string &Path : ClModel) {
    auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/true);
    if (!Buf)
      report_fatal_error(Twine("tangle: cannot read model file '") + Path +
                             "': " + Buf.getError().message(),
                         /*gen_crash_diag=*/false);
    char Err[512];
    // The declarations keep a pointer to their file's name: the strings in
    // ClModel live as long as the process.
    if (!tg_model_parse(Model.get(), Path.c_str(), (*Buf)->getBufferStart(),
                        (*Buf)->getBufferSize(), Err, sizeof Err))
      report_fatal_error(Twine("tangle: ") + Err, /*gen_crash_diag=*/false);
  }
  return Model.get();
}

// Runs before the optimizer and prepares the module for TanglePass:
//   - every defined function gets sanitize_thread (when memory accesses are
//     instrumented), which tells the optimizer not to introduce accesses the
//     program does not make: no load speculated out of a branch (a
//     `c ? g : 0` turned into an unconditional load of g), no store
//     promoted out of a loop.  An access the optimizer invents would be
//     reported as a race the program does not have;
//   - the model-declared functions this module defines become noinline, so
//     their calls are still calls when TanglePass brackets them.
struct TanglePrepare : PassInfoMixin<TanglePrepare> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    const tg_model_t *Model = loadModel();
    bool Changed = false;
    for (Function &F : M) {
      if (F.isDeclaration())
        continue;
      if (ClInstrumentMemory && !F.hasFnAttribute(Attribute::SanitizeThread)) {
        F.addFnAttr(Attribute::SanitizeThread);
        Changed = true;
      }
      if (Model && tg_model_find(Model, F.getName().str().c_str())) {
        F.removeFnAttr(Attribute::AlwaysInline);
        F.addFnAttr(Attribute::NoInline);
        Changed = true;
      }
    }
    return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
  }
  static bool isRequired() { return true; }
};

struct TanglePass : PassInfoMixin<TanglePass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &MAM) {
    tangle::Options Opts;
    Opts.Memory = ClInstrumentMemory;
    Opts.Atomics = ClInstrumentAtomics;
    Opts.FuncEntryExit = ClInstrumentFuncEntryExit;
    Opts.Model = loadModel();
    FunctionAnalysisManager &FAM =
        MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
    return tangle::instrumentModule(M, Opts, &FAM) ? PreservedAnalyses::none()
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
  PB.registerPipelineStartEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(TanglePrepare());
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
