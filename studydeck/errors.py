"""Errors the library raises; the CLI turns each into one ``Error: ...`` line."""

from __future__ import annotations


class StudydeckError(Exception):
    """Base class: the message says what is wrong, where, and what to do."""


class NotesError(StudydeckError):
    """A notes file cannot be read (missing, not UTF-8, not a Markdown file)."""


class OutputError(StudydeckError):
    """The output directory or a deck file cannot be written."""


class StateError(StudydeckError):
    """The state file beside a deck is damaged."""
