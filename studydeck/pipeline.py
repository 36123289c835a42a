"""The one pipeline every command uses: notes → outline → cards → verdicts → decks.

A :class:`Workspace` finds the notes, reads each file once (or takes its cards from the
per-file cache when the file has not changed), links questions to their answers, verifies
on demand (once), and hands the same cards and verdicts to the deck writer, lint, the quiz
and the mind map. The commands in ``cli.py`` build one and call one method.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from studydeck.cache import FileCache, installed_version, tool_version
from studydeck.errors import NotesError, OutputError, StudydeckError
from studydeck.model import Card, CardKind, Notice, Source
from studydeck.text import atomic_write, clean_name, language, normalize_name, say

if TYPE_CHECKING:
    from studydeck.lint import FileScan, LintResult
    from studydeck.mindmap.tree import Node
    from studydeck.exercise import Exercise
    from studydeck.export import ExportResult
    from studydeck.notes import Outline
    from studydeck.verify import Report
    from studydeck.verify.result import Result

NOTE_SUFFIXES = (".md", ".markdown", ".rmd", ".qmd")  # (R Markdown and Quarto are Markdown too)
MAX_NOTES_BYTES = 32 << 20  # a notes file larger than this is not notes
MANIFEST = ".studydeck-build.json"
CACHE_KEEP = 5000  # cached files at least: old versions of notes go first


@dataclass(frozen=True)
class NotesFile:
    path: Path      # where it is read from
    shown: str      # how messages name it: the path as given
    doc: str        # its identity: the name relative to the folder it was found in
    root: Path      # the folder it was found in (resolved): nothing outside it goes into a deck

    @property
    def label(self) -> str:
        """How the deck names it (the Source field): the same from whichever directory,
        and whether the file or its folder was given."""
        return f"{self.root.name}/{self.doc}" if self.root.name else self.doc


@dataclass
class Doc:
    """One notes file and what it gave."""

    file: NotesFile
    title: str
    cards: list[Card]
    notices: list[Notice]
    # normalized section title -> (its summary outline, its line): what a question about it links to
    sections: dict[str, tuple[str, int]] = field(default_factory=dict)
    _outline: "Outline | None" = None
    # what lint reads from the text, found while it was parsed for the cards (None from the cache)
    scan: "FileScan | None" = None
    _digest: tuple[list[Card], str] | None = None  # the cards it was taken of, and the digest

    def cards_digest(self) -> str:
        """A digest of the cards' content (what a deck and lint's cache depend on), taken once
        while the cards stay the same objects."""
        seen = self._digest
        if seen is None or len(seen[0]) != len(self.cards) or any(a is not b for a, b in zip(seen[0], self.cards)):
            self._digest = seen = (list(self.cards), cards_digest(self.cards))
        return seen[1]

    @property
    def outline(self) -> "Outline":
        """The parsed outline; parsed now if the cards came from the cache."""
        if self._outline is None:
            from studydeck.notes import read_notes

            self._outline = read_notes(self.file.path, self.file.shown)
        return self._outline


def cards_digest(cards: list[Card]) -> str:
    return hashlib.sha256(" ".join(c.digest for c in cards).encode()).hexdigest()


@dataclass
class BuildResult:
    docs: list[Doc] = field(default_factory=list)
    exports: list["ExportResult"] = field(default_factory=list)
    report: "Report | None" = None

    @property
    def cards(self) -> list[Card]:
        return [c for d in self.docs for c in d.cards]

    @property
    def notices(self) -> list[Notice]:
        return [n for d in self.docs for n in d.notices]

    def kinds(self) -> Counter:
        return Counter(c.kind.value for c in self.cards)


class VerificationFailed(StudydeckError):
    """--strict: some card disagrees with PyTorch; nothing was written."""


# -- finding the notes -------------------------------------------------------------------

def find_notes(paths: list[Path]) -> tuple[list[NotesFile], list[Notice]]:
    """Expand folders to their Markdown files, sorted; name each for messages and identity.

    A notes file that resolves outside the folder it was found in (a symlink to elsewhere)
    is not read: it is named in a notice instead.
    """
    found: list[NotesFile] = []
    notices: list[Notice] = []
    for path in paths:
        shown = _shown(path)
        if path.is_dir():
            root = path.resolve()
            files = sorted(_walk(path), key=lambda p: p.as_posix())
            if not files:
                raise NotesError(f"{shown}: no Markdown files (.md, .markdown, .Rmd, .qmd) in this folder")
            for f in files:
                nf = NotesFile(f, _shown(f), _shown(f.relative_to(path)), root)
                try:
                    inside = f.resolve().is_relative_to(root)
                except (OSError, RuntimeError):
                    inside = False
                if not inside:
                    notices.append(Notice(Source(nf.shown, 1), "outside-notes",
                                          f"{nf.shown} links to a file outside {shown}; it is not read. "
                                          "Copy the file into the folder instead of linking it"))
                    continue
                found.append(nf)
        elif path.exists():
            found.append(NotesFile(path, shown, _shown(Path(path.name)), path.resolve().parent))
        else:
            raise NotesError(f"{shown}: no such file or folder; check the path")
    return found, notices


def _walk(folder: Path):
    """Markdown files below ``folder``; folder symlinks are not followed (no loops). The Markdown that R Markdown or
    Quarto renders beside its source (``hw.md`` beside ``hw.Rmd``) is the source's output: the source is read."""
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        sources = {name.rsplit(".", 1)[0].casefold() for name in files if name.lower().endswith((".rmd", ".qmd"))}
        for name in files:
            if name.lower().endswith((".md", ".markdown")) and name.rsplit(".", 1)[0].casefold() in sources:
                continue
            if name.lower().endswith(NOTE_SUFFIXES) and not name.startswith("."):
                path = Path(here) / name
                if path.is_file():
                    yield path


