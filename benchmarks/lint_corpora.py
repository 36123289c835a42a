"""How long lint takes on collections of notes, and what it finds per rule.

Prints, for each folder given: seconds (median of 3, loading the notes excluded), findings per
rule, and how many of them --fix would apply. A measurement, not a test.
Run: python benchmarks/lint_corpora.py notes/ path/to/another/collection ...
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from studydeck.lint import lint
from studydeck.pipeline import collect


def main(folders: list[str]) -> None:
    for folder in folders:
        docs = collect([Path(folder)])
        times = []
        for _ in range(3):
            start = time.perf_counter()
            result = lint(docs, allow_torch=False)
            times.append(time.perf_counter() - start)
        size = sum(len(t.encode("utf-8")) for t in result.texts.values()) / 1e3
        print(f"{folder}: {len(docs)} files, {size:.0f} KB, lint {statistics.median(times):.2f} s, "
              f"{len(result.findings)} findings")
        found = Counter(f.rule for f in result.findings)
        certain = Counter(f.rule for f in result.findings if f.certain)
        for rule in sorted(found):
            print(f"  {rule:24} {found[rule]:5}  fixable {certain[rule]}")


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):
        print(__doc__)
    else:
        main(sys.argv[1:] or ["notes"])
