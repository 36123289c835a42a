"""studydeck lint: what is wrong with the notes before it becomes a bad card, and safe mends.

Each finding names the file and line, a severity, the rule and a suggested fix in the
notes' language. ``fix`` applies only the fixes with one unambiguous result: typos from the
domain dictionary, prose indented into a code block, and plain-text formulas that have
exactly one reading (one that the verifier confirmed against PyTorch, when it has).
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from pathlib import Path

from studydeck.model import Card, CardKind, Notice, Source
from studydeck.notes import CJK, Outline, iter_sections, markdown, read_notes

SEVERITY_OF_NOTICE = {
    "duplicate-section": "warning", "empty-section": "warning", "empty-item": "info",
    "prose-as-code": "warning", "broken-formula": "warning", "missing-image": "error",
}
LONG_CARD_CHARS = 400
LONG_CARD_LINES = 12


class Severity(IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, name: str) -> "Severity":
        return cls[name.upper()]


@dataclass
class Edit:
    """Replace lines ``start``..``end`` (1-based, inclusive) with ``lines``."""
    start: int
    end: int
    lines: list[str]


@dataclass
class Finding:
    source: Source
    severity: Severity
    rule: str
    message: str
    fix: str = ""                       # what to do, in the notes' language
    edit: Edit | None = None            # set when the fix is safe to apply

    def to_dict(self) -> dict:
        return {"source": str(self.source), "line": self.source.line, "severity": self.severity.name.lower(),
                "rule": self.rule, "message": self.message, "fix": self.fix, "fixable": self.edit is not None}

    def __str__(self) -> str:
        tail = f" → {self.fix}" if self.fix else ""
        return f"{self.source}: {self.severity.name.lower()}: [{self.rule}] {self.message}{tail}"


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)   # path -> text as read

    def at_least(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity >= severity]


@lru_cache(maxsize=1)
def _words() -> tuple[str, ...]:
    text = (Path(__file__).parent / "terms.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def terms() -> tuple[frozenset[str], tuple[str, ...]]:
    words = _words()
    latin = frozenset(w.casefold() for w in words if not CJK.search(w))
    cjk = tuple(w for w in words if CJK.search(w))
    return latin, cjk


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one substitution, insertion or deletion."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def _inner_edit(a: str, b: str) -> bool:
    """One letter wrong, doubled or dropped inside the word: Transformmer, optimzer. An
    edit at either end is usually inflection (epochs, activations), not a typo."""
    if not _one_edit(a, b):
        return False
    k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return 0 < k < min(len(a), len(b)) - 1


def _zh(text: str) -> bool:
    return len(CJK.findall(text)) > len(re.findall(r"[A-Za-z]+", text)) / 2


class _Linter:
    def __init__(self, path: str, text: str, outline: Outline, cards: list[Card], zh: bool) -> None:
        self.path, self.text, self.outline, self.cards, self.zh = path, text, outline, cards, zh
        self.lines = text.splitlines()
        self.findings: list[Finding] = []

    def say(self, zh: str, en: str) -> str:
        return zh if self.zh else en

    def add(self, line: int, severity: str, rule: str, message: str, fix: str = "", edit: Edit | None = None):
        self.findings.append(Finding(Source(self.path, line), Severity.parse(severity), rule, message, fix, edit))

    # -- rules --------------------------------------------------------------------------
    def notices(self, notices: list[Notice]) -> None:
        for n in notices:
            if n.rule == "broken-formula":
                continue  # reported with its repair by plain_formulas()
            severity = SEVERITY_OF_NOTICE.get(n.rule, "info")
            edit = None
            fix = ""
            if n.rule == "prose-as-code":
                raw = self.lines[n.source.line - 1]
                edit = Edit(n.source.line, n.source.line, [raw.lstrip()])
                fix = self.say("去掉行首的空格", "remove the leading spaces")
            elif n.rule == "empty-section":
                fix = self.say("补上内容，或删掉这个标题", "write its content or remove the heading")
            elif n.rule == "empty-item":
                fix = self.say("补上内容，或删掉这一项", "write its content or remove the item")
            elif n.rule == "duplicate-section":
                fix = self.say("把两处合并为一处", "merge the two into one")
            self.add(n.source.line, severity, n.rule, n.message.split(";")[0], fix, edit)

    def duplicate_headings(self) -> None:
        seen: dict[tuple, Source] = {}
        for path, section in iter_sections(self.outline.root):
            if not path:
                continue
            key = (tuple(re.sub(r"\s+", "", p).casefold() for p in path[:-1]), re.sub(r"\s+", "", path[-1]).casefold())
            if key in seen:
                self.add(section.source.line, "warning", "duplicate-section",
                         f"heading “{section.title}” repeats line {seen[key].line}",
                         self.say("把两处合并为一处", "merge the two into one"))
            else:
                seen[key] = section.source

    def plain_formulas(self, verified: dict[str, str]) -> None:
        for card in self.cards:
            if not card.plain_formula:
                continue
            text = card.formulas[0] if card.formulas else ""
            span = _span(self.lines, card.source.line, text)
            reading = verified.get(card.uid)
            edit = None
            if reading is not None:
                latex = to_latex(reading)
                if latex:
                    indent = re.match(r"\s*(?:[-*+]\s+)?", self.lines[card.source.line - 1]).group(0)
                    edit = Edit(span[0], span[1], [f"{indent}${latex}$"])
                    fix = self.say(f"改写为 LaTeX：${latex}$", f"write it as LaTeX: ${latex}$")
                else:
                    fix = self.say("改写为 $…$ 中的 LaTeX", "write it as LaTeX in $…$")
            else:
                fix = self.say("改写为 $…$ 中的 LaTeX（有多种读法，需要人来决定）",
                               "write it as LaTeX in $…$ (it reads more than one way: a person must choose)")
            lost = "\n" in text.strip()
            message = self.say("公式是纯文本" + ("，复制时丢了上标、根号或换行" if lost else "，不是 LaTeX"),
                               "the formula is plain text" + (" that lost its superscripts, roots or line structure"
                                                              if lost else ", not LaTeX"))
            self.add(card.source.line, "warning", "formula-not-latex", message, fix, edit)

    def math_syntax(self) -> None:
        """Unbalanced `$`, braces, \\left/\\right and environments: LaTeX that cannot render."""
        in_fence = False
        for number, line in enumerate(self.lines, start=1):
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            stripped = re.sub(r"`[^`]*`", "", line).replace("\\$", "")
            if stripped.count("$") % 2 and not self._display_continues(number):
                self.add(number, "error", "unbalanced-dollar", self.say("这一行的 $ 不成对", "unbalanced $ on this line"),
                         self.say("补上缺的 $，或把字面的 $ 写成 \\$", "add the missing $, or write a literal $ as \\$"))
        tokens = markdown().parse(self.text)
        for token in tokens:
            for child in ([token] + list(token.children or [])):
                if child.type.startswith("math"):
                    problem = latex_problem(child.content)
                    if problem:
                        line = (token.map[0] + 1) if token.map else 1
                        self.add(line, "error", "latex-syntax", problem,
                                 self.say("修正 LaTeX", "fix the LaTeX"))

    def _display_continues(self, number: int) -> bool:
        """A line inside a multi-line $$…$$ block has an odd number of $ only at its ends."""
        before = "\n".join(self.lines[: number - 1])
        return before.count("$$") % 2 == 1 or "$$" in self.lines[number - 1]

    def prose(self):
        """(line, text) for each run of prose: code, math and link targets left out."""
        for token in markdown().parse(self.text):
            if token.type != "inline" or not token.map:
                continue
            line = token.map[0] + 1
            for child in token.children or []:
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type == "text":
                    yield line, child.content

    def typos(self) -> None:
        latin, cjk = terms()
        wrong_stems: dict[str, str] = {}
        pieces = list(self.prose())
        for number, prose in pieces:
            for term in cjk:
                if len(term) < 4:
                    continue
                for i in range(len(prose) - len(term) + 1):
                    window = prose[i:i + len(term)]
                    if window == term or window in cjk or not all(CJK.match(c) for c in window) or \
                            sum(a != b for a, b in zip(window, term)) != 1:
                        continue
                    k = next(j for j, (a, b) in enumerate(zip(window, term)) if a != b)
                    # a different first character is usually another word (层/批量 归一化);
                    # one wrong character inside a term is the typo an input method makes
                    if k > 0:
                        wrong_stems[window[k - 1:k + 1]] = term[k - 1:k + 1]
            for word in re.findall(r"(?<![A-Za-z0-9_-])[A-Za-z]{6,}(?![A-Za-z0-9_-])", prose):
                low = word.casefold()
                if low in latin:
                    continue
                match = next((t for t in sorted(latin) if _inner_edit(low, t)), None)
                if match:
                    self._typo(number, word, _same_case(word, match))
        for number, prose in pieces:
            for wrong, right in wrong_stems.items():
                if wrong in prose:
                    self._typo(number, wrong, right)

    def _typo(self, number: int, wrong: str, right: str) -> None:
        line = self.lines[number - 1]
        edit = Edit(number, number, [line.replace(wrong, right)])
        self.add(number, "warning", "typo", self.say(f"“{wrong}” 应为 “{right}”？", f"“{wrong}” should be “{right}”?"),
                 self.say(f"改为 {right}", f"write {right}"), edit)

    def links(self, base: Path | None) -> None:
        for token in markdown().parse(self.text):
            for child in token.children or []:
                if child.type == "link_open":
                    href = str(child.attrs.get("href", ""))
                    line = (token.map[0] + 1) if token.map else 1
                    if not href.strip():
                        self.add(line, "error", "broken-link", self.say("链接没有目标", "the link has no target"),
                                 self.say("写上链接地址，或去掉链接只留文字", "add the address, or keep only the text"))
                    elif base is not None and not re.match(r"^[a-z][a-z0-9+.-]*:|^#", href) and \
                            not (base / href.split("#")[0]).exists():
                        self.add(line, "error", "broken-link",
                                 self.say(f"链接的文件 “{href}” 不存在", f"linked file “{href}” does not exist"),
                                 self.say("修正路径", "fix the path"))
                if child.type == "image":
                    src = str(child.attrs.get("src", ""))
                    line = (token.map[0] + 1) if token.map else 1
                    if base is not None and not re.match(r"^[a-z][a-z0-9+.-]*:", src) and not (base / src).exists():
                        self.add(line, "error", "missing-image",
                                 self.say(f"图片 “{src}” 不存在", f"image “{src}” does not exist"),
                                 self.say("修正路径，或补上图片文件", "fix the path or add the file"))

    def deprecated(self, known: dict[str, list[tuple[int, str, str]]], allow_torch: bool) -> None:
        """Deprecated torch calls, as torch's own documentation says (from the verifier's
        cache when it has run the block; otherwise asked of torch, if allowed)."""
        code_cards = [c for c in self.cards if c.kind is CardKind.CODE and "torch." in c.code]
        for card in code_cards:
            if card.uid in known:
                calls = known[card.uid]
            elif allow_torch:
                from studydeck.verify.code import deprecated_calls  # imports torch

                calls = deprecated_calls(card.code)
            else:
                continue
            for line, call, replacement in calls:
                number = card.source.line + line  # the fence is the card's line; code starts below it
                self.add(number, "warning", "deprecated-api",
                         self.say(f"{call} 已弃用（见 PyTorch 文档）", f"{call} is deprecated (PyTorch's documentation)"),
                         self.say(f"改用 {replacement}", f"use {replacement}"))

    def long_cards(self) -> None:
        for card in self.cards:
            body = card.back or ""
            if card.kind is CardKind.CODE or "mindmap" in card.flags:
                continue  # code is what it is; a mind map is meant to be an outline
            if len(body) > LONG_CARD_CHARS or body.count("\n") + 1 > LONG_CARD_LINES:
                self.add(card.source.line, "info", "long-card",
                         self.say(f"卡片答案太长（{len(body)} 字，{body.count(chr(10)) + 1} 行），难以记住",
                                  f"the answer is long ({len(body)} characters, {body.count(chr(10)) + 1} lines) "
                                  "and hard to recall"),
                         self.say("拆成几张小卡片", "split it into smaller cards"))


def _same_case(word: str, match: str) -> str:
    if word.isupper():
        return match.upper()
    if word[0].isupper():
        return match[0].upper() + match[1:] if match.islower() else _canonical(match)
    return match


def _canonical(low: str) -> str:
    return next((w for w in _words() if w.casefold() == low), low)


def _span(lines: list[str], start: int, text: str) -> tuple[int, int]:
    """The lines a plain-text formula covers, including the tail a blank line cut off."""
    needed = [l.strip() for l in text.splitlines() if l.strip()]
    i, n = start - 1, 0
    end = start
    while i < len(lines) and n < len(needed):
        if needed[n] and needed[n] in lines[i]:
            n += 1
            end = i + 1
        elif lines[i].strip():
            if n:
                break
        i += 1
    return start, end


MATH_ENV = re.compile(r"\\(begin|end)\{([^}]*)\}")


def latex_problem(latex: str) -> str | None:
    """What keeps LaTeX from rendering: unbalanced braces, \\left without \\right, an
    environment that is not closed. None when it looks well-formed."""
    depth = 0
    clean = re.sub(r"\\[{}]", "", latex)
    for ch in clean:
        depth += ch == "{"
        depth -= ch == "}"
        if depth < 0:
            return "a “}” closes nothing"
    if depth:
        return f"{depth} “{{” left open"
    lefts = len(re.findall(r"\\left(?![a-zA-Z])", latex))
    rights = len(re.findall(r"\\right(?![a-zA-Z])", latex))
    if lefts != rights:
        return f"\\left and \\right do not pair ({lefts} and {rights})"
    stack = []
    for kind, name in MATH_ENV.findall(latex):
        if kind == "begin":
            stack.append(name)
        elif not stack or stack.pop() != name:
            return f"\\end{{{name}}} does not match its \\begin"
    if stack:
        return f"\\begin{{{stack[-1]}}} is never closed"
    return None


def to_latex(reading: str) -> str | None:
    """A plain-text reading (``ln(1 + e^{x})``) printed back as clean LaTeX."""
    from studydeck.verify.latex import LatexError, parse_formula
    from studydeck.verify.latex_print import statement_latex

    try:
        statements = parse_formula(reading, set())
    except LatexError:
        return None
    if len(statements) != 1:
        return None
    return statement_latex(statements[0])


def lint(paths: list[Path], *, use_verifier_cache: bool = True, allow_torch: bool = True,
         docs=None) -> LintResult:
    """Lint the notes. ``allow_torch=False`` skips what only torch can tell and the cache
    does not know (a build that found everything cached stays free of torch)."""
    from studydeck.pipeline import Workspace

    result = LintResult()
    docs = docs if docs is not None else Workspace.load(paths).docs
    all_cards = [c for d in docs for c in d.cards]
    verified_readings, disagreements, deprecations = (_from_cache(all_cards) if use_verifier_cache
                                                      else ({}, [], {}))
    for doc in docs:
        text = doc.file.path.read_text(encoding="utf-8-sig")  # the lines, as the fixes will edit them
        result.texts[doc.file.shown] = text
        outline = doc.outline or read_notes(doc.file.path, doc.file.shown)
        linter = _Linter(doc.file.shown, text, outline, doc.cards, _zh(text))
        linter.notices([n for n in doc.notices if n.rule != "duplicate-section"] +
                       [n for n in doc.notices if n.rule == "duplicate-section"])
        linter.duplicate_headings()
        linter.plain_formulas(verified_readings)
        linter.math_syntax()
        linter.typos()
        linter.links(doc.file.path.parent)
        linter.deprecated(deprecations, allow_torch)
        linter.long_cards()
        for r in disagreements:
            where = r.fix_at or r.source
            if where.path == doc.file.shown:
                linter.add(where.line, "error", "disagrees-with-pytorch", r.detail,
                           linter.say("按 PyTorch 的实现改正公式", "correct the formula to match PyTorch"))
        result.findings.extend(_unique(linter.findings))
    result.findings.sort(key=lambda f: (f.source.path, f.source.line, -f.severity, f.rule))
    return result


def _unique(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.source.line, f.rule, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _from_cache(cards: list[Card]):
    """Readings of plain formulas that the verifier confirmed, and its disagreements."""
    from studydeck.pipeline import default_cache_dir
    from studydeck.verify import verify

    report = verify(cards, cache_path=default_cache_dir() / "verify.json", cached_only=True)
    code_uids = {c.uid for c in cards if c.kind is CardKind.CODE}
    deprecations: dict[str, list[tuple[int, str, str]]] = {}
    for r in report.results:
        if r.uid in code_uids:
            deprecations[r.uid] = [(int(n), call, new) for n, call, new in
                                   re.findall(r"line (\d+): (torch\.[\w.]+) is deprecated; use (torch\.[\w.]+)", r.detail)]
    readings: dict[str, str] = {}
    for r in report.results:
        if r.verdict.value == "agrees":
            match = re.search(r"read as `([^`]*)`", r.detail)
            if match:
                readings[r.uid] = match.group(1)
    seen = set()
    disagreements = []
    for r in report.disagreements:
        key = (str(r.fix_at or r.source), r.detail)
        if key not in seen:
            seen.add(key)
            disagreements.append(r)
    return readings, disagreements, deprecations


def apply_fixes(result: LintResult) -> dict[str, str]:
    """The fixed text of each file that has safe fixes (nothing is written here)."""
    out: dict[str, str] = {}
    by_path: dict[str, list[Finding]] = {}
    for f in result.findings:
        if f.edit is not None:
            by_path.setdefault(f.source.path, []).append(f)
    for path, findings in by_path.items():
        current = {i + 1: line for i, line in enumerate(result.texts[path].splitlines())}
        for f in findings:  # typos first: several may sit on one line
            if f.rule == "typo":
                wrong, right = _typo_pair(f)
                current[f.edit.start] = current[f.edit.start].replace(wrong, right)
        blocks = {(f.edit.start, f.edit.end): f.edit for f in findings if f.rule != "typo"}
        for edit in sorted(blocks.values(), key=lambda e: -e.start):
            for number in range(edit.start, edit.end + 1):
                current.pop(number, None)
            current[edit.start] = "\n".join(edit.lines)
        text = "\n".join(current[k] for k in sorted(current))
        out[path] = text + ("\n" if result.texts[path].endswith("\n") else "")
    return out


def _typo_pair(f: Finding) -> tuple[str, str]:
    match = re.search(r"“([^”]+)” (?:应为|should be) “([^”]+)”", f.message)
    return match.group(1), match.group(2)


def diff(result: LintResult, fixed: dict[str, str]) -> str:
    chunks = []
    for path, text in fixed.items():
        chunks.extend(difflib.unified_diff(result.texts[path].splitlines(keepends=True), text.splitlines(keepends=True),
                                           fromfile=f"a/{path}", tofile=f"b/{path}"))
    return "".join(chunks)


def write_fixes(fixed: dict[str, str]) -> list[tuple[Path, Path]]:
    """Write each fixed file atomically, after copying the original to ``NAME.bak``."""
    written = []
    for path, text in fixed.items():
        target = Path(path)
        backup = target.with_name(target.name + ".bak")
        shutil.copy2(target, backup)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        shutil.copymode(target, tmp)
        os.replace(tmp, target)
        written.append((target, backup))
    return written
