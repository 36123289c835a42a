"""The warm worker: one interpreter per sandbox that imports torch once, pays its first-use
costs once, then forks a child per code block.

Runs as a standalone script (``python -I -c``) inside the sandbox, so it imports nothing of
studydeck. It reads one JSON request a line on stdin and answers one JSON line on stdout.
A block's child never holds those two descriptors: what it prints goes to a pipe the worker
caps, and its report to a second pipe the worker checks against that output, so a block can
neither flood the build nor forge its verdict. After every block the worker kills whatever
the block left running and empties ``/tmp``, so the next block starts clean.
"""

import ctypes
import errno
import json
import os
import re
import resource
import selectors
import shutil
import signal
import sys
import tempfile
import time

PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
REPORT_CAP = 1 << 20

HARNESS_STATE = {}


def warm() -> None:
    """Import torch and pay its lazy first-use costs before any fork, so no block pays them."""
    try:
        import torch
    except ImportError:
        return
    layer = torch.nn.Linear(2, 1)
    opt = torch.optim.Adam(layer.parameters())
    layer(torch.ones(1, 2)).sum().backward()
    opt.step()
    torch.linalg.matrix_rank(torch.ones(2, 2))


def _prctl(option: int, value: int) -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _ancestors() -> set:
    keep, pid = {os.getpid()}, os.getpid()
    while pid > 1:
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                pid = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
        keep.add(pid)
    return keep


# Inside the sandbox the pid namespace is ours: every other process is the block's. Run
# without it (--unsafe-run-code), only the block's own session is.
CONTAINED = "--contained" in sys.argv
SESSION = {"id": None}


def _stat(pid: str) -> list:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()
    except OSError:
        return []


def _others(keep: set, live: bool = False) -> list:
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) in keep:
            continue
        if CONTAINED and not live:
            out.append(int(name))
            continue
        fields = _stat(name)
        if not fields or (live and fields[0] == b"Z"):
            continue
        if CONTAINED or int(fields[4]) == SESSION["id"]:
            out.append(int(name))
    return out


def _tree_usage(keep: set) -> tuple:
    """Processes and resident bytes of everything the block started."""
    pids = _others(keep, live=True)
    used = 0
    for pid in pids:
        # proportional set size: forked children share torch's pages, and RSS would count them
        # once per child
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
                for line in fh:
                    if line.startswith(b"Pss:"):
                        used += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError, IndexError):
            pass
    return len(pids), used


def kill_rest(keep: set) -> None:
    """SIGKILL every process but the worker's own line, and reap them (we are their subreaper)."""
    for _ in range(200):
        pids = _others(keep)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
        if not pids:
            return
        time.sleep(0.005)


