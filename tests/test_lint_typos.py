"""The typo rule reports a word only on strong evidence, and --fix changes only certain typos."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from studydeck.cli import cli
from studydeck.pipeline import Workspace

FIXTURES = Path(__file__).parent / "fixtures" / "lint"


def typos(name: str) -> dict[str, str]:
    """wrong -> confidence, for each typo finding of a fixture."""
    return {f.message.split("“")[1].split("”")[0]: f.confidence.value
            for f in Workspace.load([FIXTURES / name]).lint(allow_torch=False).findings
            if f.rule == "typo"}


@pytest.mark.parametrize("word", ["下溢", "梯度下溢", "反向传方", "传方", "方差"])
def test_chinese_words_near_a_term_are_not_typos(word) -> None:
    # 下溢 (underflow) and 梯度下溢 sound nothing like 下降; 反向传方差 reads 反向传 + 方差 (variance)
    assert word not in typos("typos-zh.md")


def test_an_input_method_slip_is_a_certain_typo() -> None:
    assert typos("typos-zh.md") == {"梯队下降": "certain"}


@pytest.mark.parametrize("word", ["regularisation", "optimisers"])
def test_british_spellings_are_words(word) -> None:
    assert word not in typos("typos-en.md")


def test_an_english_non_word_next_to_its_term_is_certain() -> None:
    assert typos("typos-en.md") == {"gradints": "certain"}


def test_without_the_term_in_the_file_it_is_only_a_suggestion() -> None:
    assert typos("typos-suggestion.md") == {"Transformmer": "suggestion"}


def test_fix_changes_only_the_certain_typos(tmp_path: Path) -> None:
    for name in ("typos-zh.md", "typos-en.md", "typos-suggestion.md"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    result = CliRunner().invoke(cli, ["lint", str(tmp_path), "--fix"])
    assert "fixed" in result.output, result.output
    zh = (tmp_path / "typos-zh.md").read_text(encoding="utf-8")
    assert zh == (FIXTURES / "typos-zh.md").read_text(encoding="utf-8").replace("梯队下降", "梯度下降")
    en = (tmp_path / "typos-en.md").read_text(encoding="utf-8")
    assert en == (FIXTURES / "typos-en.md").read_text(encoding="utf-8").replace("gradints", "gradients")
    assert (tmp_path / "typos-suggestion.md").read_bytes() == (FIXTURES / "typos-suggestion.md").read_bytes()


def test_fix_with_the_rule_picked_applies_a_suggestion(tmp_path: Path) -> None:
    md = tmp_path / "n.md"
    shutil.copy(FIXTURES / "typos-suggestion.md", md)
    CliRunner().invoke(cli, ["lint", str(md), "--fix", "--rule", "typo"])
    assert "as the Transformer does" in md.read_text(encoding="utf-8")


def test_a_typo_inside_code_or_math_is_left_alone(tmp_path: Path) -> None:
    md = tmp_path / "n.md"
    md.write_text("# Gradients\n\nThe gradients, `gradints = g`, $gradints$ and gradints.\n", encoding="utf-8")
    CliRunner().invoke(cli, ["lint", str(md), "--fix"])
    assert md.read_text(encoding="utf-8") == "# Gradients\n\nThe gradients, `gradints = g`, $gradints$ and gradients.\n"


def typos_with(text: str, cjk: tuple[str, ...]) -> dict[str, str]:
    from studydeck.lint.text import Piece
    from studydeck.lint.typos import find_typos

    return {t.wrong: t.confidence.value for t in find_typos([Piece(1, text, 0)], latin={}, cjk=cjk)}


@pytest.mark.parametrize("text, term", [
    ("我们可以得到结论，也可以达到更好的精度。", "可以得到"),        # 达到 is a common word: meant
    ("对角矩阵很简单；对于矩阵 A，有如下性质。", "对角矩阵"),        # 于 and 角 sound nothing alike
    ("样本集合记为 D；每行表示样本集的一维属性。", "样本集合"),      # 的 de and 合 he: another initial
])
def test_words_that_only_look_like_a_slip_are_left_alone(text, term) -> None:
    assert typos_with(text, (term,)) == {}


def test_a_slip_in_a_term_the_text_also_spells_right() -> None:
    # 欧式 (European style) for 欧氏 (Euclid's): read the same, and 欧式距离 is no word
    assert typos_with("欧氏距离是两点间的距离，“欧式距离”是一个常见的笔误。", ("欧氏距离",)) == {"欧式距离": "certain"}