def _shown(path: Path) -> str:
    """A path as messages show it: bytes that are not UTF-8 as escapes, never a crash."""
    return path.as_posix().encode("utf-8", "backslashreplace").decode("utf-8")


# -- reading them, once ------------------------------------------------------------------

def read_bytes(nf: NotesFile) -> bytes:
    try:
        if nf.path.stat().st_size > MAX_NOTES_BYTES:
            raise NotesError(f"{nf.shown}: larger than {MAX_NOTES_BYTES >> 20} MB; split the notes into files")
        return nf.path.read_bytes()
    except IsADirectoryError:
        raise NotesError(f"{nf.shown}: is a directory, expected a Markdown file") from None
    except OSError as exc:
        raise NotesError(f"{nf.shown}: cannot be read ({exc.strerror}); check its permissions") from None


def _file_key(nf: NotesFile, raw: bytes) -> str:
    head = json.dumps([tool_version(), nf.shown, nf.doc], ensure_ascii=False).encode()
    return hashlib.sha256(head + b"\0" + raw).hexdigest()


def _error_line(message: str, shown: str) -> int:
    match = re.match(re.escape(shown) + r":(\d+):", message)
    return int(match.group(1)) if match else 1


def _cached_doc(nf: NotesFile, key: str, cache: FileCache | None) -> Doc | None:
    hit = cache.get(key) if cache else None
    if hit is not None:
        try:
            cards, digests = hit["cards"], hit["digests"]
            if len(digests) != len(cards) or not all(isinstance(d, str) and len(d) == 64 for d in digests):
                return None
            return Doc(nf, hit["title"], [Card.from_dict(c).known_digest(d) for c, d in zip(cards, digests)],
                       [Notice(Source.from_dict(n["source"]), n["rule"], n["message"]) for n in hit["notices"]],
                       {k: (v[0], int(v[1])) for k, v in hit["sections"].items()})
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a damaged entry is only a slower build
    return None


@lru_cache(maxsize=1 << 12)  # (a file names the same terms again and again)
def _names_torch_callable(name: str) -> bool:
    """Whether a table's row names a torch callable (“RMSprop”, “StepLR”, “nn.LSTM”)."""
    from studydeck.verify.registry import lookup

    return lookup(name) is not None


