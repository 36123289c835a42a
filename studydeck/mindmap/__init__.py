"""Mind maps: notes and answers as trees, laid out without overlaps, drawn as SVG, and
written as OPML and FreeMind ``.mm`` for mind-map applications."""

from studydeck.mindmap.tree import Node, tree_from_markdown, tree_from_section  # noqa: F401
