"""What lint reports: a finding with its rule, severity, confidence and, when it has one, the edit."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, IntEnum
from pathlib import Path

from studydeck.model import Source


# The rules whose findings carry an edit, the ones --rule can pick.
RULES_WITH_FIXES = ("formula-not-latex", "prose-as-code", "typo")


class Severity(IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, name: str) -> "Severity":
        return cls[name.upper()]


class Confidence(Enum):
    """``certain``: ``--fix`` applies the edit. ``suggestion``: only when the learner picks the
    rule with ``--rule``, because the evidence allows another reading."""

    CERTAIN = "certain"
    SUGGESTION = "suggestion"


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of the file (as read, BOM removed, line endings kept)."""

    start: int
    end: int
    text: str


@dataclass
class Finding:
    source: Source
    severity: Severity
    rule: str
    message: str
    fix: str = ""                        # what to do, in the notes' language
    edit: Edit | None = None             # the change the fix makes, when there is one
    confidence: Confidence = Confidence.SUGGESTION

    @property
    def certain(self) -> bool:
        return self.edit is not None and self.confidence is Confidence.CERTAIN

    def to_dict(self) -> dict:
        return {"source": str(self.source), "line": self.source.line, "severity": self.severity.name.lower(),
                "rule": self.rule, "message": self.message, "fix": self.fix,
                "confidence": self.confidence.value, "fixable": self.certain, "has_edit": self.edit is not None}

    def to_state(self) -> dict:
        """Every field, for a cache to store; :meth:`from_state` reads it back."""
        edit = None if self.edit is None else [self.edit.start, self.edit.end, self.edit.text]
        return {"path": self.source.path, "line": self.source.line, "severity": self.severity.name.lower(),
                "rule": self.rule, "message": self.message, "fix": self.fix, "edit": edit,
                "confidence": self.confidence.value}

    @classmethod
    def from_state(cls, data: dict) -> "Finding":
        edit = None if data["edit"] is None else Edit(*data["edit"])
        return cls(Source(data["path"], data["line"]), Severity.parse(data["severity"]), data["rule"],
                   data["message"], data["fix"], edit, Confidence(data["confidence"]))

    def __str__(self) -> str:
        tail = f" → {self.fix}" if self.fix else ""
        mark = " (suggestion)" if self.edit is not None and not self.certain else ""
        return f"{self.source}: {self.severity.name.lower()}: [{self.rule}] {self.message}{tail}{mark}"


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)    # path -> text as read (BOM removed)
    boms: set[str] = field(default_factory=set)            # paths whose file starts with a BOM
    paths: dict[str, Path] = field(default_factory=dict)   # path as shown -> where it is read from

    def at_least(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity >= severity]