def _parse_doc(nf: NotesFile, raw: bytes, key: str, cache: FileCache | None, scan: bool = False) -> Doc:
    """Parse one file for its cards; with ``scan``, read it for lint too, from the same parse."""
    from studydeck.cards import extract_cards
    from studydeck.mindmap.tree import summary_outline
    from studydeck.notes import decode_notes, iter_sections, parse_notes

    text = decode_notes(raw, nf.shown)
    lint_tokens = None
    if scan:
        from studydeck.lint.tokens import parse_both

        tokens, lint_tokens = parse_both(text)
        outline = parse_notes(text, nf.shown, tokens)
        del tokens
    else:
        outline = parse_notes(text, nf.shown)
    cards, notices = extract_cards(outline, nf.doc, callable_named=_names_torch_callable)
    sections = {}
    for _, section in iter_sections(outline.root):
        summary = summary_outline(section)
        if summary:
            sections.setdefault(normalize_name(section.title), (summary, section.source.line))
    doc = Doc(nf, outline.title, cards, notices, sections, outline)
    if lint_tokens is not None:
        from studydeck.lint import scan_file

        doc.scan = scan_file(text, outline, lint_tokens)
    doc.cards_digest()  # here, where the cards are made: in a worker of its own when there are many
    if cache is not None:
        rest = json.dumps({"title": doc.title,
                           "notices": [{"source": n.source.to_dict(), "rule": n.rule, "message": n.message}
                                       for n in notices],
                           "sections": {k: list(v) for k, v in sections.items()}}, ensure_ascii=False)
        # the cards as each already is in JSON, rather than encoding them again; with their
        # digests, so a build that reads them back need not encode them either
        cache.put_text(key, '{"cards": [' + ", ".join(c.json for c in cards) + '], "digests": ' +
                       json.dumps([c.digest for c in cards]) + ", " + rest[1:])
    return doc


def _read_docs(files: list[NotesFile], cache: FileCache | None, scan: bool) -> list["Doc | NotesError"]:
    """Each file's :class:`Doc` (or why it cannot be read), in order: from the cache, else
    parsed; a large amount to parse is spread over the cores."""
    out: list[Doc | NotesError | None] = []
    todo: list[tuple[int, NotesFile, bytes, str]] = []
    for nf in files:
        try:
            raw = read_bytes(nf)
        except NotesError as exc:
            out.append(exc)
            continue
        key = _file_key(nf, raw)
        doc = _cached_doc(nf, key, cache)
        if doc is None:
            todo.append((len(out), nf, raw, key))
        out.append(doc)
    workers = _workers(len(todo), sum(len(job[2]) for job in todo) >= PARALLEL_BYTES)
    if workers > 1:
        # imported once here, not once in each worker
        import studydeck.cards  # noqa: F401
        import studydeck.mindmap.tree  # noqa: F401
        if scan:
            import studydeck.lint  # noqa: F401
        done = _fork_map(_parse_job, [(job, cache, scan, True) for job in todo], workers,
                         [len(job[2]) for job in todo])
    else:
        with _fewer_collections():
            done = [_parse_job((job, cache, scan, False)) for job in todo]
    for job, doc in zip(todo, done):
        out[job[0]] = doc
    return out


def _parse_job(args: tuple) -> "Doc | NotesError":
    (_, nf, raw, key), cache, scan, forked = args
    try:
        doc = _parse_doc(nf, raw, key, cache, scan)
    except NotesError as exc:
        return exc
    except Exception as exc:  # a fault of studydeck's on notes no rule foresaw: build the other files
        lang = language([raw[:4096].decode("utf-8", "replace")])
        return NotesError(f"{nf.shown}:1: " + say(
            lang, "studydeck 读这个文件时出错（{error}），其余笔记照常生成；这是 studydeck 的缺陷，请附上这个文件报告",
            "studydeck failed on this file ({error}); the other notes were built. This is a studydeck bug: "
            "please report it with this file", error=f"{type(exc).__name__}: {exc}"))
    if forked:
        doc._outline = None  # parsed again if asked for: cheaper than sending it back
    return doc


# -- using the cores ---------------------------------------------------------------------

# Less work than this is done sooner in one process than in several forked ones.
PARALLEL_BYTES = 256 << 10  # of notes to parse
PARALLEL_CARDS = 2000       # to write into decks


def _workers(tasks: int, large: bool) -> int:
    """How many processes share ``tasks``. One unless the work is ``large`` enough to pay for
    the forks, the platform forks cleanly (Linux) and torch is not loaded (its threads do not
    survive a fork). ``STUDYDECK_JOBS=N`` sets the number however large the work;
    ``STUDYDECK_JOBS=1`` never forks."""
    wanted = os.environ.get("STUDYDECK_JOBS", "").strip()
    if wanted.isdigit():
        count = int(wanted)
    elif not large:
        return 1
    else:
        count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if count < 2 or tasks < 2 or not sys.platform.startswith("linux") or "torch" in sys.modules:
        return 1
    return min(count, tasks)


