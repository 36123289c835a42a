"""How long until the first quiz card is on screen (target: under 0.3 s with a warm cache).

Prints the figure; it is a measurement, not a test. Run: python benchmarks/quiz_start.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parent.parent


def first_card_seconds(db: Path) -> float:
    env = {**os.environ, "TERM": "dumb", "STUDYDECK_NOW": "2026-01-01T00:00:00+00:00"}
    start = time.perf_counter()
    child = pexpect.spawn(sys.executable, ["-m", "studydeck", "quiz", str(ROOT / "notes"), "--db", str(db)],
                          cwd=str(ROOT), env=env, encoding="utf-8", timeout=60)
    child.expect("show answer")
    elapsed = time.perf_counter() - start
    child.send("q")
    child.expect(pexpect.EOF)
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "reviews.sqlite3"
        cold = first_card_seconds(db)
        warm = [first_card_seconds(db) for _ in range(5)]
    print(f"first card on screen: first run {cold:.3f} s (creates the database); "
          f"then median {statistics.median(warm):.3f} s, best {min(warm):.3f} s over {len(warm)} runs "
          f"(includes starting Python)")


if __name__ == "__main__":
    main()
