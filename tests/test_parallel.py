"""Large builds spread parsing and deck writing over the cores (forked workers); what they
write must be what one process writes, byte for byte, and say the same."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOTES, ROOT
from studydeck import pipeline

FIXTURES = ROOT / "tests" / "fixtures" / "cards"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Several notes files: the shipped notes (an answer in one file for a question in the
    other), the card fixtures, and a file that is not UTF-8."""
    notes = tmp_path / "notes"
    shutil.copytree(NOTES, notes)
    for md in sorted(FIXTURES.glob("*.md")):
        shutil.copy(md, notes / f"fixture-{md.name}")
    (notes / "latin1.md").write_bytes("# Caf\xe9\n\n- term: d\xe9finition\n".encode("latin-1"))
    return notes


def run(args: list[str], tmp: Path, jobs: int) -> subprocess.CompletedProcess:
    env = dict(os.environ, STUDYDECK_JOBS=str(jobs), STUDYDECK_CACHE_DIR=str(tmp / f"cache-{jobs}"),
               SOURCE_DATE_EPOCH="1764400000", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "studydeck", *args], cwd=tmp, env=env, capture_output=True,
                          text=True)


def test_forked_build_writes_what_one_process_writes(folder: Path, tmp_path: Path) -> None:
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"decks-{jobs}"
        done = run(["build", "notes", "-o", str(out), "--no-verify"], tmp_path, jobs)
        assert done.returncode == 0, done.stderr
        lint = run(["lint", "notes"], tmp_path, jobs)
        decks = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}
        outputs[jobs] = (decks, done.stdout.replace(str(out), "OUT"), done.stderr, lint.stdout, lint.returncode)
    assert len(outputs[1][0]) >= 2 * 8  # a deck and a state file for each readable file
    assert outputs[2] == outputs[1]
    assert "latin1.md" in outputs[1][2]  # the unreadable file is named, the rest still built


def test_fork_map_keeps_the_order_and_runs_elsewhere() -> None:
    items = list(range(7))
    got = pipeline._fork_map(lambda x: (x * x, os.getpid()), items, 2, weights=[1, 5, 2, 7, 3, 0, 4])
    assert [square for square, _ in got] == [x * x for x in items]
    assert os.getpid() not in {pid for _, pid in got}


def test_small_work_stays_in_one_process(monkeypatch) -> None:
    monkeypatch.delenv("STUDYDECK_JOBS", raising=False)
    assert pipeline._workers(50, large=False) == 1
    assert pipeline._workers(1, large=True) == 1
    monkeypatch.setenv("STUDYDECK_JOBS", "1")
    assert pipeline._workers(50, large=True) == 1
    monkeypatch.setenv("STUDYDECK_JOBS", "3")
    monkeypatch.setitem(sys.modules, "torch", sys.modules.get("torch", object()))
    assert pipeline._workers(50, large=True) == 1  # torch's threads do not survive a fork


def test_a_docs_card_digest_follows_its_cards() -> None:
    from dataclasses import replace

    doc = next(d for d in pipeline.Workspace.load([NOTES]).docs if len(d.cards) > 1)
    first = doc.cards_digest()
    assert first == pipeline.cards_digest(doc.cards)
    doc.cards = list(doc.cards)  # the same cards in a new list: still the same digest
    assert doc.cards_digest() == first
    doc.cards = [replace(doc.cards[0], back=doc.cards[0].back + " more")] + doc.cards[1:]
    assert doc.cards_digest() == pipeline.cards_digest(doc.cards) != first
    doc.cards = doc.cards[1:]
    assert doc.cards_digest() == pipeline.cards_digest(doc.cards)


def test_a_fault_met_in_one_file_names_it_and_the_rest_are_built(tmp_path: Path, monkeypatch) -> None:
    from studydeck import cards

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "good.md").write_text("# 优化器\n\n- **动量**：历史梯度的滑动平均\n", encoding="utf-8")
    (notes / "bad.md").write_text("# 正则化\n\n- **Dropout**：训练时随机置零\n", encoding="utf-8")
    real = cards.extract_cards

    def faulty(outline, doc=None, **options):
        if outline.path.endswith("bad.md"):
            raise IndexError("string index out of range")
        return real(outline, doc, **options)

    monkeypatch.setattr(cards, "extract_cards", faulty)
    monkeypatch.setenv("STUDYDECK_JOBS", "1")
    workspace = pipeline.Workspace.load([notes])
    assert [d.file.shown for d in workspace.docs] == [str(notes / "good.md")]
    assert [c.source.path for c in workspace.cards] == [str(notes / "good.md")]
    fault, = [n for n in workspace.notices if n.rule == "unreadable"]
    assert fault.source.path == str(notes / "bad.md")
    assert "studydeck 读这个文件时出错（IndexError: string index out of range）" in fault.message
