"""Numbers about a review store: what is due, how much was done, how well it went."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from studydeck.quiz.store import Store
from studydeck.quiz.terminal import text_for_terminal


@dataclass
class Stats:
    due_today: int
    due_tomorrow: int
    due_week: int
    per_day: list[tuple[str, int]]
    retention: float | None
    reviews: int
    hardest: list[tuple[str, float, int]]  # (front, difficulty, lapses)


def compute(store: Store, now: datetime, days: int = 7, hardest: int = 5) -> Stats:
    end_of_today = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    def due_by(t: datetime) -> int:
        return store.db.execute("SELECT count(*) FROM cards WHERE retired = 0 AND due < ?",
                                (t.timestamp(),)).fetchone()[0]
    today = due_by(end_of_today)
    tomorrow = due_by(end_of_today + timedelta(days=1)) - today
    week = due_by(end_of_today + timedelta(days=7))
    reviews = store.reviews()
    per = Counter(at[:10] for _, _, at in reviews)
    per_day = [((now - timedelta(days=k)).date().isoformat(), per[(now - timedelta(days=k)).date().isoformat()])
               for k in range(days - 1, -1, -1)]
    # retention: answers other than Again among cards that had been learned before
    seen: set[str] = set()
    recalled = total = 0
    lapses: Counter = Counter()
    for uid, rating, _ in reviews:
        if uid in seen:
            total += 1
            recalled += rating > 1
        if rating == 1:
            lapses[uid] += 1
        seen.add(uid)
    ranked = []
    for card, state, retired in store.all_cards():
        if state.difficulty is not None and not retired:
            front = re.sub(r"[*`]", "", text_for_terminal(card.front))
            ranked.append((" ".join(front.split())[:60], float(state.difficulty), lapses[card.uid]))
    ranked.sort(key=lambda r: (-r[2], -r[1], r[0]))
    return Stats(today, tomorrow, week, per_day, (recalled / total) if total else None, len(reviews), ranked[:hardest])
