"""A study day as Anki has it, through a real pseudo-terminal with the clock pinned:
daily limits across sessions, the rollover hour, learning cards that fall due, buried siblings,
Ctrl-C, and an empty selection."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pexpect
from click.testing import CliRunner

from conftest import ROOT
from studydeck.pipeline import collect
from studydeck.cli import cli
from studydeck.quiz import queue
from studydeck.quiz.cards import StudyCard, study_cards
from studydeck.quiz.schedule import Rating
from studydeck.quiz.store import Store

FIXTURES = ROOT / "tests" / "fixtures" / "quiz"
DAY1 = "2026-01-01T10:00:00+00:00"
T1 = datetime(2026, 1, 1, 10, tzinfo=timezone.utc)


def spawn(db: Path, *args: str, now: str = DAY1, step: int = 0) -> pexpect.spawn:
    env = {**os.environ, "STUDYDECK_NOW": now, "STUDYDECK_STEP": str(step), "TZ": "UTC", "TERM": "dumb",
           "COLUMNS": "100", "LINES": "40"}
    return pexpect.spawn(sys.executable, ["-m", "studydeck", "quiz", str(FIXTURES), "--db", str(db), *args],
                         cwd=str(ROOT), env=env, encoding="utf-8", timeout=30, dimensions=(40, 100),
                         preexec_fn=_interactive)


def _interactive() -> None:
    """Ctrl-C as a learner's terminal delivers it: a shell that runs the tests as a background job
    starts them with SIGINT ignored, and the quiz, rightly, would go on ignoring it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def answer(child: pexpect.spawn, key: str) -> None:
    child.expect("show answer")
    child.send(" ")
    child.expect("4 Easy")
    child.send(key)
    child.expect("saved")


