"""The shipped notes, as the learner wrote them, give the cards a learner expects."""

from __future__ import annotations

import pytest

from conftest import SHIPPED
from studydeck.cards import extract_cards
from studydeck.model import CardKind
from studydeck.notes import read_notes


@pytest.fixture(scope="module")
def extracted():
    outline = read_notes(SHIPPED, "notes/pytorch-notes.md")
    return extract_cards(outline)


@pytest.fixture(scope="module")
def cards(extracted):
    return extracted[0]


def find(cards, kind, *needles, deck=None):
    found = [c for c in cards if c.kind is kind and all(n in c.front + "\n" + c.back for n in needles)
             and (deck is None or c.deck[-1] == deck)]
    return found


@pytest.mark.parametrize("term", ["SGD", "Adadelta", "Adam", "AdamW", "RMSProp"])
def test_optimizer_definitions(cards, term) -> None:
    defs = [c for c in cards if c.kind is CardKind.DEFINITION and c.key == f"def:{term.lower()}"]
    assert len(defs) == 1, term
    assert defs[0].deck == ("pytorch学习笔记", "优化器", term)
    assert defs[0].back.strip()


@pytest.mark.parametrize("term, words", [
    ("LayerNorm", "层归一化"), ("RMSNorm", "均方根归一化"), ("sigmoid", "二分类"),
    ("tanh", "双曲正切"), ("Relu", "修正线性单元"), ("梯队下降", "沿着梯队反方向"),
    ("Autograd", "自动微分引擎"), ("自动跟踪", "requires_grad"), ("自动梯度计算", "backward"),
    ("灵活控制", "no_grad"), ("文本数据噪声", "拼写错误"), ("图像数据噪声", "遮挡"),
    ("语音数据噪声", "背景噪音"), ("结构化数据噪声", "缺失值"), ("数据清洗", "去重"),
    ("数据增强", "合成数据"), ("鲁棒性训练", "Dropout"), ("噪声标签建模", "噪声分布"),
    ("高质量数据筛选", "子集"), ("预处理与标准化", "统一数据格式"),
])
def test_concept_definitions(cards, term, words) -> None:
    assert find(cards, CardKind.DEFINITION, term, words), term


def test_sgd_momentum_parameter_and_default_cloze(cards) -> None:
    (param,) = [c for c in cards if c.kind is CardKind.PARAMETER and c.deck[-1] == "SGD" and c.key == "param:momentum"]
    assert "动量系数" in param.back and "默认 0" in param.back and "0.9" in param.back
    assert ("momentum", "\\mu") in param.symbols
    (cloze,) = [c for c in cards if c.kind is CardKind.CLOZE and c.deck[-1] == "SGD" and c.key == "default:momentum"]
    assert "{{c1::0}}" in cloze.front


def test_every_stated_default_has_a_cloze(cards) -> None:
    params = {(c.deck[-1], c.key.split(":")[1]) for c in cards if c.kind is CardKind.PARAMETER}
    defaults = {(c.deck[-1], c.key.split(":")[1]) for c in cards if "default" in c.flags}
    assert ("SGD", "lr") in defaults and ("Adadelta", "eps") in defaults
    assert ("SGD", "foreach") in defaults  # “None 表示自动选择”: the default is None
    assert ("SGD", "params") in params - defaults
    assert len([p for p in params if p[0] == "SGD"]) == 10
    assert len([d for d in defaults if d[0] == "SGD"]) == 9
    assert len([d for d in defaults if d[0] == "Adadelta"]) == 8
    assert len([p for p in params if p[0] == "Adadelta"]) == 9


