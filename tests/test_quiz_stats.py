"""`stats` against a review log written by hand, with the figures worked out by hand (Anki's
definitions), and the quiz started at the same moment showing what `stats` calls due today."""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime, timezone

import pexpect
import pytest
from click.testing import CliRunner

from conftest import ROOT
from studydeck.pipeline import collect
from studydeck.cli import cli
from studydeck.quiz.cards import study_cards
from studydeck.quiz.queue import Limits
from studydeck.quiz.schedule import FsrsCard, State
from studydeck.quiz.stats import compute
from studydeck.quiz.store import LEARNING, NEW, RELEARNING, REVIEW, Store

FIXTURES = ROOT / "tests" / "fixtures" / "quiz"
NOW = datetime(2026, 3, 10, 12, tzinfo=timezone.utc)  # the study day began at 04:00


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "+00:00")


@pytest.fixture
def utc(monkeypatch):
    """Study days are local time; the figures below are worked out in UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def put(store: Store, uid: str, state: State, last: str, due: str, difficulty: float = 5.0) -> None:
    card = FsrsCard(card_id=1, state=state, step=0 if state is not State.Review else None, stability=10.0,
                    difficulty=difficulty, due=at(due), last_review=at(last))
    store.db.execute("UPDATE cards SET fsrs = ?, due = ? WHERE uid = ?", (card.to_json(), at(due).timestamp(), uid))


def log(store: Store, uid: str, rating: int, kind: int, when: str, last: str = "", due: str = "") -> None:
    """One answer; for an answer to a review card, the interval it had (last review to due)."""
    before = (FsrsCard(card_id=1, state=State.Review, stability=1.0, difficulty=5.0, due=at(due), last_review=at(last))
              if kind == REVIEW else FsrsCard(card_id=1))
    store.db.execute("INSERT INTO reviews(uid, rating, reviewed_at, before, after, log, session, kind, at) "
                     "VALUES (?, ?, ?, ?, '{}', '{}', 'hand', ?, ?)",
                     (uid, rating, at(when).isoformat(), before.to_json(), kind, at(when).timestamp()))


@pytest.fixture
def db(tmp_path, utc):
    path = tmp_path / "r.db"
    study = study_cards([c for d in collect([FIXTURES]) for c in d.cards])
    uid = {name: next(s.uid for s in study if name in s.card.front)
           for name in ("Epoch", "Batch", "Dropout", "Overfitting", "the parameter `lr`?", "`foreach` (")}
    a, b, c, d, e, f = uid.values()
    store = Store(path)
    store.sync(study, at("2026-01-01T00:00:00"))
    store.set_setting("limit.new", "3")
    put(store, a, State.Review, "2026-03-07T12:10:00", "2026-03-10T09:00:00")  # due this morning
    put(store, b, State.Review, "2026-02-01T00:00:00", "2026-03-12T10:00:00")  # due in two days
    put(store, c, State.Learning, "2026-03-10T11:55:00", "2026-03-10T12:05:00")  # due in five minutes
    put(store, d, State.Learning, "2026-03-10T10:50:00", "2026-03-10T11:30:00")  # due half an hour ago
    put(store, e, State.Review, "2026-03-10T03:30:00", "2026-03-20T03:30:00")
    put(store, f, State.Review, "2026-03-01T00:00:00", "2026-04-30T00:00:00", difficulty=9.0)
    log(store, a, 3, NEW, "2026-02-01T10:00:00")
    log(store, a, 3, LEARNING, "2026-02-01T10:10:00")
    log(store, a, 3, REVIEW, "2026-02-05T10:10:00", last="2026-02-01T10:10:00", due="2026-02-05T10:10:00")  # young
    log(store, a, 1, REVIEW, "2026-03-07T12:00:00", last="2026-02-05T10:10:00", due="2026-03-07T10:10:00")  # mature
    log(store, a, 3, RELEARNING, "2026-03-07T12:10:00")
    log(store, b, 2, REVIEW, "2026-02-01T00:00:00", last="2026-01-07T00:00:00", due="2026-02-01T00:00:00")  # mature
    log(store, c, 1, NEW, "2026-03-10T11:50:00")  # a new card failed: not a lapse
    log(store, c, 1, LEARNING, "2026-03-10T11:55:00")
    log(store, d, 3, NEW, "2026-03-10T10:50:00")
    log(store, e, 3, NEW, "2026-03-10T03:30:00")  # before 04:00: yesterday's new card
    store.close()
    return path


def test_stats_from_a_hand_worked_log(db) -> None:
    store = Store(db)
    result = compute(store, NOW, Limits.stored(store))
    store.close()
    # Answers to review cards: Good (young), Again (mature, a lapse), Hard (mature).
    assert (result.retention.passed, result.retention.done) == (2, 3)
    assert (result.young.passed, result.young.done, result.mature.passed, result.mature.done) == (1, 1, 1, 2)
    assert result.lapses == 1
    assert result.reviews == 10 and result.kinds == {"new": 4, "learning": 2, "review": 3, "relearning": 1}
    # Learning: the card due half an hour ago (the one due in five minutes waits); review: the one due
    # this morning; new: 3 a day, 2 taken today (the 03:30 one was yesterday): 1, the cloze's first
    # blank, whose other two blanks are buried.
    assert [len(result.due.learning), len(result.due.reviews), len(result.due.new), result.due.buried] == [1, 1, 1, 2]
    # 03:30 on the 20th is still the study day of the 19th; the April card is past 30 days
    expected = {"2026-03-10": 3, "2026-03-12": 1, "2026-03-19": 1}
    assert len(result.forecast) == 30 and {d: n for d, n in result.forecast if n} == expected
    assert result.forecast[0][0] == "2026-03-10" and result.forecast[-1][0] == "2026-04-08"
    assert result.per_day == [("2026-03-04", 0), ("2026-03-05", 0), ("2026-03-06", 0), ("2026-03-07", 2),
                              ("2026-03-08", 0), ("2026-03-09", 1), ("2026-03-10", 3)]
    # the most lapses first, then the highest difficulty; shown as text, the blank as […]
    assert result.hardest[:2] == [("Terms: what is Epoch?", 5.0, 1),
                                  ("Lion: foreach (是否使用 foreach 实现) defaults to […]", 9.0, 0)]


def test_stats_command_and_the_next_session_agree(db) -> None:
    env = {"STUDYDECK_NOW": NOW.isoformat(), "TZ": "UTC"}
    result = CliRunner().invoke(cli, ["stats", "--db", str(db)], env=env)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Due today: 3 (learning 1, review 1, new 1), 2 buried until the next day" in out
    assert "True retention: 67% (2/3)   young: 100% (1/1)   mature: 50% (1/2)   lapses: 1" in out
    assert "{{c" not in out and "`" not in out
    child = pexpect.spawn(sys.executable, ["-m", "studydeck", "quiz", str(FIXTURES), "--db", str(db)], cwd=str(ROOT),
                          env={**os.environ, **env, "TERM": "dumb"}, encoding="utf-8", timeout=30)
    child.expect(r"1/3 · learning")
    child.expect("Overfitting")
    child.send("q")
    child.expect(pexpect.EOF)


def test_stats_of_a_missing_database(tmp_path) -> None:
    missing = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and missing.output == f"Error: {tmp_path / 'none.db'}: no reviews yet; run " \
        "`studydeck quiz` first\n"


def test_the_review_limit_counts_the_days_reviews(db) -> None:
    store = Store(db)
    assert len(compute(store, NOW, Limits.stored(store)).due.reviews) == 1  # the card due this morning
    uid = store.db.execute("SELECT uid FROM cards WHERE card LIKE '%Batch%'").fetchone()[0]
    log(store, uid, 3, REVIEW, "2026-03-10T08:00:00", last="2026-02-01T00:00:00", due="2026-03-10T08:00:00")
    assert len(compute(store, NOW, Limits.stored(store, reviews=1)).due.reviews) == 0  # one review a day: done
    assert len(compute(store, NOW, Limits.stored(store)).due.reviews) == 0  # and the limit was kept
    store.close()
