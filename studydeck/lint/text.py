"""A notes file's text as read, with its line endings kept, so edits touch only what they change."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate

from studydeck.text import language

# The line breaks markdown-it itself recognises, so line numbers agree with the parser's.
LINE_END = re.compile(r"\r\n|\r|\n")


class NotesText:
    def __init__(self, raw: str) -> None:
        self.raw = raw

    # Split when first asked for: most files linted from the cache never are.
    @cached_property
    def lines(self) -> list[str]:
        """The lines, without their line breaks."""
        return self.raw.split("\n") if "\r" not in self.raw else self._any_breaks[0]

    @cached_property
    def starts(self) -> list[int]:
        """Where each line starts in the text."""
        if "\r" in self.raw:
            return self._any_breaks[1]
        before = accumulate((len(line) for line in self.lines), initial=0)  # each break one "\n"
        return [at + i for i, at in zip(range(len(self.lines)), before)]

    @cached_property
    def _any_breaks(self) -> tuple[list[str], list[int]]:
        starts, lines = [0], []
        for match in LINE_END.finditer(self.raw):
            lines.append(self.raw[starts[-1]:match.start()])
            starts.append(match.end())
        lines.append(self.raw[starts[-1]:])
        return lines, starts

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
