"""The LaTeX grammar's time against a formula's length: it should grow linearly.

    python benchmarks/grammar_speed.py [MEGABYTES]

Parses `f(1) + f(1) + …` of growing size and prints seconds per size; the last row is the
size asked for (1 MB by default).
"""

from __future__ import annotations

import sys
import time

from studydeck.verify.latex import parse_formula


def main(argv: list[str]) -> int:
    target = float(argv[0]) if argv else 1.0
    term = "f(1) + "
    for size in (target / 16, target / 4, target):
        n = int(size * 1_000_000 / len(term))
        formula = term * n + "f(1)"
        start = time.perf_counter()
        parse_formula(formula)
        print(f"{len(formula) / 1e6:6.3f} MB  {time.perf_counter() - start:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
