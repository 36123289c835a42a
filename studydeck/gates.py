"""Gates every candidate card passes before it may be exported: no card beats a bad card.

A candidate that fails is left out and reported as a :class:`Notice` with the rule
``left-out:<reason>`` and a message, in the notes' language, saying what to write instead.
Each gate is one function ``(card) -> reason | None``; :data:`GATES` lists them in order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Callable

from studydeck.model import Card, CardKind, Notice
from studydeck.notes import math_spans
from studydeck.text import CLOZE, CLOZE_OPEN, say

MAX_FRONT = 300
MAX_BACK = 3000
MAX_CODE_LINES = 25
URL_OR_FILE = re.compile(
    r"https?://|www\.|\b[\w\-]+\.(png|jpe?g|gif|svg|webp|bmp|mkv|mp4|avi|mov|mp3|pdf|md|html?|zip)\b", re.I)
# A line that only points elsewhere: a link, a URL, a wikilink, a video or document file.
# An image is content (a diagram can be the answer); these are not.
LINK_LINE = re.compile(
    r"^\s*(?:[-*+]|\d+[.)])?\s*(?:\[[^\[\]]*\]\([^)]*\)|<?https?://\S+>?|\[\[[^\[\]]*\]\]|"
    r"\S.*\.(?:mkv|mp4|avi|mov|webm|pdf|zip|html?)\b.*)\s*$", re.I)
SETUP_LINE = re.compile(r"^(?:import\s|from\s+\S+\s+import\s|%|!pip\s|npx\.set_np\(\)|warnings\.)")
# What people write where the answer will go.
PLACEHOLDER = re.compile(r"^\s*(todo|tbd|tba|fixme|待补充|待完善|待续|未完|略|\.\.\.|…+|-+|\?+|？+)\s*$", re.I)
# Markdown that a card shows as literal marks: doubled emphasis, a role, an unclosed cloze.
LEAK = re.compile(r"\*\*\*\*|:(?:label|eqlabel|numref|eqref|cite):`|^\s*\*\*\s")

MESSAGES = {
    "empty-answer": ("“{front}” 没有答案；在它下面写出答案，或删去它",
                     "“{front}” has no answer; write the answer under it, or remove it"),
    "answer-in-front": ("“{front}” 的问题已经说出了答案；把答案从问题所在的句子里移开",
                        "“{front}” gives its answer away; move the answer out of the sentence that asks"),
    "leaked-syntax": ("“{front}” 里有会原样显示的标记；检查 ** 与 [[ ]] 是否成对",
                      "“{front}” would show raw Markdown; check that ** and [[ ]] are paired"),
    "too-long": ("“{front}” 太长；把要问的事写成一句短话，细节放进列表",
                 "“{front}” is too long; state what to recall in one short sentence, details in a list"),
    "url-front": ("“{front}” 的问题是网址或文件名；给它写一个标题或术语",
                  "“{front}” asks about a URL or a file name; give it a heading or a term"),
    "link-answer": ("“{front}” 的答案只有链接或文件名；写出要记住的内容",
                    "the answer to “{front}” is only links or file names; write what to remember"),
    "no-subject": ("这张卡片的问题没有说问的是什么；在公式前写出它的名字",
                   "this card's question does not say what it asks about; name it before the formula"),
    "duplicate-front": ("与第 {line} 行的卡片问题相同（“{front}”）；写明各自的条件或对象，让问题不同",
                        "asks the same as the card at line {line} (“{front}”); name the case each one covers"),
    "setup-only": ("这段代码只有导入或设置，没有要记住的内容；写出它演示的那一步",
                   "this code only imports or sets up; nothing to recall; show the step it is for"),
    "no-answer": ("问题“{front}”没有答案；在笔记里写出答案（一个以问题为标题的小节）",
                  "the question “{front}” has no answer; write one (a section headed by the question)"),
}


def _plain(text: str) -> str:
    return re.sub(r"[\s*`_$\\{}()（）,，.。:：;；!！?？]+", "", text).casefold()


def _words(text: str) -> str:
    """The front without its math: what names the subject."""
    out, last = [], 0
    for start, end, _, _ in math_spans(text):
        out.append(text[last:start])
        last = end
    return "".join(out + [text[last:]])


def empty_answer(card: Card) -> str | None:
    if card.kind is CardKind.CLOZE:
        return None if any(m.group(2).strip() for m in CLOZE.finditer(card.front)) else "empty-answer"
    if card.kind is CardKind.QUESTION and "needs-answer" in card.flags:
        return None  # the build looks for its answer elsewhere in the notes
    return None if _plain(card.back) and not PLACEHOLDER.match(card.back) else "empty-answer"


def answer_in_front(card: Card) -> str | None:
    if card.kind is CardKind.CLOZE:
        return None
    back = _plain(card.back)
    return "answer-in-front" if len(back) >= 4 and back in _plain(card.front) else None


def leaked_syntax(card: Card) -> str | None:
    front = _words(card.front)
    if LEAK.search(card.front) or LEAK.search(card.back) or front.count("**") % 2:
        return "leaked-syntax"
    if card.kind is not CardKind.CLOZE and CLOZE_OPEN.search(card.front):
        return "leaked-syntax"
    if card.kind is CardKind.CLOZE and CLOZE_OPEN.search(CLOZE.sub("", card.front)):
        return "leaked-syntax"
    return None


def too_long(card: Card) -> str | None:
    front = CLOZE.sub(r"\2", card.front) if card.kind is CardKind.CLOZE else card.front
    limit = MAX_BACK if card.kind is CardKind.CLOZE else MAX_FRONT
    if card.kind is CardKind.CODE and card.code.count("\n") >= MAX_CODE_LINES:
        return "too-long"  # nobody writes forty lines from memory; the card would be skipped
    return "too-long" if len(front) > limit or len(card.back) > MAX_BACK else None


def url_front(card: Card) -> str | None:
    return "url-front" if URL_OR_FILE.search(re.sub(r"`[^`]*`", "", _words(card.front))) else None


def link_answer(card: Card) -> str | None:
    lines = [line for line in card.back.splitlines() if line.strip()]
    return "link-answer" if lines and card.kind is not CardKind.CODE and all(
        LINK_LINE.match(line) for line in lines) else None


def setup_only(card: Card) -> str | None:
    """Code that only imports or configures has nothing to recall."""
    lines = [l.strip() for l in card.code.splitlines() if l.strip() and not l.strip().startswith("#")]
    return "setup-only" if card.kind is CardKind.CODE and lines and all(SETUP_LINE.match(l) for l in lines) else None


def no_subject(card: Card) -> str | None:
    subject = re.sub(r"[\s›：:？?]|写出公式|write the formula", "", _words(card.front))
    return None if subject or card.kind is CardKind.CLOZE else "no-subject"


GATES: list[Callable[[Card], str | None]] = [
    empty_answer, link_answer, no_subject, setup_only, url_front, leaked_syntax, too_long, answer_in_front]


def left_out(card: Card, reason: str, **kw) -> Notice:
    zh, en = MESSAGES[reason]
    front = " ".join(card.front.split())
    front = front if len(front) <= 40 else front[:39] + "…"
    return Notice(card.source, f"left-out:{reason}", say(card.lang, zh, en, front=front, **kw))


def gate(cards: list[Card]) -> tuple[list[Card], list[Notice]]:
    """The cards that pass every gate, and a notice for each one left out."""
    kept: list[Card] = []
    notices: list[Notice] = []
    for card in cards:
        reason = next((r for r in (g(card) for g in GATES) if r), None)
        if reason:
            notices.append(left_out(card, reason))
        else:
            kept.append(card)
    return _one_front_per_deck(kept, notices)


def _one_front_per_deck(cards: list[Card], notices: list[Notice]) -> tuple[list[Card], list[Notice]]:
    """Two cards of one deck that ask the same but answer differently both go: neither
    question says which answer it wants."""
    groups: dict[tuple, list[Card]] = defaultdict(list)
    for card in cards:
        groups[(card.deck, _plain(card.front))].append(card)
    dropped: set[int] = set()
    for group in groups.values():
        if len(group) > 1 and len({_plain(c.back) for c in group}) > 1:
            first = group[0]
            for card in group:
                dropped.add(id(card))
                other = group[1] if card is first else first
                notices.append(left_out(card, "duplicate-front", line=other.source.line))
    return [c for c in cards if id(c) not in dropped], notices


def unanswered(cards: list[Card]) -> tuple[list[Card], list[Notice]]:
    """After answers are looked up across the notes: questions still without one are left out."""
    kept, notices = [], []
    for card in cards:
        if card.kind is CardKind.QUESTION and not card.back.strip():
            notices.append(left_out(card, "no-answer"))
        else:
            kept.append(card)
    return kept, notices
