"""The terminal session: front, reveal, rate with the interval each button leads to, undo, quit.

Every answer is committed to the store before the next card is drawn, so a killed process
loses nothing that was answered. The next card is chosen afresh after each answer, so a card
that falls due meanwhile is not missed.
"""

from __future__ import annotations

import os
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from studydeck.model import CardKind
from studydeck.quiz import queue as queues
from studydeck.exercise import check, feedback, render_answer, render_prompt, render_steps, render_tolerance, variant_for
from studydeck.quiz.cards import StudyCard
from studydeck.quiz.schedule import LABELS, RATINGS, Rating, State, day_start, interval_text, is_new, preview
from studydeck.quiz.store import Row, Store
from studydeck.terminal import cloze_back, cloze_front, text_for_terminal


class Clock:
    """The session's clock. STUDYDECK_NOW (ISO 8601) pins it, for tests and demos, and
    STUDYDECK_STEP (seconds) then moves it on after each answer, to replay a study day."""

    def __init__(self, pinned: datetime | None = None, step: float = 0.0) -> None:
        self.pinned, self.step = pinned, timedelta(seconds=step)

    def __call__(self) -> datetime:
        return self.pinned or datetime.now(timezone.utc)

    def tick(self) -> None:
        if self.pinned is not None:
            self.pinned += self.step


def clock() -> Clock:
    fixed = os.environ.get("STUDYDECK_NOW")
    if not fixed:
        return Clock()
    pinned = datetime.fromisoformat(fixed)
    return Clock(pinned if pinned.tzinfo else pinned.replace(tzinfo=timezone.utc),
                 float(os.environ.get("STUDYDECK_STEP") or 0))


class Keys:
    """Single key presses from a terminal; whole lines when stdin is not one."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stdin
        self.tty = self.stream.isatty()

    def key(self) -> str:
        if not self.tty:
            ch = self.stream.read(1)
            return ch or "q"  # end of input quits, saving what was answered
        import termios
        import tty

        fd = self.stream.fileno()
        old = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            ch = os.read(fd, 4).decode("utf-8", "ignore")
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, old)
        return ch[:1] or "q"

    def line(self, prompt: str, console: Console) -> str:
        console.print(prompt, end="")
        return self.stream.readline().rstrip("\n")


@dataclass
class Summary:
    ratings: Counter = field(default_factory=Counter)
    undone: int = 0

    @property
    def reviewed(self) -> int:
        return sum(self.ratings.values())


def render_front(study: StudyCard) -> str:
    if study.card.kind is CardKind.CLOZE:
        return text_for_terminal(cloze_front(study.card.front))
    return text_for_terminal(study.card.front)


def render_back(study: StudyCard) -> str:
    card = study.card
    parts = []
    if card.kind is CardKind.CLOZE:
        parts.append(text_for_terminal(cloze_back(card.front)))
        if card.back and "default" not in card.flags:
            parts.append(text_for_terminal(card.back))
    else:
        parts.append(text_for_terminal(card.back))
    if card.extra:
        parts.append(text_for_terminal(card.extra))
    if study.checked:
        parts.append(text_for_terminal(study.checked))
    return "\n\n".join(parts)


def short_answer(study: StudyCard) -> str | None:
    """The answer a learner can type: a cloze's blank, or a short back."""
    answer = study.answer()
    if study.card.kind is CardKind.CLOZE:
        return answer if answer and len(answer) <= 40 and " … " not in answer else None
    return answer if answer and len(answer) <= 24 and "\n" not in answer else None


def same_answer(typed: str, expected: str) -> bool:
    norm = lambda s: re.sub(r"[\s`*$（）()，,。.]", "", s).casefold()
    if norm(typed) == norm(expected):
        return True
    try:
        a, b = float(typed.strip()), float(expected.strip().strip("`"))
    except ValueError:
        return False
    return abs(a - b) <= 1e-9 + 1e-3 * abs(b)