def test_training_flow_and_gradient_descent_steps(cards) -> None:
    steps = {c.key: c for c in cards if c.kind is CardKind.STEPS}
    flow = steps["steps:pytorch训练流程"]
    assert "D-M-L-T-V-S-T" in flow.front
    assert flow.back.count("\n") == 6 and "数据准备" in flow.back and "测试和推理" in flow.back
    gd = steps["steps:梯队下降"]
    assert gd.back.count("\n") == 5 and gd.back.startswith("1. 初始化参数")
    clozes = [c for c in cards if c.kind is CardKind.CLOZE and "steps" in c.flags]
    assert sorted(c.front.count("{{c") for c in clozes) == [6, 7]


@pytest.mark.parametrize("deck, latex", [
    ("SGD", "g_t \\leftarrow g_t + \\lambda \\theta_{t-1}"),
    ("SGD", "b_t = \\mu b_{t-1} + (1 - \\tau) g_t"),
    ("Adadelta", "\\Delta x_t = \\frac{\\sqrt{u_{t-1} + \\epsilon}}{\\sqrt{v_t + \\epsilon}} g_t"),
    ("Adam", "\\hat{m}_t = \\frac{m_t}{1-\\beta_1^t}"),
    ("AdamW", "\\lambda \\theta_t \\right)"),
    ("RMSProp", "\\theta_{t+1} = \\theta_t - \\frac{\\eta}{\\sqrt{E[g^2]_t + \\epsilon}} \\cdot g_t"),
    ("误差函数", "\\text{erf}(x) = \\frac{2}{\\sqrt{\\pi}} \\int_0^x e^{-t^2} \\, dt"),
    ("误差函数", "\\text{erf}(-x) = -\\text{erf}(x)"),
    ("累积分布函数(CDF)", "\\Phi(x) = \\frac{1}{2}"),
])
def test_formula_cards(cards, deck, latex) -> None:
    found = [c for c in cards if c.kind is CardKind.FORMULA and c.deck[-1] == deck
             and any(latex in f for f in c.formulas)]
    assert len(found) == 1, (deck, latex)
    front = found[0].front
    # the formula is asked for, with the math around it intact and no hole left as “…”
    assert front.startswith(deck) and "…" not in front and latex not in front
    assert "?" in front or "？" in front or front.endswith("写出公式")


def test_plain_text_formulas_are_formula_cards(cards) -> None:
    plain = {c.deck[-1]: c for c in cards if c.plain_formula}
    assert set(plain) == {"GELU", "Softplus", "Mish"}
    assert "0.044715" in plain["GELU"].formulas[0] and ")))" in plain["GELU"].formulas[0]


def test_rank_code_card(cards) -> None:
    (code,) = [c for c in cards if c.kind is CardKind.CODE]
    assert code.deck[-1] == "秩" and code.language == "python"
    assert "torch.svd(A)" in code.code and "torch.svd" in code.front


def test_mind_map_questions(cards) -> None:
    questions = [c for c in cards if c.kind is CardKind.QUESTION]
    assert len(questions) == 12
    assert all({"needs-answer", "mindmap"} <= set(c.flags) for c in questions)
    assert questions[0].front == "如何解决过拟合，欠拟合" and questions[-1].front == "归一化的区别"


def test_section_written_twice_gives_one_set(cards, extracted) -> None:
    rms = [c for c in cards if c.deck[-1].casefold() == "rmsprop"]
    fronts = [c.front for c in rms]
    assert len(fronts) == len(set(fronts))
    assert {c.deck[-1] for c in rms} == {"RMSProp"}
    assert sum(c.kind is CardKind.FORMULA for c in rms) == 2
    notices = extracted[1]
    assert any(n.rule == "duplicate-section" and n.source.line == 197 for n in notices)


def test_empty_sections_and_items_are_reported(extracted) -> None:
    cards, notices = extracted
    empty = {(n.rule, n.source.line) for n in notices}
    assert ("empty-section", 3) in empty          # 张量
    assert ("empty-item", 183) in empty           # AMSGrad
    assert ("empty-item", 196) in empty           # Adafactor
    assert not [c for c in cards if c.deck[-1] in ("张量", "AMSGrad", "Adafactor")]
