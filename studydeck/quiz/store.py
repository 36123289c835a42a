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
from studydeck.quiz.cards import StudyCard
from studydeck.quiz.schedule import FsrsCard, Rating, ReviewLog, is_new, new_card, review, scheduler

# The first schema had no version (user_version 0); each migration takes it one step on.
SCHEMA_V0 = """
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

# Review kinds, as Anki's review log has them: what the card was when it was answered.
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3


def _to_v1(db: sqlite3.Connection) -> None:
    """Notes and sibling groups for burying; review kinds and times for daily limits and stats."""
    _script(db, """
        ALTER TABLE cards ADD COLUMN note TEXT NOT NULL DEFAULT '';
        ALTER TABLE cards ADD COLUMN sibling TEXT NOT NULL DEFAULT '';
        UPDATE cards SET note = uid;
        ALTER TABLE reviews ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE reviews ADD COLUMN at REAL NOT NULL DEFAULT 0;
        CREATE INDEX reviews_at ON reviews(at);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """)
    rows = db.execute("SELECT id, reviewed_at, before FROM reviews").fetchall()
    db.executemany("UPDATE reviews SET kind = ?, at = ? WHERE id = ?",
                   [(review_kind(FsrsCard.from_json(before)), datetime.fromisoformat(at).timestamp(), rid)
                    for rid, at, before in rows])


MIGRATIONS = [_to_v1]


def _script(db: sqlite3.Connection, script: str) -> None:
    # executescript would commit first; a migration must stay inside its one transaction
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)
VERSION = len(MIGRATIONS)
SYNCED = "synced-list"  # the setting that names the list of cards the store was last synced with
# Any other change to the cards (by another version of studydeck too) forgets that list.
FORGET_SYNCED = tuple(
    f"CREATE TRIGGER IF NOT EXISTS forget_synced_{name} AFTER {event} ON cards "
    f"BEGIN DELETE FROM settings WHERE key = '{SYNCED}'; END"
    for name, event in (("insert", "INSERT"), ("update", "UPDATE OF card, note, sibling, retired"),
                        ("delete", "DELETE")))


def review_kind(before: FsrsCard) -> int:
    return NEW if is_new(before) else int(before.state)


class StoreBusy(StudydeckError):
    pass


@dataclass
class Row:
    """A card's scheduling facts, as the queue needs them."""

    uid: str
    fsrs: FsrsCard
    note: str
    sibling: str

    def groups(self) -> set[str]:
        return groups(self.note, self.sibling)


def groups(note: str, sibling: str) -> set[str]:
    """The groups a card is buried with: its note, and the cards that ask the same fact."""
    return {f"note:{note}"} | ({f"same:{sibling}"} if sibling else set())


@dataclass
class Today:
    """What was done since the study day began, counted from the review log."""

    answered: set[str]
    groups: set[str]  # notes and sibling groups of the answered cards: the rest of them are buried
    new: int
    reviews: int


