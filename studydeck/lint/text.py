"""A notes file's text as read, with its line endings kept, so edits touch only what they change."""

from __future__ import annotations

import re
from dataclasses import dataclass

from studydeck.text import language

# The line breaks markdown-it itself recognises, so line numbers agree with the parser's.
LINE_END = re.compile(r"\r\n|\r|\n")


class NotesText:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.starts = [0]
        self.lines = []
        for match in LINE_END.finditer(raw):
            self.lines.append(raw[self.starts[-1]:match.start()])
            self.starts.append(match.end())
        self.lines.append(raw[self.starts[-1]:])

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) without its line break; "" past the end."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Offsets of lines ``first``..``last`` (1-based, inclusive), line breaks inside kept."""
        return self.starts[first - 1], self.starts[last - 1] + len(self.lines[last - 1])

    def offset(self, number: int) -> int:
        return self.starts[number - 1]


@dataclass(frozen=True)
class Piece:
    """A run of prose on one line, and where it starts in the file (None when the source
    spells it otherwise, e.g. with escapes, so no edit can be placed)."""
    line: int
    text: str
    at: int | None


def is_chinese(text: str, cards: list = ()) -> bool:
    """Whether messages about these notes should be in Chinese: the language their cards were
    asked in (decided once per file), else the text's own."""
    if cards:
        return cards[0].lang == "zh"
    return language(re.sub(r"```.*?```", " ", text, flags=re.S).splitlines()) == "zh"
