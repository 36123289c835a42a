"""Render cards as the short text the fixture files pin: one card per block."""

from __future__ import annotations

from pathlib import Path

from studydeck.cards import extract_cards
from studydeck.notes import read_notes

FIXTURES = Path(__file__).parent / "fixtures" / "cards"


def describe(path: Path) -> str:
    outline = read_notes(path, path.name)
    cards, notices = extract_cards(outline)
    out = []
    for card in cards:
        out.append(f"[{card.kind.value}] line {card.source.line} key {card.key} deck {' :: '.join(card.deck)}"
                   + (f" flags {','.join(card.flags)}" if card.flags else "")
                   + (f" sibling {card.sibling}" if card.sibling else ""))
        out.append(f"  Q: {card.front}".replace("\n", "\n     "))
        if card.back:
            out.append(f"  A: {card.back}".replace("\n", "\n     "))
    for notice in notices:
        out.append(f"notice {notice.rule}: {notice}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # regenerate after a deliberate change, then review the diff
    for md in sorted(FIXTURES.glob("*.md")):
        md.with_suffix(".cards").write_text(describe(md), encoding="utf-8")