def wipe(root: str) -> None:
    for name in os.listdir(root):
        path = os.path.join(root, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass


# The names notes use without importing them, and what they always stand for.
CONVENTIONAL = {"torch": "torch", "nn": "torch.nn", "F": "torch.nn.functional", "optim": "torch.optim",
                "np": "numpy", "numpy": "numpy", "math": "math"}


def harness(req: dict, out_fd: int, report_fd: int) -> None:
    """In the forked child: run the blocks it needs (their output discarded), then its own."""
    import builtins
    import importlib
    import io
    import traceback
    import warnings

    records, caught = [], []
    real_print = builtins.print

    def traced(*args, **kw):
        frame = sys._getframe(1)
        if kw.get("file") in (None, sys.stdout) and frame.f_code.co_filename == "<card>":
            buf = io.StringIO()
            real_print(*args, **{**kw, "file": buf})
            records.append([frame.f_lineno, buf.getvalue()])
        real_print(*args, **kw)

    def show(message, category, filename, lineno, file=None, line=None):
        caught.append({"category": category.__name__, "message": str(message).strip()[:500],
                       "line": lineno if filename == "<card>" else None})

    builtins.print = traced
    warnings.showwarning = show
    warnings.simplefilter("always")
    scope = {"__name__": "__main__"}
    for name in req.get("implied", []):
        # “torch.ones(3)” with no import: the names every torch note takes for granted
        try:
            scope[name] = importlib.import_module(CONVENTIONAL[name])
        except Exception:  # noqa: BLE001 - the block then fails on the name, as it would for its reader
            pass
    report = {"status": "ok", "error": None, "error_line": None, "error_kind": None,
              "earlier": None, "records": records, "warnings": caught, "ranks": []}
    devnull = os.open(os.devnull, os.O_WRONLY)
    may_raise = set(req.get("earlier_may_raise") or ())  # earlier cells the notes show raising
    out_fd = os.dup(out_fd)  # fd 1 itself is pointed at devnull while earlier blocks run
    for index, (src, name) in enumerate([(s, f"<earlier-{i}>") for i, s in enumerate(req.get("earlier", []))]
                                        + [(req["code"], "<card>")]):
        own = name == "<card>"
        sys.stdout.flush()
        os.dup2(out_fd if own else devnull, 1)
        try:
            exec(compile(src, name, "exec"), scope)
        except Exception:  # noqa: BLE001 - an earlier cell whose notebook shows it fail: what it did before stays
            if own or index not in may_raise:
                report.update(_describe(sys.exc_info()[1], traceback))
                if not own:
                    report["status"], report["earlier"] = "earlier-error", index
                break
        except BaseException as exc:  # noqa: BLE001 - the block's own error is the finding
            report.update(_describe(exc, traceback))
            if not own:
                report["status"], report["earlier"] = "earlier-error", index
            break
    sys.stdout.flush()
    os.close(out_fd)
    report["ranks"] = _ranks(scope)
    data = json.dumps(report).encode()[:REPORT_CAP]
    os.write(report_fd, data)


# How `torch._inductor` says it could not build a kernel: the compiler failed or is missing.
TOOLCHAIN_FAILURE = re.compile(r"CppCompileError|InvalidCxxCompiler|C\+\+ compile error|No working C compiler")


def _describe(exc: BaseException, traceback) -> dict:
    line, inner = None, ""
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<card>":
            line = tb.tb_lineno
        inner = tb.tb_frame.f_globals.get("__name__", "")
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) and exc.filename == "<card>":
        line = exc.lineno
    kind = "raises"
    message = str(exc)
    if isinstance(exc, MemoryError) or (isinstance(exc, RuntimeError) and
                                        ("can't allocate memory" in message or "out of memory" in message)):
        kind = "memory"
    elif isinstance(exc, OSError) and exc.errno == errno.EAGAIN:
        kind = "processes"
    elif isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        kind = "file-size"
    elif isinstance(exc, ModuleNotFoundError):
        kind = "needs-module"
    elif isinstance(exc, (OSError, EOFError)) or (isinstance(exc, KeyError) and inner == "os") or \
            "CUDA" in message or "MPS backend" in message or \
            type(exc).__module__.startswith("torch._inductor") and TOOLCHAIN_FAILURE.search(f"{type(exc).__name__}: {message}"):
        # a file, the network, a variable, keyboard input, a GPU, the C++ compiler `torch.compile` builds its kernels
        # with: something the sandbox withholds (a graph break, `torch._dynamo`'s, and an index out of bounds in a
        # compiled kernel are the code's own)
        kind = "environment"
    # (the error's first paragraph: a compiler's command line and its output after it say nothing of the card)
    text = traceback.format_exception_only(type(exc), exc)[-1].strip().split("\n\n")[0]
    return {"status": "error", "error": text[:500], "error_line": line, "error_kind": kind}


def _ranks(scope: dict) -> list:
    torch = sys.modules.get("torch")
    if torch is None:
        return []
    out = []
    for name, value in list(scope.items()):
        try:
            if name.startswith("_") or len(tuple(getattr(value, "shape", ()))) != 2:
                continue
            out.append([name, int(torch.linalg.matrix_rank(torch.as_tensor(value, dtype=torch.float64)))])
        except Exception:  # noqa: BLE001 - not a matrix torch can read
            pass
    return out


def _limit(kind: int, value: int) -> None:
    try:
        resource.setrlimit(kind, (value, value))
    except (ValueError, OSError):
        pass


def child(req: dict, workdir: str, out_w: int, rep_w: int) -> None:
    os.setsid()
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out_w, 1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    keep = sorted({0, 1, 2, rep_w})
    for low, high in zip(keep, keep[1:] + [65536]):
        os.closerange(low + 1, high)
    os.chdir(workdir)
    _prctl(PR_SET_DUMPABLE, 1)  # its own /proc entries are its own again (the worker's stay closed)
    cpu = max(1, int(req["cpu"]))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    _limit(resource.RLIMIT_AS, req["memory"])
    _limit(resource.RLIMIT_NPROC, req["processes"])
    _limit(resource.RLIMIT_FSIZE, req["file_size"])
    _limit(resource.RLIMIT_CORE, 0)
    harness(req, 1, rep_w)


