"""The per-file cache: what a build reads back from it is what parsing the notes gives."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import NOTES
from studydeck.model import Card
from studydeck.pipeline import Workspace, build

T0 = 1_764_400_000


def _cards(docs) -> list[Card]:
    return [c for d in docs for c in d.cards]


def _fresh_digest(card: Card) -> str:
    """The digest of a card rebuilt from its fields: nothing remembered."""
    return Card.from_dict(json.loads(json.dumps(card.to_dict()))).digest


def test_cards_read_back_carry_the_digests_of_their_content(tmp_path: Path) -> None:
    cold = Workspace.load([NOTES], cache_dir=tmp_path / "cache")
    warm = Workspace.load([NOTES], cache_dir=tmp_path / "cache")
    assert _cards(warm.docs) == _cards(cold.docs)
    assert [c.digest for c in _cards(warm.docs)] == [_fresh_digest(c) for c in _cards(cold.docs)]
    assert [d.cards_digest() for d in warm.docs] == [d.cards_digest() for d in cold.docs]


def test_an_entry_with_a_digest_missing_is_parsed_again(tmp_path: Path) -> None:
    cold = Workspace.load([NOTES], cache_dir=tmp_path / "cache")
    for entry in (tmp_path / "cache" / "files").glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["digests"] = data["digests"][1:]
        entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = Workspace.load([NOTES], cache_dir=tmp_path / "cache")
    assert [c.digest for c in _cards(again.docs)] == [_fresh_digest(c) for c in _cards(cold.docs)]


def test_a_build_from_the_cache_writes_what_a_cold_build_writes(tmp_path: Path) -> None:
    build([NOTES], tmp_path / "cold", now=T0, verify=False, cache_dir=tmp_path / "cache")
    build([NOTES], tmp_path / "warm", now=T0, verify=False, cache_dir=tmp_path / "cache")
    cold = {p.name: p.read_bytes() for p in (tmp_path / "cold").iterdir() if not p.name.startswith(".")}
    warm = {p.name: p.read_bytes() for p in (tmp_path / "warm").iterdir() if not p.name.startswith(".")}
    assert cold and warm == cold
