"""studydeck lint: what is wrong with the notes before it becomes a bad card, and safe mends.

Each finding names the file and line, a severity, the rule, a confidence and a suggested fix in
the notes' language. ``--fix`` applies only the certain edits: typos of a term the same file
spells right, prose indented into a code block, and plain-text formulas whose one reading the
verifier confirmed against PyTorch. ``--fix --rule R`` applies every edit of rule R.

:func:`lint_file` reads one parsed file and depends on nothing else, so its findings can be
cached by the file's content; :func:`lint` adds what depends on the folder and the verifier.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from pathlib import Path

from studydeck.cache import FileCache, tool_version
from studydeck.errors import NotesError
from studydeck.lint import rules
from studydeck.lint.findings import RULES_WITH_FIXES, Confidence, Edit, Finding, LintResult, Severity
from studydeck.lint.fix import FixError, apply_fixes, diff, write_fixes
from studydeck.lint.formulas import latex_problem, math_problems, stray_dollars
from studydeck.lint.text import NotesText, is_chinese
from studydeck.lint.tokens import Link, inlines, links, parse, prose
from studydeck.lint.typos import Typo, find_typos
from studydeck.model import Card, CardKind, Notice
from studydeck.notes import Outline
from studydeck.verify.result import Result, Verdict

__all__ = ["RULES_WITH_FIXES", "Confidence", "Edit", "FileLint", "FileScan", "Finding", "FixError", "LintResult", "Severity", "apply_fixes",
           "diff", "latex_problem", "lint", "lint_file", "scan_file", "write_fixes"]


@dataclass(frozen=True)
class FileLint:
    """What one file's own content says: its findings, and the links the folder must hold."""
    findings: tuple[Finding, ...]
    links: tuple[Link, ...]

    def to_state(self) -> dict:
        return {"findings": [f.to_state() for f in self.findings],
                "links": [[l.line, l.kind, l.target] for l in self.links]}

    @classmethod
    def from_state(cls, data: dict) -> "FileLint":
        return cls(tuple(Finding.from_state(f) for f in data["findings"]), tuple(Link(*l) for l in data["links"]))


@dataclass(frozen=True)
class FileScan:
    """What lint reads from one file's text and outline alone, before its cards are final:
    found while the file is parsed for its cards (from the same tokens), so lint need not
    parse it again."""
    digest: str                                 # of the text it was read from
    repeated: tuple[tuple[int, str, int], ...]  # headings written twice
    stray: tuple[int, ...]                      # lines with a $ that opens nothing
    math: tuple[tuple[int, str], ...]           # LaTeX that cannot render
    typos: tuple[Typo, ...]
    links: tuple[Link, ...]


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def scan_file(text: str, outline: Outline, tokens: list | None = None) -> FileScan:
    """Read ``text`` (and its ``outline``) for lint; ``tokens`` are lint's tokens of it
    (:func:`studydeck.lint.tokens.parse`), parsed now when not given."""
    notes = NotesText(text)
    tokens = parse(text) if tokens is None else tokens
    items = inlines(tokens, notes)
    return FileScan(text_digest(text), tuple(rules.repeated_headings(outline)), tuple(stray_dollars(items)),
                    tuple(math_problems(tokens, items)), tuple(find_typos(prose(items))), tuple(links(items)))


def lint_file(path: str, text: str, outline: Outline | None, cards: list[Card], notices: list[Notice],
              scan: FileScan | None = None) -> FileLint:
    """Lint one parsed file. ``text`` is the file as read (BOM removed, line endings kept);
    edits are offsets into it. The result depends on the arguments alone. ``scan``, when
    given, is :func:`scan_file` of the same text (``outline`` is then not read)."""
    notes = NotesText(text)
    scan = scan_file(text, outline) if scan is None else scan
    sink = rules.Sink(path, notes, is_chinese(text, cards))
    rules.notices(sink, [n for n in notices if n.rule != "duplicate-section"] +
                  [n for n in notices if n.rule == "duplicate-section"])
    rules.duplicate_headings(sink, scan.repeated)
    for line in scan.stray:
        sink.add(line, "warning", "unbalanced-dollar",
                 sink.say("这一行有一个 $ 没有成对，卡片上会原样显示 $", "a $ on this line opens no formula; "
                          "the card shows it as a literal $"),
                 sink.say("补上缺的 $，或把字面的 $ 写成 \\$", "add the missing $, or write a literal $ as \\$"))
    for line, problem in scan.math:
        sink.add(line, "error", "latex-syntax", problem, sink.say("修正 LaTeX", "fix the LaTeX"))
    for typo in scan.typos:
        edit = Edit(typo.at, typo.at + len(typo.wrong), typo.right) if typo.at is not None else None
        sink.add(typo.line, "warning", "typo",
                 sink.say(f"“{typo.wrong}” 应为 “{typo.right}”？", f"“{typo.wrong}” should be “{typo.right}”?"),
                 sink.say(f"改为 {typo.right}", f"write {typo.right}"), edit,
                 typo.confidence if edit is not None else Confidence.SUGGESTION)
    rules.long_cards(sink, cards)
    return FileLint(tuple(sink.findings), scan.links)


