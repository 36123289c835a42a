"""The cards a quiz asks, made once from the deck's cards for the review store and the session.

A cloze with several numbered blanks is one note with one card per number, as Anki makes
them: the card for c2 shows c1 and c3 filled in. A question the notes do not answer yet is
not asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fnmatch import fnmatch
from typing import Any

from studydeck.errors import StudydeckError
from studydeck.exercise import Exercise
from studydeck.model import Card, CardKind
from studydeck.text import CLOZE as CLOZE_MARK



class EmptySelection(StudydeckError):
    """A --deck or --tag pattern that no card matches."""


@dataclass(frozen=True)
class StudyCard:
    """One card to study: a deck card, or one blank of a cloze that has several."""

    card: Card
    note: str  # the uid of the deck's note: the blanks of one cloze share it
    exercise: Exercise | None = None  # practice with fresh numbers at each review
    checked: str = ""  # what the verifier found, as the answer side shows it (Markdown)

    @property
    def uid(self) -> str:
        return self.card.uid

    @property
    def sibling(self) -> str:
        # Cards that ask the same fact share a group name; older cards have none.
        return getattr(self.card, "sibling", "") or ""

    def to_dict(self) -> dict[str, Any]:
        return {"card": self.card.to_dict(), "note": self.note, "checked": self.checked,
                "exercise": self.exercise.to_dict() if self.exercise else None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "StudyCard":
        """Raises ``KeyError``/``TypeError``/``ValueError`` on a damaged entry."""
        exercise = data["exercise"]
        return cls(Card.from_dict(data["card"]), str(data["note"]),
                   Exercise.from_dict(exercise) if exercise is not None else None, str(data["checked"]))

    def answer(self) -> str:
        """What the card asks for: its blank, or its back."""
        if self.card.kind is CardKind.CLOZE:
            return " … ".join(text for _, text, _ in CLOZE_MARK.findall(self.card.front))
        return self.card.back.strip()


def study_cards(cards: list[Card], checked: dict[str, str] | None = None) -> list[StudyCard]:
    """Every card a quiz can ask, in the notes' order, clozes one per blank number;
    ``checked`` holds the verifier's answer text by card uid."""
    checked = checked or {}
    out = []
    for card in cards:
        if card.kind is not CardKind.CLOZE and not card.back.strip():
            continue  # a question the notes do not answer yet
        out.extend(StudyCard(c, card.uid, checked=checked.get(card.uid, "")) for c in _blanks(card))
    return out


def exercise_cards(exercises: list[Exercise]) -> list[StudyCard]:
    """Exercises as cards to study: each follows the formula it practises."""
    out = []
    for ex in exercises:
        card = Card(kind=CardKind.EXERCISE, key=f"exercise:{ex.card_uid}", doc="", deck=ex.subdeck,
                    front=ex.prompt, back="", source=ex.source, concept=ex.concept, lang=ex.lang)
        out.append(StudyCard(card, card.uid, ex))
    return out


def _blanks(card: Card) -> list[Card]:
    numbers = sorted({int(n) for n, _, _ in CLOZE_MARK.findall(card.front)})
    if card.kind is not CardKind.CLOZE or len(numbers) < 2:
        return [card]  # one blank: the deck's own card, with the deck's own id
    return [replace(card, key=f"{card.key}#c{n}",
                    front=CLOZE_MARK.sub(lambda m, n=n: m.group(0) if int(m.group(1)) == n else m.group(2),
                                         card.front))
            for n in numbers]


def select(study: list[StudyCard], deck: str | None = None, tag: str | None = None) -> list[StudyCard]:
    """The cards matching ``--deck`` and ``--tag``; an error names a pattern that matches nothing."""
    by_deck = [s for s in study if not deck or _deck_matches(s.card, deck)]
    if deck and not by_deck:
        raise EmptySelection(f"--deck {deck!r} matches no deck; decks are named like "
                             f"{_example_deck(study)!r}: change the pattern or leave --deck out")
    chosen = [s for s in by_deck if not tag or _tag_matches(s.card, tag)]
    if tag and not chosen:
        where = f" among the decks matching --deck {deck!r}" if deck else ""
        raise EmptySelection(f"--tag {tag!r} matches no card{where}; tags look like "
                             f"'studydeck::formula' or a heading path: change the pattern or leave --tag out")
    return chosen


def _deck_matches(card: Card, pattern: str) -> bool:
    path = "::".join(card.deck).casefold()
    wanted = pattern.casefold()
    if any(c in pattern for c in "*?["):
        return fnmatch(path, wanted)
    return wanted in path


def _tag_matches(card: Card, tag: str) -> bool:
    wanted = _tag_part(tag)
    return any(t == wanted or t.startswith(wanted + "::") for t in _tags(card))


def _tags(card: Card) -> list[str]:
    """The tags the deck gives the card: its heading path, its kind and its flags."""
    tags = ["::".join(card.deck), f"studydeck::{card.kind.value}", *(f"studydeck::{f}" for f in card.flags)]
    return [_tag_part(t) for t in tags]


def _tag_part(text: str) -> str:
    # Anki tags cannot hold spaces or quotes; the deck writes `_` for them, and either spelling matches.
    return re.sub(r"[\s\"'_]+", "_", text.strip()).strip("_").casefold()


def _example_deck(study: list[StudyCard]) -> str:
    return "::".join(study[0].card.deck) if study else "Notes::Section"
