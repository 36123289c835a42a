"""How many cards of real notes show a mechanical fault, per collection (no verifying).

For the shipped notes and each collection beside the checkout (``../shared/corpus/*``, skipped
when absent) it prints: files, cards, candidates left out by reason, and how many exported cards
show a fault a learner would see at once (a "…" hole, two cards of one deck with one front, a
URL or file name as the front, leaked Markdown or HTML, an empty answer, an answer the front
already gives, a cloze that never closes). ``--sample N`` also prints N random cards per
collection (seeded) for reading. A measurement, not a test.

Without ``--verify`` it counts what ``build --no-verify`` exports; with it, what a build exports
(code whose answer is what it prints is a card only once it ran).

Run: python benchmarks/card_quality.py [--sample 30] [--seed 1] [--verify]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

from studydeck.pipeline import Workspace, default_cache_dir
from studydeck.model import Card, CardKind
from studydeck.render import RenderEnv, to_html
from studydeck.text import CLOZE, CLOZE_OPEN

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

URL_OR_FILE = re.compile(r"https?://|www\.|\.(png|jpe?g|gif|svg|webp|mkv|mp4|pdf|md)\b", re.I)
LEAKED_SOURCE = re.compile(r"\*\*\*\*|\[\[|!\[\[")
SHOWN_AS_CODE_OR_MATH = re.compile(r"```.*?```|<pre\b.*?</pre>|<code\b.*?</code>|\\\(.*?\\\)|\\\[.*?\\\]|`[^`]*`|\$[^$]*\$", re.S)
LEAKED_HTML = re.compile(r"&lt;/?(br|sub|sup|b|i|u|mark|kbd)\b|&amp;(lt|gt|nbsp);")


def faults(card: Card, fronts: Counter) -> list[str]:
    """The mechanical faults a learner would see on this card, by name."""
    found = []
    front, back = card.front, card.back
    subject = re.sub(r"\$[^$]*\$", "", front)
    if "…" in front and card.kind is not CardKind.QUESTION:
        found.append("hole")
    if fronts[(card.deck, front)] > 1:
        found.append("duplicate-front")
    if URL_OR_FILE.search(subject):
        found.append("url-front")
    html = to_html(front, RenderEnv()) + to_html(back, RenderEnv())
    # what a reader sees as text: not code, not math (a tensor's “[[1], [2]]”, “f^{**}” are no leak),
    # and a link the renderer resolved (“[[RoPE]]” shows as “RoPE”) is none either
    shown = SHOWN_AS_CODE_OR_MATH.sub(" ", html)
    if LEAKED_SOURCE.search(shown) or SHOWN_AS_CODE_OR_MATH.sub(" ", front).count("**") % 2:
        found.append("leaked-markup")
    if LEAKED_HTML.search(shown):
        found.append("leaked-html")
    if card.kind is not CardKind.CLOZE and not back.strip():
        found.append("empty-back")
    if card.kind is not CardKind.CLOZE and len(back.strip()) > 3 and _plain(back) in _plain(front):
        found.append("answer-in-front")
    if CLOZE_OPEN.search(CLOZE.sub("", front)):  # an opening that no complete deletion accounts for
        found.append("broken-cloze")
    return found


def _plain(text: str) -> str:
    return re.sub(r"[\s*`_]+", "", text).casefold()


def measure(name: str, paths: list[Path], sample: int, rng: random.Random, verify: bool) -> None:
    workspace = Workspace.load(paths, cache_dir=default_cache_dir() if verify else None)
    if verify:  # code whose answer is its printed output is a card only when it ran
        workspace.verify(device="cpu")
    workspace.settle()
    docs = workspace.docs
    notices = [n for d in docs for n in d.notices]
    cards = [c for d in docs for c in d.cards]
    left_out = Counter(n.rule.split(":", 1)[1] for n in notices if n.rule.startswith("left-out:"))
    fronts = Counter((c.deck, c.front) for c in cards)
    by_fault: Counter = Counter()
    faulty = 0
    for card in cards:
        found = faults(card, fronts)
        by_fault.update(found)
        faulty += bool(found)
    share = 100 * faulty / len(cards) if cards else 0.0
    print(f"\n== {name}: {len(docs)} files, {len(cards)} cards, "
          f"{faulty} with a fault ({share:.1f}%)")
    print("   left out: " + (", ".join(f"{r} {n}" for r, n in left_out.most_common()) or "none"))
    print("   faults:   " + (", ".join(f"{r} {n}" for r, n in by_fault.most_common()) or "none"))
    if sample:
        for i, card in enumerate(rng.sample(cards, min(sample, len(cards))), 1):
            back = " ".join(card.back.split())
            print(f"--- {i} [{card.kind.value}] {card.source}")
            print(f"  Q: {' '.join(card.front.split())[:300]}")
            print(f"  A: {back[:300]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="random cards to print per collection")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verify", action="store_true",
                        help="run the notes' code and formulas first, as a build does (cached after one run)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    collections = [("shipped notes", [ROOT / "notes"])]
    if CORPUS.is_dir():
        collections += [(p.name, [p]) for p in sorted(CORPUS.iterdir()) if p.is_dir()]
    else:
        print(f"(no corpus at {CORPUS}; measuring the shipped notes only)", file=sys.stderr)
    for name, paths in collections:
        measure(name, paths, args.sample, rng, args.verify)


if __name__ == "__main__":
    main()