_FORKED: tuple | None = None  # (function, arguments) the forked workers inherit


def _fork_map(fn: Callable[[Any], Any], items: list, workers: int, weights: list[int] | None = None) -> list:
    """``[fn(x) for x in items]`` in ``workers`` forked processes, heaviest first. The items are
    inherited through the fork, not sent; each result comes back pickled."""
    global _FORKED
    import multiprocessing

    order = sorted(range(len(items)), key=lambda i: -weights[i]) if weights else list(range(len(items)))
    out: list = [None] * len(items)
    _FORKED = (fn, items)
    collecting = gc.isenabled()
    gc.freeze()  # the workers never scan (nor copy, by touching) what they inherit
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_start) as pool:
            gc.disable()  # unpickling many small objects into a large heap: collections would dominate
            for i, result in pool.imap_unordered(_forked_call, order, chunksize=1):
                out[i] = result
    finally:
        _FORKED = None
        gc.unfreeze()
        if collecting:
            gc.enable()
    return out


# Parsing and deck writing make many small objects and keep most of them (tokens, cards,
# fields): with the default thresholds the collector would scan them again and again (a
# tenth of a build's time in one process).
FEWER_COLLECTIONS = (20_000, 20, 20)


def _worker_start() -> None:
    gc.set_threshold(*FEWER_COLLECTIONS)  # a short-lived worker: it keeps them until it ends


