"""Markdown notes -> an outline of sections, lists, paragraphs, math and code.

Parsing is markdown-it-py with plugins; nothing here re-scans the text with regular
expressions except to recognise dialect roles (d2l's ``:label:``) on whole lines. Every
node keeps the line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from studydeck.errors import NotesError
from studydeck.model import Notice, Source

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
# d2l-style roles that stand on a line of their own and carry no content for a card.
ROLE_LINE = re.compile(r"^\s*:(label|eqlabel|begin_tab|end_tab|width|numref|cite)?:[`\w\-, ]*`?\s*$")
TAB_LINE = re.compile(r"^#@tab\s+([^\n]*)\n?")
KEPT_TABS = {"pytorch", "all"}
ROLE_INLINE = re.compile(r":(numref|eqref|cite|label|eqlabel|ref):`[^`]*`")


@dataclass
class Item:
    text: str
    source: Source
    children: list["Block"] = field(default_factory=list)


@dataclass
class Block:
    kind: str  # paragraph | list | code | math | table | quote
    source: Source
    text: str = ""
    items: list[Item] = field(default_factory=list)
    ordered: bool = False
    language: str = ""


@dataclass
class Section:
    title: str
    level: int
    source: Source
    blocks: list[Block] = field(default_factory=list)
    sections: list["Section"] = field(default_factory=list)


@dataclass
class Outline:
    path: str
    title: str
    root: Section
    front_matter: dict[str, Any] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """The one parser configuration used everywhere (cards, lint, export)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False})
    md.use(front_matter_plugin)
    # double_inline: a `$$…$$` on the line right after text is still display math.
    md.use(dollarmath_plugin, double_inline=True)
    md.enable(["table", "strikethrough"])
    return md


def read_notes(path: Path, display: str | None = None) -> Outline:
    """Read one notes file; raise :class:`NotesError` naming it when it cannot be read."""
    shown = display or path.as_posix()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotesError(f"{shown}: no such file; check the path") from None
    except IsADirectoryError:
        raise NotesError(f"{shown}: is a directory, expected a Markdown file") from None
    except OSError as exc:
        raise NotesError(f"{shown}: cannot be read ({exc.strerror})") from None
    return parse_notes(decode_notes(raw, shown), shown)


def decode_notes(raw: bytes, shown: str) -> str:
    """The text of a notes file; :class:`NotesError` naming the line when it is not UTF-8."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise NotesError(
            f"{shown}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise NotesError(f"{shown}:{line}: holds a NUL byte, so it is not a text file; remove it")
    return text


def parse_notes(text: str, path: str) -> Outline:
    tokens = markdown().parse(text)
    tree = SyntaxTreeNode(tokens)
    builder = _Builder(path, text.splitlines())
    return builder.build(tree)


class _Builder:
    def __init__(self, path: str, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.notices: list[Notice] = []
        # d2l marks each framework's copy of a code block with `#@tab NAME`; a block with
        # no such line is the MXNet copy. Keep the PyTorch and framework-neutral copies.
        self.uses_tabs = any(TAB_LINE.match(line) for line in lines)

    def src(self, node: SyntaxTreeNode) -> Source:
        line = node.map[0] + 1 if node.map else 1
        return Source(self.path, line)

    def build(self, tree: SyntaxTreeNode) -> Outline:
        front: dict[str, Any] = {}
        nodes = list(tree.children)
        if nodes and nodes[0].type == "front_matter":
            front = _parse_front_matter(nodes.pop(0).content)
        title = str(front.get("title", "")).strip()
        title_heading: SyntaxTreeNode | None = None
        if not title:
            title_heading = next((n for n in nodes if n.type == "heading"), None)
            title = _heading_text(title_heading) if title_heading else Path(self.path).stem
        root = Section(title=title, level=0, source=Source(self.path, 1))
        stack: list[Section] = [root]
        for node in nodes:
            if node is title_heading:
                root.source = self.src(node)
                continue
            if node.type == "heading":
                level = int(node.tag[1])
                section = Section(_heading_text(node), level, self.src(node))
                while len(stack) > 1 and stack[-1].level >= level:
                    stack.pop()
                stack[-1].sections.append(section)
                stack.append(section)
                continue
            block = self.block(node)
            if block is not None:
                stack[-1].blocks.append(block)
        _join_broken_lines(root, self.notices)
        return Outline(self.path, title, root, front, self.notices)

    def block(self, node: SyntaxTreeNode) -> Block | None:
        kind = node.type
        if kind == "paragraph":
            text = "\n".join(line for line in _inline_source(node).splitlines() if not ROLE_LINE.match(line))
            text = ROLE_INLINE.sub("", text).strip()
            return Block("paragraph", self.src(node), text=text) if text else None
        if kind in ("bullet_list", "ordered_list"):
            items = [self.item(child) for child in node.children]
            return Block("list", self.src(node), items=items, ordered=kind == "ordered_list")
        if kind == "fence":
            language, code = _fence_language(node.info, node.content)
            tab = TAB_LINE.match(code)
            frameworks = {n.strip().lower() for n in tab.group(1).split(",")} if tab else set()
            if self.uses_tabs and not frameworks & KEPT_TABS:
                return None  # d2l: this block is another framework's version of the code
            if tab:
                code = code[tab.end():]
            return Block("code", self.src(node), text=code, language=language)
        if kind == "code_block":
            if _looks_like_prose(node.content):
                self.notices.append(Notice(self.src(node), "prose-as-code",
                    "indented prose is read as a code block by Markdown; treated as text "
                    "(remove the leading spaces)"))
                return Block("paragraph", self.src(node), text=" ".join(node.content.split()))
            return Block("code", self.src(node), text=node.content, language="")
        if kind in ("math_block", "math_block_label"):
            return Block("math", self.src(node), text=node.content.strip())
        if kind == "table":
            return Block("table", self.src(node), text=self.raw(node))
        if kind == "blockquote":
            return Block("quote", self.src(node), text=self.raw(node))
        return None

    def item(self, node: SyntaxTreeNode) -> Item:
        children = list(node.children)
        text = ""
        if children and children[0].type == "paragraph":
            text = ROLE_INLINE.sub("", _inline_source(children.pop(0))).strip()
        blocks = [b for b in (self.block(c) for c in children) if b is not None]
        return Item(text=text, source=self.src(node), children=blocks)

    def raw(self, node: SyntaxTreeNode) -> str:
        start, end = node.map or (0, 0)
        return "\n".join(self.lines[start:end])


def _heading_text(node: SyntaxTreeNode) -> str:
    return ROLE_INLINE.sub("", _inline_source(node)).strip()


def _inline_source(node: SyntaxTreeNode) -> str:
    inline = node.children[0] if node.children else None
    return inline.content if inline is not None else ""


def _fence_language(info: str, code: str) -> tuple[str, str]:
    """``python``, ``{.python .input}`` (pandoc) -> ``python``; d2l's ``#@tab`` line kept."""
    info = info.strip()
    match = re.match(r"\{\s*\.([\w+-]+)", info)
    language = match.group(1) if match else (info.split()[0] if info else "")
    return language.lower(), code


