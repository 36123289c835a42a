"""The ``studydeck`` command. Only this module knows click; the library raises its own errors."""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import click

from studydeck import __version__
from studydeck.errors import StudydeckError

DEFAULT_NOTES = Path("notes")
DEFAULT_DECKS = Path("decks")
DEVICES = click.Choice(["auto", "cpu", "cuda"])
UNSAFE = click.option("--unsafe-run-code", is_flag=True,
                      help="Run the notes' code without the sandbox where none can start (only for notes you trust).")


def _now() -> int:
    """Build time for changed notes; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    return int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())


def _notes(notes: tuple[Path, ...]) -> list[Path]:
    return list(notes) or [DEFAULT_NOTES]


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
@click.option("--verify/--no-verify", default=True, show_default=True,
              help="Check formula and code cards with PyTorch and attach worked examples.")
@click.option("--strict", is_flag=True, help="Fail, writing nothing, when a card disagrees with PyTorch.")
@click.option("--device", type=DEVICES, default="auto", show_default=True, help="Where the checks run.")
@click.option("--exercises/--no-exercises", default=True, show_default=True,
              help="Add exercise cards with fresh numbers for the formulas that agree with PyTorch.")
@UNSAFE
def build(notes: tuple[Path, ...], out_dir: Path, verify: bool, strict: bool, device: str, exercises: bool,
          unsafe_run_code: bool) -> None:
    """Build Anki decks (.apkg) from notes files or folders.

    \b
    Example:
      studydeck build notes/ -o decks/
    """
    from studydeck.pipeline import Workspace, build_fingerprint, record_build, up_to_date

    paths = _notes(notes)
    fingerprint = build_fingerprint(paths, {"verify": verify, "strict": strict, "device": device,
                                            "exercises": exercises, "unsafe_run_code": unsafe_run_code})
    if up_to_date(out_dir, fingerprint):
        click.echo(f"nothing changed since the last build into {out_dir}; the decks there are current")
        return
    try:
        workspace = Workspace.load(paths, cache_dir=_cache_dir(), scan=True)
        with _progress("verifying") as progress:
            result = workspace.build(out_dir, now=_now(), verify=verify, strict=strict, device=device,
                                     exercises=exercises, progress=progress, unsafe_run_code=unsafe_run_code)
    except StudydeckError as exc:
        raise click.ClickException(str(exc)) from None
    record_build(out_dir, fingerprint, result)
    _echo_notices(workspace.notices)
    _echo_sandbox_note()
    if result.report is not None:
        _echo_disagreements(result.report, workspace)
    kinds = result.kinds()
    click.echo("cards by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    if result.report is not None:
        counts = result.report.counts()
        click.echo(f"verified with PyTorch {result.report.torch_version} ({result.report.device}): "
                   f"{counts['agrees']} agree, {counts['disagrees']} disagree, {counts['unverified']} unverified"
                   + (" (see `studydeck verify`)" if counts["disagrees"] else ""))
    _echo_lint_count(workspace)
    for export in result.exports:
        click.echo(f"wrote {export.path}: {export.notes} notes, {export.cards} cards "
                   f"({len(export.new)} new, {len(export.updated)} updated, {len(export.removed)} removed)")
    total_notes = sum(e.notes for e in result.exports)
    total_cards = sum(e.cards for e in result.exports)
    click.echo(f"total: {total_notes} notes, {total_cards} cards in {len(result.exports)} deck(s)")


def _echo_sandbox_note() -> None:
    """Once per run: code was not run because no sandbox could start, and how to enable one."""
    from studydeck.verify import sandbox_note

    note = sandbox_note()
    if note:
        click.echo(f"note: {note}", err=True)


def _cache_dir() -> Path:
    from studydeck.pipeline import default_cache_dir

    return default_cache_dir()


@contextmanager
def _progress(what: str):
    """A progress bar on a terminal for work that takes more than about two seconds."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    started = time.monotonic()
    bar = Progress(transient=True, console=None)
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if task is None and time.monotonic() - started > 2:
            bar.start()
            task = bar.add_task(what, total=total)
        if task is not None:
            bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if task is not None:
            bar.stop()