@contextmanager
def _fewer_collections():
    """The workers' collection thresholds, for the same work done in this process."""
    before = gc.get_threshold()
    gc.set_threshold(*FEWER_COLLECTIONS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _forked_call(i: int) -> tuple[int, Any]:
    fn, items = _FORKED
    return i, fn(items[i])


# -- questions and their answers ---------------------------------------------------------

def _question_key(text: str) -> str:
    return re.sub(r"[，,。？?！!、：:\s]", "", text).casefold()


QUESTION_WORDS = re.compile(r"^(如何|怎么|怎样|为什么|为何|什么是)|(的区别|区别|有哪些|是什么|的异同|[？?。])$")


def question_topic(question: str) -> str:
    """“激活函数的区别” -> “激活函数”: what a question asks about."""
    topic = question.strip()
    for _ in range(3):
        topic = QUESTION_WORDS.sub("", topic).strip()
    return topic


def link_answers(docs: list[Doc]) -> None:
    """Give each unanswered question an answer: a section elsewhere whose heading is the
    question (that card then stands in for it), or the section of the same notes the
    question is about (“激活函数的区别” -> “激活函数”)."""
    answers = {_question_key(c.front): (c, d) for d in docs for c in d.cards
               if c.kind is CardKind.QUESTION and c.back.strip() and "mindmap" in c.flags}
    used: set[str] = set()
    for doc in docs:
        linked = []
        for card in doc.cards:
            if card.kind is CardKind.QUESTION and "needs-answer" in card.flags:
                flags = tuple(f for f in card.flags if f != "needs-answer")
                flags = flags if "mindmap" in flags else flags + ("mindmap",)
                found, where = answers.get(_question_key(card.front), (None, None))
                section = doc.sections.get(normalize_name(question_topic(card.front)))
                said = say(card.lang, "答案取自", "Answer from")
                if found is not None and found.uid != card.uid:
                    used.add(found.uid)
                    card = replace(card, back=found.back, flags=flags,
                                   extra=f"{said} {where.file.label}:{found.source.line}")
                elif section is not None:
                    card = replace(card, back=section[0], flags=flags, extra=f"{said} {doc.file.label}:{section[1]}")
            linked.append(card)
        doc.cards = linked
    for doc in docs:
        doc.cards = [c for c in doc.cards if c.uid not in used]


def deck_file_name(doc: str) -> str:
    stem = clean_name(doc.rsplit(".", 1)[0])
    return re.sub(r"[\\:*?\"<>|\x00-\x1f]", "_", stem.replace("/", "__")) or "notes"


# -- the workspace -----------------------------------------------------------------------

def default_cache_dir() -> Path:
    base = os.environ.get("STUDYDECK_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "studydeck")
    return Path(base)


class Workspace:
    """The notes a command works on, read once; verdicts computed once, on demand."""

    def __init__(self, docs: list[Doc], notices: list[Notice], cache_dir: Path | None) -> None:
        self.docs = docs
        self.notices_found = notices
        self.cache_dir = cache_dir
        self._report: "Report | None" = None
        self._report_key: tuple | None = None
        self._settled = False
        self._caches: dict[str, FileCache] = {}

    def _cache(self, name: str) -> FileCache | None:
        """The cache folder ``name`` of this run (one object, so what it wrote can be pruned)."""
        if self.cache_dir is None:
            return None
        return self._caches.setdefault(name, FileCache(self.cache_dir / name))

    def _prune(self, name: str) -> None:
        """Entries of old versions of the notes go once the cache holds more than it needs."""
        cache = self._caches.get(name)
        if cache is not None and cache.written:
            cache.prune(keep=max(CACHE_KEEP, 4 * len(self.docs)))
            cache.written = False

    @classmethod
    def load(cls, paths: list[Path], *, cache_dir: Path | None = None, scan: bool = False) -> "Workspace":
        """Read the notes (``scan``: for lint too, from the same parse: a command that lints)."""
        files, notices = find_notes(paths)
        cache = FileCache(cache_dir / "files") if cache_dir is not None else None
        docs: list[Doc] = []
        errors: list[NotesError] = []
        for nf, got in zip(files, _read_docs(files, cache, scan)):
            if isinstance(got, Doc):
                docs.append(got)
            else:  # one bad file: say so, build the rest
                exc = got
                errors.append(exc)
                notices.append(Notice(Source(nf.shown, _error_line(str(exc), nf.shown)), "unreadable",
                                      str(exc).removeprefix(f"{nf.shown}:").lstrip("0123456789:").strip()))
        if errors and not docs:
            raise errors[0]
        if cache is not None:
            cache.prune(keep=max(CACHE_KEEP, 4 * len(files)))
        link_answers(docs)
        for doc in docs:
            if any(c.kind is CardKind.QUESTION and not c.back.strip() for c in doc.cards):
                from studydeck.gates import unanswered  # its patterns cost a quiz's start otherwise

                doc.cards, left_out = unanswered(doc.cards)
                doc.notices.extend(left_out)
        return cls(docs, notices, cache_dir)

    @property
    def cards(self) -> list[Card]:
        return [c for d in self.docs for c in d.cards]

    @property
    def notices(self) -> list[Notice]:
        return self.notices_found + [n for d in self.docs for n in d.notices]

    def verify(self, *, device: str = "auto", cached_only: bool = False,
               progress: Callable[[int, int], None] | None = None, **options: Any) -> "Report":
        """Every formula and code card checked (or, ``cached_only``, what the cache knows:
        never imports torch)."""
        key = (device, cached_only, tuple(sorted(options.items())))
        if self._report is None or self._report_key != key:
            from studydeck.verify import verify as run_verify

            cache_path = self.cache_dir / "verify" if self.cache_dir is not None else None
            self._report = run_verify(self.cards, device=device, cache_path=cache_path, cached_only=cached_only,
                                      progress=progress, **options)
            if cache_path is not None and not cached_only:
                try:  # the one file earlier versions kept every verdict in, read by none now
                    (self.cache_dir / "verify.json").unlink(missing_ok=True)
                except OSError:
                    pass  # only space not given back
            self._report_key = key
        return self._report

    def settle(self) -> None:
        """Leave out the code cards whose answer was to come from running them and did not
        (see :func:`studydeck.gates.unrun`), with what the verifier knows now. Once."""
        if self._settled:
            return
        results = self.results()
        for doc in self.docs:
            if not any(f in ("computed-output", "asks-output") or f.startswith(("leans-on:", "checked-only:", "signature:"))
                       for c in doc.cards for f in c.flags):
                continue
            from studydeck.gates import unrun  # its patterns cost a quiz's start otherwise

            kept, left_out = unrun(doc.cards, results)
            if left_out:
                # the kept cards are the digested ones less those left out: say which, rather
                # than digest every card again
                still = {id(c) for c in kept}
                gone = sorted(c.uid for c in doc.cards if id(c) not in still)
                digest = hashlib.sha256("\n".join([doc.cards_digest(), *gone]).encode()).hexdigest()
                doc.cards, doc._digest = kept, (list(kept), digest)
            doc.notices.extend(left_out)
        self._settled = True

    def results(self) -> dict[str, "Result"]:
        """The verdict of each card, by uid (empty before :meth:`verify`)."""
        out: dict[str, Result] = {}
        for result in self._report.results if self._report else ():
            out.setdefault(result.uid, result)
        return out

    def lint(self, *, allow_torch: bool = True) -> "LintResult":
        """Lint every file, with what the verifier already knows (its cache, or this run)."""
        from studydeck.lint import lint as run_lint

        report = self._report or self.verify(cached_only=True)
        self.settle()
        found = run_lint(self.docs, results=report.results, allow_torch=allow_torch, cache=self._cache("lint"))
        self._prune("lint")
        return found

    def mindmap(self, section: str | None = None, name: str = "notes") -> "Node":
        """The notes as a mind-map tree, or one section of them."""
        from studydeck.mindmap.tree import outlines_tree

        return outlines_tree([d.outline for d in self.docs], section, name)

    def exercises(self, doc: Doc, *, device: str = "auto", cached_only: bool = False) -> list["Exercise"]:
        """Exercise cards for the formulas of ``doc`` that agree with torch (after
        :meth:`verify`), cached by the cards and their verdicts: a rebuild needs no torch."""
        from studydeck.exercise import Exercise

        results = self.results()
        mine = [results[c.uid].to_dict() for c in doc.cards if c.uid in results]
        if not any(r["verdict"] == "agrees" for r in mine):
            return []
        payload = json.dumps([tool_version(), _torch_version(), self._report.device if self._report else device,
                              [c.to_dict() for c in doc.cards], mine], ensure_ascii=False, sort_keys=True)
        key = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        cache = self._cache("exercises")
        hit = cache.get(key) if cache else None
        if hit is not None:
            try:
                return [Exercise.from_dict(e) for e in hit["exercises"]]
            except (KeyError, TypeError, ValueError, AttributeError):
                pass
        if cached_only:
            return []
        from studydeck.verify.exercises import make_exercises
        from studydeck.verify.run import resolve_device

        made = make_exercises(doc.cards, [results[c.uid] for c in doc.cards if c.uid in results],
                              device=resolve_device(device))
        if cache is not None:
            cache.put(key, {"exercises": [e.to_dict() for e in made]})
        return made

    def build(self, out_dir: Path, *, now: int, verify: bool = True, strict: bool = False,
              device: str = "auto", exercises: bool = True, progress: Callable[[int, int], None] | None = None,
              **options: Any) -> BuildResult:
        """One ``.apkg`` per notes file into ``out_dir``; ``now`` stamps changed notes.
        With ``exercises`` (and ``verify``), each deck gets exercise cards with fresh numbers
        for the formulas that agree with torch."""
        from studydeck.export import make_folder

        result = BuildResult(docs=self.docs)
        if verify:
            result.report = self.verify(device=device, progress=progress, **options)
            if strict and result.report.disagreements:
                first = result.report.disagreements[0]
                raise VerificationFailed(
                    f"{len(result.report.disagreements)} card(s) disagree with PyTorch, first {first.message()}; "
                    "fix the notes or build without --strict")
        self.settle()
        make_folder(out_dir)
        results = self.results()
        previous = _read_manifest(out_dir)
        verified_on = result.report.device if result.report else None
        names = _deck_names([d for d in self.docs if d.cards])
        decks = []
        for doc in self.docs:
            if not doc.cards:
                continue  # e.g. a file of answers that all stand in for questions elsewhere
            practice = self.exercises(doc, device=device) if verify and exercises else []
            decks.append((doc, names[doc.file.shown], practice, out_dir, now, results, verified_on, previous))
        self._prune("exercises")
        workers = _workers(len(decks), sum(len(d[0].cards) for d in decks) >= PARALLEL_CARDS)
        if workers > 1:
            if any(c.kind is CardKind.CODE for d in decks for c in d[0].cards):
                from studydeck.render import highlight

                highlight("", "python")  # the lexer made once here, not once in each worker
            exports = _fork_map(_deck_job, decks, workers, [len(d[0].cards) for d in decks])
        else:
            exports = []
            with _fewer_collections():
                for deck in decks:
                    exports.append(_deck_job(deck))
                    if isinstance(exports[-1], StudydeckError):
                        break
        for (doc, *_), export in zip(decks, exports):
            if isinstance(export, StudydeckError):
                raise export
            for card, src in export.missing_media:
                doc.notices.append(Notice(card.source, "missing-image", say(
                    card.lang, "图片“{src}”不存在或不在笔记文件夹内；改正路径，或把图片放进笔记文件夹",
                    "image “{src}” not found inside the notes folder; fix the path or add the file there", src=src)))
            result.exports.append(export)
        return result


def _deck_job(args: tuple) -> "ExportResult | StudydeckError":
    """One notes file's deck written (or found current from the last build)."""
    from studydeck.export import write_deck

    doc, name, practice, out_dir, now, results, verified_on, previous = args
    try:
        inputs = _deck_inputs(doc, results, practice, verified_on)
        export = _unchanged_deck(out_dir, name, inputs, previous)
        if export is None:
            export = write_deck(doc.cards, out_dir / f"{name}.apkg", out_dir / f"{name}.state.json",
                                now=now, media_root=doc.file.root, base_dir=doc.file.path.parent,
                                label=doc.file.label, results=results, exercises=practice,
                                verified_on=verified_on)
    except StudydeckError as exc:  # the first, in the order of the files, stops the build
        return exc
    export.inputs = inputs
    return export


# -- a rebuild with nothing changed ----------------------------------------------------

def _deck_names(docs: list[Doc]) -> dict[str, str]:
    """Each notes file's deck file name; two files that would write one deck are an error."""
    names: dict[str, str] = {}
    taken: dict[str, str] = {}
    for doc in docs:
        name = deck_file_name(doc.file.doc)
        if name.casefold() in taken:
            raise OutputError(f"{doc.file.shown} and {taken[name.casefold()]} would both be written to {name}.apkg; "
                              "rename one of them, or build them into different folders with -o")
        taken[name.casefold()] = doc.file.shown
        names[doc.file.shown] = name
    return names


MEDIA_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".mp3", ".ogg", ".wav", ".m4a")


@lru_cache(maxsize=64)
def media_listing(root: Path) -> tuple[tuple[str, int, int], ...]:
    """The images and sounds under a notes folder, by name, size and modification time:
    a deck that packs one must be written again when it changes."""
    found = []
    for here, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.lower().endswith(MEDIA_SUFFIXES):
                try:
                    info = os.stat(os.path.join(here, name))
                except OSError:
                    continue
                rel = os.path.relpath(os.path.join(here, name), root)
                found.append((rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace"), info.st_size,
                              info.st_mtime_ns))
    return tuple(sorted(found))


def _deck_inputs(doc: Doc, results: dict[str, "Result"], practice: list, verified_on: str | None) -> str:
    """Everything a deck's bytes depend on besides its state file."""
    payload = [tool_version(), doc.file.label, doc.file.path.parent.as_posix(), verified_on,
               media_listing(doc.file.root),
               doc.cards_digest(), [results[c.uid].to_dict() for c in doc.cards if c.uid in results],
               [e.to_dict() for e in practice]]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
                          .encode("utf-8", "surrogateescape")).hexdigest()  # file names that are not UTF-8


