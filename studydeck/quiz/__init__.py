"""Spaced repetition in the terminal: the deck's cards, scheduled by FSRS, kept in SQLite."""
