"""The quiz shows a comparison's formulas as the verifier read them, as the deck does."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect

from conftest import ROOT
from studydeck.pipeline import Workspace

NOTES = ("# 激活\n\n## 激活函数\n\n- Softplus\n  - ln(1 + ex)\n- ReLU\n  - 修正线性单元\n\n"
         "## 问题\n\n- 激活函数的区别\n- 为什么要用激活函数\n")


def test_the_quiz_answer_shows_the_reading_not_the_broken_text(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(NOTES, encoding="utf-8")
    cache = tmp_path / "cache"
    Workspace.load([notes], cache_dir=cache).build(tmp_path / "decks", now=1, device="cpu")
    env = {**os.environ, "STUDYDECK_NOW": "2026-01-01T10:00:00+00:00", "STUDYDECK_CACHE_DIR": str(cache),
           "TZ": "UTC", "TERM": "dumb", "COLUMNS": "120", "LINES": "40"}
    child = pexpect.spawn(sys.executable, ["-m", "studydeck", "quiz", str(notes), "--db", str(tmp_path / "r.db"),
                                           "--deck", "*问题*"], cwd=str(ROOT), env=env, encoding="utf-8",
                          timeout=60, dimensions=(40, 120))
    child.expect("激活函数的区别")
    child.expect("show answer")
    child.send(" ")
    child.expect("Easy")
    shown = child.before
    assert "eˣ" in shown and "ex)" not in shown
    child.sendline("q")
    child.expect(pexpect.EOF)