def lint(docs, *, results: list[Result] = (), allow_torch: bool = True, cache: FileCache | None = None) -> LintResult:
    """Lint the notes' files (``docs``: each with its file, cards and notices), with what the
    verifier found (``results``). ``allow_torch=False`` skips what only torch can tell (a
    build that found everything cached stays free of torch). What one file says of itself is
    cached by the file's content."""
    result = LintResult()
    all_cards = [c for d in docs for c in d.cards]
    verified, disagreements, deprecations = _from_results(all_cards, results)
    for doc in docs:
        shown = doc.file.shown
        text, bom = _read(doc.file.path, shown)
        result.texts[shown], result.paths[shown] = text, doc.file.path
        if bom:
            result.boms.add(shown)
        own = _file_lint(doc, shown, text, cache)
        sink = rules.Sink(shown, NotesText(text), is_chinese(text, doc.cards), list(own.findings))
        rules.links(sink, own.links, doc.file.path.parent)
        rules.plain_formulas(sink, doc.cards, verified)
        rules.deprecated(sink, doc.cards, deprecations, allow_torch)
        for r in disagreements:
            where = r.fix_at or r.source
            if where.path == shown:
                sink.add(where.line, "error", "disagrees-with-pytorch", r.detail, sink.say(*FIXES.get(
                    r.reason, ("按 PyTorch 的实现改正公式", "correct the formula to match PyTorch"))))
        result.findings.extend(_unique(sink.findings))
    result.findings.sort(key=lambda f: (f.source.path, f.source.line, -f.severity, f.rule))
    return result


def _read(path: Path, shown: str) -> tuple[str, bool]:
    """The text exactly as the file holds it, line endings and all, and whether it has a BOM."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NotesError(f"{shown}: cannot be read ({exc}); check the file") from None
    return (text[1:], True) if text.startswith("\ufeff") else (text, False)


def _file_lint(doc, shown: str, text: str, cache: FileCache | None) -> FileLint:
    """``lint_file`` of one file, from the cache when the file and its cards are unchanged."""
    digest = doc.cards_digest() if hasattr(doc, "cards_digest") else [c.to_dict() for c in doc.cards]
    key = hashlib.sha256(json.dumps([tool_version(), shown, text, digest,
                                     [[n.source.line, n.rule, n.message] for n in doc.notices]],
                                    ensure_ascii=False).encode("utf-8")).hexdigest()
    hit = cache.get(key) if cache is not None else None
    if hit is not None:
        try:
            return FileLint.from_state(hit)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    scan = getattr(doc, "scan", None)  # read with the cards, when the file was parsed for them
    if scan is not None and scan.digest == text_digest(text):
        own = lint_file(shown, text, None, doc.cards, doc.notices, scan)
    else:
        own = lint_file(shown, text, doc.outline, doc.cards, doc.notices)
    if cache is not None:
        cache.put(key, own.to_state())
    return own


# What to change, by what the check found (a formula unless it says otherwise).
FIXES = {
    "default-differs": ("按 PyTorch 改正这个默认值", "correct the default to match PyTorch"),
    "no-parameter": ("改用 PyTorch 中这个参数的名字", "use the parameter's name in PyTorch"),
    "wrong-output": ("按实际输出改正注释，或改正代码", "correct the comment to what it prints, or the code"),
    "wrong-value": ("按这一行实际得到的结果改正注释，或改正代码", "correct the comment to what the line gives, or the code"),
    "no-output": ("删去这条输出注释，或让代码打印它", "remove the output comment, or make the code print it"),
    "raises": ("改正代码中出错的那一行", "fix the line of the code that raises"),
    "syntax-error": ("改正代码中出错的那一行", "fix the line of the code that does not parse"),
    "wrong-rank": ("按 torch 的结果改正代码或注释", "correct the code or the comment to torch's result"),
}


def _unique(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.source.line, f.rule, f.message, f.edit)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _from_results(cards: list[Card], results: list[Result]):
    """Readings of plain formulas that the verifier confirmed, the deprecated calls it found in
    code, and its disagreements (each once)."""
    code_uids = {c.uid for c in cards if c.kind is CardKind.CODE}
    deprecations: dict[str, list[tuple[int, str, str]]] = {}
    for r in results:
        if r.uid in code_uids:
            deprecations[r.uid] = [(int(d["line"]), d["call"], d["use"]) for d in r.deprecations
                                   if isinstance(d, dict) and "call" in d]
    readings = {r.uid: r.reading for r in results if r.verdict is Verdict.AGREES and r.reading}
    seen = set()
    disagreements = []
    for r in (r for r in results if r.verdict is Verdict.DISAGREES):
        key = (str(r.fix_at or r.source), r.detail)
        if key not in seen:
            seen.add(key)
            disagreements.append(r)
    return readings, disagreements, deprecations
