"""The rules that read one file: each appends its findings to a :class:`Sink`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from studydeck.lint.findings import Confidence, Edit, Finding, Severity
from studydeck.lint.text import NotesText
from studydeck.model import Card, CardKind, Notice, Source
from studydeck.notes import Outline, iter_sections

SEVERITY_OF_NOTICE = {
    "duplicate-section": "warning", "empty-section": "warning", "empty-item": "info",
    "prose-as-code": "warning", "broken-formula": "warning", "missing-image": "error",
}
LONG_CARD_CHARS = 400
LONG_CARD_LINES = 12


@dataclass
class Sink:
    """Where one file's findings go, in the notes' language."""
    path: str
    text: NotesText
    zh: bool
    findings: list[Finding] = field(default_factory=list)

    def say(self, zh: str, en: str) -> str:
        return zh if self.zh else en

    def add(self, line: int, severity: str, rule: str, message: str, fix: str = "", edit: Edit | None = None,
            confidence: Confidence = Confidence.SUGGESTION) -> None:
        self.findings.append(Finding(Source(self.path, line), Severity.parse(severity), rule, message, fix, edit,
                                     confidence))


def notices(sink: Sink, found: list[Notice]) -> None:
    for n in found:
        if n.rule == "broken-formula":
            continue  # reported with its repair by plain_formulas()
        edit, fix, confidence = None, "", Confidence.SUGGESTION
        if n.rule == "prose-as-code":
            raw = sink.text.line(n.source.line)
            start = sink.text.offset(n.source.line)
            # four spaces made a line of prose into code; without them it is the paragraph it was meant as
            edit = Edit(start, start + len(raw) - len(raw.lstrip()), "")
            fix, confidence = sink.say("去掉行首的空格", "remove the leading spaces"), Confidence.CERTAIN
        elif n.rule == "empty-section":
            fix = sink.say("补上内容，或删掉这个标题", "write its content or remove the heading")
        elif n.rule == "empty-item":
            fix = sink.say("补上内容，或删掉这一项", "write its content or remove the item")
        elif n.rule == "duplicate-section":
            fix = sink.say("把两处合并为一处", "merge the two into one")
        message = n.message.split(";")[0]
        said = LEFT_OUT_FIX.fullmatch(n.message) if n.rule.startswith("left-out:") and not fix else None
        if said:  # “…; write what to remember”: what is wrong, then what to write instead
            message, fix = said.group(1), said.group(2)
        sink.add(n.source.line, SEVERITY_OF_NOTICE.get(n.rule, "info"), n.rule, message, fix, edit, confidence)


# A left-out card's notice: what is wrong, then (after the last semicolon) what to write instead.
LEFT_OUT_FIX = re.compile(r"(.+)[;；]\s*([^;；]+)", re.S)


def repeated_headings(outline: Outline) -> list[tuple[int, str, int]]:
    """(line, title, line of its first use) of each heading that repeats one above it under the
    same parents."""
    seen: dict[tuple, Source] = {}
    found = []
    for path, section in iter_sections(outline.root):
        if not path:
            continue
        key = (tuple(re.sub(r"\s+", "", p).casefold() for p in path[:-1]), re.sub(r"\s+", "", path[-1]).casefold())
        if key in seen:
            found.append((section.source.line, section.title, seen[key].line))
        else:
            seen[key] = section.source
    return found


def duplicate_headings(sink: Sink, repeated: list[tuple[int, str, int]]) -> None:
    for line, title, first in repeated:
        sink.add(line, "warning", "duplicate-section", f"heading “{title}” repeats line {first}",
                 sink.say("把两处合并为一处", "merge the two into one"))


def long_cards(sink: Sink, cards: list[Card]) -> None:
    for card in cards:
        body = card.back or ""
        if card.kind is CardKind.CODE or "mindmap" in card.flags:
            continue  # code is what it is; a mind map is meant to be an outline
        lines = body.count("\n") + 1
        if len(body) > LONG_CARD_CHARS or lines > LONG_CARD_LINES:
            sink.add(card.source.line, "info", "long-card",
                     sink.say(f"卡片答案太长（{len(body)} 字，{lines} 行），难以记住",
                              f"the answer is long ({len(body)} characters, {lines} lines) and hard to recall"),
                     sink.say("拆成几张小卡片", "split it into smaller cards"))


def plain_formulas(sink: Sink, cards: list[Card], verified: dict[str, str]) -> None:
    """Formulas written as plain text; the LaTeX rewrite is certain only for a reading the
    verifier confirmed against PyTorch."""
    from studydeck.lint.formulas import to_latex

    for card in cards:
        if not card.plain_formula:
            continue
        text = card.formulas[0] if card.formulas else ""
        first, last = _span(sink.text.lines, card.source.line, text)
        reading = verified.get(card.uid)
        edit, confidence = None, Confidence.SUGGESTION
        if reading is not None:
            latex = to_latex(reading)
            if latex:
                indent = re.match(r"\s*(?:[-*+]\s+)?", sink.text.line(card.source.line)).group(0)
                edit, confidence = Edit(*sink.text.span(first, last), f"{indent}${latex}$"), Confidence.CERTAIN
                fix = sink.say(f"改写为 LaTeX：${latex}$", f"write it as LaTeX: ${latex}$")
            else:
                fix = sink.say("改写为 $…$ 中的 LaTeX", "write it as LaTeX in $…$")
        else:
            fix = sink.say("改写为 $…$ 中的 LaTeX（有多种读法，需要人来决定）",
                           "write it as LaTeX in $…$ (it reads more than one way: a person must choose)")
        lost = "\n" in text.strip()
        message = sink.say("公式是纯文本" + ("，复制时丢了上标、根号或换行" if lost else "，不是 LaTeX"),
                           "the formula is plain text" + (" that lost its superscripts, roots or line structure"
                                                          if lost else ", not LaTeX"))
        sink.add(card.source.line, "warning", "formula-not-latex", message, fix, edit, confidence)


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


def deprecated(sink: Sink, cards: list[Card], known: dict[str, list[tuple[int, str, str]]], allow_torch: bool) -> None:
    """Deprecated torch calls, as torch's own documentation says (from the verifier's cache when
    it has run the block; otherwise asked of torch, if allowed)."""
    for card in cards:
        if card.kind is not CardKind.CODE or "torch." not in card.code:
            continue
        if card.uid in known:
            calls = known[card.uid]
        elif allow_torch:
            from studydeck.verify.code import deprecated_calls  # imports torch

            calls = deprecated_calls(card.code)
        else:
            continue
        for line, call, replacement in calls:
            sink.add(card.source.line + line, "warning", "deprecated-api",  # code starts below the fence
                     sink.say(f"{call} 已弃用（见 PyTorch 文档）", f"{call} is deprecated (PyTorch's documentation)"),
                     sink.say(f"改用 {replacement}", f"use {replacement}"))


URL = re.compile(r"^[a-z][a-z0-9+.-]*:")


def links(sink: Sink, found, base) -> None:
    """Links with no target, and linked files and images missing from the notes' folder."""
    for link in found:
        target = link.target
        if link.kind == "link" and not target.strip():
            sink.add(link.line, "error", "broken-link", sink.say("链接没有目标", "the link has no target"),
                     sink.say("写上链接地址，或去掉链接只留文字", "add the address, or keep only the text"))
        elif link.kind == "link" and base is not None and not URL.match(target) and not target.startswith("#") \
                and not (base / target.split("#")[0]).exists():
            sink.add(link.line, "error", "broken-link",
                     sink.say(f"链接的文件 “{target}” 不存在", f"linked file “{target}” does not exist"),
                     sink.say("修正路径", "fix the path"))
        elif link.kind == "image" and base is not None and not URL.match(target) and not (base / target).exists():
            sink.add(link.line, "error", "missing-image",
                     sink.say(f"图片 “{target}” 不存在", f"image “{target}” does not exist"),
                     sink.say("修正路径，或补上图片文件", "fix the path or add the file"))
