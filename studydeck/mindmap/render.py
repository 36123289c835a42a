"""Mind maps out: SVG (for cards and pages), a self-contained HTML page, OPML and FreeMind."""

from __future__ import annotations

import html
from xml.sax.saxutils import escape, quoteattr

from studydeck.mindmap.layout import LINE, PAD_X, PAD_Y, layout
from studydeck.mindmap.tree import Node

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f", "#ff9da7",
           "#bab0ac")
MARGIN = 12


def svg(tree: Node, *, title: str | None = None) -> str:
    """A standalone SVG: no script, no external font or image, so it works offline and in Anki."""
    lay = layout(tree)
    width, height = lay.width + 2 * MARGIN, lay.height + 2 * MARGIN
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="studydeck-mindmap" viewBox="0 0 {width:.0f} {height:.0f}" '
             f'width="{width:.0f}" height="{height:.0f}" font-family="sans-serif" role="img">',
             f"<title>{escape(title or tree.label)}</title>",
             f'<g transform="translate({MARGIN},{MARGIN})">']
    for box in lay.boxes:
        for child in box.children:
            x1, y1 = box.x + box.width, box.y + box.height / 2
            x2, y2 = child.x, child.y + child.height / 2
            mid = (x1 + x2) / 2
            parts.append(f'<path d="M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}" '
                         f'fill="none" stroke="{PALETTE[child.branch % len(PALETTE)]}" stroke-width="1.5"/>')
    for box in lay.boxes:
        color = "#333333" if box.depth == 0 else PALETTE[box.branch % len(PALETTE)]
        fill = "#333333" if box.depth == 0 else "#ffffff"
        ink = "#ffffff" if box.depth == 0 else "#222222"
        parts.append(f'<g class="node" data-depth="{box.depth}">'
                     f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" height="{box.height:.1f}" '
                     f'rx="6" fill="{fill}" stroke="{color}" stroke-width="1.5"/>')
        parts.append(f'<text class="label" font-size="{box.font:g}" fill="{ink}">')
        for i, line in enumerate(box.lines):
            baseline = box.y + PAD_Y + (i + 0.8) * LINE * box.font - 0.2 * box.font
            parts.append(f'<tspan x="{box.x + PAD_X:.1f}" y="{baseline:.1f}">{escape(line)}</tspan>')
        parts.append("</text></g>")
    parts.append("</g></svg>")
    return "".join(parts)


def outline_html(tree: Node) -> str:
    def items(node: Node) -> str:
        if not node.children:
            return ""
        return "<ul>" + "".join(f"<li>{html.escape(c.label)}{items(c)}</li>" for c in node.children) + "</ul>"
    return items(tree)


def page(tree: Node) -> str:
    """A self-contained HTML page: the map, then the outline as text."""
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(tree.label)}</title>"
            "<style>body{font-family:sans-serif;margin:16px}svg{max-width:none}"
            "details{margin-top:1em}</style></head><body>"
            f"<h1>{html.escape(tree.label)}</h1>{svg(tree)}"
            f"<details open><summary>大纲 / outline</summary>{outline_html(tree)}</details></body></html>\n")


def opml(tree: Node) -> str:
    def node(n: Node, depth: int) -> str:
        pad = "  " * depth
        attr = quoteattr(n.label)
        if not n.children:
            return f"{pad}<outline text={attr}/>\n"
        inner = "".join(node(c, depth + 1) for c in n.children)
        return f"{pad}<outline text={attr}>\n{inner}{pad}</outline>\n"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n'
            f"  <head><title>{escape(tree.label)}</title></head>\n  <body>\n{node(tree, 2)}  </body>\n</opml>\n")


def freemind(tree: Node) -> str:
    def node(n: Node, depth: int, side: str | None) -> str:
        pad = "  " * depth
        position = f' POSITION="{side}"' if side else ""
        attr = quoteattr(n.label)
        if not n.children:
            return f"{pad}<node TEXT={attr}{position}/>\n"
        inner = "".join(node(c, depth + 1, "right" if depth == 1 else None) for c in n.children)
        return f"{pad}<node TEXT={attr}{position}>\n{inner}{pad}</node>\n"
    return f'<map version="1.0.1">\n{node(tree, 1, None)}</map>\n'


def card_back(tree: Node) -> str:
    """The back of a mind-map card: the drawing, then the outline as text."""
    return f'<div class="mindmap">{svg(tree)}</div>{outline_html(tree)}'