def _echo_notices(notices) -> None:
    """Each notice once; candidates left out only as counts (``studydeck lint`` lists them, two
    candidates of one line left out for one reason as one finding, and so counts them here)."""
    left_out: Counter = Counter()
    counted = set()
    for notice in notices:
        if notice.rule.startswith("left-out:"):
            if (str(notice.source), notice.rule, notice.message) not in counted:
                counted.add((str(notice.source), notice.rule, notice.message))
                left_out[notice.rule.split(":", 1)[1]] += 1
        else:
            click.echo(f"note: {notice}", err=True)
    if left_out:
        reasons = ", ".join(f"{n} {reason}" for reason, n in left_out.most_common())
        click.echo(f"note: {sum(left_out.values())} candidate card(s) left out ({reasons}); "
                   "`studydeck lint` lists each with what to write instead", err=True)


def _echo_lint_count(workspace) -> None:
    from studydeck.lint import Severity

    findings = workspace.lint(allow_torch=False).findings
    if findings:
        by = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        click.echo(f"lint: {len(findings)} finding(s) in the notes ({by[Severity.ERROR]} error, "
                   f"{by[Severity.WARNING]} warning, {by[Severity.INFO]} info); see `studydeck lint`")


def _echo_disagreements(report, workspace) -> None:
    from studydeck.verify.messages import verdict_line

    langs = {c.uid: c.lang for c in workspace.cards}
    seen: set[tuple[str, str]] = set()
    for r in report.disagreements:
        key = (str(r.fix_at or r.source), r.detail)
        if key not in seen:
            seen.add(key)
            click.echo(f"{r.fix_at or r.source}: {r.concept}: {verdict_line(r, langs.get(r.uid, 'en'))}", err=True)


@cli.command()
@click.argument("notes", nargs=-1, type=click.Path(path_type=Path))
@click.option("--device", type=DEVICES, default="auto", show_default=True, help="Where the checks run.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per checked card, for machines.")
@click.option("--all", "show_all", is_flag=True, help="List every checked card, not only the ones to look at.")
@UNSAFE
def verify(notes: tuple[Path, ...], device: str, as_json: bool, show_all: bool, unsafe_run_code: bool) -> None:
    """Check every formula and code card against PyTorch; exit 1 if any disagrees.

    \b
    Example:
      studydeck verify notes/ --device cpu
    """
    from studydeck.pipeline import Workspace

    try:
        workspace = Workspace.load(_notes(notes), cache_dir=_cache_dir())
        with _progress("verifying") as progress:
            report = workspace.verify(device=device, progress=progress, unsafe_run_code=unsafe_run_code)
    except StudydeckError as exc:
        raise click.ClickException(str(exc)) from None
    _echo_sandbox_note()
    cards = {c.uid: c for c in workspace.cards}
    if as_json:
        rows = []
        for r in report.results:
            card = cards.get(r.uid)
            row = {"card": card.front if card else "", **r.to_dict(), "torch": report.torch_version,
                   "device": report.device}
            row["source"], row["fix_at"] = str(r.source), str(r.fix_at) if r.fix_at else None
            row["culprits"] = [str(c) for c in r.culprits]
            row.pop("example", None)
            rows.append(row)
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        _table(report, cards, show_all)
    if report.disagreements:
        sys.exit(1)


