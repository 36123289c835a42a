"""Numbers about a review store, with Anki's definitions, computed from the review log."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from studydeck.quiz import queue as queues
from studydeck.quiz.schedule import day_start, is_new
from studydeck.quiz.store import LEARNING, NEW, RELEARNING, REVIEW, Store
from studydeck.terminal import plain_text

MATURE = timedelta(days=21)  # Anki calls a card mature from a 21-day interval on
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Retention:
    """Answers to review cards that were not Again, out of all answers to review cards."""

    passed: int = 0
    done: int = 0

    def add(self, passed: bool) -> "Retention":
        return Retention(self.passed + passed, self.done + 1)

    @property
    def rate(self) -> float | None:
        return self.passed / self.done if self.done else None


@dataclass
class Stats:
    due: queues.Queue  # what a session started now would show
    forecast: list[tuple[str, int]]  # (day, cards falling due that day); today holds the overdue ones
    per_day: list[tuple[str, int]]  # (day, answers given that day)
    reviews: int
    kinds: dict[str, int]  # answers by what the card was: new, learning, review, relearning
    retention: Retention
    young: Retention
    mature: Retention
    lapses: int
    hardest: list[tuple[str, float, int]]  # (front as text, difficulty, lapses)


def compute(store: Store, now: datetime, limits: queues.Limits, days: int = 7, horizon: int = 30,
            hardest: int = 5) -> Stats:
    start = day_start(now, limits.rollover)
    log = store.reviews()
    young = mature = Retention()
    lapses: Counter = Counter()
    for uid, rating, kind, _, before in log:
        if kind != REVIEW:
            continue  # a new card failed on its first day is not a lapse, nor a retention miss
        if before.due - before.last_review >= MATURE:
            mature = mature.add(rating > 1)
        else:
            young = young.add(rating > 1)
        lapses[uid] += rating == 1
    per = Counter(int((at - start.timestamp()) // DAY.total_seconds()) for _, _, _, at, _ in log)
    per_day = [(_label(start, -k), per[-k]) for k in range(days - 1, -1, -1)]
    names = {NEW: "new", LEARNING: "learning", REVIEW: "review", RELEARNING: "relearning"}
    kinds = Counter(names[kind] for _, _, kind, _, _ in log)
    return Stats(queues.build(store, now, limits), _forecast(store, start, horizon), per_day, len(log),
                 {name: kinds[name] for name in names.values()}, Retention(young.passed + mature.passed,
                 young.done + mature.done), young, mature, sum(lapses.values()), _hardest(store, lapses, hardest))


def _forecast(store: Store, start: datetime, horizon: int) -> list[tuple[str, int]]:
    """Cards studied before, by the study day they fall due on, as Anki's future-due graph."""
    rows = store.due_before(start + horizon * DAY)
    by_day = Counter(max(0, int((r.fsrs.due - start) / DAY)) for r in rows if not is_new(r.fsrs))
    return [(_label(start, d), by_day[d]) for d in range(horizon)]


def _label(start: datetime, offset: int) -> str:
    return (start + offset * DAY).date().isoformat()


def _hardest(store: Store, lapses: Counter, n: int) -> list[tuple[str, float, int]]:
    ranked = [(plain_text(card.front)[:60], float(state.difficulty), lapses[card.uid])
              for card, state, retired in store.all_cards() if state.difficulty is not None and not retired]
    ranked.sort(key=lambda r: (-r[2], -r[1], r[0]))
    return ranked[:n]
