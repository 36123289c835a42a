"""The terminal session: front, reveal, rate with the interval each button leads to, undo, quit.

Every answer is committed to the store before the next card is drawn, so a killed process
loses nothing that was answered.
"""

from __future__ import annotations

import os
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from fnmatch import fnmatch
from typing import Callable

from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel
from rich.text import Text

from studydeck.export import card_tags
from studydeck.model import Card, CardKind
from studydeck.quiz.schedule import LABELS, RATINGS, Rating, interval_text, preview
from studydeck.quiz.store import Due, Store
from studydeck.quiz.terminal import cloze_back, cloze_front, text_for_terminal

LEARN_AHEAD = timedelta(minutes=20)


def clock() -> Callable[[], datetime]:
    """The session's clock; STUDYDECK_NOW (ISO 8601) pins it, for tests and demos."""
    fixed = os.environ.get("STUDYDECK_NOW")
    if fixed:
        pinned = datetime.fromisoformat(fixed)
        pinned = pinned if pinned.tzinfo else pinned.replace(tzinfo=timezone.utc)
        return lambda: pinned
    return lambda: datetime.now(timezone.utc)


CLOZE_MARK = re.compile(r"\{\{c(\d+)::(.*?)(?:::[^}]*)?\}\}")


def expand_clozes(card: Card) -> list[Card]:
    """One card per cloze number, as Anki makes them: c2's card shows c1 and c3 filled in."""
    numbers = sorted({int(n) for n, _ in CLOZE_MARK.findall(card.front)})
    if card.kind is not CardKind.CLOZE or len(numbers) < 2:
        return [card]
    out = []
    for n in numbers:
        front = CLOZE_MARK.sub(lambda m: m.group(0) if int(m.group(1)) == n else m.group(2), card.front)
        out.append(replace(card, front=front, key=f"{card.key}#c{n}"))
    return out


def quiz_cards(cards: list[Card], deck: str | None = None, tag: str | None = None) -> list[Card]:
    """The cards a quiz can ask: with an answer, matching the filters, clozes one per blank."""
    out = []
    for card in (c for whole in cards for c in expand_clozes(whole)):
        if not card.back.strip() and card.kind is not CardKind.CLOZE:
            continue  # a question the notes do not answer yet
        path = "::".join(card.deck)
        if deck and not (fnmatch(path.casefold(), deck.casefold())
                         or (not any(c in deck for c in "*?[") and deck.casefold() in path.casefold())):
            continue
        if tag and not any(t.casefold() == tag.casefold() or t.casefold().startswith(tag.casefold() + "::")
                           for t in card_tags(card)):
            continue
        out.append(card)
    return out


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


@dataclass
class Item:
    due: Due
    rating: Rating | None = None  # set once answered, for undo


def session_items(due: list[Due], new_limit: int, limit: int) -> list[Item]:
    """Reviews first, then at most ``new_limit`` new cards, at most ``limit`` in all."""
    reviews = [d for d in due if not d.is_new]
    new = [d for d in due if d.is_new][:new_limit]
    return [Item(d) for d in reviews + new][:limit]


def render_front(item: Item) -> str:
    card = item.due.card
    if card.kind is CardKind.CLOZE:
        return text_for_terminal(cloze_front(card.front))
    return text_for_terminal(card.front)


def render_back(item: Item) -> str:
    card = item.due.card
    parts = []
    if card.kind is CardKind.CLOZE:
        parts.append(text_for_terminal(cloze_back(card.front)))
        if card.back and "default" not in card.flags:
            parts.append(text_for_terminal(card.back))
    else:
        parts.append(text_for_terminal(card.back))
    if card.extra:
        parts.append(text_for_terminal(card.extra))
    if card.computed:
        parts.append(text_for_terminal(card.computed))
    return "\n\n".join(parts)


def short_answer(card: Card) -> str | None:
    """The answer a learner can type: a single cloze, or a short back."""
    if card.kind is CardKind.CLOZE:
        found = re.findall(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}", card.front)
        return found[0] if len(found) == 1 and len(found[0]) <= 40 else None
    back = card.back.strip()
    return back if back and len(back) <= 24 and "\n" not in back else None


def same_answer(typed: str, expected: str) -> bool:
    norm = lambda s: re.sub(r"[\s`*$（）()，,。.]", "", s).casefold()
    if norm(typed) == norm(expected):
        return True
    try:
        a, b = float(typed.strip()), float(expected.strip().strip("`"))
    except ValueError:
        return False
    return abs(a - b) <= 1e-9 + 1e-3 * abs(b)


def distractors(card: Card, pool: list[Card], rng: random.Random, n: int = 3) -> list[str]:
    """Answers of sibling cards: other optimizers' definitions for an optimizer question."""
    def family(c: Card) -> tuple:
        return c.deck[:-1] if len(c.deck) > 1 else c.deck
    siblings = [c.back for c in pool if c.uid != card.uid and c.kind is card.kind and c.back.strip()
                and c.back != card.back and family(c) == family(card)]
    if len(siblings) < n:
        siblings += [c.back for c in pool if c.uid != card.uid and c.kind is card.kind and c.back.strip()
                     and c.back != card.back and c.back not in siblings]
    unique = list(dict.fromkeys(siblings))
    rng.shuffle(unique)
    return unique[:n]


