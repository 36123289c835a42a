"""The ``studydeck`` command. Only this module knows click; the library raises its own errors."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from studydeck import __version__
from studydeck.errors import StudydeckError

DEFAULT_NOTES = Path("notes")
DEFAULT_DECKS = Path("decks")


def _now() -> int:
    """Build time for changed notes; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    return int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())


def _fail(exc: StudydeckError) -> "click.ClickException":
    return click.ClickException(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="studydeck")
def cli() -> None:
    """Turn Markdown study notes into checked flashcards.

    \b
    Example:
      studydeck build notes/ -o decks/
    """


@cli.command()
@click.argument("notes", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_DECKS,
              show_default=True, help="Folder for the .apkg decks and their state files.")
def build(notes: tuple[Path, ...], out_dir: Path) -> None:
    """Build Anki decks (.apkg) from notes files or folders.

    \b
    Example:
      studydeck build notes/ -o decks/
    """
    from studydeck.build import build as run_build

    try:
        result = run_build(list(notes) or [DEFAULT_NOTES], out_dir, now=_now())
    except StudydeckError as exc:
        raise _fail(exc) from None
    for notice in result.notices:
        click.echo(f"note: {notice}", err=True)
    kinds = result.kinds()
    click.echo("cards by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    for export in result.exports:
        click.echo(f"wrote {export.path}: {export.notes} notes, {export.cards} cards "
                   f"({len(export.new)} new, {len(export.updated)} updated, {len(export.removed)} removed)")
    total_notes = sum(e.notes for e in result.exports)
    total_cards = sum(e.cards for e in result.exports)
    click.echo(f"total: {total_notes} notes, {total_cards} cards in {len(result.exports)} deck(s)")


def main() -> None:
    cli(prog_name="studydeck")


if __name__ == "__main__":
    sys.exit(main())
