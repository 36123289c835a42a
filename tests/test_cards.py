"""Extraction rules, pinned by fixture files: each ``*.md`` beside the ``*.cards`` it yields.

After a deliberate change, regenerate with ``python tests/golden.py`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import FIXTURES, describe
from studydeck.cards import default_pairs, extract_cards, parse_default
from studydeck.model import Card, CardKind
from studydeck.notes import parse_notes

CASES = sorted(FIXTURES.glob("*.md"))


@pytest.mark.parametrize("md", CASES, ids=[p.stem for p in CASES])
def test_fixture_yields_expected_cards(md: Path) -> None:
    assert describe(md) == md.with_suffix(".cards").read_text(encoding="utf-8")


def cards_of(text: str) -> list[Card]:
    return extract_cards(parse_notes(text, "t.md"))[0]


def test_every_card_knows_its_line() -> None:
    text = "# T\n\n## A\n\n- x: first\n- y: second\n\n$$a = b$$\n"
    cards = cards_of(text)
    lines = text.splitlines()
    for card in cards:
        assert card.source.path == "t.md"
        assert card.back.split("\n")[0].lstrip("$").split("=")[0].strip() in lines[card.source.line - 1]


def test_identity_ignores_text_but_not_position() -> None:
    before = {c.key: c.uid for c in cards_of("# T\n- **Epoch**: one pass\n")}
    after = {c.key: c.uid for c in cards_of("# T\n- **Epoch**: one full pass over the data\n")}
    assert before == after
    other = {c.key: c.uid for c in cards_of("# U\n- **Epoch**: one pass\n")}
    assert set(other.values()).isdisjoint(before.values())


def test_markdown_raw_html_is_not_a_card_feature() -> None:
    cards = cards_of("# T\n- **XSS**: <script>alert(1)</script>\n")
    assert cards[0].back == "<script>alert(1)</script>"  # kept as text; escaped at export


@pytest.mark.parametrize("text, expected", [
    ("学习率（$\\gamma$），默认 0.001，控制步长。", "0.001"),
    ("布尔值，默认 False，是否启用", "False"),
    ("两个系数，默认 (0.9, 0.999)。", "(0.9, 0.999)"),
    ("两个系数，默认 `(0.9, 0.999)`", "(0.9, 0.999)"),
    ("drop probability, default `0.5`", "0.5"),
    ("默认 `", None),
    ("the step size; defaults to 1e-3.", "1e-3"),
    ("是否使用 foreach 实现", None),
])
def test_parse_default(text: str, expected: str | None) -> None:
    assert parse_default(text) == expected


def test_question_list_is_marked_unanswered() -> None:
    cards = cards_of("# T\n## 思维导图\n- 如何提高收敛\n- L1和L2的区别\n")
    assert [c.kind for c in cards] == [CardKind.QUESTION, CardKind.QUESTION]
    assert all("needs-answer" in c.flags and "mindmap" in c.flags for c in cards)


PIECES = list("#-*`$\\{}[]()_^:：，。 \n1.、abcxyz梯度下降QA=<>|!") + [
    "\n- ", "\n  - ", "\n## ", "$$", "```\n", "{{c1::", "}}", "\\frac{", "\\text{if} ", "Q: a\nA: b"]
markdownish = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@settings(max_examples=200, deadline=None)
@given(markdownish)
def test_any_markdown_gives_cards_or_nothing_but_never_raises(text: str) -> None:
    from studydeck.export import card_fields
    from studydeck.render import RenderEnv

    cards, notices = extract_cards(parse_notes(text, "fuzz.md"))
    for card in cards:
        assert card.source.path == "fuzz.md" and card.source.line >= 1
        card_fields(card, RenderEnv())
    for notice in notices:
        assert notice.source.line >= 1


@pytest.mark.parametrize("text, expected", [
    ("lr=1e-3, β1=0.9, β2=0.999, eps=1e-8", [("lr", "1e-3"), ("eps", "1e-8"), ("betas", "(0.9, 0.999)")]),
    ("lr（老版本必填）, momentum=0, nesterov=False", [("momentum", "0"), ("nesterov", "False")]),
    ("`lr=1e-3`, **weight_decay=1e-2**", [("lr", "1e-3"), ("weight_decay", "1e-2")]),
    ("the learning rate is 1e-3, usually", []),
])
def test_default_pairs(text: str, expected: list) -> None:
    """A line of defaults, piece by piece; a parameter with only a remark (no default) is passed
    over, and a sentence states none."""
    assert default_pairs(text) == expected


def test_an_aligned_block_of_rules_asks_each_row_and_a_chain_stays_one() -> None:
    """“\\begin{aligned} f_t &= … \\\\ i_t &= … \\end{aligned}”: each row names what it computes, so
    each is a card at its own line; a chain carried over rows (“&= …”) is one derivation."""
    notes = ("# RNN\n\n## LSTM\n\n门的计算：\n\n$$\n\\begin{aligned}\nf_t &= \\sigma(W_f x_t + U_f h_{t-1}) \\\\\n"
             "i_t &= \\sigma(W_i x_t + U_i h_{t-1}) \\\\\nc_t &= f_t \\odot c_{t-1} + i_t \\odot \\tilde c_t\n"
             "\\end{aligned}\n$$\n\n## 展开\n\n$$\n\\begin{aligned}\n(a+b)^2 &= (a+b)(a+b) \\\\\n&= a^2 + ab + ba + b^2 \\\\\n"
             "&= a^2 + 2ab + b^2\n\\end{aligned}\n$$\n")
    cards, notices = extract_cards(parse_notes(notes, "rnn.md"))
    assert [c.front for c in cards if c.kind is CardKind.FORMULA] == [
        f"LSTM：门的计算：\n\n$${name} = ?$$" for name in ("f_t", "i_t", "c_t")]
    lines = notes.splitlines()
    for name in ("f_t", "i_t", "c_t"):
        (card,) = [c for c in cards if f"$${name} = ?$$" in c.front]
        assert card.source.line == next(i for i, l in enumerate(lines, 1) if l.startswith(name))
        assert card.back.startswith(f"$${name} = ")
    assert not any("(a+b)" in c.front for c in cards)  # the chain is a derivation, not three facts
    assert any(n.rule == "left-out:derivation" for n in notices)


@pytest.mark.parametrize("restated", ["i.e.,", "that is,", "namely,"])
def test_a_front_never_begins_with_the_clause_that_restates_the_one_before(restated) -> None:
    """A long lead is cut to the clauses next to the formula, but “i.e., …” only says again what
    the clause before it said: the front keeps that clause, or the card is left out as too long."""
    notes = ("# Information theory\n\n## Entropy\n\nWhen a discrete random variable $X$ takes one of $k$ values "
             f"with the probabilities $p_1, \\ldots, p_k$ that sum to one, {restated} $X$ follows a categorical "
             "distribution, the entropy of $X$ is $$H(X) = -\\sum_{i=1}^k p_i \\log p_i.$$\n")
    (card,) = [c for c in extract_cards(parse_notes(notes, "info.md"))[0] if c.kind is CardKind.FORMULA]
    assert card.front.startswith("Entropy: When a discrete random variable $X$ takes one of $k$ values")
    assert card.front.endswith("the entropy of $X$ is $$H(X) = ?$$")
    longer = notes.replace("that sum to one", "that sum to one over all of the outcomes that the variable can take "
                                              "in any one of its many possible draws from one and the same source")
    cards, notices = extract_cards(parse_notes(longer, "info.md"))
    assert not [c for c in cards if c.kind is CardKind.FORMULA]
    assert [n.rule for n in notices] == ["left-out:too-long"]


def test_a_chinese_front_never_begins_with_the_clause_that_restates_the_one_before() -> None:
    notes = ("# 信息论\n\n## 熵\n\n离散随机变量$X$取$k$个值，它从一个有限集合里面取这些互不相同的值时各个值出现的概率依次为"
             "$p_1, \\ldots, p_k$并且这些非负的概率全部加起来恰好等于一而没有任何遗漏的部分，即$X$服从类别分布，"
             "则$X$的熵为$$H(X) = -\\sum_{i=1}^k p_i \\log p_i$$\n")
    (card,) = [c for c in extract_cards(parse_notes(notes, "info.md"))[0] if c.kind is CardKind.FORMULA]
    assert card.front.startswith("熵：它从一个有限集合里面取") and card.front.endswith("则$X$的熵为$$H(X) = ?$$")


@pytest.mark.parametrize("notes", [
    "# 激活函数\n\n## Sigmoid\n\nSigmoid 把任意实数压到 0 和 1 之间，\n常用于二分类的输出层，\n"
    "它的定义是 $\\sigma(x) = \\frac{1}{1 + e^{-x}}$。\n\n## Tanh\n\n- **定义**：双曲正切的值域是 (-1, 1)，\n"
    "  它以零为中心：\n  $$\\tanh(x) = \\frac{e^x - e^{-x}}{e^x + e^{-x}}$$\n",
    # an item whose “-” stands alone, its text on the lines below; a label before the sentence
    "# 激活函数\n\n## Sigmoid\n\n-\n  Sigmoid 把任意实数压到 0 和 1 之间，\n  常用于二分类的输出层，\n"
    "  它的定义是 $\\sigma(x) = \\frac{1}{1 + e^{-x}}$。\n\n## Tanh\n\n**正确答案：**\n双曲正切的值域是 (-1, 1)，\n"
    "它以零为中心：$\\tanh(x) = \\frac{e^x - e^{-x}}{e^x + e^{-x}}$\n",
])
def test_a_formula_in_a_paragraph_of_several_lines_is_at_its_own_line(notes: str) -> None:
    """The card (and so its verdict and its lint finding) names the line the formula is on, not
    the paragraph's (or the item's) first line."""
    lines = notes.splitlines()
    cards = [c for c in extract_cards(parse_notes(notes, "act.md"))[0] if c.kind is CardKind.FORMULA]
    assert len(cards) == 2
    for name in ("\\sigma(x)", "\\tanh(x)"):
        (card,) = [c for c in cards if name in c.front]
        assert name in lines[card.source.line - 1]


def test_an_aligned_row_keeps_its_line_past_a_blank_line_and_a_row_spacing() -> None:
    notes = "# RMSprop\n\n## 更新\n\n$$\n\n\\begin{aligned}\nv_t &= \\alpha v_{t-1} + (1-\\alpha) g_t^2 \\\\[4pt]\n" \
            "\\theta_t &= \\theta_{t-1} - \\eta g_t / (\\sqrt{v_t} + \\epsilon)\n\\end{aligned}\n$$\n"
    cards, _ = extract_cards(parse_notes(notes, "r.md"))
    lines = notes.splitlines()
    rows = {c.front.rsplit("$$", 2)[-2]: c.source.line for c in cards if c.kind is CardKind.FORMULA}
    assert rows == {"v_t = ?": lines.index(next(l for l in lines if l.startswith("v_t"))) + 1,
                    "\\theta_t = ?": lines.index(next(l for l in lines if l.startswith("\\theta_t"))) + 1}