def _table(report, cards: dict, show_all: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    from rich.markup import escape

    from studydeck.verify.messages import verdict_line
    from studydeck.verify.result import fmt_diff

    console = Console(highlight=False, soft_wrap=False)
    table = Table(title=f"PyTorch {report.torch_version} ({report.device})", show_lines=False)
    for column in ("card", "concept", "verdict", "|Δ|", "source"):
        table.add_column(column, overflow="fold")
    style = {"agrees": "green", "disagrees": "bold red", "unverified": "yellow"}
    for r in report.results:
        if not show_all and r.verdict.value == "agrees":
            continue
        card = cards.get(r.uid)
        front = " ".join(card.front.split()) if card else ""
        diff = "" if r.max_abs_diff is None else fmt_diff(r.max_abs_diff)
        table.add_row(front[:48], r.concept or "—", f"[{style[r.verdict.value]}]{r.verdict.value}[/]", diff,
                      str(r.fix_at or r.source))
    console.print(table)
    seen: set[tuple[str, str]] = set()
    for r in report.disagreements:
        card = cards.get(r.uid)
        key = (str(r.fix_at or r.source), r.detail)
        if key not in seen:
            seen.add(key)
            line = verdict_line(r, card.lang if card else "en")
            console.print(f"[bold red]disagrees[/] {r.fix_at or r.source}: {r.concept}: {escape(line)}")
    counts = report.counts()
    console.print(f"{counts['agrees']} agree, {counts['disagrees']} disagree, {counts['unverified']} unverified"
                  + ("" if show_all else " (agreeing cards hidden; --all lists them)"))


@cli.command()
@click.argument("notes", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="The findings as JSON, for machines.")
@click.option("--fix", is_flag=True, help="Apply the certain fixes (what each file held is kept in a new .bak).")
@click.option("--rule", "picked", multiple=True, type=click.Choice(["formula-not-latex", "prose-as-code", "typo"]),
              help="With --fix or --diff: apply every fix of this rule, suggestions included (repeatable).")
@click.option("--diff", "show_diff", is_flag=True, help="Show what --fix (with the same options) would change, "
              "and write nothing.")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), default="warning", show_default=True,
              help="Exit 1 when a finding is at least this severe.")
def lint(notes, as_json, fix, picked, show_diff, fail_on) -> None:
    """Find what is wrong with the notes before it becomes a bad card.

    \b
    Example:
      studydeck lint notes/ --diff
      studydeck lint notes/ --fix --rule typo
    """
    from studydeck import lint as linting
    from studydeck.pipeline import Workspace

    try:
        result = Workspace.load(_notes(notes), cache_dir=_cache_dir(), scan=True).lint()
        fixed = linting.apply_fixes(result, set(picked)) if (fix or show_diff) else {}
        if show_diff:
            click.echo(linting.diff(result, fixed), nl=False)
        elif fix:
            for done in linting.write_fixes(result, fixed):
                kept = f"; earlier backups kept: {', '.join(str(p) for p in done.earlier)}" if done.earlier else ""
                click.echo(f"fixed {done.target} (what it held is in {done.backup}{kept})")
            if fixed:
                result = Workspace.load(_notes(notes), cache_dir=_cache_dir(), scan=True).lint()
    except StudydeckError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in result.findings], ensure_ascii=False, indent=1))
    elif not show_diff:
        for finding in result.findings:
            click.echo(str(finding))
        certain = sum(1 for f in result.findings if f.certain)
        others = sum(1 for f in result.findings if f.edit is not None and not f.certain)
        click.echo(f"{len(result.findings)} finding(s)" + (f", {certain} fixable with --fix" if certain else "")
                   + (f", {others} suggestion(s) that --fix --rule RULE applies" if others else ""))
    if result.at_least(linting.Severity.parse(fail_on)):
        sys.exit(1)


MINDMAP_FORMATS = (".html", ".svg", ".opml", ".mm")


@cli.command()
@click.argument("notes", nargs=-1, type=click.Path(path_type=Path))
@click.option("--section", help="Only this section (its heading, or a path like `优化器::SGD`).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("mindmap.html"), show_default=True,
              help="The file to write: .html (a page with the map and its outline), .svg, .opml or .mm (FreeMind).")
