"""A quiz over notes that have not changed reads its study list from the cache, and never a
stale one: an edit to the notes, or a verdict or exercise the verifier adds, makes it anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from studydeck import cli
from studydeck.model import CardKind
from studydeck.pipeline import Workspace

FUNCTIONS = ROOT / "tests" / "fixtures" / "exercises" / "functions.md"
ASKED = "# 激活\n\n## 激活函数\n\n- Softplus\n  - ln(1 + ex)\n- ReLU\n  - 修正线性单元\n\n## 问题\n\n- 激活函数的区别\n- 为什么要用激活函数\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("STUDYDECK_CACHE_DIR", str(folder))
    return folder


def _notes(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _not_read(monkeypatch) -> None:
    def fail(*args, **kwargs):
        raise AssertionError("the notes were read again")
    monkeypatch.setattr(Workspace, "load", fail)


def test_an_unchanged_list_comes_from_the_cache_as_it_was_made(tmp_path: Path, cache: Path, monkeypatch) -> None:
    notes = _notes(tmp_path, "functions.md", FUNCTIONS.read_text(encoding="utf-8") +
                   "\n## 填空\n\n- GELU 的近似用 {{c1::tanh}}，系数是 {{c2::0.044715}}\n")
    Workspace.load([notes], cache_dir=cache).build(tmp_path / "decks", now=1, device="cpu")
    made = cli._quiz_cards((notes,))[0]
    # what the list holds: exercises, the verifier's answers, one card per blank of a cloze
    assert any(s.exercise is not None for s in made)
    assert any(s.checked for s in made)
    assert len({s.note for s in made if s.card.kind is CardKind.CLOZE}) < \
        len([s for s in made if s.card.kind is CardKind.CLOZE])
    _not_read(monkeypatch)
    assert cli._quiz_cards((notes,))[0] == made


def test_a_verdict_added_since_makes_the_list_anew(tmp_path: Path, cache: Path) -> None:
    notes = _notes(tmp_path, "a.md", ASKED)
    before = cli._quiz_cards((notes,))[0]  # nothing verified yet: no answer computed
    assert not any(s.checked for s in before)
    Workspace.load([notes], cache_dir=cache).build(tmp_path / "decks", now=1, device="cpu")
    after = cli._quiz_cards((notes,))[0]
    assert any(s.checked for s in after)
    answer = next(s for s in after if "激活函数的区别" in s.card.front)
    assert "eˣ" in answer.card.back  # the verifier's reading of `ln(1 + ex)`


def test_an_edit_makes_the_list_anew_and_undoing_it_finds_the_old_one(tmp_path: Path, cache: Path,
                                                                       monkeypatch) -> None:
    notes = _notes(tmp_path, "a.md", ASKED)
    first = cli._quiz_cards((notes,))[0]
    (notes / "a.md").write_text(ASKED + "- Sigmoid\n  - 把实数压到 (0, 1)\n", encoding="utf-8")
    edited = cli._quiz_cards((notes,))[0]
    assert len(edited) == len(first) + 1
    assert any("Sigmoid" in s.card.front for s in edited)
    (notes / "a.md").write_text(ASKED, encoding="utf-8")
    _not_read(monkeypatch)
    assert cli._quiz_cards((notes,))[0] == first


def test_a_damaged_list_is_made_again(tmp_path: Path, cache: Path) -> None:
    notes = _notes(tmp_path, "a.md", ASKED)
    made = cli._quiz_cards((notes,))[0]
    [entry] = (cache / "quiz").iterdir()
    entry.write_text('{"cards": [{"card": {}}]}', encoding="utf-8")
    assert cli._quiz_cards((notes,))[0] == made


def test_the_key_follows_every_cache_and_version_the_list_is_made_from(tmp_path: Path, cache: Path,
                                                                       monkeypatch) -> None:
    from studydeck import pipeline

    notes = _notes(tmp_path, "a.md", ASKED)
    first = pipeline.study_key([notes], cache)
    assert pipeline.study_key([notes], cache) == first
    (cache / "exercises").mkdir(parents=True)
    (cache / "exercises" / "k.json").write_text("{}", encoding="utf-8")  # an exercise made since
    after_exercise = pipeline.study_key([notes], cache)
    (cache / "verify").mkdir()
    (cache / "verify" / "ab.json").write_text("{}", encoding="utf-8")  # a verdict made since
    after_verdict = pipeline.study_key([notes], cache)
    monkeypatch.setattr(pipeline, "_torch_version", lambda: "99.0")  # torch upgraded
    after_torch = pipeline.study_key([notes], cache)
    monkeypatch.setattr(pipeline, "tool_version", lambda: "another studydeck")
    after_tool = pipeline.study_key([notes], cache)
    assert len({first, after_exercise, after_verdict, after_torch, after_tool}) == 5


def test_a_file_saved_while_the_list_is_made_leaves_no_list_under_the_old_key(tmp_path: Path, cache: Path,
                                                                              monkeypatch) -> None:
    notes = _notes(tmp_path, "a.md", ASKED)
    load = Workspace.load

    def saved_meanwhile(*args, **kwargs):
        (notes / "a.md").write_text(ASKED + "- Sigmoid\n  - 把实数压到 (0, 1)\n", encoding="utf-8")
        return load(*args, **kwargs)
    monkeypatch.setattr(Workspace, "load", saved_meanwhile)
    cli._quiz_cards((notes,))
    monkeypatch.setattr(Workspace, "load", load)
    (notes / "a.md").write_text(ASKED, encoding="utf-8")  # the edit undone
    assert not any("Sigmoid" in s.card.front for s in cli._quiz_cards((notes,))[0])
