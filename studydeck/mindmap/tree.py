"""Trees from notes: a section with its subsections and nested lists, or an outline."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from studydeck.notes import Block, Item, Section, parse_notes


@dataclass
class Node:
    label: str
    children: list["Node"] = field(default_factory=list)

    def count(self) -> int:
        return 1 + sum(c.count() for c in self.children)

    def leaves(self) -> int:
        return 1 if not self.children else sum(c.leaves() for c in self.children)


def plain_label(markdown: str) -> str:
    """A label without Markdown: emphasis and code marks dropped, math in Unicode."""
    from studydeck.terminal import text_for_terminal

    text = text_for_terminal(markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*`]", "", text)
    return " ".join(text.split())


def _items(items: list[Item]) -> list[Node]:
    out = []
    for item in items:
        if not item.text.strip() and not item.children:
            continue
        node = Node(plain_label(item.text) or "…")
        node.children = _blocks(item.children)
        out.append(node)
    return out


def _blocks(blocks: list[Block]) -> list[Node]:
    out: list[Node] = []
    for block in blocks:
        if block.kind == "list":
            out.extend(_items(block.items))
        elif block.kind in ("paragraph", "math"):
            label = plain_label(block.text if block.kind == "paragraph" else f"$${block.text}$$")
            if label:
                out.append(Node(label))
        elif block.kind == "code":
            first = next((l for l in block.text.splitlines() if l.strip()), "")
            out.append(Node(f"代码：{first.strip()}" if first else "代码"))
    return out


def tree_from_section(section: Section, title: str | None = None) -> Node:
    root = Node(plain_label(title or section.title))
    root.children = _blocks(section.blocks) + [tree_from_section(s) for s in section.sections]
    return root


def tree_from_markdown(title: str, markdown: str) -> Node:
    """An outline (a nested Markdown list) under a root label."""
    outline = parse_notes(markdown, "<outline>")
    root = Node(plain_label(title))
    root.children = _blocks(outline.root.blocks)
    for section in outline.root.sections:
        root.children.append(tree_from_section(section))
    return root


def summary_outline(section: Section, limit: int = 48) -> str:
    """A two-level outline of a section's list: each named thing and what the notes say it
    is (its description, its introduction or its formula). The answer to “X 的区别”."""
    from studydeck.cards import NAME_DESC, is_plain_formula, split_label
    from studydeck.model import normalize_name

    lines: list[str] = []
    seen: set[str] = set()

    def short(text: str) -> str:
        """The text, else without its asides, else up to a clause that ends within the limit;
        cut mid-clause only when nothing else fits."""
        text = " ".join(text.split()).rstrip("，,；; ")
        if len(text) <= limit or is_plain_formula(text):
            return text  # a formula is never cut: it would be a different formula
        bare = re.sub(r"\s*[（(][^（）()]*[）)]", "", text)
        if len(bare) <= limit:
            return bare
        cut = max(bare.rfind(mark, 0, limit) for mark in "，,；;。")
        first = re.split(r"[，,；;。]", bare, maxsplit=1)[0]
        if cut > limit // 2:
            return bare[:cut].rstrip()
        return first.rstrip() if len(first) <= limit + 12 else bare[: limit - 1] + "…"

    for block in section.blocks:
        if block.kind != "list":
            continue
        for item in block.items:
            name = item.text.strip()
            if not name:
                continue
            desc = ""
            match = NAME_DESC.match(name)
            if match and re.search(r"[\u3400-\u9fff]", match.group("rest")):
                name, desc = match.group("name"), match.group("rest")
            key = normalize_name(name)
            if key in seen:
                continue
            for child in (c for b in item.children if b.kind == "list" for c in b.items):
                text = child.text.strip()
                label = split_label(text)
                intro = label and re.match(r"(介绍|简介|定义|introduction|definition)$", label[0], re.I)
                if intro and label[1]:
                    desc = desc or label[1]
                elif intro and child.children:  # “介绍:” with the description under it
                    first = next((c.text for b in child.children if b.kind == "list" for c in b.items), "")
                    desc = desc or first.strip()
                elif text and not child.children and (label is None) and not desc:
                    desc = text
                elif is_plain_formula(text) and not desc:
                    desc = text
            if not desc and not item.children:
                continue  # named only: nothing to say about it yet
            seen.add(key)
            lines.append(f"- {short(name)}")
            if desc:
                lines.append(f"  - {short(desc)}")
    return "\n".join(lines)


def outlines_tree(outlines: list, section: str | None = None, name: str = "notes") -> Node:
    """The tree of parsed notes, or of the section whose heading (or ``A::B`` path) is given."""
    from studydeck.errors import NotesError
    from studydeck.notes import iter_sections
    from studydeck.text import normalize_name

    if section is None:
        trees = [tree_from_section(o.root, o.title) for o in outlines]
        return trees[0] if len(trees) == 1 else Node(name, trees)
    wanted = [normalize_name(part) for part in section.split("::")]
    for outline in outlines:
        for path, found in iter_sections(outline.root):
            names = [normalize_name(p) for p in path]
            if names and names[-len(wanted):] == wanted:
                return tree_from_section(found)
    available = [" :: ".join(path) for o in outlines for path, _ in iter_sections(o.root) if path]
    shown = ", ".join(available[:12]) + (" …" if len(available) > 12 else "")
    raise NotesError(f"no section “{section}” in {name}; sections: {shown}")