def mindmap(notes, section, output) -> None:
    """Draw notes as a mind map, or write it for a mind-map application.

    \b
    Example:
      studydeck mindmap notes/ --section 优化器 -o optimizers.html
    """
    from studydeck.mindmap import render
    from studydeck.pipeline import Workspace

    if output.suffix.lower() not in MINDMAP_FORMATS:
        raise click.ClickException(f"{output}: unknown format; use one of {', '.join(MINDMAP_FORMATS)}")
    try:
        paths = _notes(notes)
        tree = Workspace.load(paths).mindmap(section, ", ".join(p.name for p in paths) or "notes")
    except StudydeckError as exc:
        raise click.ClickException(str(exc)) from None
    writer = {".html": render.page, ".svg": render.svg, ".opml": render.opml, ".mm": render.freemind}
    text = writer[output.suffix.lower()](tree)
    from studydeck.export import make_folder
    from studydeck.text import atomic_write

    try:
        make_folder(output.parent)
        atomic_write(output, text.encode("utf-8"))
    except StudydeckError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{output}: cannot write ({exc.strerror}); choose another path with -o") from None
    click.echo(f"wrote {output}: {tree.count()} nodes")


def _default_db() -> Path:
    return Path(click.get_app_dir("studydeck")) / "reviews.sqlite3"


def _quiz_cards(notes: tuple[Path, ...]):
    """The cards to study (see :func:`_study_list`) and their key: kept in the cache by the notes'
    bytes and the state of the verifier's cache, a quiz over notes that have not changed reads one
    file. The key is None when a file cannot be read."""
    from studydeck.cache import FileCache
    from studydeck.pipeline import study_key
    from studydeck.quiz.cards import StudyCard

    paths, cache_dir = _notes(notes), _cache_dir()
    key = study_key(paths, cache_dir)
    cache = FileCache(cache_dir / "quiz") if key is not None else None
    hit = cache.get(key) if cache is not None else None
    if hit is not None:
        try:
            return [StudyCard.from_dict(s) for s in hit["cards"]], key
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a damaged entry: make the list again
    study = _study_list(paths, cache_dir)
    if cache is not None and study_key(paths, cache_dir) == key:
        # (kept only when nothing changed while it was made: a file saved meanwhile gave it)
        cache.put(key, {"cards": [s.to_dict() for s in study]})
        cache.prune(keep=QUIZ_LISTS_KEPT)
    return study, key


QUIZ_LISTS_KEPT = 16  # study lists in the cache: one per notes folder and state of its verdicts


def _study_list(paths: list[Path], cache_dir: Path):
    """The build's cards, with the verifier's answers where its cache has them (no torch),
    each cloze blank a card of its own, and the exercises the last build made."""
    from dataclasses import replace

    from studydeck.pipeline import Workspace
    from studydeck.quiz.cards import exercise_cards, study_cards
    from studydeck.terminal import plain_readings, with_readings
    from studydeck.verify.messages import answer_markdown

    workspace = Workspace.load(paths, cache_dir=cache_dir)
    workspace.verify(cached_only=True)
    workspace.settle()
    results = workspace.results()
    # a comparison's answer shows a formula that lost its markup as the verifier read it
    readings = plain_readings(workspace.cards, results)
    shown = [replace(c, back=with_readings(c.back, readings)) if "mindmap" in c.flags else c
             for c in workspace.cards]
    cards = study_cards(shown, {c.uid: answer_markdown(results[c.uid], c.lang)
                                for c in workspace.cards if c.uid in results})
    practice = [ex for doc in workspace.docs for ex in workspace.exercises(doc, cached_only=True)]
    return cards + exercise_cards(practice)


@cli.command()
@click.argument("notes", nargs=-1, type=click.Path(path_type=Path))
@click.option("--deck", help="Only decks matching this pattern (`*优化器*`, or a part of the path).")
@click.option("--tag", help="Only cards with this tag (`studydeck::formula`, a heading path).")
@click.option("--new", "new_limit", type=click.IntRange(min=0), default=None,
              help="New cards a day (default 20); kept for later sessions.")
@click.option("--reviews", "review_limit", type=click.IntRange(min=0), default=None,
              help="Review cards a day (default 200); kept for later sessions.")
@click.option("--rollover", type=click.IntRange(0, 23), default=None,
              help="The hour (local time) a study day begins (default 4); kept for later sessions.")
@click.option("--limit", type=click.IntRange(min=1), default=200, show_default=True,
              help="Cards at most in this session.")
@click.option("--mode", type=click.Choice(["flip", "type", "choice"]), default="flip", show_default=True,
              help="flip the card, type a short answer, or pick from four.")
