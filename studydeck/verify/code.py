"""Run a card's Python code in a subprocess: time and memory limits, output captured per line.

The output becomes the card's answer; an expected-output comment on a print line
(``print(rank)  # 输出：2``) is checked; warnings, deprecated torch APIs and errors are
reported, and a block that loops forever or raises never stops the build.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

EXPECTED = re.compile(r"#\s*(?:输出|结果|output|out|prints?|=>|->)\s*[:：]?\s*(?P<value>.+?)\s*$", re.I)
TORCH_CALL = re.compile(r"\btorch\.([A-Za-z_][\w.]*)\s*\(")
DOC_DEPRECATED = re.compile(r"`?(torch\.[\w.]+)`? is deprecated in favou?r of :func:`(torch\.[\w.]+)`")

HARNESS = r'''
import builtins, io, json, sys, warnings
report_path = sys.argv[1]
records, caught = [], []
_print = builtins.print
def _traced(*args, **kw):
    frame = sys._getframe(1)
    if kw.get("file") in (None, sys.stdout) and frame.f_code.co_filename == "<card>":
        buf = io.StringIO()
        _print(*args, **{**kw, "file": buf})
        records.append([frame.f_lineno, buf.getvalue()])
    _print(*args, **kw)
builtins.print = _traced
def _show(message, category, filename, lineno, file=None, line=None):
    caught.append({"category": category.__name__, "message": str(message).strip(),
                   "line": lineno if filename == "<card>" else None})
warnings.showwarning = _show
warnings.simplefilter("always")
source = sys.stdin.read()
status, error, error_line, ranks = "ok", None, None, []
scope = {"__name__": "__main__"}
try:
    exec(compile(source, "<card>", "exec"), scope)
except BaseException as exc:
    import traceback
    status = "error"
    error = traceback.format_exception_only(type(exc), exc)[-1].strip()
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<card>":
            error_line = tb.tb_lineno
        tb = tb.tb_next
try:
    if "torch" in sys.modules:
        import torch
        for name, value in scope.items():
            if hasattr(value, "shape") and len(getattr(value, "shape", ())) == 2 and not name.startswith("_"):
                try:
                    ranks.append([name, int(torch.linalg.matrix_rank(torch.as_tensor(value, dtype=torch.float64)))])
                except Exception:
                    pass
except Exception:
    pass
sys.stdout.flush()
with open(report_path, "w", encoding="utf-8") as fh:
    json.dump({"status": status, "error": error, "error_line": error_line, "records": records,
               "warnings": caught, "ranks": ranks}, fh)
'''


@dataclass
class CodeRun:
    status: str                     # ok | error | timeout | memory | skipped
    stdout: str = ""
    error: str = ""
    error_line: int | None = None
    records: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    ranks: list[tuple[str, int]] = field(default_factory=list)


def _limits(memory_bytes: int):
    def apply() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    return apply


def run_code(code: str, *, timeout: float = 30.0, memory_mb: int = 4096, device: str = "cpu") -> CodeRun:
    with tempfile.TemporaryDirectory(prefix="studydeck-run-") as tmp:
        report = os.path.join(tmp, "report.json")
        env = dict(os.environ)
        if device == "cpu":
            env["CUDA_VISIBLE_DEVICES"] = ""
        env["PYTHONWARNINGS"] = "always"
        env["MPLBACKEND"] = "Agg"
        try:
            proc = subprocess.run([sys.executable, "-c", HARNESS, report], input=code, capture_output=True,
                                  text=True, timeout=timeout, cwd=tmp, env=env,
                                  preexec_fn=_limits(memory_mb << 20) if os.name == "posix" else None)
        except subprocess.TimeoutExpired as exc:
            out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
            return CodeRun("timeout", out, f"still running after {timeout:g} s; stopped")
        if not os.path.exists(report):
            status = "memory" if "MemoryError" in proc.stderr or proc.returncode < 0 else "error"
            tail = proc.stderr.strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
            return CodeRun(status, proc.stdout, tail[0])
        with open(report, encoding="utf-8") as fh:
            data = json.load(fh)
    return CodeRun(data["status"], proc.stdout, data["error"] or "", data["error_line"],
                   [tuple(r) for r in data["records"]], data["warnings"], [tuple(r) for r in data["ranks"]])


def expected_outputs(code: str) -> dict[int, str]:
    """``print(x)  # 输出：2`` -> {line: "2"}."""
    out = {}
    for number, line in enumerate(code.splitlines(), start=1):
        if "print(" in line:
            match = EXPECTED.search(line)
            if match:
                out[number] = match.group("value")
    return out


def same_output(expected: str, printed: str) -> bool:
    a, b = expected.strip(), printed.strip()
    if a == b:
        return True
    try:
        return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)))
    except ValueError:
        return False


def deprecated_calls(code: str) -> list[tuple[int, str, str]]:
    """torch calls whose own documentation says they are deprecated: (line, call, replacement)."""
    found = []
    names = {m.group(1) for m in TORCH_CALL.finditer(code)}
    if not names:
        return found
    import torch

    for name in sorted(names):
        obj = torch
        for part in name.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                break
        doc = getattr(obj, "__doc__", None) or ""
        match = DOC_DEPRECATED.search(" ".join(doc.split()))
        if match:
            for number, line in enumerate(code.splitlines(), start=1):
                if re.search(rf"\btorch\.{re.escape(name)}\s*\(", line):
                    found.append((number, f"torch.{name}", match.group(2)))
    return found


def uses_missing_modules(code: str) -> list[str]:
    import importlib.util

    missing = []
    for match in re.finditer(r"^\s*(?:from|import)\s+([A-Za-z_][\w]*)", code, re.M):
        name = match.group(1)
        if name not in sys.builtin_module_names and importlib.util.find_spec(name) is None:
            missing.append(name)
    return sorted(set(missing))
