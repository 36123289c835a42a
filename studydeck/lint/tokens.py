"""The notes' tokens as build's parser makes them, walked for prose, math and links.

Lint runs build's own markdown-it configuration, so it sees the same formulas build renders.
Only the last core rule, which merges escapes into the text around them, is left out: an
escaped ``\\$`` must stay apart from a ``$`` that opens nothing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from urllib.parse import unquote

from markdown_it.rules_core import StateCore, text_join
from markdown_it.token import Token

from studydeck.lint.text import NotesText, Piece
from studydeck.notes import markdown


def parse(text: str) -> list[Token]:
    md = markdown()
    state = StateCore(text, md, {})
    for rule in md.core.ruler.getRules(""):
        if rule is not text_join:
            rule(state)
    return state.tokens


def parse_both(text: str) -> tuple[list[Token], list[Token]]:
    """From one parse: the tokens build's parser gives (``markdown().parse(text)``) and the
    tokens lint reads (:func:`parse`). The last core rule joins text in place, so it runs on
    copies of what it changes."""
    tokens = parse(text)
    joined = [_with_copied_children(t) if t.type == "inline" and t.children and _joins(t.children) else t
              for t in tokens]
    state = StateCore("", markdown(), {})
    state.tokens = joined
    text_join(state)  # on a token it leaves as it is, it only puts an equal list of children
    return joined, tokens


def _joins(children: list[Token]) -> bool:
    """Whether text_join changes these tokens: an escape to turn into text, or text next to text."""
    after_text = False
    for child in children:
        if child.type == "text_special" or (after_text and child.type == "text") or \
                (child.children and _joins(child.children)):
            return True
        after_text = child.type == "text"
    return False


def _with_copied_children(token: Token) -> Token:
    out = copy.copy(token)
    out.children = [_with_copied_children(c) if c.children else copy.copy(c) if c.type in _JOINED else c
                    for c in token.children]
    return out


_JOINED = frozenset(("text", "text_special"))  # what text_join rewrites


@dataclass(frozen=True)
class Inline:
    """One inline token, the line it is on, and where it starts in the file when known."""
    token: Token
    line: int
    at: int | None


def inlines(tokens: list[Token], text: NotesText) -> list[Inline]:
    lines, starts = text.lines, text.starts
    out = []
    for block in tokens:
        if block.type != "inline" or not block.map:
            continue
        line = block.map[0] + 1
        cursor = 0
        raw, start = (lines[line - 1], starts[line - 1]) if line <= len(lines) else ("", None)
        for child in block.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line, cursor = line + 1, 0
                raw, start = (lines[line - 1], starts[line - 1]) if line <= len(lines) else ("", None)
                continue
            content = child.content
            pos = raw.find(content, cursor) if content else -1
            if pos >= 0:
                cursor = pos + len(content)
            out.append(Inline(child, line, start + pos if pos >= 0 else None))
    return out


def prose(items: list[Inline]) -> list[Piece]:
    """The prose: text runs, with code, math, link targets and escapes left out."""
    return [Piece(i.line, i.token.content, i.at) for i in items if i.token.type == "text" and i.token.content]


@dataclass(frozen=True)
class Link:
    line: int
    kind: str       # link | image
    target: str


def links(items: list[Inline]) -> list[Link]:
    out = []
    before = ""
    for item in items:
        if item.token.type == "link_open" and not before.endswith("@"):  # “@[TOC](目录)”: a macro, not a link
            out.append(Link(item.line, "link", unquote(str(item.token.attrs.get("href", "")))))
        elif item.token.type == "image":
            # (markdown-it writes a path's other characters as %XX: “手绘.jpg” is the file's name)
            out.append(Link(item.line, "image", unquote(str(item.token.attrs.get("src", "")))))
        before = item.token.content if item.token.type == "text" else ""
    return out