@click.option("--db", type=click.Path(path_type=Path), default=None,
              help="Review database (default: the user's studydeck folder).")
def quiz(notes, deck, tag, new_limit, review_limit, rollover, limit, mode, db) -> None:
    """Study the cards in the terminal, scheduled by FSRS, in Anki's order and daily limits.

    Space or Enter shows the answer; 1–4 rate it (Again, Hard, Good, Easy); u undoes the
    last answer; q or Ctrl-C quits with a summary. Every answer is saved before the next card.
    Once a card is answered, the other cards of its note wait until the next day.

    \b
    Example:
      studydeck quiz notes/ --deck '*优化器*' --new 10
    """
    from rich.console import Console

    from studydeck.quiz.cards import select
    from studydeck.quiz.queue import Limits
    from studydeck.quiz.session import Keys, Session, clock
    from studydeck.quiz.store import Store

    now = clock()
    try:
        study, list_key = _quiz_cards(notes)
        chosen = select(study, deck, tag)
        store = Store(db or _default_db())
        try:
            store.sync(study, now(), list_key)
            limits = Limits.stored(store, new=new_limit, reviews=review_limit, rollover=rollover)
            Session(store, chosen, now=now, console=Console(highlight=False), keys=Keys(), mode=mode,
                    limits=limits, limit=limit).run()
        finally:
            store.close()
    except StudydeckError as exc:
        raise click.ClickException(str(exc)) from None


@cli.command()
@click.option("--db", type=click.Path(path_type=Path), default=None,
              help="Review database (default: the user's studydeck folder).")
def stats(db) -> None:
    """Show what is due, retention, lapses, a 30-day forecast and the hardest cards.

    \b
    Example:
      studydeck stats
    """
    from studydeck.quiz.queue import Limits
    from studydeck.quiz.session import clock
    from studydeck.quiz.stats import compute
    from studydeck.quiz.store import Store

    path = db or _default_db()
    if not path.exists():
        raise click.ClickException(f"{path}: no reviews yet; run `studydeck quiz` first")
    try:
        store = Store(path)
        try:
            result = compute(store, clock()(), Limits.stored(store))
        finally:
            store.close()
    except StudydeckError as exc:
        raise click.ClickException(str(exc)) from None
    _print_stats(result)


def _percent(retention) -> str:
    return "—" if retention.rate is None else f"{retention.rate:.0%} ({retention.passed}/{retention.done})"


def _print_stats(result) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    console.print(f"Due today: {result.due.describe()}")
    console.print(f"Reviews: {result.reviews} (" + ", ".join(f"{k} {n}" for k, n in result.kinds.items()) + ")")
    console.print(f"True retention: {_percent(result.retention)}   young: {_percent(result.young)}   "
                  f"mature: {_percent(result.mature)}   lapses: {result.lapses}")
    ahead = Table("day", "due", title="Due in the next 30 days")
    for day, count in result.forecast:
        if count:
            ahead.add_row(day, str(count))
    console.print(ahead if ahead.row_count else "Due in the next 30 days: no card studied before")
    days = Table("day", "reviews", title="Reviews per day")
    for day, count in result.per_day:
        days.add_row(day, str(count))
    console.print(days)
    if result.hardest:
        hard = Table("card", "difficulty", "lapses", title="Hardest cards")
        for front, difficulty, lapses in result.hardest:
            hard.add_row(front, f"{difficulty:.1f}", str(lapses))
        console.print(hard)


def main() -> None:
    try:
        cli(prog_name="studydeck")
    except KeyboardInterrupt:
        click.echo("interrupted; nothing half-written was left behind", err=True)
        sys.exit(130)
    except OSError as exc:
        # the disk filled up or a path vanished under us: one line, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"Error: {where}{exc.strerror or exc}; check the disk and the paths, then run again", err=True)
        sys.exit(1)
    except RecursionError:
        click.echo("Error: the notes nest too deeply to read; flatten the deepest list or formula", err=True)
        sys.exit(1)


if __name__ == "__main__":
    sys.exit(main())
