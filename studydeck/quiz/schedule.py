"""FSRS scheduling (py-fsrs, the algorithm Anki uses), with the clock passed in."""

from __future__ import annotations

from datetime import datetime, timedelta

from fsrs import Card as FsrsCard
from fsrs import Rating, ReviewLog, Scheduler, State

RATINGS = {1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Easy}
LABELS = {Rating.Again: "Again", Rating.Hard: "Hard", Rating.Good: "Good", Rating.Easy: "Easy"}


def scheduler() -> Scheduler:
    # No fuzzing: the same answers at the same times give the same intervals, as tests need.
    return Scheduler(enable_fuzzing=False)


def card_id(uid: str) -> int:
    return int(uid[:15], 16)


def new_card(uid: str, now: datetime) -> FsrsCard:
    return FsrsCard(card_id=card_id(uid), due=now)


def review(sched: Scheduler, card: FsrsCard, rating: Rating, now: datetime) -> tuple[FsrsCard, ReviewLog]:
    return sched.review_card(card, rating, review_datetime=now)


def preview(sched: Scheduler, card: FsrsCard, now: datetime) -> dict[Rating, timedelta]:
    """What each button leads to, as Anki shows above its buttons."""
    out = {}
    for rating in RATINGS.values():
        after, _ = sched.review_card(FsrsCard.from_json(card.to_json()), rating, review_datetime=now)
        out[rating] = after.due - now
    return out


def interval_text(delta: timedelta) -> str:
    seconds = max(0, delta.total_seconds())
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"


def day_start(now: datetime, rollover: int) -> datetime:
    """When the study day holding ``now`` began: ``rollover`` o'clock, local time, as in Anki."""
    local = now.astimezone()
    start = local.replace(hour=rollover, minute=0, second=0, microsecond=0)
    return start if start <= local else start - timedelta(days=1)


def is_new(card: FsrsCard) -> bool:
    return card.last_review is None


__all__ = ["FsrsCard", "Rating", "State", "RATINGS", "LABELS", "scheduler", "new_card", "review", "preview",
           "interval_text", "card_id", "day_start", "is_new"]
