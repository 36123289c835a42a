"""The quiz through a real pseudo-terminal, a real SQLite file and the real py-fsrs."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner
from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler

from conftest import NOTES, ROOT
from studydeck.pipeline import collect
from studydeck.cli import cli
from studydeck.model import CardKind
from studydeck.quiz.schedule import interval_text, preview
from studydeck.quiz.cards import select, study_cards
from studydeck.quiz.session import same_answer
from studydeck.quiz.store import Store, StoreBusy
from studydeck.terminal import math_to_unicode

NOW = "2026-01-01T00:00:00+00:00"
T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
FIXTURES = ROOT / "tests" / "fixtures" / "quiz"


def spawn(db: Path, *args: str, now: str = NOW) -> pexpect.spawn:
    env = {**os.environ, "STUDYDECK_NOW": now, "COLUMNS": "100", "LINES": "40", "TERM": "dumb", "TZ": "UTC"}
    child = pexpect.spawn(sys.executable, ["-m", "studydeck", "quiz", str(NOTES), "--db", str(db), *args],
                          cwd=str(ROOT), env=env, encoding="utf-8", timeout=30, dimensions=(40, 100))
    return child


def reviews(db: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT uid, rating FROM reviews ORDER BY id").fetchall()


@pytest.fixture(scope="module")
def cards():
    return [c for d in collect([NOTES]) for c in d.cards]


def test_session_reveal_rate_undo_quit(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    child = spawn(db, "--deck", "*SGD*")
    child.expect("1/20 · new")
    child.expect("什么是 SGD")
    child.expect("show answer")
    child.send(" ")
    child.expect("随机梯度下降")
    child.expect(r"1 Again 1m\s+2 Hard 6m\s+3 Good 10m\s+4 Easy 8d")
    child.send("3")
    child.expect("Good · saved")
    child.expect("2/20")
    child.send("u")
    child.expect("Undone")
    child.expect("什么是 SGD")
    child.send("\r")
    child.expect("4 Easy")
    child.send("4")
    child.expect("Easy · saved")
    child.send("q")
    child.expect(r"Session summary: 1 answered \(Again 0, Hard 0, Good 0, Easy 1\), 1 undone")
    child.expect(pexpect.EOF)
    assert [r for _, r in reviews(db)] == [4]


def test_killed_mid_session_loses_nothing(tmp_path: Path, cards) -> None:
    db = tmp_path / "r.db"
    child = spawn(db, "--deck", "*Adam*")
    for _ in range(2):
        child.expect("show answer")
        child.send(" ")
        child.expect("4 Easy")
        child.send("3")
        child.expect("saved")
    child.expect("show answer")
    child.send(" ")  # the third answer is on screen, not yet rated
    child.expect("4 Easy")
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    answered = reviews(db)
    assert len(answered) == 2
    again = spawn(db, "--deck", "*Adam*")
    again.expect(r"1/(\d+) · new")
    remaining = int(again.match.group(1))
    again.send("q")
    again.expect(pexpect.EOF)
    with sqlite3.connect(db) as con:
        due = dict(con.execute("SELECT uid, due FROM cards"))
    for uid, _ in answered:
        assert due[uid] > T0.timestamp()  # no longer due
    adam = select(study_cards(cards), deck="*Adam*")
    assert remaining == min(20, len({c.note for c in adam})) - 2  # one card a note a day


def test_intervals_and_states_match_py_fsrs(tmp_path: Path, cards) -> None:
    store = Store(tmp_path / "r.db")
    store.sync(study_cards(cards)[:3], T0)
    uid = cards[0].uid
    reference = Scheduler(enable_fuzzing=False)
    ref_card = FsrsCard(card_id=int(uid[:15], 16), due=T0)
    when = T0
    for rating in (Rating.Good, Rating.Good, Rating.Again, Rating.Hard, Rating.Easy, Rating.Good):
        shown = preview(store.sched, store.state(uid), when)
        expected = {r: reference.review_card(FsrsCard.from_json(ref_card.to_json()), r, when)[0].due - when
                    for r in Rating}
        assert shown == expected
        ours, _, _ = store.answer(uid, rating, when, "test")
        ref_card, _ = reference.review_card(ref_card, rating, review_datetime=when)
        assert ours.to_dict() == ref_card.to_dict()
        when = ref_card.due
    assert store.state(uid).to_dict() == ref_card.to_dict()
    first = Scheduler(enable_fuzzing=False).review_card(FsrsCard(card_id=1, due=T0), Rating.Good, T0)[0]
    assert round(first.stability, 3) == 2.307 and round(first.difficulty, 3) == 2.118
    store.close()


def test_interval_text() -> None:
    assert [interval_text(timedelta(seconds=s)) for s in (30, 600, 7200, 86400 * 8, 86400 * 75, 86400 * 800)] == \
        ["<1m", "10m", "2h", "8d", "2.5mo", "2.2y"]


def test_editing_the_notes_keeps_history(tmp_path: Path, notes_copy: Path) -> None:
    db = tmp_path / "r.db"
    store = Store(db)
    before = [c for d in collect([notes_copy]) for c in d.cards]
    store.sync(study_cards(before), T0)
    layer = next(c for c in before if c.key == "def:layernorm")
    store.answer(layer.uid, Rating.Good, T0, "s")
    state = store.state(layer.uid).to_dict()
    md = notes_copy / "pytorch-notes.md"
    md.write_text(md.read_text(encoding="utf-8").replace("层归一化 用于Transformmer", "层归一化，用于 Transformer"),
                  encoding="utf-8")
    md.write_text(md.read_text(encoding="utf-8").replace("- AMSGrad\n", ""), encoding="utf-8")
    after = [c for d in collect([notes_copy]) for c in d.cards]
    edited = next(c for c in after if c.key == "def:layernorm")
    assert edited.uid == layer.uid and edited.back != layer.back
    store.sync(study_cards(after)[:-1], T0 + timedelta(hours=1))  # the last card has gone from the notes
    assert store.review_count(layer.uid) == 1 and store.state(layer.uid).to_dict() == state
    retired = [c.uid for c, _, r in store.all_cards() if r]
    assert retired == [study_cards(after)[-1].uid]
    store.close()


def test_two_writers_wait_then_fail_clearly(tmp_path: Path, cards) -> None:
    db = tmp_path / "r.db"
    first = Store(db)
    first.sync(study_cards(cards)[:2], T0)
    second = Store(db, busy_timeout=0.2)
    first.db.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreBusy, match="another studydeck quiz is writing to this review database"):
        second.answer(cards[0].uid, Rating.Good, T0, "b")
    first.db.execute("COMMIT")
    second.answer(cards[0].uid, Rating.Good, T0, "b")  # free again: it goes through
    assert first.review_count(cards[0].uid) == 1
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    first.close()
    second.close()


def test_typed_answer_accepts_the_number(tmp_path: Path) -> None:
    child = spawn(tmp_path / "r.db", "--deck", "*SGD*", "--tag", "studydeck::cloze", "--mode", "type")
    child.expect("默认为 \\[…\\]")
    child.expect("Your answer")
    child.sendline("1e-3")  # lr defaults to 0.001
    child.expect("✔ correct")
    child.expect("Enter: Good")
    child.send("\r")
    child.expect("Good · saved")
    child.expect("Your answer")
    child.sendline("0.9")  # momentum defaults to 0, not the typical 0.9
    child.expect("✘ the answer is")
    child.send("\r")
    child.expect("Again · saved")
    child.expect("Your answer")
    child.sendline("q")
    child.expect("Session summary: 2 answered")
    child.expect(pexpect.EOF)
    assert [r for _, r in reviews(tmp_path / "r.db")] == [3, 1]


def test_filters(cards) -> None:
    study = study_cards(cards)
    sgd = select(study, deck="*SGD*")
    assert sgd and all(c.card.deck[-1] == "SGD" for c in sgd)
    part = select(study, deck="优化器")
    assert part and all("优化器" in c.card.deck for c in part)
    formulas = select(study, tag="studydeck::formula")
    assert formulas and all(c.card.kind is CardKind.FORMULA for c in formulas)
    asked = [c for c in study if c.card.kind is CardKind.QUESTION]
    assert asked and all(c.card.back.strip() for c in asked)  # a question is asked once it has an answer
    # a question the notes never answer is left out before it reaches the deck or the quiz
    docs = collect([FIXTURES])
    assert any(n.rule == "left-out:no-answer" for d in docs for n in d.notices)
    assert not [c for d in docs for c in d.cards if c.kind is CardKind.QUESTION and not c.back.strip()]


def test_short_answers() -> None:
    assert same_answer("1e-3", "0.001") and same_answer(" False ", "False") and not same_answer("0.9", "0")


def test_terminal_math() -> None:
    assert math_to_unicode(r"\beta_1") == "β₁"
    assert math_to_unicode(r"\sqrt{\hat{v}_t}") == "√(v̂ₜ)"
    assert math_to_unicode(r"\hat{m}_t = \frac{m_t}{1-\beta_1^t}") == "m̂ₜ = mₜ/(1-β₁ᵗ)"


def test_quiz_does_not_import_torch(tmp_path: Path) -> None:
    code = ("import sys\nfrom studydeck.cli import main\n"
            f"sys.argv = ['studydeck', 'quiz', {str(NOTES)!r}, '--db', {str(tmp_path / 'r.db')!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "assert 'torch' not in sys.modules, 'quiz imported torch'\nprint('ok')\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, input="q", capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip().endswith("ok"), out.stderr


def test_a_card_in_learning_comes_back_in_the_session(tmp_path: Path) -> None:
    child = spawn(tmp_path / "r.db", "--deck", "*优化器::SGD", "--new", "1")
    child.expect(r"1/1 · new")
    child.send(" ")
    child.expect("4 Easy")
    child.send("1")  # Again: due again in a minute
    child.expect("Again · saved")
    child.expect(r"2/2 · learning")
    child.expect("什么是 SGD")
    child.send(" ")
    child.expect("4 Easy")
    child.send("4")  # Easy: days away, so the session ends
    child.expect(r"Session summary: 2 answered \(Again 1, Hard 0, Good 0, Easy 1\)")
    child.expect(pexpect.EOF)


def test_a_cloze_with_several_blanks_is_one_card_per_blank(cards) -> None:
    (steps,) = [c for c in cards if c.kind is CardKind.CLOZE and c.front.startswith("pytorch训练流程 的步骤")]
    asked = [s for s in study_cards(cards) if s.note == steps.uid]
    assert len(asked) == steps.front.count("{{c") and len({s.uid for s in asked}) == len(asked)
    assert asked[1].card.front.count("{{c") == 1 and "{{c2::定义模型}}" in asked[1].card.front
    assert "数据准备" in asked[1].card.front and asked[1].answer() == "定义模型"
    single = [s for s in study_cards(cards) if s.card.front.endswith("默认为 {{c1::0.001}}")]
    assert single and all(s.uid == s.note for s in single)  # one blank: the deck's own card and id


def test_a_file_that_is_not_a_review_database_is_left_alone(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("my shopping list")
    result = CliRunner().invoke(cli, ["stats", "--db", str(bad)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip() == (f"Error: {bad}: cannot use it as the review database (file is not a database); "
                                     "it was left as it is: move it aside or choose another with --db")
    assert bad.read_text() == "my shopping list"
