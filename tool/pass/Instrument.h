//===- Instrument.h - Tangle's instrumentation of one module --------------===//
//
// The interface between the plugin entry (TanglePass.cpp: command-line
// options, pass registration, pipeline hook) and the instrumentation itself
// (Instrument.cpp: what gets instrumented and every reason it is not).
//
//===----------------------------------------------------------------------===//
#ifndef TANGLE_PASS_INSTRUMENT_H
#define TANGLE_PASS_INSTRUMENT_H

#include "model.h"

#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"

namespace tangle {

// What to instrument; filled in from the -tangle-* options.
struct Options {
  bool Memory = true;        // plain loads/stores, mem intrinsics, masked ops
  bool Atomics = true;       // atomic instructions and thread fences
  bool FuncEntryExit = true; // __tangle_func_entry/exit (shadow call stack)
  // Functions declared in model files (-tangle-model): their direct calls
  // are bracketed with model_before/after.  Null: no model.
  const tg_model_t *Model = nullptr;
};

// Inserts the __tangle_* hook calls into every function of M that should be
// instrumented.  FAM supplies the loop analyses that let a loop's accesses
// be checked once before it (null: every access where it is made).
// Returns true if M changed.
bool instrumentModule(llvm::Module &M, const Options &Opts,
                      llvm::FunctionAnalysisManager *FAM);

} // namespace tangle

#endif // TANGLE_PASS_INSTRUMENT_H
