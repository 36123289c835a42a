"""notes -> outline -> cards -> (verified cards) -> decks/<name>.apkg, with a summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from studydeck.cards import extract_cards
from studydeck.errors import NotesError, StudydeckError
from studydeck.export import ExportResult, write_deck
from studydeck.model import Card, Notice
from studydeck.notes import read_notes

if TYPE_CHECKING:
    from studydeck.verify import Report

NOTE_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class NotesFile:
    path: Path      # where it is read from
    shown: str      # how messages name it: the path as given
    doc: str        # its identity: the name relative to the folder it was found in

    @property
    def label(self) -> str:
        """How the deck names it (the Source field): the same from whichever directory,
        and whether the file or its folder was given."""
        root = self.path.resolve().parents[len(Path(self.doc).parts) - 1]
        return f"{root.name}/{self.doc}" if root.name else self.doc


@dataclass
class DocCards:
    file: NotesFile
    title: str
    cards: list[Card]
    notices: list[Notice]


@dataclass
class BuildResult:
    docs: list[DocCards] = field(default_factory=list)
    exports: list[ExportResult] = field(default_factory=list)
    report: "Report | None" = None

    @property
    def cards(self) -> list[Card]:
        return [c for d in self.docs for c in d.cards]

    @property
    def notices(self) -> list[Notice]:
        return [n for d in self.docs for n in d.notices]

    def kinds(self) -> Counter:
        return Counter(c.kind.value for c in self.cards)


def find_notes(paths: list[Path]) -> list[NotesFile]:
    """Expand folders to their Markdown files, sorted; name each for messages and identity."""
    found: list[NotesFile] = []
    for path in paths:
        shown = path.as_posix()
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in NOTE_SUFFIXES and p.is_file())
            if not files:
                raise NotesError(f"{shown}: no Markdown (.md) files in this folder")
            for f in files:
                found.append(NotesFile(f, f.as_posix(), f.relative_to(path).as_posix()))
        elif path.exists():
            found.append(NotesFile(path, shown, path.name))
        else:
            raise NotesError(f"{shown}: no such file or folder; check the path")
    return found


def collect(paths: list[Path]) -> list[DocCards]:
    docs = []
    for nf in find_notes(paths):
        outline = read_notes(nf.path, nf.shown)
        cards, notices = extract_cards(outline, nf.doc)
        docs.append(DocCards(nf, outline.title, cards, notices))
    return docs


def deck_file_name(doc: str) -> str:
    stem = doc.rsplit(".", 1)[0]
    return stem.replace("/", "__")


class VerificationFailed(StudydeckError):
    """--strict: some card disagrees with PyTorch; nothing was written."""


def build(paths: list[Path], out_dir: Path, *, now: int, verify: bool = True, strict: bool = False,
          device: str = "auto", cache_path: Path | None = None) -> BuildResult:
    """Build one ``.apkg`` per notes file into ``out_dir``; ``now`` stamps changed notes.

    With ``verify`` every formula and code card is checked with torch first and carries its
    verdict and worked example; with ``strict`` a disagreement stops the build before any
    deck is written.
    """
    result = BuildResult(docs=collect(paths))
    if verify:
        from studydeck.verify import apply, verify as run_verify

        report = run_verify(result.cards, device=device, cache_path=cache_path)
        result.report = report
        for doc in result.docs:
            doc.cards = apply(doc.cards, report)
        if strict and report.disagreements:
            first = report.disagreements[0]
            raise VerificationFailed(
                f"{len(report.disagreements)} card(s) disagree with PyTorch, first {first.message()}; "
                "fix the notes or build without --strict")
    for doc in result.docs:
        name = deck_file_name(doc.file.doc)
        export = write_deck(doc.cards, out_dir / f"{name}.apkg", out_dir / f"{name}.state.json",
                            now=now, base_dir=doc.file.path.parent, label=doc.file.label)
        for card, src in export.missing_media:
            doc.notices.append(Notice(card.source, "missing-image",
                                      f"image “{src}” not found; fix the path or add the file"))
        result.exports.append(export)
    return result