def distractors(study: StudyCard, pool: list[StudyCard], rng: random.Random, n: int = 3) -> list[str]:
    """Answers of cards of the same kind and about the same length: other defaults for a
    default, other formulas for a formula; the same section's cards first."""
    answer = study.answer()
    width = len(" ".join(answer.split()))

    def fits(other: StudyCard) -> bool:
        text = other.answer()
        size = len(" ".join(text.split()))
        return (_answer_kind(other) == _answer_kind(study) and text and not same_answer(text, answer)
                and width / 2 - 3 <= size <= width * 2 + 3)

    family = study.card.deck[:-1] or study.card.deck
    # the other blanks of its own cloze are filled in on the card: no use as wrong options
    found = {o.answer(): (o.card.deck[:-1] or o.card.deck) != family for o in pool if o.note != study.note and fits(o)}
    ranked = sorted(found, key=lambda text: (found[text], rng.random()))
    return ranked[:n]


def _answer_kind(study: StudyCard) -> tuple:
    """Answers that look alike: a list among lists, a bare formula among bare formulas."""
    text = study.answer()
    is_list = bool(re.search(r"^\s*(?:[-*+]|\d+[.)])\s", text, re.M))
    bare_math = bool(re.fullmatch(r"\s*(\$\$?)[^$]+\1\s*", text))
    return study.card.kind, tuple(sorted(study.card.flags)), is_list, bare_math


