"""The review database: a schema version and its migration, and files it must not touch."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from studydeck.pipeline import collect
from studydeck.cli import cli
from studydeck.errors import StudydeckError
from studydeck.quiz.cards import study_cards
from studydeck.quiz.schedule import FsrsCard, Rating, scheduler
from studydeck.quiz.store import NEW, REVIEW, SCHEMA_V0, VERSION, Store

FIXTURES = ROOT / "tests" / "fixtures" / "quiz"
T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def study():
    return study_cards([c for d in collect([FIXTURES]) for c in d.cards])


def old_database(path: Path, study) -> str:
    """A database as the first version wrote it: no schema version, one card answered twice."""
    uid = study[0].uid
    con = sqlite3.connect(path)
    con.executescript(SCHEMA_V0)
    sched, card = scheduler(), FsrsCard(card_id=1, due=T0)
    con.execute("INSERT INTO cards(uid, card, fsrs, due, first_seen) VALUES (?, '{}', ?, ?, ?)",
                (uid, card.to_json(), T0.timestamp(), T0.isoformat()))
    when = T0
    for rating in (Rating.Good, Rating.Good):
        after, log = sched.review_card(card, rating, when)
        con.execute("INSERT INTO reviews(uid, rating, reviewed_at, before, after, log, session) "
                    "VALUES (?, ?, ?, ?, ?, '{}', 'old')", (uid, int(rating), when.isoformat(), card.to_json(),
                                                            after.to_json()))
        card, when = after, after.due
    con.execute("UPDATE cards SET fsrs = ?, due = ?", (card.to_json(), card.due.timestamp()))
    con.commit()
    con.close()
    return uid


def test_an_old_database_is_migrated_and_keeps_its_history(tmp_path: Path, study) -> None:
    db = tmp_path / "r.db"
    uid = old_database(db, study)
    store = Store(db)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == VERSION
    log = store.reviews()
    assert [(u, rating, kind) for u, rating, kind, _, _ in log] == [(uid, 3, NEW), (uid, 3, 1)]
    assert log[0][3] == T0.timestamp()
    store.sync(study, T0)
    assert store.db.execute("SELECT note FROM cards WHERE uid = ?", (uid,)).fetchone() == (study[0].note,)
    state = store.state(uid)
    store.answer(uid, Rating.Good, state.due, "new")
    assert store.reviews()[-1][2] == REVIEW
    store.close()
    again = Store(db)  # opening a current database changes nothing
    assert len(again.reviews()) == 3
    again.close()


def test_a_newer_database_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    con = sqlite3.connect(db)
    con.executescript(SCHEMA_V0 + "PRAGMA user_version = 99;")
    con.close()
    before = db.read_bytes()
    result = CliRunner().invoke(cli, ["stats", "--db", str(db)])
    assert result.exit_code == 1
    assert result.output == (f"Error: {db}: this review database comes from a newer studydeck (schema 99, this one "
                             f"knows {VERSION}); it was left as it is: upgrade studydeck\n")
    assert db.read_bytes() == before and not Path(f"{db}-wal").exists()


def corrupted(path: Path) -> bytes:
    """A database in the ordinary rollback mode whose second page is overwritten."""
    con = sqlite3.connect(path)
    con.executescript(SCHEMA_V0)
    con.executemany("INSERT INTO cards(uid, card, fsrs, due, first_seen) VALUES (?, ?, '{}', 0, '')",
                    [(f"{i:016x}", "x" * 500) for i in range(50)])
    con.commit()
    con.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:page + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize("command", ["stats", "quiz"])
def test_a_corrupted_database_is_one_line_and_untouched(tmp_path: Path, command: str) -> None:
    db = tmp_path / "r.db"
    before = corrupted(db)
    args = [command, "--db", str(db)] + ([str(FIXTURES)] if command == "quiz" else [])
    result = CliRunner().invoke(cli, args, input="q")
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {db}: cannot use it as the review database (")
    assert lines[0].endswith("it was left as it is: move it aside or choose another with --db")
    assert db.read_bytes() == before and before[18:20] == b"\x01\x01"  # still a rollback-journal file
    assert not Path(f"{db}-wal").exists()


def test_a_database_of_another_program_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(StudydeckError, match="cannot use it as the review database"):
        Store(db)
    assert db.read_bytes() == before


def test_a_db_folder_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    db = blocker / "sub" / "r.db"
    result = CliRunner().invoke(cli, ["quiz", str(FIXTURES), "--db", str(db)], input="q")
    assert result.exit_code == 1
    assert result.output == (f"Error: {db}: cannot create the folder for the review database (Not a directory); "
                             "choose another place with --db\n")
    assert blocker.read_text() == "not a folder"


def test_a_list_synced_last_is_not_written_again_and_another_list_in_between_is_undone(tmp_path: Path,
                                                                                         study) -> None:
    store = Store(tmp_path / "r.db")
    store.sync(study, T0, "list-a")
    written = store.db.total_changes
    assert store.sync(study, T0, "list-a") == {"added": 0, "retired": 0}
    assert store.db.total_changes == written  # the same list: not a row written
    store.sync(study[1:], T0, "list-b")  # another notes folder studied with the same database
    assert store.db.execute("SELECT retired FROM cards WHERE uid = ?", (study[0].uid,)).fetchone() == (1,)
    store.sync(study, T0, "list-a")
    assert store.db.execute("SELECT retired FROM cards WHERE uid = ?", (study[0].uid,)).fetchone() == (0,)
    store.sync(study[1:], T0)  # a list with no key is always written, and the next keyed one too
    store.sync(study, T0, "list-a")
    assert store.db.execute("SELECT retired FROM cards WHERE uid = ?", (study[0].uid,)).fetchone() == (0,)
    # another program (an older studydeck) changes the cards: the list is written again
    with sqlite3.connect(tmp_path / "r.db") as other:
        other.execute("UPDATE cards SET retired = 1 WHERE uid = ?", (study[0].uid,))
    store.sync(study, T0, "list-a")
    assert store.db.execute("SELECT retired FROM cards WHERE uid = ?", (study[0].uid,)).fetchone() == (0,)
    store.close()


def test_the_states_a_queue_reads_are_those_stored_after_each_answer(tmp_path: Path, study) -> None:
    store = Store(tmp_path / "r.db")
    store.sync(study, T0)
    uid = study[0].uid
    due = {r.uid: r.fsrs for r in store.due_before(T0 + timedelta(days=1))}
    store.answer(uid, Rating.Good, T0, "s")
    after = {r.uid: r.fsrs for r in store.due_before(T0 + timedelta(days=400))}
    assert after[uid].to_json() == store.state(uid).to_json() != due[uid].to_json()
    store.close()
