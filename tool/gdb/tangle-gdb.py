# tangle-gdb.py — gdb commands for programs built with tangle-cc.
#
# Load it in gdb with `source <prefix>/share/tangle/tangle-gdb.py` (or
# `gdb -x ...`).  It adds:
#
#   tangle report   the last report Tangle printed (with the program stopped
#                   at `break __tangle_on_report`, the one being printed)
#   tangle locks    the locks each thread holds, and where it took each one
#   tangle waits    which thread is blocked in which call, on what, and who
#                   holds it
#
# The commands only read the runtime's tables (thread registry, held-lock
# sets, wait records, the interned stacks); they call nothing in the
# program, so they work on a live process stopped anywhere and on a core
# file.  They need the runtime's debug information, which tangle-cc links
# into every program.

import gdb

WAIT_CALLS = {
    1: "mutex", 2: "rwlock", 3: "rwlock", 4: "spinlock", 5: "thread",
    6: "condition variable", 7: "semaphore", 8: "barrier", 9: "channel",
    10: "channel",
}
LOCK_KINDS = {0: "mutex", 1: "rwlock", 2: "spinlock"}
TID_NONE = 0xFFFF


def _value(expr):
    try:
        return gdb.parse_and_eval(expr)
    except gdb.error as e:
        raise gdb.GdbError(
            "tangle: cannot read %s (%s); is this a program built with tangle-cc, "
            "and is it running?" % (expr, e))


def _thread_name(tid, capital=False):
    if tid == 0:
        return "Main thread" if capital else "main thread"
    if tid == TID_NONE:
        return "an unknown thread"
    return ("Thread T%d" if capital else "thread T%d") % tid


def _symbol_of(addr):
    """The global variable at addr ("lock_a", "accounts+16"), or its address."""
    try:
        out = gdb.execute("info symbol 0x%x" % addr, to_string=True).strip()
    except gdb.error:
        out = ""
    if out and not out.startswith("No symbol"):
        name = out.split(" in section")[0]
        return name.replace(" + ", "+")
    return "0x%x" % addr


def _frame_text(pc):
    """'function file:line' for a recorded return address."""
    sal = gdb.find_pc_line(pc - 1)
    block = None
    try:
        block = gdb.block_for_pc(pc - 1)
    except RuntimeError:
        pass
    while block is not None and block.function is None:
        block = block.superblock
    func = block.function.name if block is not None and block.function else "??"
    if sal.symtab is not None:
        return "%s %s:%d" % (func, sal.symtab.filename, sal.line)
    return "%s (0x%x)" % (func, pc)


def _ctx_pcs(ctx, limit=32):
    nodes = _value("'context.c'::nodes")
    pcs = []
    while ctx != 0 and len(pcs) < limit:
        node = nodes[ctx]
        pcs.append(int(node["pc"]))
        ctx = int(node["parent"])
    return pcs


def _print_stack(pcs, indent="      "):
    if not pcs:
        gdb.write(indent + "<no stack recorded>\n")
    for i, pc in enumerate(pcs):
        gdb.write("%s#%d %s\n" % (indent, i, _frame_text(pc)))


def _threads():
    """(tid, tg_thread_t value) of every thread the runtime knows."""
    table = _value("'thread.c'::threads")
    count = int(_value("'thread.c'::nthreads"))
    for tid in range(count):
        t = table[tid]
        if int(t) != 0:
            yield tid, t.dereference()


def _dl_state(t):
    dl = t["dl"]
    if int(dl) == 0:
        return None
    state = dl.dereference()
    if int(state["owner"]) != int(t.address):
        return None
    return state


def _holders(addr):
    out = []
    for tid, t in _threads():
        d = _dl_state(t)
        if d is None:
            continue
        for i in range(int(d["nheld"])):
            if int(d["held"][i]["addr"]) == addr:
                out.append(tid)
    return out


class TangleCommand(gdb.Command):
    """Tangle's commands: tangle report, tangle locks, tangle waits."""

    def __init__(self):
        super().__init__("tangle", gdb.COMMAND_DATA, prefix=True)


class TangleReport(gdb.Command):
    """Print the last report Tangle printed (or is about to print, when
stopped at __tangle_on_report)."""

    def __init__(self):
        super().__init__("tangle report", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        text = _value("__tangle_last_report")
        if int(text) == 0:
            gdb.write("tangle: no report yet\n")
            return
        gdb.write(text.string())


class TangleLocks(gdb.Command):
    """Print the locks each thread holds, with where it acquired each."""

    def __init__(self):
        super().__init__("tangle locks", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        any_lock = False
        for tid, t in _threads():
            d = _dl_state(t)
            if d is None or int(d["nheld"]) == 0:
                continue
            any_lock = True
            gdb.write("%s (tid %d) holds:\n" % (_thread_name(tid, True), int(t["os_tid"])))
            for i in range(int(d["nheld"])):
                h = d["held"][i]
                kind = LOCK_KINDS.get(int(h["kind"]), "lock")
                mode = "" if kind == "mutex" or kind == "spinlock" else (
                    " (write)" if bool(h["write"]) else " (read)")
                count = int(h["count"])
                times = " (%d times)" % count if count > 1 else ""
                gdb.write("  %s %s%s%s, acquired at:\n" % (
                    kind, _symbol_of(int(h["addr"])), mode, times))
                _print_stack(_ctx_pcs(int(h["ctx"])))
        if not any_lock:
            gdb.write("tangle: no thread holds a lock\n")


class TangleWaits(gdb.Command):
    """Print which thread is blocked in which call, on what, held by whom."""

    def __init__(self):
        super().__init__("tangle waits", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        any_wait = False
        for tid, t in _threads():
            d = _dl_state(t)
            if d is None:
                continue
            w = d["wait"]
            kind = int(w["kind"])
            if kind == 0 or int(d["wait_seq"]) % 2 == 0:
                continue
            any_wait = True
            call = w["call"].string() if int(w["call"]) != 0 else "?"
            if kind == 5:  # a join
                gdb.write("%s is blocked in %s on %s\n" % (
                    _thread_name(tid, True), call, _thread_name(int(w["target"]))))
            else:
                obj = int(w["obj"])
                holders = _holders(obj)
                held = ""
                if holders:
                    held = " held by " + ", ".join(_thread_name(h) for h in holders)
                gdb.write("%s is blocked in %s on %s %s%s\n" % (
                    _thread_name(tid, True), call, WAIT_CALLS.get(kind, "object"),
                    _symbol_of(obj), held))
            npcs = int(w["npcs"])
            if npcs > 0:
                _print_stack([int(w["pcs"][i]) for i in range(npcs)])
            else:
                _print_stack(_ctx_pcs(int(w["ctx"])))
        if not any_wait:
            gdb.write("tangle: no thread is blocked\n")


TangleCommand()
TangleReport()
TangleLocks()
TangleWaits()