def kinds(db: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT c.card, r.kind FROM reviews r JOIN cards c USING (uid) ORDER BY r.id").fetchall()


def test_new_cards_a_day_hold_across_sessions_until_the_rollover(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    first = spawn(db, "--deck", "*Terms*", "--new", "2")
    first.expect(r"1/2 · new")
    answer(first, "4")
    first.expect(r"2/2 · new")
    answer(first, "4")
    first.expect(r"Session summary: 2 answered")
    first.expect(pexpect.EOF)
    for later in ("2026-01-01T23:00:00+00:00", "2026-01-02T03:59:00+00:00"):  # the same study day
        again = spawn(db, "--deck", "*Terms*", now=later)  # the limit of 2 was kept
        again.expect(r"Nothing is due now: 2 new card\(s\) and 0 review\(s\) done this study day")
        again.expect(pexpect.EOF)
    next_day = spawn(db, "--deck", "*Terms*", now="2026-01-02T04:00:00+00:00")
    next_day.expect(r"1/2 · new")
    next_day.expect("Dropout")  # the third term, the first two are days away
    next_day.send("q")
    next_day.expect(pexpect.EOF)
    early = spawn(db, "--deck", "*Terms*", "--rollover", "0", now="2026-01-02T00:30:00+00:00")
    early.expect(r"1/2 · new")  # with the day starting at midnight, 00:30 is already a new day
    early.send("q")
    early.expect(pexpect.EOF)


def test_a_learning_card_that_falls_due_comes_before_new_cards(tmp_path: Path) -> None:
    child = spawn(tmp_path / "r.db", "--deck", "*Terms*", "--new", "4", step=90)  # 90 s pass per answer
    child.expect(r"1/4 · new")
    child.expect("Epoch")
    answer(child, "1")  # Again: due in a minute
    child.expect(r"2/5 · learning")  # 90 s later it is due, and ahead of the three new cards
    child.expect("Epoch")
    answer(child, "4")
    child.expect(r"3/5 · new")
    child.expect("Batch")
    child.send("q")
    child.expect(pexpect.EOF)


def test_reviews_come_before_new_cards(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    first = spawn(db, "--deck", "*Terms*", "--new", "1")
    answer(first, "4")  # Epoch, Easy: a review card, due in days
    first.expect(pexpect.EOF)
    later = spawn(db, "--deck", "*Terms*", "--new", "2", now="2026-02-01T10:00:00+00:00")
    later.expect(r"1/3 · review")
    later.expect("Epoch")
    answer(later, "3")
    later.expect(r"2/3 · new")
    later.expect("Batch")
    later.send("q")
    later.expect(pexpect.EOF)
    assert [kind for _, kind in kinds(db)] == [0, 2]  # new, then review


def test_every_blank_of_a_cloze_is_asked_one_a_day(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    # new cards made from one line (what a parameter is, and the cloze of its default) wait for each other too
    groups: dict[str, int] = {}
    for card in (c for d in collect([FIXTURES / "study.md"]) for c in d.cards if c.sibling):
        groups[card.sibling] = groups.get(card.sibling, 0) + 1
    partners = sum(n - 1 for n in groups.values())
    days = ["2026-01-01", "2026-01-02", "2026-01-03"]
    for day, blank, shown, buried in zip(days, ("forward", "backward", "step"),
                                         ("[…], then backward, then step", "forward, then […], then step",
                                          "forward, then backward, then […]"), ("2", "1", "0")):
        child = spawn(db, "--deck", "*Training step*", now=f"{day}T10:00:00+00:00")
        child.expect(r"1/1 · new")  # the other blanks are buried until the next day
        child.expect_exact(shown)
        child.send(" ")
        child.expect_exact(blank)
        child.expect("4 Easy")
        child.send("4")
        child.expect(r"Session summary: 1 answered")
        child.expect(r"Due today in this database: \d+ \(learning 0, review 0, new \d+\)(, (\d+) buried until the next day)?\r")
        assert int(child.match.group(2) or "0") == int(buried) + partners
        child.expect(pexpect.EOF)
        same_day = spawn(db, "--deck", "*Training step*", now=f"{day}T11:00:00+00:00")
        same_day.expect("Nothing is due now")
        same_day.expect(pexpect.EOF)
    answered = [json for json, _ in kinds(db)]
    assert len(answered) == 3 and len(set(answered)) == 3


def test_cards_of_one_sibling_group_are_buried_until_the_next_day(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TZ", "UTC")  # study days are local time
    time.tzset()
    # Cards made from one line share a sibling group: what a parameter is, and the cloze of its default.
    cards = [c for d in collect([FIXTURES]) for c in d.cards if "Lion" in c.front]
    param = next(c for c in cards if "the parameter `maximize`?" in c.front)
    default = next(c for c in cards if "`maximize`" in c.front and "{{c1::False}}" in c.front)
    assert param.sibling and param.sibling == default.sibling
    grouped = [StudyCard(c, c.uid) for c in (param, default)]
    other_pairs = len({c.sibling for c in cards if c.sibling}) - 1
    store = Store(tmp_path / "r.db")
    store.sync(grouped + study_cards([c for c in cards if c not in (param, default)]), T1)
    limits = queue.Limits(new=100)
    before = [r.uid for r in queue.build(store, T1, limits).order()]
    assert grouped[0].uid in before and grouped[1].uid not in before  # one of the pair a day
    store.answer(grouped[0].uid, Rating.Easy, T1, "s")
    after = queue.build(store, T1, limits)
    assert grouped[1].uid not in [r.uid for r in after.order()] and after.buried == 1 + other_pairs
    tomorrow = queue.build(store, datetime(2026, 1, 2, 4, tzinfo=timezone.utc), limits)
    assert grouped[1].uid in [r.uid for r in tomorrow.order()]
    store.close()
    monkeypatch.undo()
    time.tzset()


def test_ctrl_c_ends_the_session_with_its_summary(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    child = spawn(db, "--deck", "*Terms*")
    answer(child, "3")
    child.expect("show answer")
    child.sendintr()
    child.expect(r"Session summary: 1 answered \(Again 0, Hard 0, Good 1, Easy 0\)")
    child.expect("Due today in this database")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "Aborted" not in child.before
    assert len(kinds(db)) == 1


def test_an_empty_selection_names_the_pattern(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    result = CliRunner().invoke(cli, ["quiz", str(FIXTURES), "--deck", "*nomatch*", "--db", str(db)])
    assert result.exit_code == 1
    assert result.output == ("Error: --deck '*nomatch*' matches no deck; decks are named like 'Study::Terms': "
                             "change the pattern or leave --deck out\n")
    tagged = CliRunner().invoke(cli, ["quiz", str(FIXTURES), "--deck", "*Terms*", "--tag", "nope", "--db", str(db)])
    assert tagged.exit_code == 1 and tagged.output.startswith(
        "Error: --tag 'nope' matches no card among the decks matching --deck '*Terms*';")
    assert not db.exists()
