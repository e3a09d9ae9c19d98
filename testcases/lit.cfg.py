# -*- Python -*-  lit.cfg.py: the configuration of Tangle's lit test suite.
#
# Loaded by the build tree's lit.site.cfg.py (generated from
# lit.site.cfg.py.in), which sets tangle_src_root, tangle_obj_root,
# llvm_tools_dir and tangle_clang.  Run the suite with tools/run-lit or
# `cmake --build build --target check`.
#
# Tests are shell tests (bash): every .c/.ll/.test file outside Inputs/ and
# bench/ carries its own RUN lines.  The substitutions they use:
#   %tangle_cc %tangle_cxx %tangle   build/bin/{tangle-cc,tangle-c++,tangle}
#   %tangle_pass                      build/lib/tangle/TanglePass.so
#   %opt                              LLVM 19's opt
#   %tsan_cc                          clang-19 -fsanitize=thread -g
#   %clang                            clang-19 itself (uninstrumented code)
#   %expect_exit N CMD...             run CMD, fail unless it exits with N
#   %unit_cc ... %unit_libs           clang-19 with the runtime's headers; the
#                                     runtime archive and its libraries go
#                                     last: `%unit_cc %s -o %t %unit_libs`
#   %testinc                          -I testcases/ (for test.h)
#   %tangle_build                     the build tree (for install tests)
# Feature `tsan` (on unless --param tsan=0) guards the ThreadSanitizer
# differential runs: `RUN: %if tsan %{ ... %}`.
# The environment is lit's clean one: TANGLE_OPTIONS is unset unless
# --param tangle_options=... sets it for every test.

import os
import sys

import lit.formats
import lit.util

config.name = "Tangle"

if not hasattr(config, "tangle_obj_root"):
    lit_config.fatal(
        "run the suite on the build tree (lit <build>/testcases) or with "
        "testcases/tools/run-lit; lit.site.cfg.py was not loaded")

config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".ll", ".test"]
config.excludes = ["Inputs", "bench", "lit.cfg.py"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = os.path.join(config.tangle_obj_root, "testcases")

src = config.tangle_src_root
obj = config.tangle_obj_root
bindir = os.path.join(obj, "bin")
libdir = os.path.join(obj, "lib", "tangle")
tools = config.llvm_tools_dir
clang = config.tangle_clang

# FileCheck, not, opt, llvm-dwarfdump and llvm-symbolizer come from LLVM 19;
# tangle-cc and friends from the build.
config.environment["PATH"] = os.pathsep.join(
    [bindir, tools, config.environment.get("PATH", "")])

# ThreadSanitizer: keep going after the first report and exit 66 (its
# default, stated so the tests do not depend on it); symbolize with LLVM 19.
config.environment["TSAN_OPTIONS"] = ":".join([
    "halt_on_error=0",
    "exitcode=66",
    "external_symbolizer_path=" + os.path.join(tools, "llvm-symbolizer"),
])
config.environment.pop("TANGLE_OPTIONS", None)
tangle_options = lit_config.params.get("tangle_options")
if tangle_options:
    config.environment["TANGLE_OPTIONS"] = tangle_options

if lit_config.params.get("tsan", "1") != "0":
    config.available_features.add("tsan")

# Longer names first: a substitution is a regex applied in list order.
config.substitutions += [
    ("%tangle_cc", os.path.join(bindir, "tangle-cc")),
    ("%tangle_cxx", os.path.join(bindir, "tangle-c++")),
    ("%tangle_pass", os.path.join(libdir, "TanglePass.so")),
    (r"%tangle\b", os.path.join(bindir, "tangle")),
    ("%tsan_cc", clang + " -fsanitize=thread -g"),
    ("%clang", clang),
    ("%expect_exit", "%s %s" % (sys.executable,
                                os.path.join(src, "testcases", "tools",
                                             "expect-exit"))),
    ("%opt", os.path.join(tools, "opt")),
    ("%unit_cc", " ".join([
        clang, "-std=gnu11", "-g", "-O1", "-D_GNU_SOURCE",
        "-I" + os.path.join(src, "runtime"),
        "-I" + os.path.join(src, "testcases")])),
    ("%unit_libs", " ".join([
        "-Wl,--whole-archive", os.path.join(libdir, "libtangle_rt.a"),
        "-Wl,--no-whole-archive", "-lunwind", "-lpthread", "-ldl", "-lm"])),
    ("%testinc", "-I" + os.path.join(src, "testcases")),
    ("%tangle_build", obj),
]

# A hung test must not hang the suite.  lit can only kill a test's process
# tree with psutil; without it the test programs' own watchdog (test.h) is
# what stops them.
if lit_config.maxIndividualTestTime == 0:
    supported, _ = lit_config.maxIndividualTestTimeIsSupported
    if supported:
        lit_config.maxIndividualTestTime = 60