class Store:
    def __init__(self, path: Path, busy_timeout: float = 10.0) -> None:
        self.path = path
        self.db = self._connect(busy_timeout)
        try:
            self._prepare()
        except sqlite3.DatabaseError as exc:  # locked, unreadable, or not a database at all
            self.db.close()
            raise self._error(exc) from None
        except StudydeckError:
            self.db.close()
            raise
        self.sched = scheduler()
        self._states: dict[str, FsrsCard] = {}  # parsed FSRS states by their JSON: a queue is built before every card

    def _connect(self, busy_timeout: float) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StudydeckError(f"{self.path}: cannot create the folder for the review database "
                                 f"({exc.strerror}); choose another place with --db") from None
        try:
            return sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _prepare(self) -> None:
        """Check before writing anything: a file this code cannot use is left exactly as it was."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > VERSION:
            raise StudydeckError(f"{self.path}: this review database comes from a newer studydeck (schema {version}, "
                                 f"this one knows {VERSION}); it was left as it is: upgrade studydeck")
        check = self.db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(f"damaged: {check}")
        tables = {t for (t,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version == 0 and tables - {"sqlite_sequence"} and not {"cards", "reviews"} <= tables:
            raise sqlite3.DatabaseError("it holds other tables")
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        if version < VERSION:
            self._write(self._migrate)

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it
        if version == 0:
            _script(self.db, SCHEMA_V0)
        for step in MIGRATIONS[version:]:
            step(self.db)
        self.db.execute(f"PRAGMA user_version = {VERSION}")

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
    def sync(self, cards: list[StudyCard], now: datetime, list_key: str | None = None) -> dict[str, int]:
        """Bring the store up to date with the notes: add new cards, refresh edited ones,
        retire the ones that are gone (their history stays). ``list_key`` names the list
        (:func:`studydeck.pipeline.study_key`): the list this store was last brought up to date
        with is not written again."""
        if list_key is not None and self.setting(SYNCED) == list_key:
            return {"added": 0, "retired": 0}  # (read without taking the write lock)

        def run() -> dict[str, int]:
            for statement in FORGET_SYNCED:
                self.db.execute(statement)
            known = {uid: retired for uid, retired in self.db.execute("SELECT uid, retired FROM cards")}
            added = 0
            for study in cards:
                data = json.dumps(study.card.to_dict(), ensure_ascii=False)
                if study.uid in known:
                    self.db.execute("UPDATE cards SET card = ?, note = ?, sibling = ?, retired = 0 WHERE uid = ?",
                                    (data, study.note, study.sibling, study.uid))
                else:
                    state = new_card(study.uid, now)
                    self.db.execute("INSERT INTO cards(uid, card, fsrs, due, first_seen, note, sibling) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    (study.uid, data, state.to_json(), state.due.timestamp(), now.isoformat(),
                                     study.note, study.sibling))
                    added += 1
            seen = {s.uid for s in cards}
            gone = [uid for uid, retired in known.items() if uid not in seen and not retired]
            self.db.executemany("UPDATE cards SET retired = 1 WHERE uid = ?", [(u,) for u in gone])
            self.db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (SYNCED, list_key or ""))
            return {"added": added, "retired": len(gone)}
        return self._write(run)

    def state(self, uid: str) -> FsrsCard:
        (data,) = self.db.execute("SELECT fsrs FROM cards WHERE uid = ?", (uid,)).fetchone()
        return FsrsCard.from_json(data)

    def due_before(self, until: datetime) -> list[Row]:
        """Active cards due before ``until``, soonest first; new cards in the order they were added."""
        rows = self.db.execute("SELECT uid, fsrs, note, sibling FROM cards WHERE retired = 0 AND due < ? "
                               "ORDER BY due, rowid", (until.timestamp(),)).fetchall()
        return [Row(uid, self._state(state), note, sibling) for uid, state, note, sibling in rows]

    def _state(self, data: str) -> FsrsCard:
        """The FSRS state stored as ``data``, parsed once (rows only read it; an answer stores new JSON)."""
        state = self._states.get(data)
        if state is None:
            state = self._states[data] = FsrsCard.from_json(data)
        return state

    def today(self, start: datetime) -> Today:
        rows = self.db.execute("SELECT r.uid, r.kind, c.note, c.sibling FROM reviews r JOIN cards c USING (uid) "
                               "WHERE r.at >= ?", (start.timestamp(),)).fetchall()
        return Today(answered={r[0] for r in rows}, groups=set().union(*(groups(n, s) for _, _, n, s in rows)),
                     new=sum(1 for r in rows if r[1] == NEW), reviews=sum(1 for r in rows if r[1] == REVIEW))

    def setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        self._write(lambda: self.db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                                            (key, value)))

    # -- answers -----------------------------------------------------------------------
    def answer(self, uid: str, rating: Rating, now: datetime, session: str) -> tuple[FsrsCard, ReviewLog, int]:
        """Record one answer, durably, before anything else happens."""
        def run():
            before = self.state(uid)  # read inside the transaction: another process may have answered
            after, log = review(self.sched, before, rating, now)
            cur = self.db.execute(
                "INSERT INTO reviews(uid, rating, reviewed_at, before, after, log, session, kind, at) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                (uid, int(rating), now.isoformat(), before.to_json(), after.to_json(),
                 json.dumps(log.to_dict()), session, review_kind(before), now.timestamp()))
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

    def reviews(self) -> list[tuple[str, int, int, float, FsrsCard]]:
        """The review log, oldest first: card, rating, kind, time (epoch seconds), state before."""
        rows = self.db.execute("SELECT uid, rating, kind, at, before FROM reviews ORDER BY at, id").fetchall()
        return [(uid, rating, kind, at, FsrsCard.from_json(before)) for uid, rating, kind, at, before in rows]

    def review_count(self, uid: str) -> int:
        return self.db.execute("SELECT count(*) FROM reviews WHERE uid = ?", (uid,)).fetchone()[0]

    def all_cards(self) -> list[tuple[Card, FsrsCard, bool]]:
        rows = self.db.execute("SELECT card, fsrs, retired FROM cards").fetchall()
        return [(Card.from_dict(json.loads(c)), FsrsCard.from_json(f), bool(r)) for c, f, r in rows]
