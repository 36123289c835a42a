"""How fast a cold build goes on a large set of notes (parse, extract, write), without verifying.

Prints the figures; it is a measurement, not a test. Run: python benchmarks/build_speed.py
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from studydeck.pipeline import build, collect

ROOT = Path(__file__).resolve().parent.parent


def main(copies: int = 100) -> None:
    seed = (ROOT / "notes" / "pytorch-notes.md").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "notes"
        notes.mkdir()
        for i in range(copies):
            (notes / f"notes-{i:03d}.md").write_text(seed.replace("## pytorch学习笔记", f"## 笔记 {i}"),
                                                     encoding="utf-8")
        size = sum(p.stat().st_size for p in notes.iterdir()) / 1e6
        start = time.perf_counter()
        docs = collect([notes])
        parsed = time.perf_counter() - start
        cards = sum(len(d.cards) for d in docs)
        start = time.perf_counter()
        build([notes], Path(tmp) / "decks", now=1, verify=False)
        total = time.perf_counter() - start
        shutil.rmtree(notes)
    print(f"{copies} files, {size:.2f} MB, {cards} cards: parse and extract {parsed:.2f} s "
          f"({size / parsed:.2f} MB/s); whole build without verifying {total:.2f} s")


if __name__ == "__main__":
    main()
