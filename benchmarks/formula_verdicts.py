"""Formula verdicts on a collection of notes: agrees / disagrees / unverified (by reason).

    python benchmarks/formula_verdicts.py NOTES_DIR [NOTES_DIR ...] [--list]

Only formula, parameter and cloze cards are checked (code blocks are not run), without a
cache. ``--list`` prints every ``disagrees`` with its line and sentence.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from studydeck.pipeline import collect
from studydeck.model import CardKind
from studydeck.verify import verify

KINDS = (CardKind.FORMULA, CardKind.PARAMETER, CardKind.CLOZE)


def reason_of(result) -> str:
    if result.reason:
        return result.reason
    detail = result.detail.replace("not checked: ", "")
    return detail.split("(")[0].split(":")[0].strip()[:60]


def main(argv: list[str]) -> int:
    show = "--list" in argv
    for folder in [a for a in argv if not a.startswith("--")]:
        start = time.perf_counter()
        cards = [c for d in collect([Path(folder)]) for c in d.cards if c.kind in KINDS]
        report = verify(cards, device="cpu", cache_path=None)
        counts = Counter(r.verdict.value for r in report.results)
        why = Counter(reason_of(r) for r in report.results if r.verdict.value == "unverified")
        print(f"== {folder}: {len(cards)} cards, {len(report.results)} results, "
              f"{time.perf_counter() - start:.1f} s")
        print("   " + ", ".join(f"{k} {counts.get(k, 0)}" for k in ("agrees", "disagrees", "unverified")))
        for reason, n in why.most_common(12):
            print(f"   unverified {n:4d}  {reason}")
        if show:
            for r in report.results:
                if r.verdict.value == "disagrees":
                    print(f"   ✘ {r.source}: {r.concept}: {r.detail[:220]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
