"""A definition that stops where its formula was to follow is left out; one that ends in math is
whole. A file whose prose is Chinese asks in Chinese however much LaTeX it holds."""

from __future__ import annotations

from pathlib import Path

from studydeck.pipeline import collect

FIXTURE = Path(__file__).parent / "fixtures" / "cards" / "unfinished.md"


def test_an_unfinished_definition_is_left_out_and_a_whole_one_kept() -> None:
    (doc,) = collect([FIXTURE])
    definitions = {c.front: c.back for c in doc.cards if c.kind.value == "definition"}
    assert not any(back.rstrip().endswith(" is") for back in definitions.values())
    left = [n for n in doc.notices if n.rule == "left-out:unfinished"]
    assert [n.source.line for n in left] == [5] and "Bernoulli" in left[0].message
    # the formula the sentence announced is still a card of its own
    assert any(c.kind.value == "formula" and "F(x)" in c.back for c in doc.cards)
    assert any("$D_{3}$" in back for back in definitions.values())
    assert any("average information" in back for back in definitions.values())


def test_latex_does_not_make_chinese_notes_english(tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    display = "$$\n" + " + ".join(rf"\boldsymbol{{w}}_{{{i}}}^\mathrm{{T}} \mathbf{{x}}" for i in range(40)) + "\n$$\n"
    notes.write_text("# 支持向量机\n\n## 对偶\n\n对偶函数：拉格朗日函数关于原变量的下确界。\n\n" + display * 5, encoding="utf-8")
    (doc,) = collect([notes])
    assert doc.cards and all(c.lang == "zh" for c in doc.cards)
