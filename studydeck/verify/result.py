"""What the verifier found for one card. Kept free of torch so cached results load fast."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from enum import Enum
from typing import Any

from studydeck.model import Source


def fmt_diff(value: float) -> str:
    """|Δ| for people: below rounding noise it is only “< 1e-12”, so the text (and the deck
    that holds it) is the same on every machine."""
    return "< 1e-12" if value < 1e-12 else f"{value:.2g}"


def fmt_pair(ours: float, theirs: float) -> tuple[str, str]:
    """Two values that differ, written with as many digits as it takes to see that they do
    (“1” and “1” for 1 and 1.0000000009 says nothing)."""
    for digits in range(6, 18):
        a, b = f"{ours:.{digits}g}", f"{theirs:.{digits}g}"
        if a != b:
            return a, b
    return a, b


# Reasons a check came out as it did only this time (a timeout, no sandbox): never cached.
TRANSIENT = frozenset({"timeout", "crashed", "budget", "no-sandbox", "bad-report"})


class Verdict(str, Enum):
    AGREES = "agrees"
    DISAGREES = "disagrees"
    UNVERIFIED = "unverified"


@dataclass
class Result:
    """The structured facts of one check. Messages are rendered from these at the edge
    (card, table, JSON, lint); nothing parses ``detail`` back.

    ``reason`` is a stable code for why the verdict is what it is (``no-reference``,
    ``unreadable``, ``not-python``, ``wrong-output``, ``eps-inside-root``, …) and ``facts``
    holds the values a message about it needs.
    """

    uid: str
    source: Source
    concept: str
    verdict: Verdict
    detail: str                      # the English sentence, for logs and --json
    max_abs_diff: float | None = None
    inputs: dict[str, Any] = field(default_factory=dict)
    binding: dict[str, str] = field(default_factory=dict)
    example: str = ""       # a worked example (Markdown) for the card's answer
    fix_at: Source | None = None  # the line to edit, when not the card's own
    reason: str = ""
    facts: dict[str, Any] = field(default_factory=dict)
    reference: str = ""     # what it was compared with: ``torch.optim.Adam``, ``F.gelu``
    notes_value: float | None = None  # at ``inputs``: what the notes give, and torch
    torch_value: float | None = None
    culprits: list[Source] = field(default_factory=list)  # the lines whose change makes it agree
    reading: str = ""       # the reading taken of a formula that lost its markup (LaTeX)
    deprecations: list[dict[str, Any]] = field(default_factory=list)  # {line, call, use} or {line, message}
    configs_checked: list[dict[str, Any]] = field(default_factory=list)
    configs_failing: list[dict[str, Any]] = field(default_factory=list)
    output: str = ""        # what a code block printed, capped

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["verdict"] = self.verdict.value
        data["source"] = self.source.to_dict()
        data["fix_at"] = self.fix_at.to_dict() if self.fix_at else None
        data["culprits"] = [c.to_dict() for c in self.culprits]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Result":
        """Raises ``KeyError``/``TypeError``/``ValueError`` on a damaged entry."""
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in data.items() if k in known}
        data["verdict"] = Verdict(data["verdict"])
        data["source"] = Source.from_dict(data["source"])
        data["fix_at"] = Source.from_dict(data["fix_at"]) if data.get("fix_at") else None
        data["culprits"] = [Source.from_dict(c) for c in data.get("culprits", ())]
        return cls(**data)

    def message(self) -> str:
        where = self.fix_at or self.source
        if self.verdict is Verdict.DISAGREES:
            return f"{where}: {self.concept}: {self.detail}"
        return f"{where}: {self.concept or '—'}: {self.verdict.value}: {self.detail}"
