"""What the verifier found for one card. Kept free of torch so cached results load fast."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

from studydeck.model import Source


def fmt_diff(value: float) -> str:
    """|Δ| for people: below rounding noise it is only “< 1e-12”, so the text (and the deck
    that holds it) is the same on every machine."""
    return "< 1e-12" if value < 1e-12 else f"{value:.2g}"


class Verdict(str, Enum):
    AGREES = "agrees"
    DISAGREES = "disagrees"
    UNVERIFIED = "unverified"


@dataclass
class Result:
    uid: str
    source: Source
    concept: str
    verdict: Verdict
    detail: str
    max_abs_diff: float | None = None
    inputs: dict[str, Any] = field(default_factory=dict)
    binding: dict[str, str] = field(default_factory=dict)
    example: str = ""       # a worked example (Markdown) for the card's answer
    fix_at: Source | None = None  # the line to edit, when not the card's own

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["verdict"] = self.verdict.value
        data["source"] = self.source.to_dict()
        data["fix_at"] = self.fix_at.to_dict() if self.fix_at else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Result":
        data = dict(data)
        data["verdict"] = Verdict(data["verdict"])
        data["source"] = Source.from_dict(data["source"])
        data["fix_at"] = Source.from_dict(data["fix_at"]) if data.get("fix_at") else None
        return cls(**data)

    def message(self) -> str:
        where = self.fix_at or self.source
        if self.verdict is Verdict.DISAGREES:
            return f"{where}: {self.concept}: {self.detail}"
        return f"{where}: {self.concept or '—'}: {self.verdict.value}: {self.detail}"
