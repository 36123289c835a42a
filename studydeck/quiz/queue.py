"""What to study next, in Anki's order: learning cards when due, then reviews, then new cards.

Daily limits count what the review log holds for the study day, so they hold across sessions.
Once a card is answered, the other cards of its note and of its sibling group are buried until
the next study day; the queue also takes at most one card of a note or group, for the same reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from studydeck.quiz.schedule import State, day_start, is_new
from studydeck.quiz.store import Row, Store

# Anki's "learn ahead limit": with nothing else left, a learning card due this soon is shown now.
LEARN_AHEAD = timedelta(minutes=20)


@dataclass(frozen=True)
class Limits:
    new: int = 20  # new cards a day
    reviews: int = 200  # review cards a day
    rollover: int = 4  # the hour, local time, at which a new study day begins

    KEYS = ("new", "reviews", "rollover")

    @classmethod
    def stored(cls, store: Store, **given: int | None) -> "Limits":
        """The limits the learner set last, with the ones given now saved in their place."""
        values = {}
        for key in cls.KEYS:
            if given.get(key) is not None:
                store.set_setting(f"limit.{key}", str(given[key]))
            saved = store.setting(f"limit.{key}")
            values[key] = int(saved) if saved is not None else getattr(cls(), key)
        return cls(**values)


@dataclass
class Queue:
    learning: list[Row] = field(default_factory=list)
    reviews: list[Row] = field(default_factory=list)
    new: list[Row] = field(default_factory=list)
    ahead: list[Row] = field(default_factory=list)  # learning cards due within LEARN_AHEAD
    buried: int = 0

    def order(self) -> list[Row]:
        return (self.learning + self.reviews + self.new) or self.ahead

    def __len__(self) -> int:
        return len(self.order())

    def describe(self) -> str:
        learning = len(self.learning) if self.learning or self.reviews or self.new else len(self.ahead)
        return (f"{len(self)} (learning {learning}, review {len(self.reviews)}, new {len(self.new)})"
                + (f", {self.buried} buried until the next day" if self.buried else ""))


def build(store: Store, now: datetime, limits: Limits, uids: set[str] | None = None) -> Queue:
    """The queue a session started at ``now`` works through, over ``uids`` (all cards if None)."""
    start = day_start(now, limits.rollover)
    today = store.today(start)
    rows = [r for r in store.due_before(start + timedelta(days=1)) if uids is None or r.uid in uids]
    queue = Queue()
    taken = set(today.groups)
    new_left = max(0, limits.new - today.new)
    reviews_left = max(0, limits.reviews - today.reviews)
    for row in rows:
        if row.fsrs.state is not State.Review and not is_new(row.fsrs):
            if row.fsrs.due <= now:
                queue.learning.append(row)
            elif row.fsrs.due <= now + LEARN_AHEAD:
                queue.ahead.append(row)
            taken |= row.groups()
    for row in rows:
        if row.fsrs.state is State.Review or is_new(row.fsrs):
            kind, left = (queue.new, new_left) if is_new(row.fsrs) else (queue.reviews, reviews_left)
            if row.groups() & taken:
                queue.buried += 1
            elif len(kind) < left:
                kind.append(row)
                taken |= row.groups()
    return queue