def _looks_like_prose(content: str) -> bool:
    text = content.strip()
    if not text or not CJK.search(text):
        return False
    code_marks = sum(text.count(c) for c in "=(){}[];#")
    return code_marks == 0 or len(CJK.findall(text)) > 3 * code_marks


def _parse_front_matter(content: str) -> dict[str, Any]:
    """A tolerant reader of the ``key: value`` lines of YAML front matter."""
    data: dict[str, Any] = {}
    for line in content.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "-", "#")):
            data[key.strip()] = value.strip().strip("'\"")
    return data


def paren_balance(text: str) -> int:
    return sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")


def _join_broken_lines(section: Section, notices: list[Notice]) -> None:
    """Re-attach the tail of a plain-text formula that a copy-paste split into blocks.

    Text copied from a rendered page loses superscripts and roots to line breaks; a blank
    line then ends the list, and the rest of the formula lands in a paragraph of its own.
    When a list's last item leaves brackets open and the next paragraph closes them, they
    are one formula.
    """
    blocks = section.blocks
    i = 0
    while i < len(blocks) - 1:
        block, nxt = blocks[i], blocks[i + 1]
        leaf = _last_leaf(block) if block.kind == "list" else None
        if leaf is not None and nxt.kind == "paragraph" and not CJK.search(nxt.text):
            open_ = paren_balance(leaf.text)
            if open_ > 0 and open_ + paren_balance(nxt.text) == 0:
                leaf.text = leaf.text + "\n" + nxt.text
                notices.append(Notice(leaf.source, "broken-formula",
                    f"a formula is split over lines {leaf.source.line}-{nxt.source.line} "
                    "(it lost its markup when copied); read as one; write it as $…$ LaTeX"))
                del blocks[i + 1]
                continue
        i += 1
    for child in section.sections:
        _join_broken_lines(child, notices)


def _last_leaf(block: Block) -> Item | None:
    if not block.items:
        return None
    item = block.items[-1]
    while item.children and item.children[-1].kind == "list" and item.children[-1].items:
        item = item.children[-1].items[-1]
    return item


def iter_sections(section: Section, path: tuple[str, ...] = ()):
    """Yield ``(heading path below the title, section)`` depth first, in file order."""
    yield path, section
    for child in section.sections:
        yield from iter_sections(child, path + (child.title,))