class Session:
    def __init__(self, store: Store, cards: list[Card], *, now: Callable[[], datetime], console: Console,
                 keys: Keys, mode: str = "flip", new_limit: int = 20, limit: int = 200, seed: int | None = None):
        self.store, self.cards, self.now, self.console, self.keys = store, cards, now, console, keys
        self.mode, self.new_limit, self.limit = mode, new_limit, limit
        self.rng = random.Random(seed)
        self.session_id = f"{now().isoformat()}-{os.getpid()}"
        self.summary = Summary()
        self.history: list[tuple[int, Item]] = []

    def run(self) -> Summary:
        uids = {c.uid for c in self.cards}
        queue = session_items(self.store.due(self.now(), uids), self.new_limit, self.limit)
        if not queue:
            self.console.print("Nothing is due. Come back later, or add notes and run `studydeck quiz` again.")
            return self.summary
        total, done = len(queue), 0
        while queue:
            item = queue[0]
            action = self.ask(item, done, total)
            if action == "quit":
                break
            if action == "undo":
                if self.history:
                    review_id, previous = self.history.pop()
                    self.store.undo(review_id)
                    self.summary.ratings[previous.rating] -= 1
                    self.summary.undone += 1
                    queue.insert(0, previous)
                    done -= 1
                    self.console.print("[yellow]Undone.[/]")
                continue
            queue.pop(0)
            done += 1
            if not queue:
                # cards still being learned come back when due, or a little early, as in Anki
                answered = {previous.due.card.uid for _, previous in self.history}
                again = self.store.due(self.now() + LEARN_AHEAD, answered)
                queue = [Item(d) for d in again]
                total += len(queue)
        self.print_summary()
        return self.summary

    def header(self, item: Item, done: int, total: int) -> Text:
        deck = " › ".join(item.due.card.deck)
        tag = "new" if item.due.is_new else "review"
        return Text.assemble((deck, "bold cyan"), f"   {done + 1}/{total} · {tag}")

    def ask(self, item: Item, done: int, total: int) -> str:
        card = item.due.card
        self.console.rule()
        self.console.print(self.header(item, done, total))
        self.console.print(Markdown(render_front(item)))
        answer = short_answer(card)
        suggested: Rating | None = None
        if self.mode == "type" and answer is not None:
            typed = self.keys.line("Your answer (Enter: show it, q: quit): ", self.console)
            if typed.strip() == "q":
                return "quit"
            if typed.strip():
                ok = same_answer(typed, answer)
                suggested = Rating.Good if ok else Rating.Again
                self.console.print("[green]✔ correct[/]" if ok else f"[red]✘ the answer is[/] {answer}")
        elif self.mode == "choice":
            options = distractors(card, self.cards, self.rng)
            correct = (answer or card.back) if card.kind is CardKind.CLOZE else card.back
            if options and correct:
                choices = options + [correct]
                self.rng.shuffle(choices)
                letters = "abcd"[:len(choices)]
                for letter, choice in zip(letters, choices):
                    self.console.print(Text(f" {letter}) ") + Text(" ".join(text_for_terminal(choice).split())[:160]))
                self.console.print("Choose a–d (u undo, q quit): ", end="")
                while True:
                    key = self.keys.key()
                    if key in ("q", "u"):
                        return "quit" if key == "q" else "undo"
                    if key in letters:
                        ok = choices[letters.index(key)] == correct
                        suggested = Rating.Good if ok else Rating.Again
                        self.console.print("\n[green]✔ correct[/]" if ok else "\n[red]✘ not that one[/]")
                        break
        if suggested is None:
            self.console.print("[dim]Space/Enter: show answer · u: undo · q: quit[/]")
            while True:
                key = self.keys.key()
                if key in (" ", "\n", "\r"):
                    break
                if key == "q":
                    return "quit"
                if key == "u":
                    return "undo"
        self.console.print(Panel(Markdown(render_back(item)), border_style="green"))
        return self.rate(item, suggested)

    def rate(self, item: Item, suggested: Rating | None) -> str:
        now = self.now()
        state = self.store.state(item.due.card.uid)
        intervals = preview(self.store.sched, state, now)
        buttons = "   ".join(f"[bold]{n}[/] {LABELS[r]} {interval_text(intervals[r])}" for n, r in RATINGS.items())
        hint = f" (Enter: {LABELS[suggested]})" if suggested else ""
        self.console.print(buttons + f"   [dim]u undo · q quit{hint}[/]")
        while True:
            key = self.keys.key()
            if key == "q":
                return "quit"
            if key == "u":
                return "undo"
            if key in ("\n", "\r") and suggested is not None:
                rating = suggested
            elif key in "1234" and key:
                rating = RATINGS[int(key)]
            else:
                continue
            _, _, review_id = self.store.answer(item.due.card.uid, rating, now, self.session_id)
            item.rating = rating
            self.history.append((review_id, item))
            self.summary.ratings[rating] += 1
            self.console.print(f"[dim]{LABELS[rating]} · saved[/]")
            return "next"

    def print_summary(self) -> None:
        s = self.summary
        parts = ", ".join(f"{LABELS[r]} {s.ratings[r]}" for r in RATINGS.values())
        self.console.rule()
        self.console.print(f"Session summary: {s.reviewed} answered ({parts})"
                           + (f", {s.undone} undone" if s.undone else ""))
        upcoming = self.store.due_counts(self.now())
        self.console.print(f"Due now in this database: {upcoming['now']}, within a day: {upcoming['day']}")
