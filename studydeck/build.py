"""notes -> outline -> cards -> (verified cards) -> decks/<name>.apkg, with a summary."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from studydeck.cards import extract_cards
from studydeck.errors import NotesError, StudydeckError
from studydeck.export import ExportResult, write_deck
from studydeck.model import Card, CardKind, Notice, normalize_name
from studydeck.notes import CJK, Outline, iter_sections, read_notes

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
    outline: Outline | None = None


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
        docs.append(DocCards(nf, outline.title, cards, notices, outline))
    link_answers(docs)
    return docs


def _question_key(text: str) -> str:
    return re.sub(r"[，,。？?！!、：:\s]", "", text).casefold()


def link_answers(docs: list[DocCards]) -> None:
    """Give each unanswered question an answer: a section elsewhere whose heading is the
    question (that card then stands in for it), or the section of the same notes the
    question is about (“激活函数的区别” -> “激活函数”)."""
    from studydeck.mindmap.tree import question_topic, summary_outline

    answers = {_question_key(c.front): (c, d) for d in docs for c in d.cards
               if c.kind is CardKind.QUESTION and c.back.strip() and "mindmap" in c.flags}
    used: set[str] = set()
    for doc in docs:
        sections = {normalize_name(s.title): s for _, s in iter_sections(doc.outline.root)} if doc.outline else {}
        linked = []
        for card in doc.cards:
            if card.kind is CardKind.QUESTION and "needs-answer" in card.flags:
                flags = tuple(f for f in card.flags if f != "needs-answer")
                flags = flags if "mindmap" in flags else flags + ("mindmap",)
                found, where = answers.get(_question_key(card.front), (None, None))
                section = sections.get(normalize_name(question_topic(card.front)))
                said = "答案取自" if CJK.search(card.front) else "Answer from"
                if found is not None and found.uid != card.uid:
                    used.add(found.uid)
                    card = replace(card, back=found.back, flags=flags,
                                   extra=f"{said} {where.file.label}:{found.source.line}")
                elif section is not None and summary_outline(section):
                    card = replace(card, back=summary_outline(section), flags=flags,
                                   extra=f"{said} {doc.file.label}:{section.source.line}")
            linked.append(card)
        doc.cards = linked
    for doc in docs:
        doc.cards = [c for c in doc.cards if c.uid not in used]


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
        if not doc.cards:
            continue  # e.g. a file of answers that all stand in for questions elsewhere
        name = deck_file_name(doc.file.doc)
        export = write_deck(doc.cards, out_dir / f"{name}.apkg", out_dir / f"{name}.state.json",
                            now=now, base_dir=doc.file.path.parent, label=doc.file.label,
                            verified_on=result.report.device if result.report else None)
        for card, src in export.missing_media:
            doc.notices.append(Notice(card.source, "missing-image",
                                      f"image “{src}” not found; fix the path or add the file"))
        result.exports.append(export)
    return result
