"""Multiple choice: wrong options of the same kind and about the same length, rendered like the card."""

from __future__ import annotations

import os
import random
import re
import sys
from pathlib import Path

import pexpect

from conftest import ROOT
from studydeck.pipeline import collect
from studydeck.quiz.cards import study_cards
from studydeck.quiz.session import distractors

FIXTURES = ROOT / "tests" / "fixtures" / "quiz"


def spawn(notes: Path, db: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "STUDYDECK_NOW": "2026-01-01T10:00:00+00:00", "TZ": "UTC", "TERM": "dumb",
           "COLUMNS": "100", "LINES": "40"}
    return pexpect.spawn(sys.executable, ["-m", "studydeck", "quiz", str(notes), "--db", str(db), "--mode", "choice",
                                          *args], cwd=str(ROOT), env=env, encoding="utf-8", timeout=30,
                         dimensions=(40, 100))


def test_a_default_is_offered_other_defaults() -> None:
    study = study_cards([c for d in collect([FIXTURES]) for c in d.cards])
    maximize = next(s for s in study if s.card.front.endswith("{{c1::False}}"))
    defaults = {s.answer() for s in study if "default" in s.card.flags} - {"False"}
    for seed in range(5):
        options = distractors(maximize, study, random.Random(seed))
        assert len(options) == 3 and set(options) == defaults  # 0.0001, None, 0; never a sentence
    epoch = next(s for s in study if "Epoch" in s.card.front)
    options = distractors(epoch, study, random.Random(0))
    terms = {s.answer() for s in study if s.card.deck == epoch.card.deck} - {epoch.answer()}
    assert set(options) == terms  # the other definitions, not a default or a cloze's blank


def test_choosing_a_default(tmp_path: Path) -> None:
    child = spawn(FIXTURES, tmp_path / "r.db", "--deck", "*Optimizers*", "--tag", "studydeck::default")
    child.expect_exact("`lr` (学习率) defaults to […]".replace("`", ""))
    child.expect("Choose a–d")
    options = dict(re.findall(r"^\s*([a-d])\)\s+(\S+)", child.before, re.M))
    assert sorted(options.values()) == ["0", "0.0001", "False", "None"]
    child.send(next(k for k, v in options.items() if v == "0.0001"))
    accept_and_quit(child)


def test_options_are_rendered_like_the_card(tmp_path: Path) -> None:
    child = spawn(FIXTURES, tmp_path / "r.db", "--deck", "*Models*")
    child.expect("What is CNN")
    child.expect("Choose a–c")  # two other lists: three options
    shown = child.before
    assert not re.search(r"^\s*[a-c]\)\s+[-*] ", shown, re.M) and "\n- " not in shown  # bullets, not markup
    starts = dict(re.findall(r"^\s*([a-c])\)\s+• (.+?)\s*$", shown, re.M))
    assert sorted(starts.values()) == ["a state carried from step to step,", "convolutions over a grid of pixels,",
                                       "dense layers one after another,"]
    assert "weights shared across positions." in shown  # the second item of a list is shown too
    child.send(next(k for k, v in starts.items() if v.startswith("convolutions")))
    accept_and_quit(child)


def test_without_enough_answers_of_its_kind_the_card_is_flipped(tmp_path: Path) -> None:
    child = spawn(FIXTURES, tmp_path / "r.db", "--deck", "*Training step*")
    child.expect_exact("One training step is […], then backward, then step.")
    index = child.expect(["Choose a–", "show answer"])
    assert index == 1  # its own other blanks are on the card, and there is no other cloze: no made-up options
    child.send("q")
    child.expect(pexpect.EOF)


def accept_and_quit(child: pexpect.spawn) -> None:
    """After a right choice: Enter takes the suggested rating (Good), then q ends the session."""
    child.expect("✔ correct")
    child.send("\r")
    child.expect("Good · saved")
    child.send("q")
    child.expect(pexpect.EOF)
