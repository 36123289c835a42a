"""The tree of a set of notes, or of one section of them."""

from __future__ import annotations

from pathlib import Path

from studydeck.errors import NotesError
from studydeck.mindmap.tree import Node, tree_from_section
from studydeck.model import normalize_name
from studydeck.notes import iter_sections


def notes_tree(paths: list[Path], section: str | None = None) -> Node:
    from studydeck.notes import read_notes
    from studydeck.pipeline import find_notes

    outlines = [read_notes(nf.path, nf.shown) for nf in find_notes(paths)[0]]
    if section is None:
        trees = [tree_from_section(o.root, o.title) for o in outlines]
        return trees[0] if len(trees) == 1 else Node(", ".join(p.name for p in paths) or "notes", trees)
    wanted = [normalize_name(part) for part in section.split("::")]
    for outline in outlines:
        for path, found in iter_sections(outline.root):
            names = [normalize_name(p) for p in path]
            if names and names[-len(wanted):] == wanted:
                return tree_from_section(found)
    available = [" :: ".join(path) for o in outlines for path, _ in iter_sections(o.root) if path]
    shown = ", ".join(available[:12]) + (" …" if len(available) > 12 else "")
    raise NotesError(f"no section “{section}” in {', '.join(str(p) for p in paths)}; sections: {shown}")
