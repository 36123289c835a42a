"""A tidy tree layout for mind maps: root on the left, each subtree in a band of its own.

Every subtree is given the vertical band its leaves need and a parent is centred on its
children, so no two labels can overlap (the bands are disjoint, and columns are as wide as
their widest label). Text is measured by terminal-style display width: a CJK character is
twice as wide as a Latin one; long labels wrap.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from studydeck.mindmap.tree import Node
from studydeck.text import width

FONT = 14            # px
ROOT_FONT = 18
LINE = 1.4           # line height, in font sizes
PAD_X, PAD_Y = 10, 6
GAP_X, GAP_Y = 36, 10
WRAP_CELLS = 28
NO_LINE_START = set("，。、；：？！）》」』】,.;:?!)]")


def cells(text: str) -> int:
    return width(text)


def wrap(text: str, limit: int = WRAP_CELLS) -> list[str]:
    """Break at spaces when there are any, anywhere in CJK runs; never wider than ``limit``."""
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        if token in NO_LINE_START and current:
            current += token  # never start a line with closing punctuation
        elif current and cells(current + token) > limit:
            lines.append(current.rstrip())
            current = token.lstrip()
            while cells(current) > limit:  # a single token longer than a line
                cut = _fit(current, limit)
                lines.append(current[:cut])
                current = current[cut:]
        else:
            current += token
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    out, word = [], ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif ch == " ":
            out.append(word + " ")
            word = ""
        else:
            word += ch
    if word:
        out.append(word)
    return out


def _fit(text: str, limit: int) -> int:
    total = 0
    for i, ch in enumerate(text):
        total += cells(ch)
        if total > limit:
            return max(1, i)
    return len(text)


@dataclass
class Box:
    node: Node
    depth: int
    lines: list[str]
    font: float
    width: float
    height: float
    x: float = 0.0
    y: float = 0.0          # top
    branch: int = 0
    children: list["Box"] = field(default_factory=list)


@dataclass
class Layout:
    root: Box
    boxes: list[Box]
    width: float
    height: float


def measure(node: Node, depth: int, branch: int = 0) -> Box:
    font = ROOT_FONT if depth == 0 else FONT
    lines = wrap(node.label, WRAP_CELLS if depth else WRAP_CELLS + 4)
    width = max(cells(line) for line in lines) * 0.6 * font + 2 * PAD_X
    height = len(lines) * LINE * font + 2 * PAD_Y
    box = Box(node, depth, lines, font, width, height, branch=branch)
    box.children = [measure(c, depth + 1, branch if depth else i) for i, c in enumerate(node.children)]
    return box


def layout(tree: Node) -> Layout:
    root = measure(tree, 0)
    boxes: list[Box] = []

    def walk(box: Box) -> None:
        boxes.append(box)
        for child in box.children:
            walk(child)
    walk(root)
    columns: dict[int, float] = {}
    for box in boxes:
        columns[box.depth] = max(columns.get(box.depth, 0.0), box.width)
    lefts = {0: 0.0}
    for depth in range(1, max(columns) + 1):
        lefts[depth] = lefts[depth - 1] + columns[depth - 1] + GAP_X

    band: dict[int, float] = {}

    def span(box: Box) -> float:
        """The height of the band this subtree needs."""
        inner = sum(span(c) for c in box.children) + GAP_Y * max(0, len(box.children) - 1)
        band[id(box)] = max(box.height, inner)
        return band[id(box)]

    span(root)

    def place(box: Box, top: float) -> None:
        box.x = lefts[box.depth]
        total = band[id(box)]
        box.y = top + (total - box.height) / 2
        inner = sum(band[id(c)] for c in box.children) + GAP_Y * max(0, len(box.children) - 1)
        cursor = top + (total - inner) / 2
        for child in box.children:
            place(child, cursor)
            cursor += band[id(child)] + GAP_Y

    place(root, 0.0)
    width = max(b.x + b.width for b in boxes)
    height = band[id(root)]
    return Layout(root, boxes, width, height)
