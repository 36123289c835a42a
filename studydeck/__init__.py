"""studydeck: turn your own Markdown study notes into flashcards that are checked."""

__version__ = "0.1.0"