def run_block(req: dict, keep: set, root: str) -> dict:
    out_r, out_w = os.pipe()
    rep_r, rep_w = os.pipe()
    workdir = os.path.join(root, "block")
    os.makedirs(workdir, exist_ok=True)
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            child(req, workdir, out_w, rep_w)
        finally:
            os._exit(0)
    SESSION["id"] = pid
    os.close(out_w)
    os.close(rep_w)
    result = watch(pid, req, keep, out_r, rep_r)
    kill_rest(keep)
    os.close(out_r)
    os.close(rep_r)
    wipe(root)
    return result


def watch(pid: int, req: dict, keep: set, out_r: int, rep_r: int) -> dict:
    """Collect the child's output and report while holding every limit for its whole tree."""
    with selectors.DefaultSelector() as sel:
        sel.register(out_r, selectors.EVENT_READ, "out")
        sel.register(rep_r, selectors.EVENT_READ, "rep")
        return _watch(sel, pid, req, keep)


def _watch(sel, pid: int, req: dict, keep: set) -> dict:
    out, rep = bytearray(), bytearray()
    deadline = time.monotonic() + req["timeout"]
    stopped, status = None, None
    while True:
        for key, _ in sel.select(timeout=0.02):
            chunk = os.read(key.fd, 65536)
            if not chunk:
                sel.unregister(key.fd)
                continue
            (out if key.data == "out" else rep).extend(chunk)
        if len(out) > req["output_cap"]:
            stopped = "output-capped"
        elif len(rep) > REPORT_CAP:
            stopped = "report-too-large"
        elif time.monotonic() > deadline:
            stopped = "timeout"
        else:
            count, rss = _tree_usage(keep)
            if count > req["processes"]:
                stopped = "processes"
            elif rss > req["memory"]:
                stopped = "memory"
        if stopped:
            kill_rest(keep)
            break
        if status is None:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done == 0:
                status = None
        if status is not None:
            _drain(sel, out, rep, req["output_cap"])
            if _others(keep, live=True):
                stopped = "left-running"  # its output stands; what it left behind does not
            kill_rest(keep)
            break
    if status is None:
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            status = 0
    return _result(stopped, status, bytes(out[: req["output_cap"]]), bytes(rep))


def _drain(sel, out: bytearray, rep: bytearray, cap: int) -> None:
    """What the child wrote before it ended is in the pipes; a straggler holding them open
    must not make us wait."""
    while sel.get_map() and len(out) <= cap and len(rep) <= REPORT_CAP:
        ready = sel.select(timeout=0)
        if not ready:
            return
        for key, _ in ready:
            chunk = os.read(key.fd, 65536)
            if not chunk:
                sel.unregister(key.fd)
            (out if key.data == "out" else rep).extend(chunk)


def _result(stopped, status: int, out: bytes, rep: bytes) -> dict:
    stdout = out.decode("utf-8", "replace")
    if stopped and stopped != "left-running":
        return {"status": stopped, "stdout": stdout}
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = {signal.SIGXCPU: "timeout", signal.SIGKILL: "timeout", signal.SIGXFSZ: "file-size",
                signal.SIGSEGV: "crashed"}.get(sig, "crashed")
        return {"status": name, "stdout": stdout, "signal": signal.Signals(sig).name}
    try:
        report = json.loads(rep.decode("utf-8"))
        records = [[int(line), str(text)] for line, text in report["records"]]
    except (ValueError, KeyError, TypeError):
        return {"status": "no-report", "stdout": stdout}
    if not _consistent(records, stdout):
        return {"status": "forged-report", "stdout": stdout}
    report["records"] = records
    report["stdout"] = stdout
    if stopped:
        report["left_running"] = True
    return report


def _consistent(records: list, stdout: str) -> bool:
    """Every print the report claims must be in the output, in order: a block that writes its
    own report cannot make the card show what was never printed."""
    at = 0
    for _, text in records:
        found = stdout.find(text, at)
        if found < 0:
            return False
        at = found + len(text)
    return True


def main() -> None:
    import site

    for flag, value in zip(sys.argv, sys.argv[1:]):
        if flag == "--site":
            site.addsitedir(value)
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    warm()
    # a block runs with our uid: without this it could open /proc/<worker>/fd and write the answers
    _prctl(PR_SET_DUMPABLE, 0)
    keep = _ancestors()
    root = "/tmp" if CONTAINED else tempfile.mkdtemp(prefix="studydeck-run-")
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    answers.write(b'{"ready": true}\n')
    answers.flush()
    try:
        for line in requests:
            try:
                req = json.loads(line)
            except ValueError:
                break
            result = run_block(req, keep, root)
            answers.write(json.dumps(result).encode() + b"\n")
            answers.flush()
    finally:
        if not CONTAINED:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
