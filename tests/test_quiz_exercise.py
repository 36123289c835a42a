"""The terminal quiz practises an exercise: a number typed and checked, a new variant each review."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import torch
import torch.nn.functional as F

from conftest import ROOT
from studydeck.pipeline import Workspace

FUNCTIONS = ROOT / "tests" / "fixtures" / "exercises" / "functions.md"


def _spawn(notes: Path, db: Path, cache: Path, now: str) -> pexpect.spawn:
    env = {**os.environ, "STUDYDECK_NOW": now, "STUDYDECK_CACHE_DIR": str(cache), "TZ": "UTC", "TERM": "dumb",
           "COLUMNS": "120", "LINES": "40"}
    return pexpect.spawn(sys.executable, ["-m", "studydeck", "quiz", str(notes), "--db", str(db), "--deck",
                                          "*Exercises*GELU*"], cwd=str(ROOT), env=env, encoding="utf-8",
                         timeout=60, dimensions=(40, 120))


def _gelu_tanh(x: float) -> float:
    return float(F.gelu(torch.tensor(x, dtype=torch.float64), approximate="tanh"))


def test_an_exercise_is_checked_and_comes_back_with_other_numbers(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "functions.md").write_bytes(FUNCTIONS.read_bytes())
    cache = tmp_path / "cache"
    # the build verifies with torch and leaves the exercises in the cache the quiz reads
    workspace = Workspace.load([notes], cache_dir=cache)
    workspace.build(tmp_path / "decks", now=1, device="cpu")
    db = tmp_path / "r.db"

    child = _spawn(notes, db, cache, "2026-01-01T10:00:00+00:00")
    child.expect(r"GELU\((-?[\d.]+)\)")
    x = float(child.match.group(1))
    child.expect("Enter: show it")
    child.sendline("12345")  # wrong
    child.expect("the answer is")
    child.expect("4 Easy")
    child.send("1")  # Again
    child.expect("saved")
    child.expect(r"GELU\((-?[\d.]+)\)")  # a learning card comes back in the same session
    x2 = float(child.match.group(1))
    assert x2 != x  # another variant
    child.expect("Enter: show it")
    child.sendline(f"{_gelu_tanh(x2):.6g}")  # right, computed here by torch
    child.expect("✔")
    child.expect("4 Easy")
    child.send("3")
    child.expect("saved")
    child.sendline("q")  # at the next answer prompt, or after the session ended
    child.expect(pexpect.EOF)