def _read_manifest(out_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _unchanged_deck(out_dir: Path, name: str, inputs: str, previous: dict[str, Any]) -> "ExportResult | None":
    """The last build's deck, when its inputs are the same and its files are as it left them
    (images it found missing are named again): writing it again would give the same bytes."""
    from studydeck.export import ExportResult

    try:
        deck = previous["decks"][f"{name}.apkg"]
        if deck["inputs"] != inputs:
            return None
        for file in (f"{name}.apkg", f"{name}.state.json"):
            if hashlib.sha256((out_dir / file).read_bytes()).hexdigest() != previous["outputs"][file]:
                return None
        return ExportResult(out_dir / f"{name}.apkg", out_dir / f"{name}.state.json", int(deck["notes"]),
                            int(deck["cards"]), missing_media=[(_missing_card(m), str(m[2])) for m in deck["missing"]])
    except (OSError, KeyError, TypeError, ValueError, IndexError):
        return None


def _missing_card(entry: list) -> Card:
    """Enough of a card to name where an image is missing."""
    return Card(CardKind.DEFINITION, "", "", (), "", "", Source(str(entry[0]), int(entry[1])), lang=str(entry[3]))


def _torch_version() -> str:
    return installed_version("torch") or "none"


def build_fingerprint(paths: list[Path], options: dict[str, Any]) -> dict[str, Any] | None:
    """What a build's output depends on: every notes file's bytes, the tool, torch and the
    options. None when the notes cannot be read (the build itself will say why)."""
    try:
        files, _ = find_notes(paths)
        hashes = {nf.shown: hashlib.sha256(read_bytes(nf)).hexdigest() for nf in files}
    except StudydeckError:
        return None
    media = sorted({m for nf in files for m in media_listing(nf.root)})
    return {"tool": tool_version(), "torch": _torch_version(), "options": options, "notes": hashes,
            "media": [list(m) for m in media]}


def study_key(paths: list[Path], cache_dir: Path) -> str | None:
    """A key for what a quiz studies from ``paths``: every notes file's bytes (as the per-file
    cache keys them), torch's and pylatexenc's versions, and the verdicts and exercises cached so
    far (each entry's name, inode, size and time of writing: every write to those caches replaces
    an entry with a new file). None when a file cannot be read: the full read says why."""
    try:
        files, _ = find_notes(paths)
        keys = [_file_key(nf, read_bytes(nf)) for nf in files]
    except StudydeckError:
        return None
    # (the answers show formulas the terminal renders with pylatexenc)
    state: list[Any] = [keys, _torch_version(), installed_version("pylatexenc")]
    for name in ("verify", "exercises"):
        folder = cache_dir / name
        if not folder.is_dir():
            state.append(None)  # nothing cached yet
            continue
        try:
            with os.scandir(folder) as entries:
                stats = [(e.name, e.stat()) for e in entries]
        except OSError:
            return None  # an entry going as it is read: read everything instead
        state.append(sorted((n, s.st_ino, s.st_size, s.st_mtime_ns) for n, s in stats))
    return hashlib.sha256(json.dumps(state, ensure_ascii=False).encode("utf-8")).hexdigest()


def up_to_date(out_dir: Path, fingerprint: dict[str, Any] | None) -> bool:
    """True when the last build into ``out_dir`` had this fingerprint and its decks are intact."""
    if fingerprint is None:
        return False
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("fingerprint") != fingerprint:
            return False
        for name, digest in manifest["outputs"].items():
            if hashlib.sha256((out_dir / name).read_bytes()).hexdigest() != digest:
                return False
        return True
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def record_build(out_dir: Path, fingerprint: dict[str, Any] | None, result: BuildResult) -> None:
    """Remember what this build was made from, so an identical one can be skipped — unless a
    check came out only for now (no sandbox, a timeout): the next build tries again."""
    from studydeck.verify.result import TRANSIENT

    if fingerprint is None or (result.report and any(r.reason in TRANSIENT for r in result.report.results)):
        return
    outputs, decks = {}, {}
    for export in result.exports:
        for path in (export.path, export.state_path):
            outputs[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
        decks[export.path.name] = {"inputs": export.inputs, "notes": export.notes, "cards": export.cards,
                                   "missing": [[c.source.path, c.source.line, src, c.lang]
                                               for c, src in export.missing_media]}
    body = {"fingerprint": fingerprint, "outputs": dict(sorted(outputs.items())), "decks": decks}
    try:
        atomic_write(out_dir / MANIFEST, (json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
                     .encode("utf-8"))
    except OSError:
        pass  # without it the next build only does the work again


def build(paths: list[Path], out_dir: Path, *, now: int, verify: bool = True, strict: bool = False,
          device: str = "auto", cache_dir: Path | None = None, **options: Any) -> BuildResult:
    """Load the notes and build their decks: the library form of ``studydeck build``."""
    return Workspace.load(paths, cache_dir=cache_dir).build(out_dir, now=now, verify=verify, strict=strict,
                                                             device=device, **options)


def collect(paths: list[Path]) -> list[Doc]:
    """The notes' files with their cards (no cache): what a library caller starts from."""
    return Workspace.load(paths).docs
