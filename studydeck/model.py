"""Value objects shared by every stage: where a thing came from, and the cards."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from enum import Enum
from typing import Any

from studydeck.text import normalize_name


@dataclass(frozen=True, order=True)
class Source:
    """A place in the notes: a path (as the user gave it, POSIX style) and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Source":
        return cls(path=str(data["path"]), line=int(data["line"]))


class CardKind(str, Enum):
    DEFINITION = "definition"
    PARAMETER = "parameter"
    STEPS = "steps"
    FORMULA = "formula"
    CODE = "code"
    QUESTION = "question"
    CLOZE = "cloze"
    MANUAL = "manual"
    EXERCISE = "exercise"


@dataclass(frozen=True)
class Notice:
    """Something the learner should know about the notes; never fatal."""

    source: Source
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True)
class Card:
    """One note in the deck: what the notes say, never what a later stage found (the
    verifier's verdicts travel beside the cards as results).

    ``front``/``back``/``extra`` hold Markdown (with ``$…$`` math) exactly as the notes
    wrote it; rendering to HTML happens at export. A cloze card keeps its cloze text,
    with ``{{c1::…}}`` markers, in ``front``.
    """

    kind: CardKind
    key: str
    doc: str
    deck: tuple[str, ...]
    front: str
    back: str
    source: Source
    extra: str = ""
    concept: str = ""
    formulas: tuple[str, ...] = ()
    plain_formula: bool = False
    code: str = ""
    language: str = ""
    flags: tuple[str, ...] = ()
    # Symbol bindings the notes themselves state, e.g. (("lr", "\\gamma"),).
    symbols: tuple[tuple[str, str], ...] = ()
    # Formulas of the enclosing items that govern this one (`\text{if } \mu \neq 0:`).
    guards: tuple[str, ...] = ()
    # The notes' language, decided once per file: every prompt and verdict on the card uses it.
    lang: str = "en"
    # A parameter card's facts, for the verifier: the name and the default the notes state.
    param: str = ""
    default: str | None = None
    # Cards that ask the same fact share a sibling group; the quiz buries the others.
    sibling: str = ""
    # The key an earlier version of studydeck gave this card, so a state file written then
    # keeps the note's GUID (and its review history in Anki).
    legacy_key: str = ""

    @property
    def legacy_uid(self) -> str | None:
        return _uid(self.doc, self.deck, self.kind, self.legacy_key) if self.legacy_key else None

    @cached_property
    def uid(self) -> str:
        """Stable identity: document, deck path and key, never the text.

        ``doc`` is the notes file's name relative to the folder it was found in, so the
        identity does not depend on the directory a build runs from.
        """
        return _uid(self.doc, self.deck, self.kind, self.key)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in _field_names(type(self)):
            value = getattr(self, name)
            if isinstance(value, Source):
                value = value.to_dict()
            elif isinstance(value, CardKind):
                value = value.value
            elif isinstance(value, tuple):
                value = [list(v) if isinstance(v, tuple) else v for v in value]
            out[name] = value
        return out

    @cached_property
    def json(self) -> str:
        """``to_dict()`` as JSON with sorted keys, made once per card: the digests and caches
        of a file's cards are made of it, and a card that a later step replaces is the only
        one encoded again."""
        data = {name: getattr(self, name) for name in _field_names(type(self))}
        data["kind"], data["source"] = self.kind.value, self.source.to_dict()
        return _CARD_JSON.encode(data)  # tuples encode as the lists to_dict() makes of them

    @cached_property
    def digest(self) -> str:
        """A digest of the card's content (of :attr:`json`)."""
        return hashlib.sha256(self.json.encode("utf-8", "surrogateescape")).hexdigest()

    def known_digest(self, digest: str) -> "Card":
        """This card, given the :attr:`digest` it was stored with (by this version)."""
        self.__dict__["digest"] = digest
        return self

    def __getstate__(self) -> dict[str, Any]:
        # a card sent to another process takes its digest, not the longer JSON it was made from
        state = self.__dict__
        return {k: v for k, v in state.items() if k != "json"} if "json" in state else state

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Card":
        """Fields this version does not know (written by an older one) are left out."""
        known = _field_names(cls)
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["kind"] = CardKind(data["kind"])
        kwargs["source"] = Source.from_dict(data["source"])
        for name in ("deck", "formulas", "flags", "guards"):
            kwargs[name] = tuple(data.get(name, ()))
        kwargs["symbols"] = tuple(tuple(pair) for pair in data.get("symbols", ()))
        return cls(**kwargs)


_CARD_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _uid(doc: str, deck: tuple[str, ...], kind: CardKind, key: str) -> str:
    ident = "\x1f".join((doc, _deck_ident(deck), kind.value, key))
    return hashlib.sha1(ident.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=1 << 12)  # a section's cards share their deck path
def _deck_ident(deck: tuple[str, ...]) -> str:
    return "::".join(normalize_name(p) for p in deck)
