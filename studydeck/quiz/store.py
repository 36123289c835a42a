"""The review store: SQLite, one transaction per answer, nothing answered is ever lost.

Cards are keyed by their stable id (the one the Anki deck's GUIDs come from), so editing a
card's text keeps its history. A card that disappears from the notes is retired, never
deleted. Two quiz processes on one database take turns: each answer waits for the other's
transaction (up to ``busy_timeout``), then fails with a clear message rather than corrupt.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from studydeck.errors import StudydeckError
from studydeck.model import Card
from studydeck.quiz.schedule import FsrsCard, Rating, ReviewLog, new_card, review, scheduler

SCHEMA = """
CREATE TABLE IF NOT EXISTS cards (
    uid TEXT PRIMARY KEY,
    card TEXT NOT NULL,          -- the studydeck card, JSON
    fsrs TEXT NOT NULL,          -- the FSRS state, JSON
    due REAL NOT NULL,           -- epoch seconds, copied out of fsrs for queries
    retired INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cards_due ON cards(retired, due);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL REFERENCES cards(uid),
    rating INTEGER NOT NULL,
    reviewed_at TEXT NOT NULL,
    before TEXT NOT NULL,        -- FSRS state before this answer, for undo
    after TEXT NOT NULL,
    log TEXT NOT NULL,
    session TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_uid ON reviews(uid);
"""


class StoreBusy(StudydeckError):
    pass


@dataclass
class Due:
    card: Card
    fsrs: FsrsCard
    is_new: bool


class Store:
    def __init__(self, path: Path, busy_timeout: float = 10.0) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:  # locked, unreadable, or not a database at all
            raise self._error(exc) from None
        self.sched = scheduler()

    def _error(self, exc: sqlite3.DatabaseError) -> StudydeckError:
        if "locked" in str(exc) or "busy" in str(exc):
            return StoreBusy(f"{self.path}: another studydeck quiz is writing to this review database; "
                             "wait for it to finish or use --db for a separate one")
        return StudydeckError(f"{self.path}: cannot use it as the review database ({exc}); it was left as it is: "
                              "move it aside or choose another with --db")

    def _write(self, fn):
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._error(exc) from None
        try:
            result = fn()
            self.db.execute("COMMIT")
            return result
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()

    # -- cards -------------------------------------------------------------------------
    def sync(self, cards: list[Card], now: datetime) -> dict[str, int]:
        """Bring the store up to date with the notes: add new cards, refresh edited ones,
        retire the ones that are gone (their history stays)."""
        def run() -> dict[str, int]:
            known = {uid: retired for uid, retired in self.db.execute("SELECT uid, retired FROM cards")}
            seen = set()
            added = 0
            for card in cards:
                data = json.dumps(card.to_dict(), ensure_ascii=False)
                seen.add(card.uid)
                if card.uid in known:
                    self.db.execute("UPDATE cards SET card = ?, retired = 0 WHERE uid = ?", (data, card.uid))
                else:
                    state = new_card(card.uid, now)
                    self.db.execute("INSERT INTO cards(uid, card, fsrs, due, first_seen) VALUES (?, ?, ?, ?, ?)",
                                    (card.uid, data, state.to_json(), state.due.timestamp(), now.isoformat()))
                    added += 1
            gone = [uid for uid, retired in known.items() if uid not in seen and not retired]
            self.db.executemany("UPDATE cards SET retired = 1 WHERE uid = ?", [(u,) for u in gone])
            return {"added": added, "retired": len(gone)}
        return self._write(run)

    def state(self, uid: str) -> FsrsCard:
        (data,) = self.db.execute("SELECT fsrs FROM cards WHERE uid = ?", (uid,)).fetchone()
        return FsrsCard.from_json(data)

    def reviewed_uids(self) -> set[str]:
        return {u for (u,) in self.db.execute("SELECT DISTINCT uid FROM reviews")}

    def due(self, now: datetime, uids: set[str] | None = None) -> list[Due]:
        seen = self.reviewed_uids()
        rows = self.db.execute("SELECT uid, card, fsrs FROM cards WHERE retired = 0 AND due <= ? ORDER BY due, rowid",
                               (now.timestamp(),)).fetchall()
        out = []
        for uid, card, state in rows:
            if uids is not None and uid not in uids:
                continue
            out.append(Due(Card.from_dict(json.loads(card)), FsrsCard.from_json(state), uid not in seen))
        return out

    # -- answers -----------------------------------------------------------------------
    def answer(self, uid: str, rating: Rating, now: datetime, session: str) -> tuple[FsrsCard, ReviewLog, int]:
        """Record one answer, durably, before anything else happens."""
        def run():
            before = self.state(uid)  # read inside the transaction: another process may have answered
            after, log = review(self.sched, before, rating, now)
            cur = self.db.execute(
                "INSERT INTO reviews(uid, rating, reviewed_at, before, after, log, session) VALUES (?,?,?,?,?,?,?)",
                (uid, int(rating), now.isoformat(), before.to_json(), after.to_json(),
                 json.dumps(log.to_dict()), session))
            self.db.execute("UPDATE cards SET fsrs = ?, due = ? WHERE uid = ?",
                            (after.to_json(), after.due.timestamp(), uid))
            return after, log, cur.lastrowid
        return self._write(run)

    def undo(self, review_id: int) -> str | None:
        """Take back one answer: the card gets the state it had before it."""
        def run():
            row = self.db.execute("SELECT uid, before FROM reviews WHERE id = ?", (review_id,)).fetchone()
            if row is None:
                return None
            uid, before = row
            state = FsrsCard.from_json(before)
            self.db.execute("UPDATE cards SET fsrs = ?, due = ? WHERE uid = ?", (before, state.due.timestamp(), uid))
            self.db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            return uid
        return self._write(run)

    def due_counts(self, now: datetime) -> dict[str, int]:
        from datetime import timedelta

        def count(until: datetime) -> int:
            return self.db.execute("SELECT count(*) FROM cards WHERE retired = 0 AND due <= ?",
                                   (until.timestamp(),)).fetchone()[0]
        return {"now": count(now), "day": count(now + timedelta(days=1)), "week": count(now + timedelta(days=7))}

    def reviews(self) -> list[tuple[str, int, str]]:
        return self.db.execute("SELECT uid, rating, reviewed_at FROM reviews ORDER BY id").fetchall()

    def review_count(self, uid: str) -> int:
        return self.db.execute("SELECT count(*) FROM reviews WHERE uid = ?", (uid,)).fetchone()[0]

    def all_cards(self) -> list[tuple[Card, FsrsCard, bool]]:
        rows = self.db.execute("SELECT card, fsrs, retired FROM cards").fetchall()
        return [(Card.from_dict(json.loads(c)), FsrsCard.from_json(f), bool(r)) for c, f, r in rows]