class Session:
    def __init__(self, store: Store, cards: list[StudyCard], *, now: Clock, console: Console, keys: Keys,
                 limits: queues.Limits, mode: str = "flip", limit: int = 200, seed: int | None = None):
        self.store, self.now, self.console, self.keys = store, now, console, keys
        self.cards = {c.uid: c for c in cards}
        self.limits, self.mode, self.limit = limits, mode, limit
        self.rng = random.Random(seed)
        self.session_id = f"{now().isoformat()}-{os.getpid()}"
        self.summary = Summary()
        self.history: list[tuple[int, Rating]] = []
        self.again: str | None = None  # an undone card is asked again at once

    def run(self) -> Summary:
        """Study until nothing is left, the session limit is reached, or the learner quits
        (q, end of input, or Ctrl-C): each ends with the summary."""
        if not self.queue():
            self.console.print(self.nothing_left())
            return self.summary
        try:
            self.loop()
        except KeyboardInterrupt:
            self.console.print()
        self.print_summary()
        return self.summary

    def queue(self) -> list[Row]:
        rows = queues.build(self.store, self.now(), self.limits, set(self.cards)).order()
        if self.again:
            rows.sort(key=lambda r: r.uid != self.again)
        return rows

    def loop(self) -> None:
        while self.summary.reviewed < self.limit:
            rows = self.queue()
            if not rows:
                return
            action = self.ask(rows[0], self.summary.reviewed + len(rows))
            if action == "quit":
                return
            if action == "undo":
                self.undo()
            else:
                self.again = None
                self.now.tick()

    def undo(self) -> None:
        if not self.history:
            return
        review_id, rating = self.history.pop()
        self.again = self.store.undo(review_id)
        self.summary.ratings[rating] -= 1
        self.summary.undone += 1
        self.console.print("[yellow]Undone.[/]")

    def nothing_left(self) -> str:
        today = self.store.today(day_start(self.now(), self.limits.rollover))
        return (f"Nothing is due now: {today.new} new card(s) and {today.reviews} review(s) done this study day "
                f"(at most {self.limits.new} new and {self.limits.reviews} reviews a day; the next day begins at "
                f"{self.limits.rollover:02d}:00). Come back later, or raise --new.")

    def header(self, row: Row, total: int) -> Text:
        card = self.cards[row.uid].card
        tag = "new" if is_new(row.fsrs) else "review" if row.fsrs.state is State.Review else "learning"
        return Text.assemble((" › ".join(card.deck), "bold cyan"), f"   {self.summary.reviewed + 1}/{total} · {tag}")

    def ask(self, row: Row, total: int) -> str:
        study = self.cards[row.uid]
        self.console.rule()
        self.console.print(self.header(row, total))
        if study.exercise is not None:
            return self.practise(study)
        self.console.print(Markdown(render_front(study)))
        suggested: Rating | None = None
        if self.mode == "type" and short_answer(study) is not None:
            suggested = self.typed(study)
        elif self.mode == "choice":
            suggested = self.choose(study)
        if suggested in ("quit", "undo"):
            return suggested
        if suggested is None:
            self.console.print("[dim]Space/Enter: show answer · u: undo · q: quit[/]")
            key = self.wait_for(" \n\r")
            if key in ("quit", "undo"):
                return key
        self.console.print(Panel(Markdown(render_back(study)), border_style="green"))
        return self.rate(study, suggested)

    def practise(self, study: StudyCard) -> str:
        """An exercise: a variant not shown at the last review, the number typed and checked."""
        ex = study.exercise
        variant = variant_for(ex, self.store.review_count(study.uid))
        self.console.print(Text(render_prompt(ex, variant) + " " + render_tolerance(ex)))
        ask = "你的答案（回车：显示答案，q：退出）：" if ex.lang == "zh" else "Your answer (Enter: show it, q: quit): "
        suggested: Rating | None = None
        while True:
            typed = self.keys.line(ask, self.console)
            if typed.strip() == "q":
                return "quit"
            if not typed.strip():
                break
            verdict = check(ex, variant, typed)
            self.console.print(Text(feedback(ex, variant, typed)),
                               style="green" if verdict else "red" if verdict is False else "yellow")
            if verdict is not None:
                suggested = Rating.Good if verdict else Rating.Again
                break
        steps = render_steps(ex, variant)
        self.console.print(Panel(Text(render_answer(ex, variant) + (f"\n{steps}" if steps else "")),
                                 border_style="green"))
        return self.rate(study, suggested)

    def wait_for(self, accepted: str) -> str:
        while True:
            key = self.keys.key()
            if key == "q":
                return "quit"
            if key == "u":
                return "undo"
            if key and key in accepted:
                return key

    def typed(self, study: StudyCard):
        answer = short_answer(study)
        typed = self.keys.line("Your answer (Enter: show it, q: quit): ", self.console)
        if typed.strip() == "q":
            return "quit"
        if not typed.strip():
            return None
        ok = same_answer(typed, answer)
        self.console.print("[green]✔ correct[/]" if ok else f"[red]✘ the answer is[/] {answer}")
        return Rating.Good if ok else Rating.Again

    def choose(self, study: StudyCard):
        options = distractors(study, list(self.cards.values()), self.rng)
        if len(options) < 2:
            return None  # too few answers of its kind to choose from: flip it
        correct = study.answer()
        choices = options + [correct]
        self.rng.shuffle(choices)
        letters = "abcd"[:len(choices)]
        grid = Table.grid(padding=(0, 1))
        for letter, choice in zip(letters, choices):
            grid.add_row(f" {letter})", Markdown(text_for_terminal(choice)))
        self.console.print(grid)
        self.console.print(f"Choose a–{letters[-1]} (u undo, q quit): ", end="")
        key = self.wait_for(letters)
        if key in ("quit", "undo"):
            return key
        ok = choices[letters.index(key)] == correct
        self.console.print("\n[green]✔ correct[/]" if ok else "\n[red]✘ not that one[/]")
        return Rating.Good if ok else Rating.Again

    def rate(self, study: StudyCard, suggested: Rating | None) -> str:
        now = self.now()
        intervals = preview(self.store.sched, self.store.state(study.uid), now)
        buttons = "   ".join(f"[bold]{n}[/] {LABELS[r]} {interval_text(intervals[r])}" for n, r in RATINGS.items())
        hint = f" (Enter: {LABELS[suggested]})" if suggested else ""
        self.console.print(buttons + f"   [dim]u undo · q quit{hint}[/]")
        while True:
            key = self.wait_for("1234\n\r")
            if key in ("quit", "undo"):
                return key
            if key in "1234":
                rating = RATINGS[int(key)]
            elif suggested is not None:
                rating = suggested
            else:
                continue
            _, _, review_id = self.store.answer(study.uid, rating, now, self.session_id)
            self.history.append((review_id, rating))
            self.summary.ratings[rating] += 1
            self.console.print(f"[dim]{LABELS[rating]} · saved[/]")
            return "next"

    def print_summary(self) -> None:
        s = self.summary
        parts = ", ".join(f"{LABELS[r]} {s.ratings[r]}" for r in RATINGS.values())
        self.console.rule()
        self.console.print(f"Session summary: {s.reviewed} answered ({parts})"
                           + (f", {s.undone} undone" if s.undone else ""))
        due = queues.build(self.store, self.now(), self.limits)
        self.console.print(f"Due today in this database: {due.describe()}")
