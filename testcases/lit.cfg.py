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
#   %glib                             GLib's compile and link flags
#   %scale                            ci, or full with --param tangle_scale=full
# Feature `tsan` (on unless --param tsan=0) guards the ThreadSanitizer
# differential runs: `RUN: %if tsan %{ ... %}`; feature `glib` (pkg-config
# knows glib-2.0) the GLib tests: `REQUIRES: glib`.
# The environment is lit's clean one: TANGLE_OPTIONS is unset unless
# --param tangle_options=... sets it for every test.

import os
import subprocess
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

# Feature `glib` (GLib's development files are installed) guards the tests
# of the GLib interceptors; %glib is the compile and link flags for it.
glib_flags = ""
try:
    glib_flags = subprocess.run(
        ["pkg-config", "--cflags", "--libs", "glib-2.0"], check=True,
        capture_output=True, text=True).stdout.strip()
    config.available_features.add("glib")
except (OSError, subprocess.CalledProcessError):
    pass

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
    ("%glib", glib_flags),
    ("%tangle_build", obj),
]

# A hung test must not hang the suite.  lit can only kill a test's process
# tree with psutil; without it the test programs' own watchdog (test.h) is
# what stops them.
if lit_config.maxIndividualTestTime == 0:
    supported, _ = lit_config.maxIndividualTestTimeIsSupported
    if supported:
        lit_config.maxIndividualTestTime = 60

# Report tools (testcases/tools/install-test-deps puts the npm ones in
# <build>/npm).  Feature `sarif-validator`: Microsoft's SARIF validator, run
# by %sarif_validate FILE...  Feature `chromium`: headless Chromium and
# playwright-core, driven by %html_check FILE.html.  Feature `graphviz`:
# `dot` is installed.  Features `gdb`, `gcc`: those are installed.
npm_modules = os.path.join(obj, "npm", "node_modules")
multitool = os.path.join(npm_modules, "@microsoft", "sarif-multitool-linux",
                         "Sarif.Multitool")
if os.access(multitool, os.X_OK):
    config.available_features.add("sarif-validator")
    config.environment["TANGLE_SARIF_MULTITOOL"] = multitool
    # The validator is a .NET program: no telemetry, no first-run banner.
    config.environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1"
    config.environment["DOTNET_NOLOGO"] = "1"
if (os.path.isdir(os.path.join(npm_modules, "playwright-core"))
        and os.access("/usr/bin/chromium", os.X_OK) and lit.util.which("node")):
    config.available_features.add("chromium")
    config.environment["NODE_PATH"] = npm_modules
if lit.util.which("dot"):
    config.available_features.add("graphviz")
if lit.util.which("gdb"):
    config.available_features.add("gdb")
if lit.util.which("gcc"):
    config.available_features.add("gcc")
# Feature `root`: the suite runs as root (set-uid tests make root-owned
# set-uid copies and run them as another user).
if os.geteuid() == 0 and lit.util.which("setpriv"):
    config.available_features.add("root")
config.substitutions += [
    ("%sarif_validate", os.path.join(src, "testcases", "tools", "sarif-validate")),
    ("%html_check", "node " + os.path.join(src, "testcases", "tools", "html-check.js")),
]

# The scale tests (testcases/scale/) take their size as an argument: %scale
# is "ci" (reduced; the default) or "full" (--param tangle_scale=full).
config.substitutions.append(
    ("%scale", "full" if lit_config.params.get("tangle_scale") == "full" else "ci"))
