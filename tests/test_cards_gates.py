"""No card is better than a bad card: what fails a gate is left out and said, in the notes' language.

Each gate has its case in ``fixtures/cards/gates.md`` (pinned by ``gates.cards``); these tests
state the rules themselves.
"""

from __future__ import annotations

from dataclasses import replace

import re

import pytest

from studydeck.cards import extract_cards
from studydeck.gates import unanswered
from studydeck.model import CardKind
from studydeck.notes import as_callouts, parse_notes


def extract(text: str):
    return extract_cards(parse_notes(text, "g.md"))


def assert_keeps(notes: str, kept: list[str], gone: list[str]) -> None:
    """Each of ``kept`` is on some card made from ``notes`` (front or back); none of ``gone`` is."""
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for text in kept:
        assert text in texts, text
    for text in gone:
        assert text not in texts, text


@pytest.mark.parametrize("notes, reason", [
    ("# 笔记\n\n## 优化器\n- **学习率**：待补充\n", "empty-answer"),
    ("# 笔记\n\n## 小结\n- **大 batch 为什么泛化差** —— 老师说下节课讲\n", "empty-answer"),
    ("# 笔记\n\n## 方法\n- AdaGrad 相当于 $\\beta_1=0$ 的 Adam，步长随时间衰减（$\\alpha_t = \\alpha t^{-1/2}$）\n", "bracketed"),
    ("# 笔记\n\n## 课程\n- 参考视频：[4 - 5 - Features and Polynomial Regression (8 min).mkv](v/4-5.mkv)\n",
     "link-answer"),
    ("# 笔记\n\n## 回归\n- $y = w x + b$\n- $y = w^2 x$\n", "duplicate-front"),
    ("# 笔记\n\n## 梯度下降\n- 我们取初值 $x = 10$，学习率为 $\\eta = 0.2$。\n", "worked-value"),
    ("# 笔记\n\n## 动量\n- $\\beta$ 常取 0.9，相当于对过去约 $\\frac{1}{1-\\beta}=10$ 步的梯度做指数平均\n", "worked-value"),
    ("# 笔记\n\n## 求和\n- 其中下标 $i = 1, 2, \\ldots, n$ 遍历所有样本。\n", "declaration"),
    ("# 笔记\n\n## 模型\n\n这里 $w\\in\\mathbf R^n$ 和 $b\\in\\mathbf R$ 是参数，$w$ 称为权值向量，$b$ 称为偏置。\n",
     "declaration"),
    ("# 笔记\n\n## 优化器\n- 随机梯度下降：随机梯度下降\n", "answer-in-front"),
    ("# 笔记\n\n## https://notes.org/a.png\n是一个示例网页的地址。\n", "url-front"),
    ("# 概率图模型 复习\n\n*考前一周整理*\n\n范围：HMM、CRF、EM\n\n**复习优先级**：HMM > EM > CRF\n\n## HMM\n",
     "preamble"),
    ("# 期中错题\n\n## Q3 逻辑回归的梯度\n\n**我写的：** $\\nabla L = \\sum_i (y_i - \\sigma_i) x_i$\n", "crossed-out"),
    ("# 概率论\n\n## 数字特征\n\n- **唯一例外**：二维正态时，不相关与独立等价\n", "label-term"),
    ("# 高斯混合模型\n\n## 记号\n\n- $N$：样本数\n- $\\pi_k$：第 k 个分量的权重\n", "notation"),
    ("# 高斯混合模型\n\n## 算法流程\n\n- **M 步**：用上面三个公式更新\n", "refers-back"),
    ("# 经验法则\n\n## Warmup\n\n- **RAdam**：论文就是在分析这个方差问题\n", "refers-back"),
    ("# 第3章\n\n## 线性模型\n\n- **线性模型**：本章主要介绍线性回归与对数几率回归\n", "about-the-text"),
    ("# 信息论\n\n## 信息量\n\n我的理解：独立事件的信息量可以相加，$I(x,y) = I(x) + I(y)$。\n", "unsure"),
    ("# 注意力\n\n## 为什么除以根号 d\n\n那 $q^\\top k = \\sum_i q_i k_i$，方差是 $d_k$。\n", "derivation-step"),
    ("# 自测\n\n## 成绩\n\n- **Score attempt 2 (Nov 10)**：14/16\n", "label-term"),
    ("# 聚类\n\n## 收敛性\n\n- **实践**：多次随机初始化取最好\n", "label-term"),
    ("# 极大似然\n\n## MLE\n\n- **例 指数分布 f = λe^{-λx}**：ln L = n lnλ - λΣxi\n", "example"),
    ("# 反向传播\n\n## 链式法则\n\n- **对 b**：第一项换成 1\n", "label-term"),
    ("# 信息论\n\n## 小结\n\n- **label smoothing**：从信息论角度怎么解释\n", "open-question"),
    ("# 作业 3\n\n## Problem 2 — Ridge\n\n**(a)** 梯度 $2X^T(Xw-y) + 2\\lambda w = 0$，所以 $\\hat w = (X^TX + \\lambda I)^{-1}X^Ty$\n",
     "derivation-step"),
    ("# 作业 3\n\n## Problem 1: 推导梯度\n\n### 1c. 传回第一层\n\n- $\\delta_1 = (W_2^\\top \\delta_2) \\odot 1[z_1 > 0]$\n",
     "example"),
    ("# SVM\n\n## 对偶\n\n- **Key thing**：数据只以内积出现\n", "label-term"),
    ("# 卷积\n\n## 输出尺寸\n\n- **conv2**：(32 + 2 - 3)/2 = 15.5 向下取整 15，再 +1 = 16\n", "worked-value"),
    ("# 极大似然\n\n## 伯努利\n\n例题：抛 3 次 3 次正面 → $\\hat p = 1$。\n", "example"),
    ("# 极大似然\n\n## 伯努利分布的估计\n\nProblem: 3 flips, 3 heads → $\\hat p = 1$.\n", "example"),
    ("# 预测\n\n## 结果\n\n```\nseasonal naive (lag 168)   MAE 412.7\nLSTM, L=168, H=24          MAE 371.3\n```\n",
     "not-code"),
    ("# 动量法\n\n## 标量函数\n\n这显示了在我们将学习率提高到 $\\eta \\lambda = 1$ 之前，收敛率最初是如何提高的。\n",
     "derivation-step"),
    ("# EM\n\n## 读书顺序\n\n- **个人感觉**：先看李航的算法框，再看 PRML 的图\n", "label-term"),
    ("# 信息论\n\n## 延伸\n\n- **f-divergence**：先挖坑\n", "todo-answer"),
    ("# 行列式\n\n## 性质\n\n- 转置值不变：$|A^T| = |A|$\n", "answer-in-front"),
    ("# 特征值\n\n## 对角化\n\n- **推论**：$A$ 有 $n$ 个互不相同的特征值，则可对角化\n", "label-term"),
    ("# 归一化\n\n## 小结\n\n- **BatchNorm**：为什么要归一化\n", "open-question"),
    # the words say what the formula restates (“…是对称的，即 ?”)
    ("# 信息论\n\n## 互信息的性质\n\n互信息是对称的，即 $I(X;Y) = I(Y;X)$。\n", "answer-in-front"),
    ("# 暂退法\n\n## 期望\n\n按设计，期望保持不变，即 $E[h'] = h$。\n", "answer-in-front"),
    # the answer is only the name the front already says, applied to its symbols
    ("# 分布\n\n## 二项分布 Binomial\n\n这种情况下，我们记作\n\n$$X \\sim \\textrm{Binomial}(n, p).$$\n",
     "answer-in-front"),
    # … or the operation it names, on two symbols (“该元素与 0 的较大者”, “…之比称为条件数。”)
    ("# 激活函数\n\n## ReLU\n\n给定元素 $x$，ReLU 定义为该元素与 $0$ 的较大者：\n\n$$\\operatorname{ReLU}(x) = \\max(x, 0)$$\n",
     "answer-in-front"),
    ("# 预处理\n\n## 条件数\n\n最大和最小的特征值之比称为优化问题的*条件数*。\n\n$$\\kappa = \\frac{\\Lambda_1}{\\Lambda_d}.$$\n",
     "answer-in-front"),
    # a theoretical analysis argues as a derivation does: its formulas are steps
    ("# 动量法\n\n## 理论分析\n\n### 二次凸函数\n\n梯度由$\\partial_{\\mathbf{x}} f(\\mathbf{x}) = \\mathbf{Q} (\\mathbf{x} - "
     "\\mathbf{Q}^{-1} \\mathbf{c})$给出。\n", "derivation-step"),
    # a formula named by words that work on the steps before is a step (“整理后的公式为”, “这个公式可写为”)
    ("# 线性回归\n\n## 式(3.7)的推导\n\n整理后的公式为\n\n$$w=\\frac{\\sum_{i=1}^{m}y_ix_i}{\\sum_{i=1}^{m}x_i^2}$$\n",
     "derivation-step"),
    ("# 线性回归\n\n## 式(3.7)的推导\n\n代入后损失公式可写为\n\n$$L=\\sum_{i=1}^{m}(y_i - w x_i)^2$$\n", "derivation-step"),
    ("# 线性回归\n\n## 式(3.7)的推导\n\n这个公式可写为\n\n$$w=\\frac{\\sum_{i=1}^{m}y_ix_i}{\\sum_{i=1}^{m}x_i^2}$$\n",
     "derivation-step"),
    ("# 感知机\n\n## 式(5.2)的推导\n\n由于学习率很小，所以权重的更新公式为\n\n$$w \\leftarrow w + \\eta \\Delta w$$\n",
     "derivation-step"),
    ("# 卷积\n\n## 参数量\n\n- **conv2**：k·k·C·M = 3·3·64·128 = 73728\n", "worked-value"),
    # a step that applies a rule, or leans on the lines before, is no cited result
    ("# 回归\n\n## 梯度的推导\n\n对所有样本求和后有 $\\frac{\\partial L}{\\partial w} = \\sum_i x_i (w x_i - y_i)$\n",
     "derivation-step"),
    ("# 网络\n\n## 反向传播的推导\n\n由链式法则 $\\frac{\\partial L}{\\partial W_1} = \\delta_2 W_2^\\top x$\n", "derivation-step"),
    ("# 回归\n\n## 梯度的推导\n\n把损失函数展开 $L(w) = w^2 - 2wy + y^2$\n", "derivation-step"),
    ("# EM\n\n## Q 函数的推导\n\n利用上面的公式 $Q(\\theta) = E[\\log p(x, z)]$\n", "derivation-step"),
    ("# 训练\n\n## 损失曲线\n\n训练 10 轮后损失通常是 $L = 0.35$。\n", "worked-value"),
    ("# 扩散模型\n\n## 我的疑问\n\n我猜是这样：$\\hat x_0 = (x_t - \\sqrt{1-\\bar\\alpha_t}\\epsilon)/\\sqrt{\\bar\\alpha_t}$\n",
     "unsure"),
    ("# 交叉熵\n\n## 评论区\n\n- **记忆方法**：看谁在前面当权重\n", "label-term"),
    ("# 第 7 讲 优化\n\n## p.38 学习率调度\n\n- **1cycle**：没细讲\n", "todo-answer"),
    ("# Adam\n\n## 笔记\n\n- **TODO:** 看一下偏差修正为什么要除以 $1-\\beta^t$，具体地，给定\n", "todo-item"),
    ("# 期中错题\n\n## Q6 k-means\n\n**正确**：每一步都不增加目标函数，有限步收敛\n", "label-term"),
    ("# 习题解答\n\n## 6.5 线性高斯系统\n\n(b) $p(y_1)$，同样的办法再做一次：\n\n"
     "$$p(y_1) = \\mathcal N(C\\mu_1, C\\Sigma_1 C^\\top + R)$$\n", "derivation-step"),
    ("# 习题解答\n\n## 6.4 两个袋子\n\n- **袋子 1**：4 个红球、6 个绿球。袋子 2：7 个红球、3 个绿球。\n", "example"),
])
def test_a_failing_candidate_is_left_out_with_a_chinese_message(notes: str, reason: str) -> None:
    cards, notices = extract(notes)
    left = [n for n in notices if n.rule.startswith("left-out:")]
    assert left and {n.rule for n in left} == {f"left-out:{reason}"}
    assert not cards
    for notice in left:
        assert str(notice).startswith(f"g.md:{notice.source.line}: ")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in notice.message)


def test_two_cards_alike_in_front_and_back_are_one_card_not_a_conflict() -> None:
    cards, notices = extract("# T\n\n## A\n- $y = a + b$\n- $y = a + b$\n")
    assert len(cards) == 1 and not [n for n in notices if n.rule.startswith("left-out:")]


def test_conditions_keep_two_formulas_for_one_quantity_apart() -> None:
    cards, notices = extract("# T\n\n## SGD\n- 对于 $t > 1$：$b_t = \\mu b_{t-1} + g_t$\n- 对于 $t = 1$：$b_t = g_t$\n")
    assert [c.front for c in cards] == ["SGD：对于 $t > 1$：$b_t = ?$", "SGD：对于 $t = 1$：$b_t = ?$"]
    assert not notices


def test_no_exported_card_has_a_hole_or_an_empty_answer() -> None:
    text = ("# 笔记\n\n## 误差函数\n当 $x \\to \\infty$ 时，$\\text{erf}(x) \\to 1$；当 $x \\to -\\infty$ 时，"
            "$\\text{erf}(x) \\to -1$。\n\n## 问题\n1. 为什么要归一化？\n2. 学习率太大会怎样？\n")
    cards, _ = extract(text)
    kept, notices = unanswered(cards)
    assert all("…" not in c.front for c in kept)
    assert all(c.back.strip() for c in kept if c.kind is not CardKind.CLOZE)
    assert [n.rule for n in notices] == ["left-out:no-answer", "left-out:no-answer"]
    assert "没有答案" in notices[0].message


def test_a_question_answered_elsewhere_is_kept() -> None:
    cards, _ = extract("# T\n\n## 思维导图\n- 如何提高收敛\n- L1和L2的区别\n")
    answered = [replace(c, back="- 调学习率") if i == 0 else c for i, c in enumerate(cards)]
    kept, notices = unanswered(answered)
    assert [c.front for c in kept] == ["如何提高收敛"] and len(notices) == 1


def test_a_note_s_opening_labels_are_about_the_notes_until_its_subject_begins() -> None:
    opening = "# Decision trees\n\n**Source:** ISLR ch. 8\n\n"
    subject = "A decision tree splits the feature space into boxes.\n\n**Pros:** easy to read, fast to apply.\n\n"
    cards, notices = extract(opening + subject + "## Splits\n\n**Gini impurity**: $1 - \\sum_k p_k^2$.\n")
    assert [n.rule for n in notices] == ["left-out:preamble"] and "Source" in notices[0].message
    assert notices[0].source.line == 3
    # once the subject has begun, a label above the first heading is knowledge like any other
    assert any("pros" in c.front and "easy to read" in c.back for c in cards)
    assert any("Gini impurity" in c.front for c in cards)


def test_a_two_column_table_asks_what_its_second_header_names() -> None:
    """“| | 归一化的维度 |” asks each row for that; “| 术语 | 含义 |” asks what each term is."""
    notes = ("# 归一化\n\n## 对比\n\n| | 归一化的维度（对 N,C,H,W） |\n|---|---|\n| BatchNorm | N, H, W |\n"
             "| LayerNorm | C, H, W |\n\n## 术语\n\n| 术语 | 含义 |\n|---|---|\n| 批归一化 | 在一个批次上做归一化 |\n"
             "| 层归一化 | 在每个样本的特征上做归一化 |\n")
    cards, _ = extract(notes)
    fronts = {c.back: c.front for c in cards}
    assert fronts["N, H, W"] == "对比：**BatchNorm** 的归一化的维度？"
    assert "是什么" in fronts["在一个批次上做归一化"] and "含义" not in fronts["在一个批次上做归一化"]


def test_a_note_s_resources_and_a_section_of_pitfalls() -> None:
    """A list of books and courses is no knowledge; what a section of pitfalls says of a term is
    a remark on it, asked as such; tally marks after a heading are not part of it."""
    notes = ("# 推荐系统入门\n\n## 新同学常踩的坑\n\n- **embedding**：维度不是越大越好，小数据 dim=256 直接过拟合\n\n"
             "## 推荐资料\n\n- **书**：项亮《推荐系统实践》\n- **课**：王树森的推荐系统公开课\n\n"
             "## MLE vs MAP 🤔 |||\n\n- MAP 加高斯先验等价于 L2 正则\n- MAP 加拉普拉斯先验等价于 L1 正则\n")
    cards, _ = extract(notes)
    fronts = [c.front for c in cards]
    assert "新同学常踩的坑：关于 **embedding**，要记住什么？" in fronts
    assert not any("书" in f or "课" in f for f in fronts)
    assert "MLE vs MAP" in fronts


def test_a_why_under_an_item_asks_the_why_of_that_item() -> None:
    notes = ("# Checklist\n\n## Sanity checks\n\n1. **Loss at init.** For K classes it should be ≈ $\\log K$.\n"
             "   - why: if much higher, init is overconfident.\n2. **Overfit one batch.** Loss should reach ~0.\n"
             "   - why: if it cannot memorise 4 samples there is a bug.\n")
    cards, _ = extract(notes)
    fronts = {c.back: c.front for c in cards}
    assert fronts["if much higher, init is overconfident."] == \
        "Loss at init. For K classes it should be ≈ $\\log K$: why?"
    assert fronts["if it cannot memorise 4 samples there is a bug."] == "Overfit one batch. Loss should reach ~0: why?"
    # a rule written as a bold line over its reasons, however long the rule
    rule = "R6. batch size ×k → LR ×k（linear scaling rule）"
    cards, _ = extract(f"# 经验法则\n\n## B. Batch size\n\n**{rule}** ⭐⭐\n- why：步数少 k 倍，要走的总距离不变\n")
    assert [c.front for c in cards] == [f"{rule}：why？"]


def test_a_project_retrospective_gives_only_the_cards_written_by_hand() -> None:
    notes = ("# Retro: ticket router — v1 → prod\n\n## Context\n\n- **Task**: route tickets to 14 queues\n\n"
             "## What went badly\n\n- label noise we did not measure early\n\n## Lessons (for next project)\n\n"
             "- **Contract with ops**: label set changes → we get notified\n\nWhat does drift monitoring watch? "
             ":: the input embeddings' distribution\n")
    cards, _ = extract(notes)
    assert [(c.front, c.back) for c in cards] == [
        ("What does drift monitoring watch?", "the input embeddings' distribution")]


def test_a_named_result_inside_a_derivation_is_asked_and_its_steps_are_not() -> None:
    notes = ("# 损失函数\n\n## softmax + 交叉熵的梯度推导\n\n代入上式可得 $\\partial L / \\partial z_i = p_i - y_i$。\n\n"
             "**数值稳定性**：$\\log p_i = z_i - m - \\log\\sum_j e^{z_j - m}$\n")
    cards, notices = extract(notes)
    assert [c.front for c in cards] == ["softmax + 交叉熵的梯度推导：**数值稳定性**：$\\log p_i = ?$"]
    assert [n.rule for n in notices] == ["left-out:derivation-step"]


def test_a_known_result_a_derivation_cites_is_asked_and_its_steps_are_not() -> None:
    """“由概率公式 $P(AB) = P(A|B)P(B)$ 可得：” cites a formula that holds on its own; the step it
    gives, and a clause that leans on the lines before (“第四行就是…”, “所以由公式…”), do not."""
    notes = ("# 隐马尔可夫模型\n\n## 式(14.1)的推导\n\n由概率公式 $P(A B)=P(A \\mid B) \\cdot P(B)$ 可得:\n\n"
             "$$P(x_1, y_1) = P(x_1 \\mid y_1) P(y_1)$$\n\n"
             "第四行就是数学公式 $a^2-b^2=(a+b)(a-b)$；\n\n所以由公式 $e^{a+b} = e^a e^b$ 可得\n\n"
             "## 梯度下降法的推导\n\n将 $f(x)$ 在 $x_k$ 处进行一阶 Taylor 展开\n\n"
             "$$f(x) \\approx f(x_k) + \\nabla f(x_k)^{\\top}(x - x_k)$$\n")
    cards, notices = extract(notes)
    assert sorted(c.back for c in cards) == sorted([
        "由概率公式 $P(A B)=P(A \\mid B) \\cdot P(B)$",  # (not the “可得:” that goes on to the next step)
        "$$f(x) \\approx f(x_k) + \\nabla f(x_k)^{\\top}(x - x_k)$$"]), [c.front for c in cards]
    assert sorted(n.rule for n in notices) == ["left-out:derivation-step"] * 3, [str(n) for n in notices]


def test_a_cited_result_after_other_math_in_its_sentence_is_still_found() -> None:
    """The words before the hidden formula are those before its own `$`, not before an earlier one's."""
    cards, _ = extract("# 模型\n\n## 式(14.1)的推导\n\n记 $y_1$ 为状态，由概率公式 $P(A B)=P(A \\mid B) P(B)$ 可得:\n")
    assert [c.front for c in cards] == ["模型 › 式(14.1)的推导：记 $y_1$ 为状态，由概率公式 $P(A B) = ?$"]


def test_a_formula_the_text_names_as_a_definition_inside_a_derivation_is_asked() -> None:
    """“感知机模型的公式可表示为”, “距离公式为”, “其展开式如下”: the sentence names the formula it
    leads to, which holds on its own even in a section that works through an equation. A
    formula named by the sentence after it (“…均有 $$…$$ 则称 $f$ 为凸函数”, “并称以下列向量 $$…$$
    为…梯度”) is a definition, asked with that name. A rewriting (“上述公式可写为”) and a step
    (“移项可得”, “所以权重的更新公式为”) are not."""
    notes = ("# 线性模型\n\n## 式(5.1)的推导\n\n**感知机模型**：已知感知机由两层神经元组成，故感知机模型的公式可表示为\n\n"
             "$$y=f\\left(\\sum_{i=1}^{n}w_ix_i-\\theta\\right)$$\n\n"
             "## 式(6.1)的解释\n\n(5)任意点$\\boldsymbol{x}$到超平面的距离公式为$r=\\frac{|\\boldsymbol{w}^{\\top}\\boldsymbol{x}+b|}"
             "{\\|\\boldsymbol{w}\\|}$，其中$\\|\\boldsymbol{w}\\|$表示向量的模。\n\n"
             "## 式(3.11)的推导\n\n**凸函数**：设$D$是非空凸集，$f$是定义在$D$上的函数，如果对任意的$x_1,x_2\\in D,\\alpha\\in(0,1)$，均有\n\n"
             "$$f(\\alpha x_1+(1-\\alpha)x_2)\\leqslant \\alpha f(x_1)+(1-\\alpha)f(x_2)$$\n\n"
             "则称$f$为$D$上的凸函数。若其中的$\\leqslant$改为$<$也恒成立，则称$f$为严格凸函数。\n\n"
             "**梯度**：若$f(\\boldsymbol{x})$对各分量的偏导数都存在，则称它一阶可导，并称以下列向量\n\n"
             "$$\\nabla f(\\boldsymbol{x})=\\frac{\\partial f(\\boldsymbol{x})}{\\partial \\boldsymbol{x}}$$\n\n"
             "为函数$f(\\boldsymbol{x})$在$\\boldsymbol{x}$处的一阶导数或梯度。\n\n"
             "## 式(3.7)的推导\n\n上述公式可写为\n\n$$w\\sum_{i=1}^{m}x_i^2=\\sum_{i=1}^{m}y_ix_i$$\n\n"
             "移项可得\n\n$$w=\\frac{\\sum_{i=1}^{m}y_ix_i}{\\sum_{i=1}^{m}x_i^2}$$\n\n"
             "所以权重$w$的更新公式为\n\n$$w \\leftarrow w+\\Delta w$$\n")
    cards, notices = extract(notes)
    fronts = [c.front for c in cards]
    assert len(cards) == 4, fronts
    assert fronts[0].endswith("故感知机模型的公式可表示为\n\n$$y = ?$$"), fronts
    assert "的距离公式为$r = ?$" in fronts[1], fronts
    # the name after the formula is part of the question
    assert fronts[2].endswith("均有\n\n［？］ 则称$f$为$D$上的凸函数。"), fronts
    assert fronts[3].endswith("$$\\nabla f(\\boldsymbol{x}) = ?$$ 为函数$f(\\boldsymbol{x})$在$\\boldsymbol{x}$处的一阶导数或梯度。"), fronts
    assert sorted(n.rule for n in notices if "derivation" in n.rule) == ["left-out:derivation-step"] * 3, \
        [str(n) for n in notices]


def test_a_formula_named_after_it_in_english_is_a_definition_and_a_named_symbol_is_not() -> None:
    """“$$…$$ is called the Hessian” names the formula; “$\\boldsymbol{w} = ?$ 称为法向量” names only its symbol."""
    cards, _ = extract("# Newton\n\n## Derivation of the update\n\nIf every second partial derivative exists, "
                       "the matrix\n\n$$\\mathbf{H}_{ij} = \\frac{\\partial^2 f}{\\partial x_i \\partial x_j}$$\n\n"
                       "is called the Hessian of $f$. It is symmetric whenever those partial derivatives are continuous.\n")
    assert [c.front for c in cards] == [
        "Derivation of the update: If every second partial derivative exists, the matrix\n\n"
        "$$\\mathbf{H}_{ij} = ?$$ is called the Hessian of $f$."], [c.front for c in cards]
    cards, _ = extract("# 支持向量机\n\n## 式(6.1)的解释\n\n超平面的参数中$\\boldsymbol{w}=(w_1;w_2;...;w_n)$称为法向量，"
                       "$b$称为位移项。\n")
    assert not any("\\boldsymbol{w} = ?" in c.front for c in cards), [c.front for c in cards]


@pytest.mark.parametrize("notes", [
    "# SGD\n\n## Convergence Analysis for Convex Objectives\n\nSince for any convex function $f$ it holds that "
    "$f(y) \\geq f(x) + \\langle f'(x), y - x \\rangle$ for all $x$ and $y$, by convexity we have\n\n"
    "$$f(\\xi_t, x^*) \\geq f(\\xi_t, x_t) + \\langle x^* - x_t, g_t \\rangle.$$\n",
    "# 随机梯度下降\n\n## 凸目标的收敛性分析\n\n因为对于任何凸函数$f$，所有$x$和$y$都满足"
    "$f(y) \\geq f(x) + \\langle f'(x), y - x \\rangle$，按凸性我们有\n\n"
    "$$f(\\xi_t, x^*) \\geq f(\\xi_t, x_t) + \\langle x^* - x_t, g_t \\rangle.$$\n",
])
def test_a_statement_for_every_case_inside_a_derivation_is_asked_and_the_step_after_it_is_not(notes: str) -> None:
    """“for any convex function f it holds that …” holds on its own; “by convexity we have …” is a step."""
    cards, notices = extract(notes)
    # (asked without the clause that goes on to the next step)
    assert len(cards) == 1 and cards[0].front.endswith(("it holds that [?] for all $x$ and $y$", "都满足［？］")), \
        [c.front for c in cards]
    assert [n.rule for n in notices] == ["left-out:derivation-step"], [str(n) for n in notices]


@pytest.mark.parametrize("notes, kept", [
    # what the rules above must not take for what they look for
    ("# Optimizers\n\n**Adam**: keeps running averages of the gradient and its square.\n\n## Momentum\n\n- a: b\n",
     "Adam"),  # a definition under the title is the subject, not the notes' metadata
    ("# 激活\n\n## ReLU\n\n- **ReLU**：输出 x when x is above zero，否则输出 0\n", "ReLU"),
    ("# 训练\n\n## 早停\n\n- **早停**：在模型未完全过拟合前停止训练\n", "早停"),
    ("# 微调\n\n## 冻结\n\n- **部分冻结**：跳过中间层，只训练最后两层\n", "部分冻结"),
    ("# 矩阵求导\n\n## 常用公式\n\n- $\\frac{\\partial a^\\top x}{\\partial x} = a$\n", "partial"),
    ("# 模型\n\n## 大模型\n\n- **GPT-4**：GPT-3 的后继，多模态\n", "GPT-4"),
    ("# 范数\n\n## 范数 ||x||\n\n- **L2 范数**：各分量平方和的平方根\n", "||x||"),
    ("# GPU\n\n## P100 架构\n\n- **HBM2**：高带宽显存\n", "P100"),
    ("# 采样\n\n## 负采样\n\n1:10 的正负样本比例是常见设置。\n\n- **hard negative**：难负样本\n", "hard negative"),
    # a problem or a part numbered like a homework's, in notes that are no homework, names its topic
    ("# RNN\n\n## Problem 1: exploding gradients\n\n- **Gradient clipping**: rescale the gradient when its norm "
     "exceeds a threshold\n", "Gradient clipping"),
    ("# RNN\n\n### Problem 1: exploding gradients\n\nThe gradient through $T$ steps is a product: "
     "$\\frac{\\partial h_T}{\\partial h_0} = \\prod_t W^\\top \\mathrm{diag}(\\sigma'(z_t))$\n", "h_T"),
    ("# 优化\n\n## 1a. Gradient descent\n\n- **学习率**：每一步沿负梯度走的步长\n", "学习率"),
    ("# 激活\n\n## Sigmoid\n\nProblem: its derivative $\\sigma'(x) = \\sigma(x)(1-\\sigma(x))$ is at most 1/4.\n",
     "derivative"),
    # an answer that says “为什么” inside its sentence answers; algebra is no arithmetic worked out
    ("# 激活\n\n## Sigmoid\n\n- **梯度消失**：sigmoid 导数最大只有四分之一，这就是深层网络为什么难训\n", "梯度消失"),
    ("# 代数\n\n## 展开\n\n- **完全平方**：(x+1)^2 = x^2+2x+1\n", "完全平方"),
    # a matrix of computed entries defines something; a braced array is the cases of a definition; a
    # symbol given a quoted name is defined
    ("# 梯度\n\n## 定义\n\n**梯度**：若 $f(\\boldsymbol{x})$ 的各偏导数都存在，则称以下列向量\n\n"
     "$$\\nabla f(\\boldsymbol{x})=\\left[ \\begin{array}{c}{\\frac{\\partial f}{\\partial x_{1}}} \\\\ {\\vdots} \\\\ "
     "{\\frac{\\partial f}{\\partial x_{n}}}\\end{array}\\right]$$\n\n为 $f$ 的梯度。\n", "nabla f"),
    ("# 支持向量回归\n\n## 式(6.43)的解释\n\n其中$\\ell_{\\epsilon}(z)$为\"$\\epsilon$不敏感损失函数\"\n\n"
     "$$\\ell_{\\epsilon}(z)=\\left\\{\\begin{array}{cc}{0,} & {\\text { if }|z| \\leqslant \\epsilon} \\\\ "
     "{|z|-\\epsilon,} & {\\text { if }|z| > \\epsilon}\\end{array}\\right.$$\n", "不敏感损失函数"),
    # the formula asked is the one the front hides, whatever conditions stand after it; a usual value is a fact
    ("# Schedulers\n\n## Factor Scheduler\n\nThe factor scheduler updates the learning rate by "
     "$\\eta_{t+1} \\leftarrow \\eta_t \\cdot \\alpha$ for $\\alpha \\in (0, 1)$.\n", "eta_{t+1}"),
    ("# 卷积\n\n## 输出尺寸\n\n带 dilation $d$ 的时候：$H_{out} = \\lfloor (H_{in} + 2p - d(k-1) - 1)/s \\rfloor + 1$，"
     "$d=1$ 时就退化成不带 dilation 的公式\n", "H_{out}"),
    ("# Adam算法\n\n## 算法\n\n常将它们设置为$\\beta_1 = 0.9$和$\\beta_2 = 0.999$。\n", "beta_2 = ?"),
    # “i.e.” after words that do not state the formula
    ("# Adadelta\n\n## The Algorithm\n\nWe initialize $\\Delta x_0$ to be $0$ and update it at each step with $g_t'$, "
     "i.e.,\n\n$$\\Delta x_t = \\rho \\Delta x_{t-1} + (1 - \\rho) {g_t'}^2$$\n", "Delta x_t = ?"),
    # notes titled by a solution are no homework
    ("# Linear regression: closed-form solution\n\n## Problem 1: ill-conditioning\n\n- **Ridge regression**: add "
     "λI to XᵀX before inverting\n", "Ridge regression"),
    # a fraction and feedback are concepts, not a score and a teacher's remarks
    ("# 数\n\n## 有理数\n\n- **分数**：两个整数之比 p/q，q 非零\n", "分数"),
    ("# 控制\n\n## Feedback\n\n- **负反馈**：把输出与目标之差送回输入\n", "负反馈"),
    # the operation unnamed, the formula is what to recall
    ("# Activations\n\n## ReLU Function\n\nThe rectified linear unit:\n\n$$\\operatorname{ReLU}(x) = \\max(x, 0).$$\n",
     "ReLU}(x) = ?"),
    # a named function applied to more than the symbols is knowledge, though the front names it; a
    # term named after it (“softmax回归”, “softmax regression”, “multi-head attention”) does not give it away
    ("# Softmax Regression\n\n## Vectorization\n\nThe vectorized expression of softmax regression is:\n\n"
     "$$\\hat{\\mathbf{Y}} = \\mathrm{softmax}(\\mathbf{O}).$$\n", "mathbf{Y}} = ?"),
    ("# Transformer\n\n## Multi-head attention\n\nEach head attends on its own slice:\n\n"
     "$$\\mathrm{head}_i = \\mathrm{Attention}(Q_i, K_i, V_i)$$\n", "head}_i = ?"),
    # an operation the words name, done to more than two symbols, is what to recall (Bayes' rule, the
    # law of total probability, a maximum over actions)
    ("# 概率\n\n## 贝叶斯公式\n\n条件概率是联合概率与边缘概率之比，由此得到贝叶斯公式：\n\n"
     "$$P(A|B) = \\frac{P(B|A)P(A)}{P(B)}$$\n", "P(A|B) = ?"),
    ("# 概率\n\n## 全概率公式\n\n事件 $B$ 的概率是各情形下概率之和：\n\n$$P(B) = \\sum\\limits_{i} P(A_i)P(B|A_i)$$\n",
     "P(B) = ?"),
    ("# 强化学习\n\n## 最优价值\n\n最优价值函数对动作取最大值：\n\n"
     "$$V^*(s) = \\max\\limits_{a} \\sum_{s'} P(s'|s,a)[r + \\gamma V^*(s')]$$\n", "V^*(s) = ?"),
    ("# softmax回归\n\n## 小批量样本的矢量化\n\nsoftmax回归的矢量计算表达式为：\n\n$$\\hat{\\mathbf{Y}} = \\mathrm{softmax}(\\mathbf{O}).$$\n",
     "mathbf{Y}} = ?"),
    ("# Transformer\n\n## Multi-head attention\n\n$$\\mathrm{head}_i = \\mathrm{Attention}(QW_i^Q, KW_i^K, VW_i^V)$$\n",
     "head}_i = ?"),
    ("# Attention\n\n## Scaled dot-product attention\n\nThe weights are a softmax of the scores:\n\n"
     "$$\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V$$\n", "Attention}(Q, K, V) = ?"),
])
def test_ordinary_notes_keep_their_cards(notes: str, kept: str) -> None:
    cards, notices = extract(notes)
    assert any(kept in c.front for c in cards), [n.message for n in notices]


def test_an_english_front_that_names_the_operation_it_hides_is_left_out() -> None:
    """“the maximum of that element and 0: ReLU(x) = ?”, “The ratio between the largest and the smallest
    eigenvalue … κ = ?”: the words say what the formula does."""
    cards, notices = extract("# MLP\n\n## ReLU Function\n\nGiven an element $x$, the function is defined\n"
                             "as the maximum of that element and $0$:\n\n$$\\operatorname{ReLU}(x) = \\max(x, 0).$$\n\n"
                             "## Preconditioning\n\nThe ratio between the largest and the smallest eigenvalue is called "
                             "the condition number of an optimization problem.\n\n$$\\kappa = \\frac{\\Lambda_1}{\\Lambda_d}.$$\n")
    assert not cards, [c.front for c in cards]
    assert [n.rule for n in notices if n.rule.startswith("left-out:")] == ["left-out:answer-in-front"] * 2


def test_formulas_listed_in_one_span_are_asked_one_by_one() -> None:
    """“由矩阵微分公式 $\\frac{\\partial |X|}{\\partial X} = |X| X^{-T}, \\frac{\\partial a^T X^{-1} b}{\\partial X} = …$”:
    two results in one pair of dollars are two cards, each answered by its own formula alone."""
    cards, _ = extract("# 聚类\n\n## 式(9.35)的推导\n\n由矩阵微分公式$\\frac{\\partial |\\mathbf{X}|}{\\partial \\mathbf{X}}"
                       "=|\\mathbf{X}|\\cdot(\\mathbf{X}^{-1})^{T},\\frac{\\partial \\boldsymbol{a}^{T} \\mathbf{X}^{-1} "
                       "\\mathbf{B}}{\\partial \\mathbf{X}}=-\\mathbf{X}^{-T} \\boldsymbol{a b}^{T} \\mathbf{X}^{-T}$\n")
    assert [c.front for c in cards] == [
        "聚类 › 式(9.35)的推导：由矩阵微分公式$\\frac{\\partial |\\mathbf{X}|}{\\partial \\mathbf{X}} = ?$",
        "聚类 › 式(9.35)的推导：由矩阵微分公式$\\frac{\\partial \\boldsymbol{a}^{T} \\mathbf{X}^{-1} \\mathbf{B}}"
        "{\\partial \\mathbf{X}} = ?$"], [c.front for c in cards]
    assert [c.back for c in cards] == [
        "由矩阵微分公式$\\frac{\\partial |\\mathbf{X}|}{\\partial \\mathbf{X}}=|\\mathbf{X}|\\cdot(\\mathbf{X}^{-1})^{T}$",
        "由矩阵微分公式$\\frac{\\partial \\boldsymbol{a}^{T} \\mathbf{X}^{-1} \\mathbf{B}}{\\partial \\mathbf{X}}"
        "=-\\mathbf{X}^{-T} \\boldsymbol{a b}^{T} \\mathbf{X}^{-T}$"], [c.back for c in cards]
    # “\quad” between them too; a thin space “\,” inside one is no cut
    cards, _ = extract("# Adam\n\n## 偏差修正\n\n- $\\hat{m}_t = \\frac{m_t}{1-\\beta_1^t}, \\quad \\hat{v}_t = \\frac{v_t}{1-\\beta_2^t}$\n"
                       "- $\\mathbb V[x] = \\mathbb E[x^2] - 2\\mu\\,\\mathbb E[x] + \\mu^2$\n")
    assert [c.back for c in cards] == ["$\\hat{m}_t = \\frac{m_t}{1-\\beta_1^t}$", "$\\hat{v}_t = \\frac{v_t}{1-\\beta_2^t}$",
                                       "$\\mathbb V[x] = \\mathbb E[x^2] - 2\\mu\\,\\mathbb E[x] + \\mu^2$"], [c.back for c in cards]
    # a formula and its condition, names given together, a range or shapes stay one formula
    for notes in ("# 范数\n\n## 定义\n\n- $\\|x\\|_p = (\\sum_i |x_i|^p)^{1/p}, p \\ge 1$\n",
                  "# 极值\n\n## 判别\n\n- 判别式：记 $A = f_{xx}, B = f_{xy}, C = f_{yy}$\n",
                  "# Conv\n\n## 1D\n\n- cross-correlation: $y[i] = \\sum_k w[k]\\, x[i+k], \\qquad i = 0..L-K$\n",
                  "# MLP\n\n## Backprop\n\n- layer 2: $dW_2 = A_1^\\top dZ_2, \\quad (H, N)(N, C) = (H, C)$\n",
                  "# Entropy\n\n## Properties\n\n- Gibbs: $H(X) \\le -E_{x \\sim P}[\\log q(x)], \\textrm{ with equality if and only if } P = Q.$\n"):
        cards, _ = extract(notes)
        assert len(cards) == 1, [c.front for c in cards]
    # … and so do a condition, a quantifier and a boxed list
    for notes in ("# 记号\n\n## Kronecker\n\n- Kronecker delta: $\\delta_{ij} = 1, \\text{if } i = j$\n",
                  "# 映射\n\n## 恒等映射\n\n- 恒等映射：$f(x) = x + 0, \\forall x \\in X$\n",
                  "# Adam\n\n## 偏差修正\n\n- 修正：$\\boxed{\\hat m_t = \\frac{m_t}{1-\\beta_1^t}, \\quad \\hat v_t = \\frac{v_t}{1-\\beta_2^t}}$\n"):
        cards, _ = extract(notes)
        assert len(cards) == 1, [c.front for c in cards]


def test_a_formula_split_from_a_list_leaves_the_identity_of_later_cards_alone() -> None:
    """A later card with the same left side keeps the identity (and so the review history) it had."""
    later = "\n方差定义为 $\\sigma^2 = E[X^2] - \\mu^2$。\n"
    listed = "# 矩\n\n## 定义\n\n一阶矩定义为 $\\mu = E[X] + 0, \\sigma^2 = E[(X-\\mu)^2]$。\n" + later
    alone = "# 矩\n\n## 定义\n\n一阶矩定义为 $\\mu = E[X] + 0$。\n" + later
    before = [c.uid for c in extract(alone)[0] if "E[X^2]" in c.back]
    after = [c.uid for c in extract(listed)[0] if "E[X^2]" in c.back]
    assert len(before) == 1 and after == before


def test_a_worked_sum_that_comes_to_a_fraction_is_a_worked_value_and_a_fact_that_does_is_not() -> None:
    cards, notices = extract("# 期望\n\n## 掷骰子\n\n- 均匀骰子：$E[X^2] = \\frac{1+4+9+16+25+36}{6} = \\frac{91}{6}$\n"
                             "- 均匀硬币：$P(X = 1) = \\frac{1}{2}$\n"
                             "- 均匀分布：$\\mathrm{Var}(U) = E[U^2] - (E[U])^2 = \\frac{1}{12}$\n")
    assert [n.rule for n in notices if n.rule.startswith("left-out:")] == ["left-out:worked-value"]
    assert len(cards) == 2, [c.front for c in cards]


def test_a_theoretical_analysis_in_english_is_argued_step_by_step() -> None:
    cards, notices = extract("# Momentum\n\n## Theoretical Analysis\n\n### Quadratic Convex Functions\n\n"
                             "Expressed in terms of $\\mathbf{z}$ gradient descent becomes\n\n"
                             "$$\\mathbf{z}_t = \\mathbf{z}_{t-1} - \\boldsymbol{\\Lambda} \\mathbf{z}_{t-1}$$\n")
    assert not cards and [n.rule for n in notices] == ["left-out:derivation-step"], [str(n) for n in notices]


def test_a_list_item_that_ends_on_its_list_s_comma_is_whole() -> None:
    """“* $\\mu_X = p$,” over “* $\\sigma_X^2 = p(1-p)$.”: the comma ends an item of the list, not the sentence."""
    cards, notices = extract("# Distributions\n\n## Bernoulli\n\nIf $X \\sim \\textrm{Bernoulli}(p)$, then:\n\n"
                             "* $\\mu_X = p$,\n* $\\sigma_X^2 = p(1-p)$.\n")
    assert [c.back.rstrip(",.") for c in cards] == ["$\\mu_X = p$", "$\\sigma_X^2 = p(1-p)$"], [str(n) for n in notices]


def test_a_heading_that_passes_only_keywords_states_no_default() -> None:
    """“## nn.Dropout(p=0.1)” reads as a call as well as a signature: no default is claimed,
    and the section is still about nn.Dropout."""
    cards, _ = extract_cards(parse_notes("# 层\n\n## nn.Dropout(p=0.1)\n\n- **作用**：训练时随机置零\n", "g.md"),
                             callable_named=lambda name: name.startswith("nn."))
    assert not any(c.param for c in cards)
    assert any(c.concept == "nn.Dropout" for c in cards)


def test_a_to_do_section_and_a_connective_give_no_card() -> None:
    cards, _ = extract("# 时序\n\n## TODO\n\n- **Informer**：apparently hit or miss\n\n## 回归\n\n"
                       "- **Similarly**: logistic regression is MLE under a Bernoulli\n- **Ridge**: L2-penalised least squares\n")
    assert [c.front for c in cards] == ["回归: what is **Ridge**?"]


def test_questions_still_open_give_no_card() -> None:
    cards, _ = extract("# Attention\n\n## still unsure\n\n- **dropout on the attention weights**: where exactly does it go\n"
                       "\n## 疑问\n\n- **pre-LN**：为什么更稳定\n\n## Other / later\n\n- **inverse RL**: learn the reward\n"
                       "\n## feedback received\n\n- **1d**: state your layout up front\n"
                       "\n## Basics\n\n- **softmax**: normalises scores into weights\n")
    assert [c.front for c in cards] == ["Attention › Basics: what is **softmax**?"]


def test_a_formula_for_the_case_the_text_set_up_before_is_a_step() -> None:
    """“In this case …”, “在这种情况下…”, “the sum of these is …”: the question needs the case the
    lines before set up, which its front does not say."""
    cards, notices = extract(
        "# Distributions\n\n## Binomial\n\nTake two coins that each land heads with probability $p$.\n"
        "In this case we can write $$Y \\sim \\mathrm{Binomial}(2, p).$$\n\n"
        "## Sums\n\nDraw $n$ fair dice. The distribution of the sum of these is $S \\sim \\mathrm{Dice}(n)$.\n\n"
        "## 交叉熵\n\n设两个分布相同。在这种情况下，交叉熵是 $H(P, P) = H(P)$。\n")
    assert not cards, [c.front for c in cards]
    assert [n.rule for n in notices if n.rule.startswith("left-out:")] == ["left-out:derivation-step"] * 3
    # a formula named as the definition that case uses is still asked
    cards, _ = extract("# Batch norm\n\n## Training\n\nWe normalize over a minibatch $\\mathcal{B}$. In this case the "
                       "batch normalization is defined as follows: $$\\mathrm{BN}(x) = \\gamma \\odot "
                       "\\frac{x - \\hat{\\mu}}{\\hat{\\sigma}} + \\beta.$$\n")
    assert [c.front.split("$$")[1] for c in cards] == ["\\mathrm{BN}(x) = ?"]


def test_a_chain_whose_end_the_front_already_writes_is_left_out() -> None:
    """“… is an unbiased estimate of the full gradient $\\nabla f(x)$ because $$E \\nabla f_i(x) = ?$$”
    for $E \\nabla f_i(x) = \\frac{1}{n} \\sum_i \\nabla f_i(x) = \\nabla f(x)$: the front says where it ends."""
    cards, notices = extract(
        "# SGD\n\n## Unbiased\n\nThe stochastic gradient $\\nabla f_i(x)$ is an unbiased estimate of the full gradient "
        "$\\nabla f(x)$ because $$\\mathbb{E}_i \\nabla f_i(x) = \\frac{1}{n} \\sum_i \\nabla f_i(x) = \\nabla f(x).$$\n\n"
        "## Variance\n\nThe variance of the mean of $n$ draws is "
        "$$\\mathrm{Var}(\\bar X) = \\frac{1}{n^2} \\sum_i \\mathrm{Var}(X_i) = \\frac{\\sigma^2}{n}.$$\n")
    assert [c.front.split("$$")[1] for c in cards] == ["\\mathrm{Var}(\\bar X) = ?"]
    assert [n.rule for n in notices if n.rule.startswith("left-out:")] == ["left-out:answer-in-front"]
    # a bound, or a clause in the math, is no chain: its last symbol is no answer
    cards, _ = extract("# Entropy\n\n## Gibbs\n\nIf $X \\sim P$ and we estimate $P$ by $Q$, then "
                       "$$H(X) = -E[\\log p(X)] \\leq -E[\\log q(X)], \\textrm{ with equality if and only if } P = Q.$$\n")
    assert [c.front.split("$$")[1] for c in cards] == ["H(X) = ?"]


def test_an_answer_keeps_its_nested_items_and_its_numbers() -> None:
    """The items under an answer's items are part of the answer (“原因：” and the reasons under it)."""
    notes = ("# 归一化\n\n## 面试题\n\n**Q5. 为什么 Transformer 用 LN？**\n\n"
             "- 训练和推理计算完全一样\n- 原因：\n  - 序列长度不固定\n  - batch size 常常不大\n\n"
             "**Q6. GroupNorm 的两个特例？**\n\n1. 特例：\n   - G = 1 → LayerNorm\n   - G = C → InstanceNorm\n")
    cards, _ = extract(notes)
    why = next(c for c in cards if "Transformer 用 LN" in c.front)
    assert why.back == "- 训练和推理计算完全一样\n- 原因：\n    - 序列长度不固定\n    - batch size 常常不大"
    cases = next(c for c in cards if "特例" in c.front)
    assert cases.back == "1. 特例：\n    - G = 1 → LayerNorm\n    - G = C → InstanceNorm"
    # a list that goes on from an earlier one keeps its numbers (“3.”, “4.”), nested ones too
    cards, _ = extract("# 归一化\n\n## 面试题\n\n**Q7. BN 的后两个缺点？**\n\n3. 依赖 batch size\n"
                       "4. 训练和推理不一致：\n\n   2. 推理用滑动平均\n   3. 训练用当前 batch\n")
    rest = next(c for c in cards if "后两个缺点" in c.front)
    assert rest.back == "3. 依赖 batch size\n4. 训练和推理不一致：\n    2. 推理用滑动平均\n    3. 训练用当前 batch"


def test_a_table_whose_header_row_is_empty_is_read_from_its_first_row() -> None:
    """“| | |” over the rows: every row is a term and what it is; none is taken for the header."""
    notes = ("# Adam\n\n## Summary table\n\n| | |\n|---|---|\n| Bias correction | divides m by 1 - β1^t |\n"
             "| AMSGrad | keeps the maximum of past v |\n")
    cards, _ = extract(notes)
    backs = {c.back: c.front for c in cards}
    assert "Bias correction" in backs["divides m by 1 - β1^t"]
    assert "AMSGrad" in backs["keeps the maximum of past v"]
    assert not any("divides m" in c.front for c in cards)


def test_a_headerless_table_with_labels_among_its_rows_is_a_sheet_of_fields_not_a_glossary() -> None:
    """“| Idea | … |”, “| Memory | … |”: the fields of one paper's summary; none is a concept to ask of."""
    notes = ("# Reading note — Adam\n\n## Summary table\n\n| | |\n|---|---|\n"
             "| Idea | adaptive per-parameter step sizes from moment estimates |\n"
             "| Defaults | $\\alpha=0.001$, $\\beta_1=0.9$ |\n"
             "| Memory | 2 extra tensors per parameter (m and v) |\n"
             "| Invariance | invariant to diagonal rescaling of gradients |\n")
    cards, notices = extract(notes)
    assert not any("tensors per parameter" in c.back or "rescaling" in c.back for c in cards)
    assert sum(n.rule == "left-out:label-term" for n in notices) == 4
    # a long question is quoted by its start and its end: the field it names is in the message
    assert any("**Idea**" in n.message and "“Reading note" in n.message for n in notices)


@pytest.mark.parametrize("lead", ["为什么需要：", "原因："])
def test_a_numbered_list_of_reasons_is_a_question_of_the_section_not_steps(lead: str) -> None:
    notes = (f"# 学习率\n\n## Warmup\n\n前若干步线性升高学习率。\n\n{lead}\n"
             "1. 训练初期梯度大且不稳定\n2. Adam 初期二阶矩估计方差大\n3. Post-LN 的 Transformer 几乎必须 warmup\n")
    cards, _ = extract(notes)
    assert not any(c.kind in (CardKind.STEPS, CardKind.CLOZE) for c in cards)
    why = next(c for c in cards if "梯度大且不稳定" in c.back)
    assert why.kind is CardKind.MANUAL and why.front == f"Warmup：{lead.rstrip('：')}？"
    assert why.back.startswith("1. 训练初期梯度大且不稳定\n2. ")


def test_a_bold_line_after_an_answer_begins_the_next_part() -> None:
    notes = ("# 归一化\n\n## 面试题\n\n**Q8. InstanceNorm 用在哪？**\n\n- 风格迁移\n\n"
             "**Q9. 一张表总结**\n\n| 方法 | 归一化的维度 |\n|---|---|\n| BN | N, H, W |\n")
    cards, _ = extract(notes)
    answer = next(c for c in cards if "InstanceNorm" in c.front)
    assert answer.back == "- 风格迁移"


def test_a_bold_question_with_its_givens_in_brackets_after_the_mark_is_asked() -> None:
    notes = ("# 注意力\n\n## 面试题\n\n**Q：为什么除以 √d_k？**\n\nA：让方差变回 1。\n\n"
             "**Q：多头注意力的参数量？（d_model=512, h=8，带 bias）**\n\nA：4·512·512 + 4·512 = 1050624，和头数无关。\n")
    cards, _ = extract(notes)
    first = next(c for c in cards if "√d_k" in c.front)
    assert first.back == "让方差变回 1。"
    count = next(c for c in cards if "参数量" in c.front)
    assert "d_model=512" in count.front and count.back == "4·512·512 + 4·512 = 1050624，和头数无关。"


def test_a_name_with_an_attribute_and_its_value_asks_for_the_value() -> None:
    """“GD 步长上限 $2/L$” in a summary: the step limit of GD, not what GD is."""
    notes = ("# 梯度下降\n\n## 小结\n\n- GD 步长上限 $2/L$\n- BN 动量默认 0.1\n"
             "- Dropout 随机丢弃神经元\n- 现在最常用：warmup + cosine\n")
    cards, _ = extract(notes)
    fronts = {c.back: c.front for c in cards}
    assert fronts["$2/L$"] == "梯度下降 › 小结：**GD** 的步长上限？"
    assert fronts["0.1"] == "梯度下降 › 小结：**BN** 的动量默认？"  # a number as the value asked for
    for said in ("GELU 近似于 $x\\Phi(x)$", "Softmax 输出变成 $p_i$", "Transformer 常用 0.1"):
        verb, _ = extract(f"# 笔记\n\n## 小结\n\n- {said}\n")
        assert not any(" 的" in c.front for c in verb), said  # a verb or a usual choice: no attribute
    assert "**Dropout**" in fronts["随机丢弃神经元"]
    assert "warmup + cosine" not in fronts  # “现在最常用” is a clause, no name
    gap, _ = extract("# ELBO\n\n- gap 正好是 $D_{KL}(q\\|p)$\n")
    assert [c.back for c in gap] == ["正好是 $D_{KL}(q\\|p)$"]  # a verb: no attribute to ask for


@pytest.mark.parametrize("line, lhs", [
    ("每过固定 epoch 乘以 $\\gamma$：$\\eta_t=\\eta_0\\cdot\\gamma^{\\lfloor t/s\\rfloor}$。", "\\eta_t"),
    ("Nesterov evaluates the gradient at the look-ahead point: $v_{t+1} = \\mu v_t - \\eta \\nabla L(\\theta_t + \\mu v_t)$.",
     "v_{t+1}"),
])
def test_a_symbol_after_a_colon_that_says_what_the_formula_does_is_asked(line: str, lhs: str) -> None:
    cards, _ = extract(f"# 优化\n\n## 学习率调度\n\n{line}\n")
    assert [c.front.endswith(f"${lhs} = ?$。") or c.front.endswith(f"${lhs} = ?$.") for c in cards] == [True]
    for bare_line in ("我们可以直接算 $A = BC$。", "于是：$A = BC$。", "So: $A = BC$."):
        bare, _ = extract(f"# 优化\n\n## 学习率调度\n\n{bare_line}\n")
        assert not bare, bare_line  # no words say what A is, or what it does


def test_a_definition_that_runs_on_into_a_display_formula_keeps_it() -> None:
    notes = ("# CNN\n\n## ResNet\n\n- Residual block: learn $F(x)$ and output\n\n    $$y = F(x) + x$$\n\n"
             "    if dims differ: $y = F(x) + W_s x$\n")
    cards, _ = extract(notes)
    block = next(c for c in cards if "Residual block" in c.front)
    assert block.back == "learn $F(x)$ and output\n\n$$y = F(x) + x$$\nif dims differ: $y = F(x) + W_s x$"


@pytest.mark.parametrize("term", ["坑1", "Note 2", "直观", "另一个角度", "约定", "小技巧", "踩坑", "填空", "弹幕吐槽",
                                  "Debug tip", "general rule"])
def test_a_label_is_a_label_numbered_or_not(term: str) -> None:
    cards, notices = extract(f"# Loss\n\n## nn.KLDivLoss\n\n- **{term}**：参数顺序和数学上的 KL 是反的\n")
    assert not cards and [n.rule for n in notices] == ["left-out:label-term"]


def test_a_pipeline_of_stages_is_not_a_formula() -> None:
    cards, _ = extract("# CNN\n\n## LeNet-5\n\n- conv(5×5) → avgpool → conv(5×5) → avgpool → FC 120 → 10\n"
                       "- GELU(x)=0.5∗x∗(1+Tanh(2/π∗(x+0.044715∗x3)))\n")
    assert [c.kind for c in cards] == [CardKind.FORMULA] and "GELU" in cards[0].back


def test_what_only_looks_put_off_conventional_or_a_heading_stays_an_answer() -> None:
    kept, _ = extract("# 学习率\n\n## Warmup\n\n- **Warmup 的作用**：先小后大，后面学习率再衰减\n"
                      "- **早停**：每个 epoch 之后看验证集损失\n")
    assert [c.back for c in kept] == ["先小后大，后面学习率再衰减", "每个 epoch 之后看验证集损失"]
    default, _ = extract("# 优化器\n\n## SGD\n\nBy default, the learning rate is $\\eta_{\\text{init}} = 0.001$.\n")
    assert [c.back for c in default] == ["By default, the learning rate is $\\eta_{\\text{init}} = 0.001$."]
    answer, _ = extract("# 归一化\n\n## 面试题\n\n**Q5. 为什么 Transformer 用 LN？**\n\n- 序列长度不固定\n\n"
                        "**所以 Transformer 里用 LN，因为 batch 统计量不可靠**\n")
    assert answer[0].back.endswith("**所以 Transformer 里用 LN，因为 batch 统计量不可靠**")


def test_one_label_in_a_headerless_glossary_leaves_the_other_terms_alone() -> None:
    cards, notices = extract("# 术语\n\n## 表\n\n| | |\n|---|---|\n| 流形假说 | 高维数据集中在低维流形附近 |\n"
                             "| 过拟合 | 训练误差小而测试误差大 |\n| Note | 都是常考点 |\n| 早停 | 验证误差不再下降就停 |\n")
    assert len(cards) == 3 and any("流形假说" in c.front for c in cards)
    assert [n.rule for n in notices] == ["left-out:label-term"]


def test_a_table_and_a_list_under_an_answer_s_items_render_inside_them() -> None:
    from studydeck.render import to_html

    notes = ("# N\n\n## 面试题\n\n**Q1. BN 和 LN 的区别？**\n\n1. 归一化的维度不同\n\n   | 方法 | 维度 |\n"
             "   |---|---|\n   | BN | N,H,W |\n\n2. 梯度消失怎么办\n\n   - 残差\n   - BN\n\n   | a | b |\n"
             "   |---|---|\n   | 1 | 2 |\n")
    cards, _ = extract(notes)
    html = " ".join(to_html(cards[0].back).split())
    assert "<li> <p>归一化的维度不同</p> <table>" in html and "<td>N,H,W</td>" in html
    assert "<li>BN</li> </ul> <table>" in html  # the second table is the item's, not the nested list's
    assert "|" not in html


def test_opening_lines_mostly_of_knowledge_are_the_subject_beginning_not_the_notes_preamble() -> None:
    notes = ("# PyTorch Loss 速查表\n\n> 自己整理的，torch 2.1。\n\n**约定**: $x$ = input, $y$ = target\n"
             "**logits**: 未经过 softmax 的原始输出\n**reduction**: `'none'` | `'mean'` | `'sum'`\n\n### nn.L1Loss\n\n"
             "- 公式：$\\ell = |x - y|$\n")
    cards, notices = extract(notes)
    assert any(c.back == "未经过 softmax 的原始输出" for c in cards)
    assert not any("input" in c.back for c in cards)  # “约定” is a label all the same
    opening, _ = extract("# 笔记\n\n**来源**: B站 李沐\n**日期**: 2024-03-01\n**logits**: 原始输出\n\n## 正文\n\n- a\n")
    assert not any("原始输出" in c.back for c in opening)  # mostly about the notes: all of it is


def test_a_description_that_is_only_a_usual_value_asks_for_the_value() -> None:
    cards, _ = extract("# Loss\n\n## nn.CosineEmbeddingLoss\n\n- **margin**：建议取 0 ~ 0.5\n"
                       "- **momentum**: usually 0.9\n- **reduction**：建议取 `'mean'`，除非要逐样本的 loss\n")
    fronts = [c.front for c in cards]
    assert fronts[:2] == ["nn.CosineEmbeddingLoss：**margin** 通常取多少？",
                          "nn.CosineEmbeddingLoss：**momentum** 通常取多少？"]
    assert "通常取多少" not in fronts[2]  # more than a value: what it is, as before


def test_a_toggle_s_mark_is_no_text_and_a_question_over_its_answer_is_asked_among_other_items() -> None:
    """Notion's toggle lists: “▶ Why only 3×3?” over its answer, beside items that are no questions."""
    from studydeck.render import to_html

    notes = ("# CNN\n\n## VGG\n\n- ▶ Output size formula\n\n    $$W_{out} = \\frac{W_{in} - K + 2P}{S} + 1$$\n\n"
             "- ▶ Why only 3×3?\n\n    Three 3×3 convs see what one 7×7 sees, but:\n\n"
             "    1. more non-linearities\n    2. fewer params\n\n- configs: VGG-16, VGG-19\n"
             "- Why keep γ and β?\n  - > \"normalizing may change what the layer can represent\"\n"
             "  - γ = σ and β = μ give the identity back\n")
    cards, _ = extract(notes)
    assert not any("▶" in c.front or "▶" in c.back for c in cards)
    why = next(c for c in cards if c.front == "Why only 3×3?")
    assert why.back.endswith("1. more non-linearities\n2. fewer params")
    quoted = next(c for c in cards if c.front == "Why keep γ and β?")
    html = " ".join(to_html(quoted.back).split())
    assert "<li> <blockquote> <p>&quot;normalizing may change" in html and "- &gt;" not in html


@pytest.mark.parametrize("line", [
    "`torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.50 GiB`",
    "- Needs the `if __name__ == \"__main__\":` guard because Windows uses spawn",
    "- LSTM 和 GRU 的参数量比？→ 4:3",
])
def test_a_colon_inside_code_or_a_ratio_splits_no_term_from_its_text(line: str) -> None:
    cards, _ = extract(f"# 日志\n\n## 2025-03-15 — CUDA OOM\n\n{line}\n")
    assert not any(c.kind is CardKind.DEFINITION and c.front.count("`") % 2 for c in cards)
    assert not any(" 4**" in c.front or "what is `" in c.front for c in cards)


def test_a_mark_inside_a_short_aside_in_brackets_ends_no_sentence() -> None:
    cards, notices = extract("# RNN\n\n## P1 RNN 基础\n\nRNN 的核心公式（记住！）：\n\n$$h_t = \\tanh(W x_t + U h_{t-1} + b)$$\n\n"
                             "## 数字特征\n\n- $D(aX+b) = a^2 DX$ （b 没了！）\n")
    fronts = [c.front for c in cards]
    assert "P1 RNN 基础：RNN 的核心公式（记住！）：\n\n$$h_t = ?$$" in fronts
    assert any(f.startswith("数字特征：$D(aX+b) = ?$") for f in fronts)
    assert not notices


def test_a_table_of_things_by_properties_asks_each_property_of_each_thing() -> None:
    notes = ("# 概率\n\n## 常见分布\n\n| 名称 | 期望 | 方差 | 备注 | 考过 |\n|---|---|---|---|---|\n"
             "| 泊松 $P(\\lambda)$ | $\\lambda$ | $\\lambda$ | 期望等于方差 | ✓ |\n"
             "| 几何 $G(p)$ | $\\frac{1}{p}$ | 同上 | | ✗ |\n| 指数 | $1/\\lambda$ | $1/\\lambda^2$ | 无记忆 | ✓ |\n\n"
             "## Results\n\n| Model | CV AUC | Params |\n|---|---|---|\n| LogReg | 0.9041 | 1k |\n| MLP | 0.9120 | 80k |\n")
    cards, _ = extract(notes)
    asked = {(c.front, c.back) for c in cards}
    assert ("常见分布：**指数** 的方差？", "$1/\\lambda^2$") in asked  # a card per property of a thing
    assert ("常见分布：几何 $G(p)$ 的期望？", "$\\frac{1}{p}$") in asked
    # no remark, no tick, no “同上”, and not λ asked of “泊松 $P(\lambda)$”, which shows it
    assert len([c for c in cards if "常见分布" in c.front]) == 3
    assert not any("AUC" in c.front for c in cards)  # one run's results are no property


def test_a_table_s_columns_of_settings_results_and_the_notes_own_business_ask_nothing() -> None:
    notes = ("# 笔记\n\n## 分布\n\n| 名称 | 参数 | 期望 |\n|---|---|---|\n| 二项 $B(n,p)$ | $n,p$ | $np$ |\n"
             "| 泊松 $P(\\lambda)$ | $\\lambda$ | $\\lambda$ |\n\n## 阅读清单\n\n| 论文 | 状态 | 标签 |\n|---|---|---|\n"
             "| AdamW | 进行中 | 优化器 |\n| LARS | 读完 | 大batch |\n\n## Search\n\n| lr | reg | val acc |\n|---|---|---|\n"
             "| 1e-7 | 5e4 | 0.38 |\n| 5e-7 | 2.5e4 | 0.41 |\n\n## Losses\n\n| Loss | sklearn name | Notes |\n|---|---|---|\n"
             "| Squared error | `\"squared_error\"` | default |\n| Huber | `\"huber\"` | robust |\n\n"
             "## Kaggle\n\n| Model | Public LB | Params |\n|---|---|---|\n| LightGBM | 0.9631 | 1k |\n| MLP | 0.9597 | 80k |\n\n"
             "## LoRA\n\n| 矩阵 | MultiNLI | WikiSQL |\n|---|---|---|\n| $W_q$ | 91.0 | 70.4 |\n| $W_v$ | 91.0 | 73.0 |\n")
    cards, _ = extract(notes)
    assert [c.front for c in cards] == ["分布: 二项 $B(n,p)$: 期望?"]  # (a file mostly in English)


def test_two_properties_of_one_thing_with_one_value_are_two_cards() -> None:
    cards, _ = extract("# Distributions\n\n## Summary\n\n| Distribution | Mean | Variance |\n|---|---|---|\n"
                       "| Poisson | $\\lambda$ | $\\lambda$ |\n| Exponential | $1/\\lambda$ | $1/\\lambda^2$ |\n")
    assert [c.front for c in cards if "Poisson" in c.front] == ["Distributions › Summary: **Poisson**: Mean?",
                                                             "Distributions › Summary: **Poisson**: Variance?"]


def test_a_study_group_s_people_roles_and_worked_example_give_no_card() -> None:
    notes = ("# Week 6: Trees\n\n**Present:** Priya, Tom, Jun, me (Sam)\n**Scribe:** Sam\n"
             "**Reading:** ISLR ch. 8\n\n## Decision trees\n\n- **Gini**: $G = 1 - \\sum_k p_k^2$\n\n"
             "Priya: Gini and entropy pick the same split most of the time.\n\n"
             "### Worked Gini example (Jun)\n\n- **left**: 5 samples, 2 yes / 3 no → 0.48\n\n"
             "## Boosting\n\nJun: gradient descent in function space.\n")
    cards, _ = extract(notes)
    assert [c.front for c in cards] == ["Decision trees: **Gini**: $G = ?$"]


def test_why_the_learner_got_it_wrong_is_no_card() -> None:
    cards, notices = extract("# 错题本\n\n## 第2题 二次型求导\n\n- **错因**：默认 $A$ 对称了，审题！\n")
    assert not cards and [n.rule for n in notices] == ["left-out:label-term"]


def test_a_count_after_an_equals_sign_is_no_tag_and_a_counterexample_is_no_term() -> None:
    cards, notices = extract("# Boosting\n\n## XGBoost\n\n- regularized objective: $\\Omega(f) = \\gamma T + \\lambda\\|w\\|^2$ "
                             "($T$ = #leaves, $w$ = leaf weights) #todo\n\n## 正定\n\n- **反例**：对角元为正但不正定\n")
    assert [c.front for c in cards] == ["XGBoost：regularized objective: $\\Omega(f) = ?$ ($T$ = #leaves, $w$ = leaf weights)"]
    assert [n.rule for n in notices] == ["left-out:label-term"]


def test_a_question_that_names_nothing_is_quoted_in_its_message() -> None:
    _, notices = extract("# 笔记\n\n## 向量化\n\n我们可以直接算 $A = BC$。\n")
    [notice] = [n for n in notices if n.rule == "left-out:no-subject"]
    assert notice.message.startswith("“向量化：我们可以直接算 $A = ?$。” 没有说问的是什么")


def test_a_table_of_the_learner_s_own_measurements_and_the_notes_own_remarks_give_no_card() -> None:
    notes = ("# AMP\n\n## 实测\n\n| 配置 | 显存 | it/s |\n|---|---|---|\n| fp32, bs=64 | 21.3G | 2.1 |\n"
             "| amp fp16, bs=64 | 12.8G | 4.6 (per micro step) |\n\n## Wide & Deep\n\n"
             "- **论文**：[Wide & Deep Learning](https://arxiv.org/abs/1606.07792)\n- **业务备注**：我们这边 wide 侧放的是交叉特征\n"
             "- **待看**：DIEN、SIM、MMoE\n\n## 一些零碎\n\n- eval 时记得 `model.eval()`\n"
             "- FM 部分和 Deep 部分共享同一个 embedding\n- embedding 维度一般 8~64\n")
    cards, _ = extract(notes)
    assert not cards


def test_what_a_labelled_theorem_concludes_is_asked_and_its_premises_are_not() -> None:
    notes = ("# 线性代数\n\n## 特征值\n\n**定理 5.1**（迹与行列式）设 $A$ 的特征值为 $\\lambda_1,\\dots,\\lambda_n$，则\n"
             "$$\\sum_{i=1}^n \\lambda_i = \\operatorname{tr}(A)$$\n\n"
             "**定理3（辛钦大数定律）** 设 $X_1,X_2,\\cdots$ 独立同分布，$E(X_i)=\\mu$ 存在，则\n"
             "$$\\frac{1}{n}\\sum_{i=1}^nX_i\\xrightarrow{P}\\mu$$\n")
    cards, _ = extract(notes)
    assert [c.back.split("则")[-1].strip() for c in cards] == ["$$\\sum_{i=1}^n \\lambda_i = \\operatorname{tr}(A)$$"]


def test_a_theorem_stated_in_words_under_a_label_that_names_it_is_asked_by_its_name() -> None:
    notes = ("# Convex\n\n## Convex sets\n\n**Thm 1.5 (separating hyperplane).** If $C, D$ are nonempty disjoint convex "
             "sets, there exist $a \\ne 0$, $b$ s.t. $a^T x \\le b$ for all $x \\in C$ and $a^T x \\ge b$ for all $x \\in D$.\n\n"
             "**Thm 2.4 (second-order condition).** twice diff. f is convex iff $\\nabla^2 f(x) \\succeq 0$.\n\n"
             "**Thm 1.4.** Intersection of convex sets is convex.\n")
    cards, _ = extract(notes)
    assert [c.front for c in cards] == ["Convex sets: what is **separating hyperplane theorem**?",
                                        "Convex sets: what is **second-order condition**?"]
    assert cards[0].back.startswith("If $C, D$ are nonempty disjoint convex sets")


@pytest.mark.parametrize("answer", ["见书", "（见课本 p.120）", "see the slides"])
def test_an_answer_that_only_sends_the_learner_elsewhere_is_no_answer(answer: str) -> None:
    cards, notices = extract(f"# 概率\n\n## 常见分布\n\n- **Beta 分布的方差**：{answer}\n")
    assert not cards and [n.rule for n in notices] == ["left-out:empty-answer"]


def test_a_lead_that_only_counts_steps_leaves_them_to_the_section_and_a_todo_list_asks_nothing() -> None:
    notes = ("# CNN\n\n## 深度可分离卷积\n\n分两步：\n1. depthwise：每个通道单独一个 k×k 核\n2. pointwise：1×1 卷积\n\n"
             "## 局限\n\nTODO：\n- fastText 细看\n- 施密特正交化公式老记错，$\\beta_2=\\alpha_2-\\frac{(\\alpha_2,\\beta_1)}{(\\beta_1,\\beta_1)}\\beta_1$ 抄十遍\n")
    cards, _ = extract(notes)
    steps = next(c for c in cards if c.kind is CardKind.STEPS)
    assert steps.front == "深度可分离卷积 的 2 个步骤依次是？"
    assert not any("fastText" in c.front for c in cards)
    assert any(c.kind is CardKind.FORMULA and "\\beta_2 = ?" in c.front for c in cards)


def test_a_log_of_one_s_own_runs_or_any_table_of_results_gives_no_card() -> None:
    """“| run | max_depth | val AUC |”: what run r03 was set to is nobody's knowledge; nor is a
    scored table asked cell by cell (“| index | top-20 | ms/q | RAM |”, “| row | Δacc | p (Welch) |”,
    “| Model | Year | Top-5 error |”). A table of things by their properties still is."""
    notes = ("# churn model\n\n## 2024-03-12\n\n| run | max_depth | eta | val AUC |\n|---|---|---|---|\n"
             "| r01 | 6 | 0.3 | 0.874 |\n| r02 | 6 | 0.1 | 0.881 |\n| r03 | 3 | 0.1 | 0.886 |\n\n"
             "## random search\n\n| config | depth | best_iter | val logloss |\n|---|---|---|---|\n"
             "| rs-117 | 5 | 1140 | 0.2808 |\n| rs-042 | 4 | 1610 | 0.2811 |\n| r06 (depth5, defaults) | 5 | 236 | 0.2860 |\n\n"
             "## ImageNet winners\n\n| Model | Year | Top-5 error |\n|---|---|---|\n| AlexNet | 2012 | 16.4% |\n"
             "| VGG16 | 2014 | 7.3% |\n| GoogLeNet | 2014 | 6.7% |\n\n"
             "## summary so far\n\n| index | top-20 | ms/q | RAM | verdict |\n|---|---|---|---|---|\n"
             "| FlatIP (gpu) | 79.3 | 0.21 | 3.1 GB | ground truth |\n| HNSW32 ef128 | 79.0 | 0.55 | 3.3 GB | best on cpu |\n\n"
             "## Holm\n\n| row | Δacc | p (Welch) | rank k |\n|---|---|---|---|\n| −mixup | −1.62 | 0.0003 | 1 |\n"
             "| +aux | +0.40 | 0.061 | 3 |\n\n"
             "## Sorting\n\n| Algorithm | Time complexity | Stable |\n|---|---|---|\n| Merge sort | $O(n \\log n)$ | 稳定 |\n"
             "| Quicksort | $O(n \\log n)$ average | 不稳定 |\n")
    cards, _ = extract(notes)
    assert sorted(c.back for c in cards) == ["$O(n \\log n)$", "$O(n \\log n)$ average", "不稳定", "稳定"]
    assert all("Sorting" in c.front for c in cards)


def test_annotation_tags_and_commenters_are_no_terms() -> None:
    """“**[me]** so: …”, “【老周】…”, “💬 Kevin：…”: whose words follow, not what they are about."""
    notes = ("# VAE\n\n## ELBO\n\n**[me]** ok this part I get.\n\n**[me]** so: $\\log p(x)$ doesn't depend on φ.\n\n"
             "**[me] check on my own run**: per-dim KL ≈ 0 for 14 of 20 dims.\n\n"
             "- **[CLS] token**: the first token, whose state BERT classifies from\n\n"
             "## BPE\n\n【老周】举例那个 `##happi` 是真的吗\n\n【小鹿】我刚试了，整个词在词表里。\n\n"
             "【老周】好的\n\n【小鹿】✅ 记下了：命令如下\n\n"
             "```bash\nspm_train --input=corpus.txt --vocab_size=32000\n```\n\n"
             "## RLHF\n\n时间：周四 ｜ 主讲：阿哲 ｜ 参与：阿哲、小鱼、Kevin\n\n"
             "💬 Kevin：SFT 是 token 级 teacher forcing，对整句质量没有直接信号。\n\n"
             "💬 Yuki：SFT 只训了 16 个 epoch。\n💬 老孟：对，论文 appendix 里有。\n\n"
             "💬 小鱼（记录人）：RM 训练只用排序。\n\n阿哲：对，论文 appendix 里有。\n\n"
             "- **Bradley–Terry 模型**：$P(y_w \\succ y_l) = \\sigma(r_w - r_l)$ 的偏好模型\n")
    cards, _ = extract(notes)
    fronts = " ".join(c.front for c in cards)
    for tag in ("[me]", "老周", "小鹿", "Kevin", "小鱼", "阿哲", "老孟"):
        assert tag not in fronts, tag
    assert any("[CLS] token" in c.front for c in cards)
    assert any("Bradley–Terry" in c.front for c in cards)


def test_a_formula_that_builds_on_the_one_right_above_is_a_step() -> None:
    _, notices = extract("# VAE\n\n## Gap\n\nFrom the identity right above, the bound is tight iff "
                         "$q_\\phi(z|x) = p_\\theta(z|x)$.\n")
    assert [n.rule for n in notices if n.rule.startswith("left-out:")] == ["left-out:derivation-step"]


def test_benchmarks_ablations_a_legend_and_opinions_of_one_s_own_give_no_card() -> None:
    """An experiment log's speed table (“fp32 (ms)”), an ablation (“+ R2”), a results column of
    two (“| | acc |”), the key to a review's marks, and what one thinks of a thing (“freeze BN
    stats 很重要”): none is knowledge to recall. A table of properties beside them still is."""
    notes = ("# 量化实验\n\n## exp03 测速\n\n| 设置 | fp32 (ms) | int8 (ms) | speedup |\n|---|---|---|---|\n"
             "| 1 thread | 6.8 | 3.1 | 2.2× |\n| 8 threads | 2.4 | 1.9 | 1.3× |\n| 1 thread, batch=64 | 118 | 41 | 2.9× |\n\n"
             "## exp04\n\n| | acc |\n|---|---|\n| fp32 | 93.4 |\n| PTQ per-tensor | **71.8** 😱 |\n\n"
             "## 修完的结果\n\n| 版本 | 改动 | mAP@0.5 |\n|---|---|---|\n| baseline | – | 0.521 |\n"
             "| + R2 | IoU clamp | 0.583 |\n| + R5 | 匹配 dim | 0.641 |\n\n"
             "## review\n\n- **标记**：🔴 must fix（影响正确性）/ 🟠 should fix / ⚪ nit\n\n"
             "## 小结\n\n- CNN 先试 static PTQ + per-channel，通常掉 < 0.5%\n- freeze BN stats 很重要。有一次忘了 freeze\n"
             "- ReLU6 有上界\n- GELU 是高斯误差线性单元\n\n"
             "## 格式\n\n| 格式 | 位数 | 指数位 |\n|---|---|---|\n| fp16 | 16 | 5 |\n| bf16 | 16 | 8 |\n")
    cards, _ = extract(notes)
    assert sorted((c.front.split("：", 1)[-1], c.back) for c in cards) == [
        ("**GELU** 是什么？", "是高斯误差线性单元"), ("**bf16** 的指数位？", "8"), ("**fp16** 的指数位？", "5")]
    # (the width, 16, the names already say)


def test_what_one_saw_one_more_of_the_same_and_a_colon_inside_a_word_name_nothing() -> None:
    notes = ("# exp log\n\n## 2024-03-12\n\n- **deep trees (r04) overfit fast**: train 0.995 vs val 0.869\n"
             "- **AUC basically unchanged**: AUC is about ranking\n- **r01 best_iter=41**: peaks very early\n"
             "- also `contract_end_flag`: set by billing when the contract ends\n\n"
             "## 量化\n\n- **另一个坑**：train mode 下调 fuse 会报错\n- **经验** → 单语英文 3 万–5 万\n"
             "- **更新 3/22**：改完重跑，快了 3.6x\n- **最后编辑**：小鱼 · 评论 23 条\n"
             "- batch 大了 int8 的优势更明显\n- Switch 训练用 CF=1.25，eval 用 2.0\n- CF 大 → 浪费计算；CF 小 → drop 多\n"
             "- `nvidia-smi` 里看到 cuda:0 上有 4 个进程就是没 `set_device`\n\n"
             "## 术语\n\n- **Gumbel-softmax**: a differentiable relaxation of sampling from a categorical\n"
             "\n| NumPy | PyTorch |\n|---|---|\n| `np.concatenate([a,b], axis=0)` | `torch.cat([a,b], dim=0)` |\n"
             "| `np.expand_dims(a, 0)` | `a.unsqueeze(0)` |\n\n"
             "## nn.L1Loss\n\n公式：$\\ell = \\frac1N\\sum_n |x_n - y_n|$\n")
    cards, _ = extract(notes)
    assert [c.back for c in cards] == ["a differentiable relaxation of sampling from a categorical",
                                       "`torch.cat([a,b], dim=0)`", "`a.unsqueeze(0)`", "公式：$\\ell = \\frac1N\\sum_n |x_n - y_n|$"]


def test_code_marked_wrong_or_before_its_fix_is_left_out_with_what_to_keep() -> None:
    notes = ("# NT-Xent\n\n## Loss\n\nfirst version (WRONG, keeping it here so I remember):\n\n"
             "```python\ndef nt_xent_v0(z1, z2, tau=0.5):\n    return (z1 * z2).sum()\n```\n\n"
             "fixed version:\n\n```python\ndef nt_xent(z1, z2, tau=0.5):\n    return -(z1 * z2).sum() / tau\n```\n\n"
             "## IoU\n\n原代码：\n\n```python\ndef box_iou(b1, b2):\n    return b1 + 1\n```\n")
    cards, notices = extract(notes)
    assert [c.front.split(": ", 1)[-1].split("：", 1)[-1] for c in cards] == ["write `nt_xent(z1, z2, tau)`"]
    wrong = [n for n in notices if n.rule == "left-out:wrong-code"]
    assert len(wrong) == 2 and "keep only the fixed version" in wrong[0].message


def test_a_formula_led_only_by_in_symbols_or_by_an_equation_it_maximizes_names_nothing() -> None:
    notes = ("# MCMC\n\n## 马尔可夫链基础\n\n平稳分布就是转移一步之后分布不变。写成式子\n\n"
             "$$\\pi(\\theta') = \\int T(\\theta'\\mid\\theta)\\,\\pi(\\theta)\\,d\\theta$$\n\n"
             "## PCA\n\nThe $k$-th principal direction is obtained by maximizing (7.3) subject to "
             "$\\mathbf{w}^{\\top}\\mathbf{w}_j = 0$ for $j < k$.\n")
    cards, notices = extract(notes)
    assert not cards
    assert sorted(n.rule for n in notices if n.rule.startswith("left-out:")) == \
        ["left-out:equation-ref", "left-out:no-subject"]


def test_html_written_for_layout_reads_as_what_a_browser_shows() -> None:
    """“<h2>…</h2>” on a line of its own is a heading; “<b>”, “<sup>”, “<kbd>”, an MDX page's
    “<TabItem …>” are no words of a card; code and math keep their “<”."""
    notes = ("<h1 align=\"center\">MoE 笔记</h1>\n\n<h2 id=\"1\">1. 门控 / router</h2>\n\n"
             "每个 token 只走 top-k 个 expert，<b>只用于选 top-k</b>：\n\n$$G(x) = \\text{Softmax}(\\text{KeepTopK}(H(x), k))$$\n\n"
             "- **all-to-all**：把 token 发到 <kbd>expert</kbd> 所在的卡，约 10<sup>-3</sup> 秒，`List<Tensor>` 里 $a<b$ 时\n\n"
             "<sup>注：Shazeer 原文说 k>1 是必要的</sup>\n\n"
             "<h2>2. Code</h2>\n\n<Tabs>\n<TabItem value=\"ucb\" label=\"UCB1\" default>\n\n"
             "```python\ndef ucb1(means, T):\n    return means.argmax() + T\n```\n")
    cards, _ = extract(notes)
    text = " ".join(c.front + " " + c.back for c in cards)
    assert not any(tag in text for tag in ("<b>", "</b>", "</h2>", "<TabItem", "<Tabs>"))
    assert "10<sup>-3</sup>" in text and "<kbd>expert</kbd>" in text  # (what Anki shows as it is)
    assert "**注**" not in text and "**<sup>注**" not in text
    decks = {c.deck[-1] for c in cards}
    assert decks == {"1. 门控 / router", "2. Code"}
    assert any("`List<Tensor>` 里 $a<b$ 时" in c.back for c in cards)
    assert any(c.front.startswith("Code：写出 `ucb1") for c in cards)  # (not led by the tabs)


def test_a_table_under_a_heading_of_one_s_own_runs_gives_no_card() -> None:
    notes = ("# GNN\n\n## 跑过的小实验（Cora）\n\n| 模型 | 层数 | 备注 |\n|---|---|---|\n| MLP | 2 | 下限 |\n"
             "| GCN | 2 | 论文 81.5 |\n| GAT | 2 | 要 dropout |\n\n## Bandits\n\nMy quick sim, 200 seeds:\n\n"
             "| Algorithm | Final regret |\n|---|---|\n| UCB1 | ~ 155 ± 25 |\n| Thompson | ~ 62 ± 20 |\n\n"
             "## Results\n\n| Algorithm | Regret |\n|---|---|\n| A | 1 ± 2 |\n| B | 3 ± 1 |\n\n"
             "## 架构\n\n| 模型 | 层数 | 年份 |\n|---|---|---|\n| LeNet | 5 | 1998 |\n| AlexNet | 8 | 2012 |\n")
    cards, _ = extract(notes)
    assert sorted(c.back for c in cards) == ["1998", "2012", "5", "8"]


def test_parts_of_the_page_a_term_of_a_formula_above_and_a_word_cut_from_its_measure_are_no_terms() -> None:
    notes = ("# Efficient attention\n\n## Longformer\n\n- **Implementation**: a custom CUDA kernel\n"
             "- **Theory bit**: a universal approximator\n- **Claim**: attention is low rank\n"
             "- **Ablation**: removing Cutout hurts\n- **Equivalently**: probability matching\n"
             "- **last thing**: CMN\n\n## 蒸馏\n\n- **第二项**：soft target\n- token 级 KD 要词表一样\n"
             "- teacher 本身过拟合时 T 要调大\n- **KD**：用 teacher 的软标签训练 student\n\n"
             "## UCB\n\nHoeffding gives $P(|\\hat\\mu - \\mu| > \\varepsilon) \\le e^{-2n\\varepsilon^2}$. "
             "Set the RHS $= \\delta$: $\\varepsilon = \\sqrt{\\ln(1/\\delta)/(2n)}$.\n")
    cards, _ = extract(notes)
    assert [c.back for c in cards if c.kind is CardKind.DEFINITION] == ["用 teacher 的软标签训练 student"]
    assert not any("\\varepsilon = ?" in c.front for c in cards)


def test_code_said_to_have_bugs_or_led_by_the_end_of_an_aside() -> None:
    notes = ("# 蒸馏\n\n## 代码\n\n第一版（师兄说有两个 bug，见批注 2、3，下面保留原样）：\n\n"
             "```python\ndef kd_loss_v1(s, t):\n    return (s - t).mean()\n```\n\n"
             "## Local attention\n\nSliding window mask (naive — this does NOT save memory, just to see the pattern):\n\n"
             "```python\ndef local_mask(n, w):\n    return [[abs(i - j) <= w for j in range(n)] for i in range(n)]\n```\n")
    cards, notices = extract(notes)
    assert [c.front.split("：")[0] for c in cards] == ["Local attention"]
    assert [n.rule for n in notices if n.rule == "left-out:wrong-code"] == ["left-out:wrong-code"]
    # what goes wrong, and a numbered step's “1)”, say nothing against the code
    cards, notices = extract("# Autograd\n\n## detach\n\nWhat goes wrong without detach, and the fix:\n\n"
                             "```python\ndef target(q):\n    return q.detach() * 0.99\n```\n\n"
                             "1）Build the running mean:\n\n```python\ndef running_mean(m, x):\n    return 0.9 * m + 0.1 * x\n```\n")
    assert [c.front for c in cards] == ["What goes wrong without detach, and the fix: write `target(q)`",
                                        "1）Build the running mean: write `running_mean(m, x)`"]
    assert not [n for n in notices if n.rule == "left-out:wrong-code"]


def test_a_column_of_one_person_s_choices_and_a_note_s_own_checks_ask_nothing() -> None:
    notes = ("# Review\n\n## Optimizer\n\n| thing | DeiT recipe | Priya's |\n|---|---|---|\n"
             "| optimizer | AdamW | Adam |\n| weight decay | 0.05 | 0 |\n| warmup | 5 ep | none |\n\n"
             "## Shapes\n\n- **Quick sanity on shapes**: 32/4 = 8 per side\n- **repo**: `~/code/sparse-play`\n"
             "- **新写法** → `torch.autocast(\"cuda\")`\n- **最后一行很关键**：bf16 连 257 都表示不了\n")
    cards, _ = extract(notes)
    assert sorted(c.back for c in cards) == ["0.05", "5 ep", "AdamW"]


def test_a_debugger_session_pasted_output_and_a_note_s_asides_give_no_card() -> None:
    notes = ("# DataLoader 源码\n\n## `__iter__`\n\n`for` 先调 `__iter__`：\n\n"
             "```\n(Pdb) s\n--Call--\n> .../dataloader.py(428)__iter__()\n-> def __iter__(self):\n(Pdb) n\n```\n\n"
             "## t-test\n\noutput (pasted):\n\n```\nTtestResult(statistic=2.2459..., pvalue=0.0611..., df=6.710...)\n```\n\n"
             "## 随手记\n\n- **小实验**：`num_workers=2` 时得到 `[0, 3, 1, 4]`\n- **关于下溢**：大量梯度在 2⁻²⁴ 以下\n"
             "- **honest take**: exact search on GPU wins at 1M\n- **本质原因**：预测误差来自几个地方\n"
             "- **Full Title**: Convex Optimization: Algorithms and Complexity\n")
    cards, _ = extract(notes)
    assert cards == []


def test_an_email_s_header_a_thread_s_numbering_and_a_talk_s_plan_are_no_terms() -> None:
    notes = ("# MC dropout\n\n## my email\n\n- **Subject**: Re: Questions on MC dropout\n- **From**: Lindqvist, Anna\n\n"
             "## saved thread\n\n- **1/ hot take**: warmup isn't a trick\n\n↳ me: so it's not the bias correction\n\n"
             "↳ Kevin: it is the variance\n\n↳ Kevin: early on, anyway\n\n- **me**: the second moment is the culprit\n\n"
             "## podcast\n\n- **Tom's pitch**: everyone learns attention as softmax\n- **problem (guest's words)**: a 1000-dim vector\n"
             "- **listened**: on the bus\n\n## Talk outline\n\n- **draft3 changes**: cut the Hoeffding proof\n"
             "- **Timing budget (target)**: intro 2 / PAC 6\n- **punchline**: exponential becomes polynomial\n\n"
             "## what I got wrong\n\n- plugged `weight_decay=1e-4` in as λ\n- forgot the factor 2\n\n"
             "## Terms\n\n- **VC dimension**: the size of the largest set the class shatters\n"
             "- **Slater's condition**: sufficient for strong duality, not necessary\n")
    cards, _ = extract(notes)
    assert [c.back for c in cards] == ["the size of the largest set the class shatters",
                                       "sufficient for strong duality, not necessary"]


def test_a_hand_written_cloze_keeps_its_card_without_the_writer_s_asides_and_a_struck_one_is_left_out() -> None:
    notes = ("# Causal\n\n## Cards\n\n"
             "1. Consistency: if $T_i = t$ then {{c1::$Y_i = Y_i(t)$}}\n   -- sounds trivial, it's not\n\n"
             "2. Front-door adjustment: $$P(y \\mid do(x)) = \\sum_m P(m \\mid x) \\sum_{x'} P(y \\mid m, x') P(x')$$\n"
             "   -- cloze this? maybe just {{c1::$P(m|x)$}}. meh\n\n"
             "## Graveyard\n\n- ~~{{c1::Randomization}} makes $e(X)$ = {{c2::0.5}}~~ — only for 1:1 designs\n\n"
             "## Thread\n\n↳ me: so it's not the bias correction\n\n- **me**: the second moment is the culprit\n")
    cards, notices = extract(notes)
    clozes = [c.front for c in cards if c.kind is CardKind.CLOZE]
    assert clozes == ["Consistency: if $T_i = t$ then {{c1::$Y_i = Y_i(t)$}}"]
    assert not any("meh" in c.front or "**me**" in c.front for c in cards)
    assert any(n.rule == "left-out:crossed-out" and "struck through" in n.message for n in notices)


def test_a_lab_book_s_means_a_rubric_s_points_a_dialogue_s_speakers_and_a_stage_cue_give_no_card() -> None:
    notes = ("# Active learning\n\n## 3 seeds now\n\n| #lbl | RND | BALD (T=20) |\n|---|---|---|\n"
             "| 2k | 56.1 ± 0.6 | 55.2 ± 0.8 |\n| 4k | 71.6 ± 0.4 | 72.3 ± 0.7 |\n\n"
             "## 2(b) — 7 pts\n\n| item | pts |\n|---|---|\n| correct substitution of SVD | 3 |\n| shrinkage factor | 2 |\n\n"
             "## Session\n\n**me:** so I can't push the gradient inside?\n\n**Jonas:** right, write it as an integral.\n\n"
             "**me:** ok, the log-derivative trick.\n\n**Jonas:** yes, and the dynamics drop out.\n\n"
             "## P4\n\n【时间检查：应该在 4 分钟左右】\n\n"
             "## Temperature\n\n| $\\tau$ | samples |\n|---|---|\n| ~ 1 | soft, smeared |\n| → 0 | exactly one-hot |\n\n"
             "## Intervals\n\n| 情形 | 区间 |\n|---|---|\n| σ²已知 估μ | X̄ ± z σ/√n |\n| σ²未知 估μ | X̄ ± t S/√n |\n")
    cards, _ = extract(notes)
    assert [(c.front.split("：", 1)[-1].split(": ", 1)[-1], c.back) for c in cards] == [
        ("$\\tau$ ~ 1: samples?", "soft, smeared"), ("$\\tau$ → 0: samples?", "exactly one-hot"),
        ("**σ²已知 估μ**: 区间?", "X̄ ± z σ/√n"), ("**σ²未知 估μ**: 区间?", "X̄ ± t S/√n")]  # (a file mostly in English)


def test_a_lab_book_s_aims_hacks_and_page_records_and_a_cell_its_row_s_name_gives_are_no_cards() -> None:
    notes = ("# AL lab book\n\n## Tue 05.03\n\n- **Aim**: set up the pool-based loop\n- **Watch out**: tiny α gives empty clients\n"
             "- **Cheap hack**: take top-10b by margin, then subsample\n- **BN bug (p.38)**: probably in the old repo too\n\n"
             "## 常见数据集\n\n| 数据集 | 规模 | 特点 |\n|---|---|---|\n| WordSim-353 | 353 对 | 相关性 |\n"
             "| SimLex-999 | 999 对 | 相似性 |\n\n"
             "## Terms\n\n- **BALD**: mutual information between the prediction and the weights\n")
    cards, _ = extract(notes)
    assert sorted(c.back for c in cards) == ["mutual information between the prediction and the weights", "相似性", "相关性"]


def test_a_page_s_edit_history_a_plan_s_goal_and_bare_connectives_are_no_cards() -> None:
    notes = ("# 多卡训练\n\n## 编辑历史\n\n| 日期 | 编辑者 | 改动 |\n|---|---|---|\n| 2023-03-02 | 陈昊 | 初版 |\n"
             "| 2023-05-18 | 王师兄 | 补 Slurm |\n\n## Plan\n\n- **Goal**: understand NB end to end\n- **Plan**: SLP3 4.1\n"
             "- **first version**: forgot the max-subtraction\n- **sanity check he did**: count trainable params\n"
             "- **其他**：马氏距离\n- **refs**：Welch & Bishop\n\n## 术语\n\n- **DDP**：每个进程一份模型，梯度 all-reduce\n")
    cards, _ = extract(notes)
    assert [c.back for c in cards] == ["每个进程一份模型，梯度 all-reduce"]


def test_ordinary_notes_keep_their_cards_beside_the_rules_for_logs_reviews_and_chats() -> None:
    """What a review of the rules above found they took from ordinary notes, kept."""
    notes = ("# Notes\n\n## 我们为什么需要归一化？\n\n- 梯度更稳定\n- 可以用更大的学习率\n\n"
             "## Why we need attention?\n\n- long inputs\n- alignment\n\n"
             "## 术语\n\n- Dropout 训练时随机丢弃一部分神经元，推理时不丢弃\n- Warmup 先用很小的学习率，再逐步增大\n"
             "- **Repository**: a directory whose history git tracks\n"
             "- **Subject**: the noun phrase that performs the action\n"
             "- **Ablation study**: removing one component of a model to measure its effect\n"
             "- **Feynman's trick**: differentiating under the integral sign\n"
             "- **Convergence almost surely**: the sequence converges with probability 1\n"
             "- **P → Q**: if P then Q\n"
             "- **ArrayList<Integer>**: a resizable list of boxed integers\n- **<s>**: the start-of-sequence token\n\n"
             "## 激活与损失\n\n| Task | Activation | Loss |\n|---|---|---|\n| Regression | identity | MSE |\n"
             "| Binary | sigmoid | BCE |\n\n## 常数\n\n| Event | Time |\n|---|---|\n| Light from the Sun to Earth | 8 minutes 20 seconds |\n"
             "| Half-life of carbon-14 | 5730 years |\n\n## 字母\n\n| A | meaning |\n|---|---|\n| Bijection | one to one and onto |\n"
             "| Surjection | onto |\n\n## Derivatives\n\n- **Chain rule**: (f∘g)' = f'(g) · g'\n\n"
             "↳ Chain rule: the reason gradients multiply through the layers\n")
    cards, _ = extract(notes)
    fronts = " | ".join(c.front for c in cards)
    assert "归一化" in fronts and "attention" in fronts  # the two questions
    for term in ("Dropout", "Warmup", "Repository", "Subject", "Ablation study", "Feynman's trick",
                 "Convergence almost surely", "P → Q", "ArrayList<Integer>", "<s>", "Chain rule"):
        assert f"**{term}**" in fronts, term
    backs = {c.back for c in cards}
    assert {"identity", "sigmoid", "8 minutes 20 seconds", "5730 years", "one to one and onto"} <= backs
    assert not any("A Bijection" in c.front for c in cards)


def test_code_a_lead_calls_free_of_bugs_is_asked() -> None:
    for lead in ("不容易出错的写法：", "没有 bug 的版本：", "Doing it the right way instead of the wrong way:"):
        cards, notices = extract(f"# 代码\n\n## 写法\n\n{lead}\n\n```python\ndef safe_div(a, b):\n    return a / b if b else 0.0\n```\n")
        assert any("safe_div" in c.front for c in cards), lead
        assert not any(n.rule == "left-out:wrong-code" for n in notices), lead


def test_commands_under_a_setup_heading_are_asked_like_any_other() -> None:
    """“## Setup” in notes about git, or a quickstart's commands: one cannot tell a tool's setup from
    a project's, so neither is left out."""
    notes = ("# Git\n\n## Setup\n\nSet your identity once:\n\n```bash\ngit config --global user.name \"Ada\"\n```\n\n"
             "## Usage\n\nProfile a script:\n\n```bash\npython -m cProfile -o out.prof train.py\n```\n")
    cards, _ = extract(notes)
    assert [c.front.split(": ")[0] for c in cards] == ["Set your identity once", "Profile a script"]


def test_what_a_second_review_found_the_mends_let_through_is_left_out_again() -> None:
    notes = ("# Week 3 log\n\n## Comparison\n\n| Model | MSE |\n|---|---|\n| Linear | 12 |\n| Tree | 9 |\n\n"
             "## Timing\n\n| Model | Time (s) |\n|---|---|\n| Linear | 41 |\n| Tree | 12 |\n\n"
             "## What We Got Wrong\n\n- forgot to shuffle the data\n- lr too high\n\n"
             "## How I fixed the leak\n\n- refit the scaler on train only\n- dropped the id column\n\n"
             "## Runs\n\n- **lr = 3e-4**: worked best\n- **AUC almost unchanged**: after removing the feature\n"
             "- Adam 最常用\n- **Goal**: a working training loop by Friday\n- **Caveat**: the numbers are from one seed\n\n"
             "## Thread\n\n↳ Kevin: it is the variance, not the bias\n\n↳ Priya: agreed, see RAdam\n\n"
             "## Terms\n\n- <b>$\\sigma$</b>: the standard deviation of the noise\n"
             "- **BOS**: the <s> token, paired with </s> at the end\n")
    cards, _ = extract(notes)
    assert [(c.front.split(": ", 1)[-1], c.back) for c in cards] == [
        ("what is $\\sigma$?", "the standard deviation of the noise"),
        ("what is **BOS**?", "the <s> token, paired with </s> at the end")]


def test_a_long_run_of_spaces_after_a_reply_arrow_is_read_at_once() -> None:
    """(A backtracking pattern took a minute on “↳” and 20,000 spaces; the line is no turn.)"""
    cards, _ = extract("# T\n\n## S\n\n↳" + " " * 20000 + "x\n\n- **Dropout**: zeroes units at random\n")
    assert [c.back for c in cards] == ["zeroes units at random"]


UNNAMED_CODE = [
    ("# 多卡训练\n\n## 启动\n\n单机：\n\n```bash\ntorchrun --standalone --nproc_per_node=4 train.py\n```\n"),
    ("# DDP\n\n## Launching\n\nThe old way:\n\n```bash\npython -m torch.distributed.launch --nproc_per_node=4 train.py\n```\n"),
    ("# 信息论\n\n## 韦恩图\n\n```\n┌──── H(X) ────┐\n│ H(X|Y) │ I(X;Y) │\n└──── H(Y) ────┘\n```\n"),
    ("# Review\n\n## Setup\n\nConfig she's using:\n\n```yaml\nimg_size: 32\npatch_size: 4\n```\n"),
    ("# MLP\n\n## Architecture\n\n```\nx (2) -> Linear(2, 16) -> ReLU -> Linear(16, 2)\n```\n"),
    ("# 显存\n\n## 排查\n\n试了：\n\n```\nexport PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True\n```\n"),
]


@pytest.mark.parametrize("notes", UNNAMED_CODE)
def test_code_whose_place_does_not_say_what_it_does_is_left_out(notes: str) -> None:
    """“单机：写出命令”, “Architecture: write the code”: the line above or the heading only says
    where the code sits, so the card cannot be answered."""
    cards, notices = extract(notes)
    assert not [c for c in cards if c.kind is CardKind.CODE]
    [notice] = [n for n in notices if n.rule == "left-out:unnamed-code"]
    assert notice.source.line == notes.splitlines().index(next(l for l in notes.splitlines() if l.startswith("```"))) + 1
    zh = any("\u4e00" <= ch <= "\u9fff" for ch in notes)
    assert ("没有说这段代码做什么" if zh else "does not say what the code does") in notice.message


@pytest.mark.parametrize("notes, asked", [
    ("# 秩\n\n## 秩\n\n使用 torch.svd 或 torch.qr 快速计算秩\n\n```python\nimport torch\nA = torch.ones(3, 3)\n"
     "r = torch.linalg.matrix_rank(A)\n```\n", "使用 torch.svd 或 torch.qr 快速计算秩"),
    ("# DDP\n\n## Launching\n\nLaunch on one node:\n\n```bash\ntorchrun --standalone --nproc_per_node=4 train.py\n```\n",
     "Launch on one node"),
    ("# PyTorch\n\n## 保存模型\n\n```python\nimport torch\ntorch.save(model.state_dict(), 'model.pt')\n```\n", "保存模型"),
    ("# PyTorch\n\n## Saving a model\n\n```python\nimport torch\ntorch.save(model.state_dict(), 'model.pt')\n```\n",
     "Saving a model"),
    ("# PyTorch\n\n## 环境\n\n如何安装 CPU 版：\n\n```bash\npip install torch --index-url https://download.pytorch.org/whl/cpu\n```\n",
     "如何安装 CPU 版"),
])
def test_code_whose_line_above_says_what_it_does_is_asked(notes: str, asked: str) -> None:
    cards, notices = extract(notes)
    assert [c.front.split("：")[0].split(": ")[0] for c in cards if c.kind is CardKind.CODE] == [asked]
    assert not [n for n in notices if n.rule == "left-out:unnamed-code"]


def test_a_bold_label_that_opens_a_line_in_every_section_is_asked_of_each_section() -> None:
    """“**Time complexity**：…” under each of three sections is a part the writer gives every section:
    asked of the section's subject, as a facet (“**缺点**”) is; “**推文版**：…” retells each section
    and gives no card; a term in two sections is still a term."""
    sections = ["Lloyd 算法", "收敛性", "初始化"]
    notes = "# k-means\n\n" + "".join(
        f"## {s}\n\n- **缺点**：对初值敏感\n\n**推文版**：{s}的要点写在这里，大约一百四十个字。\n\n" for s in sections)
    notes += "## 两个概念\n\n- **惯性**：簇内平方和\n\n## 再说一次\n\n- **惯性**：簇内平方和，越小越紧\n"
    cards, notices = extract(notes)
    fronts = [c.front for c in cards]
    assert not [f for f in fronts if "推文版" in f]  # a retelling of each section (“…版”): no card
    assert [f for f in fronts if "缺点" in f] == [f"{s}的缺点是什么？" for s in sections]
    assert len([f for f in fronts if "惯性" in f]) == 2
    sorting = "# Sorting\n\n" + "".join(
        f"## {name}\n\n- **Time complexity**: {t}\n- **Stable**: {stable}\n\n" for name, t, stable in (
            ("Merge sort", "O(n log n) in every case", "yes, equal keys keep their order"),
            ("Quicksort", "O(n log n) on average, O(n^2) at worst", "no, partitioning swaps equal keys"),
            ("Heapsort", "O(n log n) in every case", "no, the heap moves equal keys")))
    cards, _ = extract(sorting)
    assert [c.front for c in cards][:2] == ["Merge sort: what is its time complexity?", "Merge sort: what is its stable?"]
    assert len(cards) == 6


def test_a_name_then_chinese_is_a_definition_only_when_it_says_what_the_thing_is() -> None:
    """“- LayerNorm 层归一化”, “- tanh 双曲正切函数”, “- Dropout 训练时随机丢弃…”: what it is or does,
    so a definition; “- RoPE 终于通了”, “- loss 用 Dice + 交叉熵”, “- worker 是轮流分配的”: a remark
    about it, no card."""
    kept = {"LayerNorm": "层归一化 用于 Transformer", "tanh": "双曲正切函数", "sigmoid": "二分类",
            "H0": "原假设，H1 是备择假设", "RMSNorm": "是对每个 token 的特征向量按均方根缩放",
            "Dropout": "训练时随机丢弃一部分神经元，推理时不丢弃", "gap": "正好是 $D_{KL}(q\\|p)$",
            # (a review's ordinary lines: a short “是 X”, “用” + Chinese, “的是”, “的时候”, a digit, “其他”)
            "MSE": "是均方误差", "KL": "是相对熵", "CLIP": "用对比学习对齐图像和文本", "PCA": "找方差最大的主要方向",
            "AUC": "反映的是模型的排序能力", "warmup": "训练刚开始的时候用较小的学习率",
            "BERT": "堆叠 12 层 Transformer 编码器", "self-attention": "让每个位置和其他所有位置交互"}
    remarks = {"RoPE": "终于通了，关键就是那个共轭", "GN": "用 G=32（论文默认）",
               "usability": "我写“可用性”，改成“实用性”", "worker": "是轮流分配的（跳过已经停掉的 worker）",
               "inv": "大约 2n³，比 LU 慢 ~3 倍", "attention": "是不是 SDPA / flash", "snapshot": "看调用栈",
               "RM": "用的是 6B，不是 175B", "value model": "初始化用 RM 比用 SFT 好",
               "backward": "返回值个数 = forward 输入个数"}
    notes = "# 笔记\n\n## 各种\n\n" + "".join(f"- {k} {v}\n" for k, v in {**kept, **remarks}.items())
    cards, _ = extract(notes)
    assert {c.front.split("**")[1]: c.back for c in cards} == kept


def test_a_name_then_a_remark_keeps_the_question_the_remark_answers() -> None:
    """Under a module's section, “- weight 形状 (C_out, C_in/groups, kH, kW)” says what its weight
    is like: asked as that case, not as what the weight is."""
    cards, _ = extract("# 常用模块的形状\n\n## nn.Conv2d\n\n卷积层的权重和输出形状。\n\n"
                       "- weight 形状 (C_out, C_in/groups, kH, kW)\n- RoPE 终于通了\n")
    assert [(c.front, c.back) for c in cards] == [("nn.Conv2d：**weight** → ？", "形状 (C_out, C_in/groups, kH, kW)")]


def test_a_records_fields_and_a_numbered_problem_are_no_terms() -> None:
    """Who came to a meeting, a ticket's fields, an exported note's folder, one's own machine, and
    “第 2 题”: a record's fields and a homework's numbering, not concepts. “Environment” (in RL) and
    “第一类错误” stay terms."""
    notes = ("# 第 9 周\n\n## 记录\n\n- **Present:** Hana, Tomás, Priya\n- **Absent:** Mirek (ill)\n"
             "- **Type:** Bug\n- **Priority:** P2\n- **文件夹**：工作 / 炼丹\n- **实验环境**：torch 2.1 + 单卡 3090\n"
             "- **第 2 题**：证明线性自编码器的解不唯一\n- **第1次 WA**：把梯度的符号写反了\n"
             "- **第一类错误**：原假设为真却拒绝了它\n")
    cards, notices = extract(notes)
    assert [c.front for c in cards] == ["记录：**第一类错误** 是什么？"]
    rl, _ = extract("# RL\n\n## Basics\n\n- **Environment**: the world the agent acts in and gets rewards from\n")
    assert [c.back for c in rl] == ["the world the agent acts in and gets rewards from"]


def test_python_under_a_label_stays_a_card_for_the_verifier() -> None:
    """Python the notes wrote wrong (“x = torch.ones((2, 3)”) under a heading that names no task is
    still a card: the verifier says what is wrong with it; a config under the same heading is not."""
    notes = "# 张量\n\n## 试了\n\n```python\nimport torch\nx = torch.ones((2, 3)\nprint(x)\n```\n"
    cards, _ = extract(notes)
    assert [c.code for c in cards if c.kind is CardKind.CODE] == ["import torch\nx = torch.ones((2, 3)\nprint(x)\n"]
    config, notices = extract("# 张量\n\n## 试了\n\n```yaml\nlr: 0.1\nepochs: 90\n```\n")
    assert not config and [n.rule for n in notices] == ["left-out:unnamed-code"]


def test_a_rankings_scores_and_a_sweeps_numbers_are_records() -> None:
    """“| system | nDCG@10 | R@100 |” over one's systems, and “| ε | max u | min u |” over a sweep's
    numbers, are what one's runs gave, not properties to learn cell by cell; a table of facts
    beside them keeps its cards."""
    notes = ("# 检索\n\n## 结果\n\n| system | nDCG@10 | R@100 |\n|---|---|---|\n| BM25 | 0.421 | 0.83 |\n"
             "| dense | 0.489 | 0.82 |\n| RRF | **0.512** | **0.89** |\n\n"
             "## 扫参\n\n| ε | max u | min u |\n|---|---|---|\n| 1 | 1.23 | 0.0247 |\n| 0.5 | 6.52 | 2.9e-3 |\n"
             "| 0.1 | 3.7e6 | 2.1e-11 |\n\n"
             "## 度量\n\n| 指标 | 关心什么 | 取值范围 |\n|---|---|---|\n| MRR | 第一个相关结果的位置 | 0 到 1 |\n"
             "| nDCG | 整个排序和分级相关度 | 0 到 1 |\n")
    cards, _ = extract(notes)
    assert sorted(c.back for c in cards) == ["整个排序和分级相关度", "第一个相关结果的位置"]


def test_a_plain_label_in_every_section_is_a_facet_and_a_why_is_asked() -> None:
    """“Range:” under each activation is asked of it, as a bold label is; “why:” under each rule is
    its question, and “正确版本：” under a false statement is what it should have said."""
    notes = "# Activations\n\n" + "".join(f"## {name}\n\nRange: {r}\n\n" for name, r in (
        ("Sigmoid", "(0, 1)"), ("Tanh", "(-1, 1)"), ("ReLU", "[0, ∞)")))
    cards, _ = extract(notes)
    assert [c.front for c in cards] == ["Sigmoid: what is its range?", "Tanh: what is its range?",
                                        "ReLU: what is its range?"]
    rules = "# Rules of thumb\n\n" + "".join(
        f"## {rule}\n\n- why: {reason}\n\n" for rule, reason in (
            ("Tune the learning rate first", "the other settings depend on it"),
            ("Always use warmup", "Adam's second moment is noisy at first"),
            ("Scale the learning rate with the batch", "the mean step grows with the batch")))
    cards, _ = extract(rules)
    assert [c.back for c in cards] == ["the other settings depend on it", "Adam's second moment is noisy at first",
                                       "the mean step grows with the batch"]
    wrong, _ = extract("# 反例\n\n## 纯牛顿法一定收敛 ❌\n\n反例：$f(x) = |x|^{4/3}$。\n\n正确版本：需要阻尼牛顿（回溯线搜索）。\n")
    assert [(c.front, c.back) for c in wrong if "正确版本" in c.front] == [
        ("纯牛顿法一定收敛的正确版本是什么？", "需要阻尼牛顿（回溯线搜索）。")]


def test_a_term_that_is_someones_or_a_date_or_a_design_docs_field_names_nothing() -> None:
    notes = ("# Poster session\n\n## Client drift\n\n- their extension: momentum on the client side\n"
             "- rule of thumb he gave: thousands of clients per round\n- 03-05 v2: fixed the acceptance rule\n"
             "- 3/13 晚: found the first bug\n- Depends on: RFC 0002\n- Tracking: todo.md item 17\n"
             "- **SCAFFOLD**: control variates that correct each client's drift\n"
             "- **0-1 loss**: one for a wrong label, zero for a right one\n"
             "- **68-95-99.7 rule**: the mass within one, two and three standard deviations\n")
    cards, _ = extract(notes)
    assert [c.front.split("**")[1] for c in cards] == ["SCAFFOLD", "0-1 loss", "68-95-99.7 rule"]


def test_a_counterexample_gives_its_function_not_its_working() -> None:
    """“反例：$$f(x) = \\min(|x|, 1)$$” is the counterexample to recall; “$f_1 + f_2 = x^3 - x$” and
    “$p^* = 0$” are what it works out."""
    notes = ("# 凸优化反例\n\n## 拟凸函数的局部极小 = 全局极小 ❌\n\n反例：\n$$f(x) = \\min(|x|, 1)$$\n\n"
             "## 两个拟凸函数的和是拟凸的 ❌\n\n反例：$f_1(x)=x^3$，$f_2(x)=-x$，\n$$f_1+f_2 = x^3-x$$\n不是拟凸。\n\n"
             "## Slater 不成立就一定有对偶间隙 ❌\n\n反例：可行集只有 $\\{0\\}$，$p^* = 0$，Slater 不成立。\n")
    cards, _ = extract(notes)
    assert [c.back.split("$$")[1] if "$$" in c.back else c.back for c in cards] == ["f(x) = \\min(|x|, 1)"]


def test_what_an_erratum_corrects_is_no_card_but_a_doubt_keeps_it() -> None:
    """“**原文**：$S(t) = 1 - e^{-H(t)}$” over “**应为**：$S(t) = e^{-H(t)}$” quotes the mistake; where
    the writer only doubted it (“我当时以为：应该是 $a_{ij}$？”), the original is right and asked."""
    notes = ("# 讲义勘误\n\n## E02 累积风险与生存函数\n\n- **原文**：$S(t) = 1 - e^{-H(t)}$\n"
             "- **应为**：$S(t) = e^{-H(t)}$\n\n"
             "## #02 前向递推下标\n\n**原文**：\n$$\\alpha_{t+1}(i)=\\Big[\\sum_{j} \\alpha_t(j)\\,a_{ji}\\Big]\\,b_i(o_{t+1})$$\n\n"
             "**我当时以为**：应该是 $a_{ij}$？看错了。\n")
    cards, notices = extract(notes)
    backs = [c.back for c in cards]
    assert any("e^{-H(t)}" in b and "1 -" not in b for b in backs)
    assert not any("1 - e^{-H(t)}" in b for b in backs)
    assert any("a_{ji}" in b for b in backs)
    assert any(n.rule == "left-out:crossed-out" and "勘误里被更正的原文" in n.message for n in notices)


def test_pointers_notes_to_self_labels_with_their_topic_and_a_current_guess_give_no_card() -> None:
    notes = ("# 讲义勘误\n\n## E08 KM 与 Nelson–Aalen\n\n- **见 E05 表最后两列**：0.8097 vs 0.8000\n"
             "- **Look at (2.26)**: y does not appear in it\n- **Summary for myself**: most errors were f vs y\n"
             "- **aside — gradient inversion**: someone asked about DLG\n- **今日目标**：把 CTC 搞懂\n"
             "- **signature (2.2)**: `load_state_dict(state_dict, strict=True)`\n"
             "- **Seeding**: fixing the random state of every library\n\n"
             "## gamma 和 xi 的关系\n\n**目前理解**：式子本身对 $t=1,\\dots,T-1$ 是对的。\n")
    cards, _ = extract(notes)
    assert [c.front.split("**")[1] for c in cards] == ["signature (2.2)", "Seeding"]


def test_code_after_the_end_of_a_sentence_is_asked_under_its_section() -> None:
    notes = ("# Softmax\n\n## The log-sum-exp trick\n\nCaught it because the naive version gave a loss of inf on\n"
             "the first batch and NaN gradients after it, which makes no sense.\n\n```python\nimport numpy as np\ndef logsumexp(x):\n    m = x.max()\n"
             "    return m + np.log(np.exp(x - m).sum())\n```\n")
    cards, _ = extract(notes)
    assert [c.front for c in cards if c.kind is CardKind.CODE] == ["The log-sum-exp trick: write `logsumexp(x)`"]


def test_an_index_and_a_tally_are_no_tables_of_knowledge() -> None:
    """“| 关键词 | 卡 |” over “4/5b” says where a card is, and a table with a total row is a tally (a
    self-test's score); a table of formats by their bits, and one with a “sum” row, keep their cards
    (“sum” itself names its answer, `np.sum`)."""
    notes = ("# 核方法\n\n## 索引\n\n| 关键词 | 卡 |\n|---|---|\n| Bochner | 4/5b |\n| Gram 矩阵 | 4/1a, 4/1b |\n\n"
             "## 自测\n\n| 部分 | 题数 | 答对 |\n|---|---:|---:|\n| 核函数 | 3 | 3 |\n| 高斯过程 | 3 | 2 |\n"
             "| **合计** | **6** | **5** |\n\n"
             "## 浮点格式\n\n| 格式 | 指数位 | 尾数位 |\n|---|---|---|\n| FP32 | 8 | 23 |\n| BF16 | 8 | 7 |\n\n"
             "## 归约\n\n| 操作 | NumPy | PyTorch |\n|---|---|---|\n| sum | `np.sum(a)` | `torch.sum(t)` |\n"
             "| cumulative sum | `np.cumsum(a)` | `torch.cumsum(t, dim=0)` |\n")
    cards, _ = extract(notes)
    assert sorted(c.back for c in cards) == sorted(["8", "23", "8", "7", "`np.cumsum(a)`", "`torch.cumsum(t, dim=0)`"])


def test_a_model_cards_fields_and_a_way_of_saying_are_no_terms_but_a_process_is_a_facet() -> None:
    notes = ("# 模型卡与笔记\n\n这一页是课程项目的模型卡，后面是读论文时记的几条。\n\n## Model Details\n\n- **Model type**: encoder-decoder LSTM\n"
             "- **Version history**: v1 MSE; v2 quantiles\n- **Hardware**: 1× RTX 3060, ~40 min\n\n"
             "## Expert Choice 路由\n\n- **反过来**：expert 挑 token，每个 expert 选 top-k 个 token\n"
             "- **工程上**：batch 拆到各个 expert 上后变小\n\n## GPT\n\n- **流程**：文本 → token → embedding → Transformer\n\n"
             "## 随机数\n\n| 操作 | NumPy | PyTorch |\n|---|---|---|\n| seed | `np.random.seed(0)` | `torch.manual_seed(0)` |\n"
             "| uniform | `np.random.rand(3)` | `torch.rand(3)` |\n")
    cards, _ = extract(notes)
    fronts = [c.front for c in cards]
    assert "GPT的流程是什么？" in fronts
    assert not [f for f in fronts if any(w in f for w in ("Model type", "Version history", "Hardware", "反过来", "工程上"))]
    assert "`torch.manual_seed(0)`" in {c.back for c in cards}


def test_a_struck_through_definition_is_left_out() -> None:
    cards, notices = extract("# 学习率调度\n\n## RAdam\n\n- ~~结论：Adam 不需要 warmup~~ ← 之前写错了\n"
                             "- **预热**：训练初期用较小的学习率，再逐步增大\n")
    assert [c.back for c in cards] == ["训练初期用较小的学习率，再逐步增大"]
    assert [n.rule for n in notices] == ["left-out:crossed-out"]


def test_what_a_review_of_the_new_rules_found_they_took_from_ordinary_notes_is_kept() -> None:
    """Leads and headings that say what code does anywhere in them, an algorithm over its pseudocode,
    code in a named language, a “then …” lead that names a task, a Precision column, Environment and
    Label, “第一次握手”, “80/20 rule”, a named lemma after a dash, Bayes' formula beside “正确理解”, a
    formula after “现在理解了”, and a counterexample named by a Greek letter all stay cards."""
    commands = ("# 环境与训练\n\n## 环境\n\n我们可以用下面的命令安装 CPU 版：\n\n```bash\npip install torch\n```\n\n"
                "激活环境：\n\n```bash\nconda activate dl\n```\n\n## 多卡训练\n\n```bash\ntorchrun --nproc_per_node=8 train.py\n```\n\n"
                "## Dijkstra's algorithm\n\n```\ndist[s] = 0\nwhile heap not empty:\n    (d, u) = pop min\n```\n\n"
                "## Window functions in SQL\n\n```sql\nSELECT ROW_NUMBER() OVER (PARTITION BY u ORDER BY ts) FROM events;\n```\n\n"
                "## DDP\n\nthen launch one process per GPU:\n\n```bash\ntorchrun --nproc_per_node=4 train.py\n```\n")
    cards, notices = extract(commands)
    assert len([c for c in cards if c.kind is CardKind.CODE]) == 6
    assert not [n for n in notices if n.rule == "left-out:unnamed-code"]
    terms = ("# Notes\n\n## Formats\n\n| Format | Precision | Range |\n|---|---|---|\n| fp32 | about 7 digits | 3.4e38 |\n"
             "| fp16 | about 3 digits | 65504 |\n\n## Vocabulary\n\n- **Environment**: everything outside the agent\n"
             "- **Label**: ground-truth class of an example\n- **80/20 rule**: most effects come from few causes\n"
             "- **Lemma — Jensen's inequality**: for convex f, f(E[X]) is at most E[f(X)]\n\n"
             "## TCP\n\n- **第一次握手**：客户端发送 SYN\n")
    cards, _ = extract(terms)
    backs = {c.back for c in cards}
    assert {"about 7 digits", "everything outside the agent", "ground-truth class of an example",
            "most effects come from few causes", "for convex f, f(E[X]) is at most E[f(X)]", "客户端发送 SYN"} <= backs
    formulas = ("# 概率\n\n## 贝叶斯公式\n\n书上写的：$P(A \\mid B) = \\frac{P(B \\mid A) P(A)}{P(B)}$\n\n"
                "正确理解：分母就是全概率公式展开的结果。\n\n## 交叉熵的梯度\n\n"
                "现在理解了：softmax 加交叉熵对 logits 的梯度就是 $\\nabla_z L = \\hat{y} - y$。\n\n"
                "## 一致连续\n\n反例：$\\varphi(x) = x^2$ 在 $\\mathbb{R}$ 上连续但不一致连续。\n")
    cards, _ = extract(formulas)
    assert len([c for c in cards if c.kind is CardKind.FORMULA]) == 3


def test_long_runs_of_spaces_or_digits_in_errata_labels_and_tables_are_read_at_once() -> None:
    """(Patterns backtracked for seconds to minutes on such lines: a code lead of “用” and 20,000
    spaces took 26 s in stripping a heading's marks.)"""
    spaces = " " * 20000
    for notes in ("# T\n\n## S\n\n```\n" + spaces + "x\n```\n", "# T\n\n## S\n\n正确" + spaces + "x\n",
                  "# T\n\n## S\n\n用" + spaces + "x：\n\n```bash\nls\n```\n",
                  "# T\n\n## S\n\n**应为**：x\n\n原文" + spaces + "x\n",
                  "# T\n\n## S\n\n| a | b | c |\n|---|---|---|\n| x | " + "1" * 20000 + "x | y |\n| z | 2 | 3 |\n"):
        cards, notices = extract(notes)
        # (and each is read right: a fence of blanks or a bare command is no code, a row of noise no card)
        assert not [c for c in cards if c.kind is CardKind.CODE]
        assert not [c for c in cards if "1111" in c.back]


def test_long_runs_of_blanks_in_headings_and_bold_labels_are_read_at_once() -> None:
    """(A heading of a word and 20,000 spaces took 38 s, a paragraph of 20,000 tabs 146 s: patterns
    that tried each space of a run as a new start.)"""
    spaces = " " * 20000
    cards, notices = extract("# T\n\n## Dropout" + spaces + "rate\n\n- **训练时**：随机置零\n\n"
                       "## Adam\n\n**Adam" + spaces + "：** 一种自适应学习率的优化器\n\n" + "\t" * 20000 + "x\n")
    # (the first heading is too long to ask by, and said so)
    assert [(c.front, c.back) for c in cards] == [("什么是 **Adam**？", "一种自适应学习率的优化器")]
    assert [n.message for n in notices if n.rule == "left-out:too-long"] == [
        "“Dropout rate：**训练时** → ？” 太长；把要问的事写成一句短话，细节放进列表"]
    # (a row named by 20,000 digits took 24 s, a formula with 20,000 spaces each side of “=” 19 s,
    # a bold label with them each side of its colon 10 s)
    cards, notices = extract("# T\n\n## S\n\n| a | b |\n|---|---|\n| " + "1" * 20000 + "x | 1 |\n| Adam | 2 |\n\n"
                             "## F\n\n$$x" + spaces + "=" + spaces + "y$$\n\n"
                             "## L\n\n- **名" + spaces + "：" + spaces + "值**：值\n- **Adam**：优化器\n")
    assert [(c.front, c.back) for c in cards] == [("S: **Adam**: b?", "2"), ("What is **Adam**?", "优化器")]
    assert [n.message[:12] for n in notices if n.rule == "left-out:too-long"] == ["“S: **111111", "“F: $$x = ?$"]


def test_what_a_second_review_found_the_mends_took_or_let_back() -> None:
    kept = ("# 笔记\n\n## 模型规模\n\n| 模型 | 参数量 | 上下文长度 |\n|---|---|---|\n| LLaMA | 7B, 13B, 33B, 65B | 2k |\n"
            "| GPT-3 | 175B | 2k |\n| LLaMA 2 | 7B, 13B, 70B | 4k |\n\n"
            "## Faster R-CNN 的损失\n\n| 项 | 公式 | 作用 |\n|---|---|---|\n| 分类 | $L_{cls} = -\\log p_u$ | 判断类别 |\n"
            "| 回归 | $L_{reg} = \\sum s(t - v)$ | 修正框的位置 |\n| 总计 | $L = L_{cls} + \\lambda L_{reg}$ | 两项加权 |\n\n"
            "## 梯度消失\n\n- **现象**：靠近输入的层梯度接近 0\n- **方案**：用残差连接、BN，换 ReLU 激活\n\n"
            "## 术语\n\n- F1 是精确率和召回率的调和平均 = 2PR/(P+R)\n- BN 用 batch 内的均值和方差做归一化\n"
            "- softmax 按比例缩放到 0 到 1 之间\n")
    cards, _ = extract(kept)
    backs = [c.back for c in cards]
    assert len(backs) == 17  # every cell of both tables, and every line
    assert {"7B, 13B, 33B, 65B", "2k", "$L = L_{cls} + \\lambda L_{reg}$", "两项加权", "用残差连接、BN，换 ReLU 激活",
            "是精确率和召回率的调和平均 = 2PR/(P+R)", "用 batch 内的均值和方差做归一化", "按比例缩放到 0 到 1 之间"} <= set(backs)
    left = ("# 3/14 NaN 问题\n\n## 记录\n\n- **环境**：torch 2.1 + CUDA 12.1，单卡 3090\n- **Labels**: bug, amp, P2\n"
            "- **3/14 实验**：lr=1e-3 收敛更快\n- **03-16 组会**：老周建议把 warmup 拉长\n- **Update — 3/22**: fixed\n\n"
            "## Survival function\n\n**Original**: $S(t) = 1 + e^{-H(t)}$\n\n**Correct version**: $S(t) = e^{-H(t)}$\n\n"
            "## 配置\n\nConfig she's using for training:\n\n```yaml\nlr: 0.1\n```\n\n试了训练时加上：\n\n"
            "```\nexport PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True\n```\n")
    cards, notices = extract(left)
    assert [c.back for c in cards] == ["**Correct version**: $S(t) = e^{-H(t)}$"]  # not the quoted original
    assert sorted(n.rule for n in notices) == ["left-out:crossed-out"] + ["left-out:label-term"] * 5 + \
        ["left-out:unnamed-code"] * 2
    rewrites = "# 论文速读\n\n" + "".join(f"## {m}\n\n- **推文版**：{m} 就是这样一个模型，刷爆了各种榜单，必读！建议配合原文第三节一起看。\n\n"
                                     for m in ("BERT", "GPT-2", "T5"))
    cards, _ = extract(rewrites)
    assert not cards


def test_a_column_of_measurements_with_its_best_in_bold_and_a_trailing_row_is_still_measurements() -> None:
    notes = ("# 随机森林\n\n## 实验：自己验证 MDI 偏差\n\n| 特征 | MDI | PI (train) | PI (val) |\n|---|---|---|---|\n"
             "| sex | 0.27 | 0.21 | 0.19 |\n| **random_num** | **0.17** | 0.06 | **-0.003** |\n| pclass | 0.08 | 0.06 | 0.05 |\n"
             "| ... | | | |\n")
    cards, _ = extract(notes)
    assert not cards


def test_an_erratums_labels_are_no_terms_and_the_original_may_be_quoted_in_prose() -> None:
    """“**改为**：用 `log_softmax`…” says what should be written instead: “改为” names nothing to ask
    about. “原文写的是 $H = …$” quotes the mistake as surely as “**原文**：” does."""
    notes = ("# 勘误\n\n## 交叉熵\n\n原文写的是 $H = -\\sum p \\log p$。\n\n"
             "**应为**：$H(p, q) = -\\sum_i p_i \\log q_i$\n\n"
             "**改为**：用 `log_softmax` 再 `nll_loss`。\n\n"
             "**Correction**: divide by the batch size once.\n\n"
             "**Dropout**：训练时随机把部分神经元置零。\n")
    cards, _ = extract(notes)
    assert [c.back for c in cards] == ["**应为**：$H(p, q) = -\\sum_i p_i \\log q_i$", "训练时随机把部分神经元置零。"]


def test_a_worked_examples_tables_plan_and_estimates_are_records() -> None:
    """A table of one's plan or estimate against what happened (“| 阶段 | 计划 | 实际 |”), or of counts
    for an example's own values (“b1”, “b2”) is that example's record, not knowledge; a table of facts
    in numbers stays a glossary (and so do the tables of the third review's test)."""
    notes = ("# 期末笔记\n\n## 时间分配\n\n| 阶段 | 计划 | 实际 |\n|---|---|---|\n| 选择+判断 | 20min | 25min |\n"
             "| 三 决策树计算 | 15min | **35min**（算 log 算到怀疑人生） |\n| 检查 | 15min | 5min |\n\n"
             "## 决策树计算\n\n| 特征B取值 | 样本数 | 正 | 负 |\n|---|---|---|---|\n| b1 | 6 | 5 | 1 |\n| b2 | 4 | 1 | 3 |\n\n"
             "## memory budget\n\n| thing | estimate | actual |\n|---|---|---|\n| base weights NF4 | ~4.0 GB | 4.3 GB |\n"
             "| Adam 8-bit states | ~0.08 GB | 0.1 GB |\n| activations | ~8–12 GB | 14 GB |\n\n"
             "## 浮点格式\n\n| 格式 | 指数位 | 尾数位 |\n|---|---|---|\n| fp16 | 5 | 10 |\n| bf16 | 8 | 7 |\n| fp32 | 8 | 23 |\n\n"
             "## 字节数\n\n| dtype | bytes |\n|---|---|\n| fp16 | 2 |\n| fp32 | 4 |\n")
    cards, _ = extract(notes)
    assert sorted(c.back for c in cards) == ["10", "2", "23", "4", "5", "7", "8", "8"]


def test_a_rows_mark_a_meetings_roles_and_its_members_pitfalls_are_no_terms() -> None:
    """“| — | `sampler.set_epoch(epoch)` |” has no old name to ask by; a reading group's roles
    (“领读”, “到场”), its members' sayings and pitfalls (“**小满踩的坑**”), a flashcard's number
    (“card 3b”), a label that marks a statement wrong or gives its logic, a log's time spent (“1h”)
    and an old back marked WRONG are no knowledge."""
    notes = ("# 读书会第 7 期\n\n- 领读：阿澈（Hamilton 第 5 章）\n- 到场：阿澈、小满、老周、Yuki、我，共 5 人\n\n"
             "## 自环是干嘛的\n\n- 阿澈：GCN 不加自环的话更新里没有自己\n- 老周：但这样自己和邻居共享同一个 W\n\n"
             "## 代码环节\n\n- 小满踩的坑：手写 `MessagePassing` 时忘了 `add_self_loops`\n"
             "- **GCN 归一化**：对称归一化 $\\tilde D^{-1/2} \\tilde A \\tilde D^{-1/2}$\n\n"
             "## Old → new\n\n| Old (DP) | New (DDP) |\n|---|---|\n| `nn.DataParallel(model)` | `DDP(model)` |\n"
             "| — | `sampler.set_epoch(epoch)` at the start of every epoch |\n\n"
             "## Leeches\n\n- **card 3b**: irreducible + aperiodic\n- **The catch**: the sampler pads by repeating samples\n"
             "- **Wrong**: that's FP4, NF4 is a lookup table\n- **关键点**：MC 估计的误差和维度无关\n"
             "- **讲评补充**：C4.5 先找信息增益高于平均的\n- **下一次**：第 3 章，预计周末\n"
             "- **logic**: it's a necessary check, not sufficient\n- **1h 目标分布**：两个高斯混合，看能不能跨峰\n\n"
             "## ESS\n\n**Back (old, WRONG):**\n$$\\text{ESS} = \\frac{N}{1 + \\sum_k \\rho_k}$$\n\n"
             "**Back (fixed):**\n$$\\text{ESS} = \\frac{N}{1 + 2\\sum_{k=1}^\\infty \\rho_k}$$\n")
    cards, _ = extract(notes)
    assert sorted(" ".join(c.back.split()) for c in cards) == sorted([
        "`DDP(model)`", "对称归一化 $\\tilde D^{-1/2} \\tilde A \\tilde D^{-1/2}$",
        "**Back (fixed):** $$\\text{ESS} = \\frac{N}{1 + 2\\sum_{k=1}^\\infty \\rho_k}$$"])


def test_a_trace_of_the_notes_own_variables_a_debates_fields_and_what_to_read_give_no_card() -> None:
    """“| `x` | (5, 16) | float32 |”: the shapes of one toy example's variables, line by line (“**b**”,
    “`e_max`”), are a trace of the notes' own code; “| `nn.Flatten()` | `(N, C*H*W)` |” in symbols
    is knowledge. A debate's motion and sides, a reading list and what a stream's chat said are no knowledge."""
    notes = ("# Shape trace\n\n## The toy graph\n\n| tensor | shape | dtype |\n|---|---|---|\n"
             "| `x` | (5, 16) | float32 |\n| `edge_index` | (2, 10) | int64 |\n| `edge_index[0]` | (10,) | int64 |\n\n"
             "## Line by line\n\n| line | expression | shape |\n|---|---|---|\n| **b** | `deg` | (5,) |\n"
             "| **c** | `norm` | (15,) |\n| **d** | `xw` | (5, 32) |\n\n"
             "## Layers\n\n| layer | output shape |\n|---|---|\n| `nn.Flatten()` | `(N, C*H*W)` |\n"
             "| `nn.Conv2d(C, K, 3, padding=1)` | `(N, K, H, W)` |\n\n"
             "## 组会辩论\n\n- **辩题**：DPO 已经可以取代 PPO\n- **正方**：我 + 老周\n- **反方**：师兄那组\n"
             "- **赛制（简化版）**：一辩立论 3min → 二辩质询 2min\n\n"
             "## 推荐读的东西\n\n- **ZeRO**：论文（Rajbhandari et al. 2020）第 3 节那张显存图\n\n"
             "## Things to read\n\n- **ZeRO-Infinity**: the NVMe offload paper, section 4\n\n"
             "## Stream\n\n- **joke from chat**: just use bytes and 1M context lol\n"
             "- **repo he pushed at the end**: forgot to copy the name\n- **last pass**: sunday, did 1–14\n"
             "- **BPE**: merges the most frequent pair of symbols\n")
    cards, _ = extract(notes)
    assert sorted(" ".join(c.back.split()) for c in cards) == [
        "`(N, C*H*W)`", "`(N, K, H, W)`", "merges the most frequent pair of symbols"]


def test_what_the_third_review_found_the_new_rules_took_from_ordinary_notes() -> None:
    """Ordinary notes whose cards the rules of round 10 took: participants that are a system's
    parts, tables of numbers worked or named like an example's values, a column named “实际…”, a
    true statement that says when it would be wrong, glossary rows named “-” or “catch”."""
    notes = ("# 笔记\n\n## GAN\n\n参与者：生成器、判别器\n\n- **生成器的目标**：让判别器把假样本判成真\n\n"
             "## Python 类\n\n- 成员：属性、方法\n- **方法的第一个参数**：`self`，指向实例本身\n\n"
             "## 会议\n\n**Present:** Adam, Priya\n\n- **Adam's bias correction**: divides the moments by $1-\\beta^t$\n\n"
             "## VGG\n\n| 层 | 输出尺寸 | 参数量 |\n|---|---|---|\n| conv3-64 | 224×224×64 | 3×3×3×64 = 1728 |\n"
             "| conv3-128 | 112×112×128 | 3×3×64×128 = 73728 |\n| fc-1000 | 1000 | 4096×1000 = 4096000 |\n\n"
             "## 字节\n\n| dtype | bytes per param |\n|---|---|\n| fp32 | 32 / 8 = 4 |\n| fp16 | 16 / 8 = 2 |\n\n"
             "## 有效位\n\n| 格式 | 名义位数 | 实际有效位数 |\n|---|---|---|\n| fp16 | 16 | 11 |\n| bf16 | 16 | 8 |\n| fp32 | 32 | 24 |\n\n"
             "## LeNet-5\n\n| 层 | 特征图数 | 尺寸 |\n|---|---|---|\n| C1 | 6 | 28 |\n| S2 | 6 | 14 |\n| C3 | 16 | 10 |\n\n"
             "## 方差\n\n$\\mathrm{Var}(X+Y) = \\mathrm{Var}X + \\mathrm{Var}Y$ (wrong if not independent).\n\n"
             "## 运算符\n\n| 运算符 | 含义 |\n|---|---|\n| - | 减法 |\n| // | 整除 |\n\n"
             "## 异常\n\n- **catch**：捕获并处理异常\n- **缺失值补充**：用均值或中位数填上空值\n\n"
             "## 报错\n\n| 操作 | 错误 | 解决 |\n|---|---|---|\n| `x.view(-1)` | not contiguous | 先 `.contiguous()` |\n"
             "| `loss.backward()` 两次 | graph freed | `retain_graph=True` |\n| `x.cuda()` 混用 | device mismatch | 统一 `.to(device)` |\n")
    cards, _ = extract(notes)
    backs = {" ".join(c.back.split()) for c in cards}
    assert {"让判别器把假样本判成真", "`self`，指向实例本身", "divides the moments by $1-\\beta^t$",
            "224×224×64", "3×3×3×64 = 1728", "32 / 8 = 4", "11", "24", "28", "16",
            "减法", "整除", "捕获并处理异常", "用均值或中位数填上空值", "not contiguous", "graph freed"} <= backs
    assert any("\\mathrm{Var}X + \\mathrm{Var}Y" in b for b in backs)


def test_a_display_formula_under_a_lead_that_marks_it_wrong_and_a_rows_dash_and_a_quoted_original_give_no_card() -> None:
    """“**Back (old, WRONG):**” or “Old version (wrong):” over a display formula marks it wrong, as on
    the same line; a lead that says when a true formula would fail (“wrong if not independent”) does
    not. In a table of three columns, a row named “—” has no name to ask by; “**原文**：…” in prose is
    the text an erratum corrects."""
    notes = ("# T\n\n## ESS\n\n**Back (old, WRONG):**\n\n$$\\text{ESS} = \\frac{N}{1+\\sum_k \\rho_k}$$\n\n"
             "Old version (wrong):\n\n$$\\text{ESS} = N$$\n\n**Back (fixed):**\n\n$$\\text{ESS} = \\frac{N}{1+2\\sum_k \\rho_k}$$\n\n"
             "## V\n\nIndependent variables (wrong if not independent) give:\n\n"
             "$$\\mathrm{Var}(X+Y) = \\mathrm{Var}X + \\mathrm{Var}Y$$\n\n"
             "## G\n\n| 名 | 甲 | 乙 |\n|---|---|---|\n| — | 1 | 2 |\n| Adam | 3 | 4 |\n\n"
             "## 勘误\n\n- **原文**：用 softmax 再取 log\n- **应为**：用 log_softmax\n")
    cards, notices = extract(notes)
    assert [c.back.split("$$")[1] if "$$" in c.back else c.back for c in cards] == [
        "\\text{ESS} = \\frac{N}{1+2\\sum_k \\rho_k}", "\\mathrm{Var}(X+Y) = \\mathrm{Var}X + \\mathrm{Var}Y", "3", "4"]
    assert sum(n.rule == "left-out:crossed-out" for n in notices) == 2
    # (“**应为**：” in every section of an errata list is what each should have said: asked of each)
    errata = "# 讲义勘误\n\n" + "".join(f"## {t}\n\n- **原文**：{a}\n- **应为**：{b}\n\n" for t, a, b in (
        ("E03 指数分布的中位生存时间", "$1/\\lambda$", "中位数 $= \\ln 2/\\lambda$"),
        ("E09 log-rank 检验的自由度", "组数", "组数 − 1"), ("E12 风险比的解释", "生存时间之比", "瞬时风险之比")))
    cards, _ = extract(errata)
    assert [(c.front, c.back) for c in cards] == [
        ("E03 指数分布的中位生存时间的应为是什么？", "中位数 $= \\ln 2/\\lambda$"),
        ("E09 log-rank 检验的自由度的应为是什么？", "组数 − 1"), ("E12 风险比的解释的应为是什么？", "瞬时风险之比")]


def test_a_table_of_a_known_nets_layers_by_output_size_is_knowledge() -> None:
    """“| conv1 | 112×112 |”: ResNet's layers, named as the paper names them, not the notes' variables."""
    notes = ("# ResNet\n\n## 各层输出\n\n| layer | output size |\n|---|---|\n| conv1 | 112×112 |\n| conv2_x | 56×56 |\n"
             "| conv3_x | 28×28 |\n")
    cards, _ = extract(notes)
    assert [c.back for c in cards] == ["112×112", "56×56", "28×28"]


def test_what_the_fourth_review_found_the_new_rules_took_from_ordinary_notes() -> None:
    """A model's or an API's shapes in backticks are knowledge (a trace records a dtype or the
    expression too, or names its lines by letters); “rating”, “Overall”, “The trick” are terms or
    facets; follow-ups are notes; a lead that says a formula is easy to get wrong does not mark it
    wrong; “属性问题” is no person's question; “--” and “…” are operators; a class's members listed
    in a list item are no meeting; “❌ … Correct:” introduces the right formula."""
    notes = ("# 笔记\n\n## 注意力的权重矩阵\n\n| 矩阵 | 形状 |\n|---|---|\n| `W_Q` | 512×64 |\n| `W_O` | 512×512 |\n\n"
             "## ResNet-50\n\n| parameter | shape |\n|---|---|\n| `conv1.weight` | (64, 3, 7, 7) |\n| `fc.bias` | (1000,) |\n\n"
             "## 形状操作\n\n| 操作 | 形状 | 说明 |\n|---|---|---|\n| `x.permute(2, 0, 1)` | (4, 2, 3) | 换轴 |\n"
             "| `x.flatten(1)` | (2, 12) | 拉平 |\n\n"
             "## 推荐系统\n\n- **rating**：用户对物品的显式打分，如 1–5 星\n- **Overall**: fraction of all pixels classified correctly\n\n"
             "## Follow-ups\n\n- **LayerNorm**: normalises over the features of each sample\n\n"
             "## Softmax 梯度\n\nThe gradient with respect to the logits (easy to get wrong):\n\n$$\\frac{\\partial L}{\\partial z_i} = p_i - y_i$$\n\n"
             "## Marginal likelihood\n\n❌ missing the log-determinant term. Correct:\n\n$$\\log p(y) = -\\tfrac12 y^T K^{-1} y - \\tfrac12 \\log|K| + c$$\n\n"
             "## 对象\n\n- 成员：属性、方法\n- 属性：类上定义的变量\n- 方法：类上定义的函数\n\n"
             "## 运算符\n\n| 运算符 | 含义 |\n|---|---|\n| -- | 自减 |\n| … | 省略号，切片里表示其余维度 |\n")
    cards, _ = extract(notes)
    backs = {" ".join(c.back.split()) for c in cards}
    assert {"512×64", "512×512", "(64, 3, 7, 7)", "(1000,)", "(4, 2, 3)", "(2, 12)", "用户对物品的显式打分，如 1–5 星",
            "fraction of all pixels classified correctly", "normalises over the features of each sample",
            "类上定义的变量", "类上定义的函数", "自减", "省略号，切片里表示其余维度"} <= backs
    assert any("p_i - y_i" in b for b in backs) and any("\\log|K|" in b for b in backs)
    # (an estimate without what actually happened is a table of facts; a lead that marks the old
    # version wrong and then gives the fixed one introduces the fixed one)
    cards, _ = extract("# GPT-2\n\n## 参数量\n\n| 模型 | 估算 | 层数 |\n|---|---|---|\n| small | 85M | 12 |\n| medium | 302M | 24 |\n\n"
                       "## ESS\n\nOld version (wrong), fixed:\n\n$$\\text{ESS} = \\frac{N}{1 + 2\\sum_k \\rho_k}$$\n")
    assert {"85M", "302M", "12", "24"} <= {c.back for c in cards} and any("2\\sum_k" in c.back for c in cards)
    cards, _ = extract("# 类\n\n成员：属性、方法\n\n- **属性问题**：类属性被所有实例共享\n")
    assert "类属性被所有实例共享" in [c.back for c in cards]


def test_what_round_twelve_found_gives_no_card() -> None:
    """A question heading answered partly in prose (its lists alone answer something else), a
    sentence in a list of steps that opens on a name, a tally of one's own slips by question
    number, kinds led as “有两种” taken for steps, a speaker's cue, a connective, a feeling and a
    page as terms, kinds led as “Three sources of error:”, a remark that opens on a name and runs on
    with “⇒”, a proof's steps and its last line, what a log leaves for later,
    one's runs' shared settings, a hole the sentence equals again, and what code printed, in words."""
    notes = ("# 笔记\n\n## BatchNorm 在多卡下效果变差？\n\n普通 BN 在 DDP 下每张卡只用自己那份 batch 算统计量。\n\n"
             "解决：SyncBatchNorm\n\n- 顺序：先 convert，再包 DDP\n- 每卡 batch 够大的话差别不大\n\n"
             "## PTQ\n\nPTQ 流程：\n1. 拿训练好的 FP32 模型\n2. BN 折叠进卷积（fold BN）\n3. 插 observer，跑一小批校准数据（我们用了 512 张训练集图），统计激活范围\n"
             "4. 算 scale，转成 INT8\n\n"
             "## 统计\n\n| 错因 | 次数 | 题号 |\n|---|---|---|\n| 概念 | 2 | 2, 5 |\n| 计算 | 3 | 1, 4, 6 |\n\n"
             "## 仿射量化\n\n误差来源有两种：\n1. 舍入\n2. 截断\n\n"
             "## 对称量化\n\n同理：高斯噪声下的 MLE 就是 MSE\n\n感想：GPT 复习效率确实高，但公式常错\n\n"
             "↳ 回答 p.33 的问题：激活不按 K 维分 scale\n\n↳ 见第 12 页的推导：输入通道方向的 scale 提不出来\n\n"
             "## 误差\n\nThree sources of error:\n1. Bias\n2. Variance\n3. Noise\n\n"
             "## 量化误差\n\n- 舍入误差：最多 s/2\n- range 小 ⇒ s 小 ⇒ rounding 小，但 outlier 被砍\n\n"
             "## Claim 4\n\n**Proof idea.**\n\n1. From Claim 2: $f(x_{k+1}) \\le f(x_k) - \\frac{1}{2L}\\|g_k\\|^2$.\n"
             "2. Combine:\n$$\nf(x_{k+1}) - f^* \\le \\langle g_k, x_k - x^*\\rangle\n$$\n\n"
             "## Claim 5\n\nThen Claim 2: $f(x_{k+1}) - f^* \\le (1 - \\mu/L)(f(x_k) - f^*)$. Iterate. $\\square$\n\n"
             "## Setup\n\nFixed across all runs unless noted:\n- aug: RandomCrop(32, padding=4) + HorizontalFlip\n"
             "- lr: 0.1 with cosine decay\n\n"

             "## Things I'm NOT going to chase\n\n- Lion: maybe next month, wants a smaller lr\n\n"
             "## Perplexity\n\n$\\mathrm{PPL} = \\exp(\\bar\\ell)$ = `torch.exp(mean_ce)` when the loss is in nats.\n\n"
             "## Sanity check\n\n```python\nimport torch\nprint(torch.ones(2) <= 2)\n```\n\n"
             "output: all `True`, the bound holds with room to spare\n\n"
             "Written out: $\\mathrm{PP} = ?$ hmm\n")
    # (the last line only keeps the file from ending on the case above)
    cards, _ = extract(notes)
    shown = [(c.front, c.back) for c in cards]
    assert not [c for c in cards if c.kind is CardKind.QUESTION], shown
    assert not [c for c in cards if c.kind is CardKind.STEPS], shown
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert "最多 s/2" in texts  # (the kinds of error, each asked on its own)
    for gone in ("折叠进卷积", "次数", "题号", "同理", "感想", "p.33", "第 12 页", "Claim 2", "Combine", "RandomCrop",
                 "cosine decay", "Lion", "torch.exp", "room to spare", "outlier 被砍"):
        assert gone not in texts, gone


def test_ordinary_notes_keep_what_the_round_twelve_rules_look_at() -> None:
    """The cards next to each of those rules: a question answered by its list alone (a lead into
    it aside), a glossary of names, a table of a net's layers by count, steps led as steps, a
    formula outside a proof and a theorem's statement, a hole the sentence does not equal again."""
    notes = ("# 笔记\n\n## 为什么需要归一化？\n\n有以下几点：\n\n- 梯度更稳定\n- 可以用更大的学习率\n\n"
             "## 激活函数\n\n- sigmoid 二分类\n- tanh 双曲正切函数\n- PReLU\n- ELU\n\n"
             "## VGG-16\n\n| 层 | 个数 |\n|---|---|\n| conv | 13 |\n| fc | 3 |\n| maxpool | 5 |\n\n"
             "## 训练\n\n训练分三步：\n1. 前向\n2. 反向\n3. 更新\n\n"
             "## Smoothness\n\nThe descent lemma: for an $L$-smooth $f$,\n\n$$f(y) \\le f(x) + \\langle \\nabla f(x), y - x\\rangle + \\frac{L}{2}\\|y-x\\|^2$$\n\n"
             "## Perplexity\n\nPerplexity is the exponential of the mean token loss: $\\mathrm{PPL} = \\exp(\\bar\\ell)$.\n")
    cards, _ = extract(notes)
    fronts = " | ".join(c.front for c in cards)
    backs = " | ".join(c.back for c in cards)
    assert "为什么需要归一化" in fronts and "梯度更稳定" in backs
    assert "二分类" in backs and "双曲正切函数" in backs
    assert "13" in [c.back for c in cards] and "3" in [c.back for c in cards]
    assert any(c.kind is CardKind.STEPS and "前向" in c.back for c in cards)
    assert "\\frac{L}{2}" in backs and "\\exp(\\bar\\ell)" in backs


def test_what_round_thirteen_found_gives_no_card() -> None:
    """A self-assessment table (times asked, how well one knows it), a state of mind, what one
    means to watch next, a talk's plan, a numbered stage the card cannot name, a library named as
    a label, before-and-after labels and the buggy code under “**before**”, a decision record's
    fields, and answers that only defer (“下周有空 profile 一下”) or skip (“... skip”)."""
    notes = ("# 面试复盘\n\n## 总结\n\n| 主题 | 被问次数 | 掌握程度 |\n|---|---|---|\n| attention 细节 | 4 | 还行 |\n"
             "| Adam / AdamW | 3 | 要再背一遍 |\n\n心态：连挂两家之后有点崩，但给了点信心。\n\n"
             "- **下一个想看的合集**：Megatron 的 TP 讲解\n- **Talk plan**: 15 min, 3 min motivation, 5 min method\n\n"
             "## Ring all-reduce\n\n- 第一阶段 reduce-scatter：走 N-1 步\n- 第二阶段 all-gather：再走 N-1 步\n\n"
             "## 混合精度\n\n- fp16：5 位指数，10 位尾数\n- PyTorch：`GradScaler` 是动态 scaling，出现 inf 就跳过这步\n\n"
             "## Forgot zero_grad()\n\n**before the fix:** loop was forward, backward, step, with no zeroing\n\n"
             "## Dataset seeds\n\n**before**\n```python\nimport numpy as np\n\ndef pick(i):\n    return np.random.randint(0, 32) + i\n```\n\n"
             "## D-09 · int8 for serving\n\n**Realisation**: the latency column above is pessimistic at batch size 1\n\n"
             "## 总结\n\n- **bucket_cap_mb 调大调小的影响**：下周有空 profile 一下\n\n"
             "## Distributions\n\n| dist | mean | var |\n|---|---|---|\n| Bernoulli(p) | p | p(1−p) |\n| Beta(α,β) | α/(α+β) | ... skip |\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for gone in ("被问次数", "掌握程度", "还行", "有点崩", "Megatron", "15 min", "N-1", "GradScaler", "no zeroing",
                 "randint", "pessimistic", "profile", "skip"):
        assert gone not in texts, gone
    backs = [c.back for c in cards]
    assert "5 位指数，10 位尾数" in backs and "p(1−p)" in backs and "α/(α+β)" in backs


def test_ordinary_notes_keep_what_the_round_thirteen_rules_look_at() -> None:
    """A subject's fact sheet with a row for its library keeps its other rows; a stage named in a
    heading's list by its name, a library defined as one, an iteration count column, and the
    fixed code under “**after**”-free leads are kept."""
    notes = ("# LSTM\n\n| | |\n|---|---|\n| **State** | hidden $h_t$ and cell $c_t$ |\n"
             "| **Gates** | input, forget, output |\n| **PyTorch** | `torch.nn.LSTM` |\n\n"
             "## 框架\n\n- **PyTorch**：是 Meta 开源的深度学习框架，以动态图著称\n\n"
             "## 算法\n\n| 算法 | 迭代次数 | 收敛阶 |\n|---|---|---|\n| 牛顿法 | 5 | 二阶 |\n| 梯度下降 | 100 | 一阶 |\n\n"
             "## Training loop\n\nThe fixed loop:\n\n```python\ndef train_step(model, opt, x, y):\n    opt.zero_grad()\n"
             "    loss = ((model(x) - y) ** 2).mean()\n    loss.backward()\n    opt.step()\n    return loss\n```\n")
    cards, _ = extract(notes)
    backs = " | ".join(c.back for c in cards)
    for kept in ("hidden $h_t$ and cell $c_t$", "input, forget, output", "Meta 开源的深度学习框架", "二阶", "一阶",
                 "def train_step"):
        assert kept in backs, kept


def test_a_formula_written_again_is_asked_once_where_it_first_stands() -> None:
    """A theorem's result restated in a quick-reference list, a definition restated inside a
    theorem, a count worked out again: the later card is left out and said; short answers two
    quantities may share (“λ”, “p - y”), different formulas, and one equation stated whole in two
    sections (a step of each one's procedure) are kept."""
    notes = ("# 反向传播\n\n## 逐元素激活\n\n**定理 3.1** 设 $Y = \\sigma(X)$ 逐元素，则 $\\dfrac{\\partial L}{\\partial X} = G\\odot \\sigma'(X)$。\n\n"
             "## 交叉熵\n\n**定理 4.5** softmax 加交叉熵的梯度：$\\dfrac{\\partial L}{\\partial z} = p - y$。\n\n"
             "## Poisson\n\nThe mean of a Poisson variable is $\\mu_X = \\lambda$.\n\nIts variance is $\\sigma_X^2 = \\lambda$ as well.\n\n"
             "## 附：速查\n\n- $Y=\\sigma(X)$ 的反向：$dX = G \\odot \\sigma'(X)$\n- softmax+CE 的反向：$dz = p - y$\n"
             "- 线性层的反向：$dW = X^\\top G$\n\n"
             "## SGD\n\n计算梯度：$g_t = \\nabla_\\theta f_t(\\theta_{t-1})$\n\n"
             "## Adadelta\n\n计算梯度：$g_t = \\nabla_\\theta f_t(\\theta_{t-1})$\n")
    cards, notices = extract(notes)
    # (the same equation, left side and all, is a step of each section's procedure)
    assert sum("\\nabla_\\theta f_t" in c.back for c in cards) == 2
    backs = [" ".join(c.back.split()) for c in cards]
    assert not any("dX" in b for b in backs)
    restated = [n for n in notices if n.rule == "left-out:restated"]
    assert len(restated) == 1 and "第 5 行" in restated[0].message
    assert any("dz = p - y" in b for b in backs) and any("X^\\top G" in b for b in backs)
    assert sum("\\lambda" in b for b in backs) == 2


def test_what_round_fourteen_found_gives_no_card() -> None:
    """A talk's cover and contents behind a slide number, its outlook, a contest's particulars, a
    feeling after reading, a plan's weekdays, an error's number, a tuning log, the notes' format, a
    check's outcome or a rating as a term, a diary's line, and a project's target, stretch goal and GPU."""
    notes = ("# 课程 Project 答辩\n\n## P1 封面\n\n- **第 6 组**：王同学（实验）、我（PPT）\n\n"
             "## P2 目录\n\n1. 背景与动机\n2. 量化基础\n3. 实验\n\n## P15 展望\n\n- INT4 权重\n- 换 FX graph mode\n\n"
             "## 比赛基本信息\n\n- **评价指标**：accuracy\n- **数据**：训练集约 21k 张\n\n"
             "## 读后感 / 碎碎念\n\n- **整体 7/10**：公式没错，但“为什么”一笔带过\n\n"
             "## 复习\n\n- **Mon**: §1–6 + 2021 paper\n- **周二**：§7–13\n- **ERROR 2**: `NameError`, import math\n"
             "- **调参记录**：t1=0.2 CV 0.887\n- **格式**：`>` 是原文引用\n- **写完最大的感受**：卷积其实是一个家族\n\n"
             "## Run 2\n\n- **H1 ✓**: plain-56 train error roughly 2× plain-20's\n"
             "- **Looked at the curves**: test error jumps around between evals\n\n"
             "## Terms\n\n- **Dropout**: randomly zeroes activations\n")
    cards, _ = extract(notes)
    assert [c.back for c in cards] == ["randomly zeroes activations"], [(c.front, c.back) for c in cards]


def test_ordinary_notes_keep_what_the_round_fourteen_rules_look_at() -> None:
    """A heading that only starts with a letter and digits, a term with a ratio, a masked or gated
    thing, the null hypothesis, a target's meaning, and a section on a thing's information."""
    notes = ("# 笔记\n\n## P3 量化基础\n\n- **scale**：浮点到整数的步长\n\n"
             "## Terms\n\n- **Masked attention**: attention that cannot look at later tokens\n"
             "- **Gated units**: units whose output a sigmoid gate scales\n"
             "- **H0**: the null hypothesis, that there is no effect\n"
             "- **Target**: the value a model is trained to predict\n"
             "- **Aspect ratio 16/9**: a width sixteen ninths of the height\n"
             "- **SAT**: deciding whether a Boolean formula can be made true\n"
             "- **Realization**: a value that a random variable takes in one draw\n\n"
             "## 互信息\n\n- **互信息**：两个随机变量共享的信息量\n\n## 信息\n\n- **自信息**：$-\\log p(x)$，事件越罕见信息越多\n")
    cards, _ = extract(notes)
    backs = {c.back for c in cards}
    assert {"浮点到整数的步长", "attention that cannot look at later tokens", "units whose output a sigmoid gate scales",
            "the null hypothesis, that there is no effect", "the value a model is trained to predict",
            "a width sixteen ninths of the height", "deciding whether a Boolean formula can be made true", "两个随机变量共享的信息量",
            "a value that a random variable takes in one draw", "$-\\log p(x)$，事件越罕见信息越多"} <= backs, backs


def test_ordinary_notes_keep_what_the_fifth_review_found_the_round_twelve_rules_took() -> None:
    """A glossary whose names are of both scripts, a question introduced in a line without a colon,
    a table with a page column beside non-counts, steps to find causes, terms of broadcasting, a
    Django admin section, a lineage named P.1, a list comprehension, quantum electrodynamics, a
    theorem with its one-line proof, advice to keep settings the same across runs, and a formula
    whose value follows it."""
    notes = ("# 笔记\n\n## 优化\n\n- SGD 随机梯度下降\n- Adam adaptive moment estimation\n- RMSprop root mean square propagation\n\n"
             "## 方法\n\n- 梯度下降 沿负梯度方向走\n- 动量法 累积过去的梯度\n- Nadam 自适应学习率，结合 Nesterov 动量\n\n"
             "## Why normalize inputs?\n\nThere are a few reasons.\n\n- gradients are better conditioned\n- a larger learning rate works\n\n"
             "## 端口\n\n| 协议 | 端口 | 页码 |\n|---|---|---|\n| HTTP | 80 | 12 |\n| SSH | 22 | 15 |\n\n"
             "## 排查\n\n定位 loss 变 NaN 原因的步骤：\n1. 查输入\n2. 查学习率\n3. 查 log 的参数\n\n"
             "## 广播\n\n- **旁白**：画外的叙述者对剧情进行解说\n- **口播**：播音员直接面对话筒播读稿件\n\n"
             "## Admin\n\n- **ModelAdmin**: the class that configures a model's admin page\n\n"
             "## 变异株\n\n- **P.1（Gamma）**：最早在巴西发现的变异株\n\n"
             "## Python\n\n**列表推导式**\n\n- 语法：`[expr for x in xs if cond]`\n\n"
             "## 物理\n\nQED 的耦合常数是精细结构常数 $\\alpha = \\frac{e^2}{4\\pi\\varepsilon_0\\hbar c}$ ≈ 1/137。\n\n"
             "## Inequalities\n\n**Theorem (Cauchy–Schwarz).** For vectors $u, v$: $|\\langle u,v\\rangle| \\le \\|u\\|\\|v\\|$. ∎\n\n"
             "## 复现\n\nkeep these the same across runs:\n- **seed**: fixes the random number generators\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for kept in ("随机梯度下降", "自适应学习率，结合 Nesterov 动量", "gradients are better conditioned", "80", "22", "查学习率",
                 "画外的叙述者", "播音员直接面对话筒", "configures a model's admin page", "最早在巴西发现",
                 "[expr for x in xs if cond]", "4\\pi\\varepsilon_0", "\\|u\\|\\|v\\|", "fixes the random number generators"):
        assert kept in texts, kept


def test_what_round_fifteen_found_gives_no_card() -> None:
    """A data set's rows (a name twice in the first column), one's own column of settings (“我现在用的”),
    a stand-up's slots, an addendum by a person (“王哥补充”), an answer that is only a mark (“2'”), a
    page's properties table, who put a talk on, a date as a term."""
    notes = ("# 押题\n\n## 朴素贝叶斯\n\n| 天气 | 风 | 打球 |\n|---|---|---|\n| 晴 | 弱 | 是 |\n| 晴 | 强 | 否 |\n| 阴 | 弱 | 是 |\n\n"
             "## 设置\n\n| 项 | 论文 | 我现在用的 |\n|---|---|---|\n| backbone | ResNet-50 | ResNet-18 |\n| batch size | 4096 | 512 |\n\n"
             "## 站会 3/12\n\n- **昨天**：跑通 DDP\n- **今天**：查 hang\n- **Blocker**：无\n\n"
             "## 学到的\n\n- **王哥补充**：Adam 一般不严格线性放缩\n\n"
             "## 评分点\n\n- **结论 + 各项含义**：2'\n\n## 术语\n\n- **DDP**：每个进程一份模型，梯度 all-reduce\n")
    cards, _ = extract(notes)
    assert [c.back for c in cards] == ["每个进程一份模型，梯度 all-reduce"], [(c.front, c.back) for c in cards]
    # a page's properties at its top, who put a talk on, a log's date
    cards, _ = extract("# 🧮 Normalization layers\n\n| Property | Value |\n|---|---|\n| **Type** | Topic |\n"
                       "| **Status** | 🟡 In progress |\n| **Area** | Deep Learning › Training stability |\n"
                       "| **Confidence** | ▓▓▓░░ 3/5 |\n| **Created** | March 2, 2024 |\n\n- **主办**：某开源推理社区\n\n"
                       "## Changes\n\n- **Apr 9**: updated the RMSNorm section\n\n"
                       "## BatchNorm\n\n- **BatchNorm**: normalises each channel over the batch\n")
    assert [c.back for c in cards] == ["normalises each channel over the batch"], [(c.front, c.back) for c in cards]
    # (a glossary table at the top of the notes is their subject beginning)
    cards, _ = extract("# 归一化\n\n| 术语 | 含义 |\n|---|---|\n| BN | 在 batch 维上归一化 |\n| LN | 在特征维上归一化 |\n")
    assert {"在 batch 维上归一化", "在特征维上归一化"} <= {c.back for c in cards}
    # (a table of things, each named once, keeps its cells; so does a column of another's settings)
    cards, _ = extract("# 设置\n\n| 项 | 论文默认 | 常用 |\n|---|---|---|\n| batch size | 4096 | 256 |\n| 温度 | 0.5 | 0.1 |\n")
    assert {"4096", "256", "0.5", "0.1"} <= {c.back for c in cards}, [(c.front, c.back) for c in cards]


def test_ordinary_notes_keep_what_the_sixth_review_found_the_round_thirteen_and_fourteen_rules_took() -> None:
    """A complexity table's repeated cells, two quantities with one value outside a summary, the
    libraries and NP/TF as terms, the Sunday algorithm and the Sun, a bandit's context, options in
    finance, the input's format, a grammar's mood, a sense (本体感受), a trial's phase, a cancer's
    stage, columns named Target, Budget, GPU, Before and After, a GPU defined, a topology's cover, a
    4/5 rule, a shortcut of type “skip”, and advice for later."""
    notes = ("# 笔记\n\n## 排序\n\n| Algorithm | Average | Worst |\n|---|---|---|\n"
             "| Merge sort | $O(n \\log n)$ | $O(n \\log n)$ |\n| Heap sort | $O(n \\log n)$ | $O(n \\log n)$ |\n\n"
             "## 均匀分布\n\nThe mean of a uniform variable is $E[X] = \\frac{a+b}{2}$.\n\n"
             "Its median is $m = \\frac{a+b}{2}$ as well.\n\n"
             "## Terms\n\n- **PyTorch**: Meta's deep learning framework with eager execution\n"
             "- **NP**: problems whose yes-instances have certificates checkable in polynomial time\n"
             "- **TF**：词频，某个词在文档中出现的次数除以文档总词数\n"
             "- **Sunday**：失配时看主串中模式串后一位字符\n- **Sun**: the star at the centre of the Solar System\n"
             "- **Context**: the feature vector observed before choosing an arm\n"
             "- **Options**：给予持有者在未来买卖资产的权利\n- **Format of the input**: $(N, C_{in}, H, W)$\n"
             "- **Mood**: the verb form that shows the speaker's attitude\n- **本体感受**：对身体各部位位置和运动的感知\n"
             "- **Phase 1 trial**: a first-in-human study of safety\n- **Stage 4 cancer**: cancer that has spread to distant organs\n"
             "- **GPU**: graphics processing unit, thousands of simple cores\n- **4/5 rule**: a selection rate below 80% signals adverse impact\n\n"
             "## 损失\n\n| 损失 | Target | Budget |\n|---|---|---|\n| MSE | 实数 | 低 |\n| CE | 类别下标 | 中 |\n\n"
             "## 形状\n\n| 操作 | Before | After |\n|---|---|---|\n| flatten | (N, C, H, W) | (N, CHW) |\n| unsqueeze | (N,) | (N, 1) |\n\n"
             "## Cover\n\n- **Open cover**: a family of open sets whose union contains the space\n\n"
             "## Shortcuts\n\n| Net | Shortcut |\n|---|---|\n| ResNet | skip |\n| DenseNet | concatenation |\n\n"
             "## 排错\n\n- **loss 变 NaN**：以后遇到先把学习率降一下\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert sum("O(n \\log n)" in c.back for c in cards) == 4, texts
    assert sum("\\frac{a+b}{2}" in c.back for c in cards) == 2, texts
    for kept in ("eager execution", "certificates checkable", "词频", "模式串后一位", "centre of the Solar System",
                 "before choosing an arm", "买卖资产的权利", "C_{in}", "speaker's attitude", "运动的感知",
                 "first-in-human", "distant organs", "thousands of simple cores", "adverse impact", "实数", "类别下标",
                 "(N, CHW)", "(N, 1)", "union contains the space", "skip", "先把学习率降一下"):
        assert kept in texts, kept


def test_ordinary_notes_keep_what_the_seventh_review_found_the_round_fifteen_rules_took() -> None:
    """A glossary naming one thing twice, a table of constants under the title, OS terms and
    logistics, a version or a year after a word (JUnit 5, Mars 2020), points in a game, one step of
    two procedures in a recap chapter, the MLE restated with its own left side in a summary; and
    the buggy code under a bare “**原代码**” and deferrals give no card."""
    notes = ("# 大学物理常数\n\n| 常数 | 数值 |\n|---|---|\n| 光速 c | 3.00×10⁸ m/s |\n| 普朗克常数 h | 6.63×10⁻³⁴ J·s |\n\n"
             "## 缩写\n\n| 缩写 | 全称 |\n|---|---|\n| CV | Computer Vision |\n| CV | Cross-Validation |\n| NLP | Natural Language Processing |\n\n"
             "## 进程\n\n- **阻塞**：进程因等待某个事件而暂停执行，主动让出 CPU\n"
             "- **Logistics**: the planning and control of the flow of goods\n"
             "- **JUnit 5**: the current major version of JUnit\n- **Mars 2020**: NASA's rover mission to Jezero crater\n\n"
             "## 篮球\n\n- **三分线外投篮命中**：3 分\n\n"
             "## 优化算法回顾\n\n### Momentum\n\n- 参数的更新：$\\theta_t = \\theta_{t-1} - \\eta v_t$\n\n"
             "### Nesterov\n\n- 参数的更新：$\\theta_t = \\theta_{t-1} - \\eta v_t$\n\n"
             "## OLS\n\nThe least-squares estimate is $\\hat\\beta = (X^\\top X)^{-1}X^\\top y$.\n\n"
             "## Summary\n\nUnder Gaussian noise the MLE is also $\\hat\\beta = (X^\\top X)^{-1}X^\\top y$.\n\n"
             "## Softmax\n\n**原代码**\n```python\nimport numpy as np\n\ndef softmax(x):\n    return np.exp(x) / np.exp(x).sum()\n```\n\n"
             "## 待查\n\n- **bucket 大小的影响**：有空查一下\n- **py-spy**：明天用 py-spy dump 一下\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for kept in ("3.00×10⁸ m/s", "Natural Language Processing", "主动让出 CPU", "flow of goods", "major version of JUnit",
                 "Jezero crater", "3 分"):
        assert kept in texts, kept
    assert sum("\\eta v_t" in c.back for c in cards) == 2, texts
    assert sum("(X^\\top X)^{-1}" in c.back for c in cards) == 2, texts
    for gone in ("def softmax", "有空查一下", "dump 一下"):
        assert gone not in texts, gone


def test_a_score_sheet_a_setup_sheet_and_a_post_s_fields_give_no_card() -> None:
    """A study group's marks added up in a total column, the machine a benchmark ran on, one's
    own model's details, a forum post's status line and a course's staff are records, not
    knowledge; a bold label on the line before a list heads that list, not the answer above it."""
    notes = ("# Quiz week 7\n\nInstructors: Prof. Okafor, TAs: Lena (lead TA), Marcus\n\n"
             "## @214 Val accuracy stuck at 10%\n\n`[resolved]` · 👍 31 · tags: hw3, batchnorm · *Anonymous Beaker*\n\n"
             "Switch to `model.eval()` before validating.\n\n"
             "## Scores\n\n| name | A (5) | B (8) | total | notes |\n|---|---|---|---|---|\n"
             "| Mei | 5 | 8 | **13** | fair |\n| Dev | 4 | 7 | 11 | late |\n| me | — | — | — | wrote it |\n\n"
             "## 0. 环境\n\n| 项 | 值 |\n|---|---|\n| GPU | RTX 3090 24GB（服务器 2 号卡） |\n"
             "| CPU | Xeon Silver 4210R，10C/20T |\n"
             "| 软件 | PyTorch 2.1.2 + CUDA 12.1，torchvision 0.16 |\n\n"
             "## 1. Model details\n\n| | |\n|---|---|\n"
             "| Architecture | ResNet-18 (torchvision), `fc` replaced by `Linear(512, 10)` |\n"
             "| Framework | PyTorch 2.2, torchvision 0.17 |\n\n"
             "## `Dataset`\n\n**用途**：map-style 数据集，按下标取一个样本。\n**坑**\n"
             "- `__getitem__` 里不要做 `.to('cuda')`，worker 是子进程\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for gone in ("Okafor", "resolved", "Mei", "Dev", "RTX 3090", "Xeon", "CUDA 12.1", "ResNet-18", "PyTorch 2.2"):
        assert gone not in texts, gone
    (use,) = [c for c in cards if "按下标取一个样本" in c.back]
    assert "坑" not in use.back, use.back


def test_ordinary_notes_keep_an_environment_a_setup_a_staff_s_role_and_a_table_of_numbers() -> None:
    """An RL environment's parts, a setup defined, a distillation teacher, a table of formulas
    without a total, and a paragraph whose bold lines are all its own fields keep their cards."""
    notes = ("# 笔记\n\n## 环境\n\n- **动作**：智能体在某一时刻可以做出的选择\n- **奖励**：环境对动作的即时反馈，一个标量\n\n"
             "## Setup\n\n| | |\n|---|---|\n| Supervised learning | learning a map from labelled examples |\n"
             "| Self-supervision | labels made from the data itself |\n\n"
             "## Distillation\n\n- **Teacher**: the large pretrained model whose soft labels guide the student\n"
             "- **Student**: the small model trained to match the teacher's outputs\n\n"
             "## 分布\n\n| 分布 | 期望 | 方差 |\n|---|---|---|\n| 伯努利 | $p$ | $p(1-p)$ |\n| 均匀 U(a,b) | $(a+b)/2$ | $(b-a)^2/12$ |\n\n"
             "## 精度\n\n| 格式 | 指数位 | 尾数位 | total |\n|---|---|---|---|\n| fp16 | 5 | 10 | 16 |\n"
             "| bf16 | 8 | 7 | 16 |\n\n"
             "## Adam\n\n**用途**：自适应学习率的优化器\n**默认 lr**：1e-3\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for kept in ("可以做出的选择", "即时反馈", "labelled examples", "data itself", "soft labels", "trained to match",
                 "(b-a)^2/12", "尾数位", "自适应学习率", "1e-3"):
        assert kept in texts, kept


def test_labels_of_one_s_own_asides_and_a_column_of_rejected_words_give_no_card() -> None:
    """A reminder to oneself, a heads-up, a better fix of what came before, a first draft and its
    revision (neither shows the sentence translated), a pointer to another day's question, and the words a glossary
    rejects give no card; the glossary's own choice is asked, and a parameter with no default said is
    asked what it is, not for a default."""
    notes = ("# Upgrade notes\n\n## AMP\n\n**Reminder to self**: with bf16 you don't need GradScaler at all.\n\n"
             "**Heads-up for 2.6**: the default becomes `weights_only=True`.\n\n"
             "**Better fix**: stop saving `args` objects, save `vars(args)`.\n\n"
             "# 翻译笔记\n\n## 术语表\n\n| English | 我的译法 | 备选 / 不用的 | 备注 |\n|---|---|---|---|\n"
             "| geometric progression | 等比数列 | 几何级数 ✗ | 级数是求和 |\n| linear projection | 线性投影 | 线性映射 | |\n"
             "| positional encoding | 位置编码 | 位置嵌入 | |\n\n"
             "## 句 2\n\n**初译**：我们怀疑对于大的 $d_k$ 值，点积的幅度变大。\n\n**改译**：我们推测，当 $d_k$ 较大时，点积的数值会变得很大。\n\n"
             "## Day 9\n\n**回答 Day 4 的问题**：分类用 MSE 相当于假设 one-hot 上加高斯噪声。\n\n"
             "**顺便记**：PyTorch 默认 `allow_tf32 = True`。\n\n"
             "## DataLoader\n\n| 参数 | 说明 |\n|---|---|\n| `shuffle` | 每个 epoch 打乱 |\n| `batch_size` | 默认 **1** |\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    # (the revised translation too: “句 2：**改译** 是什么？” does not show what is translated)
    for gone in ("GradScaler", "weights_only", "vars(args)", "几何级数", "线性映射", "位置嵌入", "我们怀疑",
                 "高斯噪声", "allow_tf32", "我们推测"):
        assert gone not in texts, gone
    for kept in ("等比数列", "线性投影", "位置编码"):
        assert kept in texts, kept
    (shuffle,) = [c for c in cards if c.kind is CardKind.PARAMETER and "`shuffle`" in c.front]
    assert "默认" not in shuffle.front, shuffle.front
    (size,) = [c for c in cards if c.kind is CardKind.CLOZE and "`batch_size`" in c.front]
    assert "{{c1::" in size.front and "1" in size.front


def test_ordinary_notes_keep_a_reminder_defined_a_draft_model_and_a_range() -> None:
    """A reminder as a thing (a calendar's), a draft model in speculative decoding and a table's
    ranges beside one's own reading of them keep what they had."""
    notes = ("# Notes\n\n## Calendar\n\n- **Reminder**: a notification the app shows before an event starts\n\n"
             "## Speculative decoding\n\n- **Draft model**: a small model that proposes tokens the large one verifies\n\n"
             "## 激活函数\n\n| 函数 | 值域 | 我的理解 |\n|---|---|---|\n| sigmoid | (0, 1) | 概率 |\n| tanh | (-1, 1) | 零中心 |\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for kept in ("notification the app shows", "proposes tokens", "(-1, 1)"):
        assert kept in texts, kept


def test_a_later_clause_that_is_only_its_formula_keeps_the_line_s_head() -> None:
    """“幂等 $A^2 = A$：EV 只能是 0 或 1；$r(A) = \\operatorname{tr}(A)$”: the rank equals the trace
    only for the idempotent matrix the line is about, so the card says so; a speaker's tag or a
    correction mark heads no card."""
    notes = ("# 线代\n\n## 相似\n\n10. 幂等 $A^2 = A$：EV 只能是 0 或 1；一定可对角化；$r(A) = \\operatorname{tr}(A)$\n\n"
             "## Idempotent\n\nFor an idempotent matrix $A^2 = A$: eigenvalues are 0 or 1; $r(A) = \\operatorname{tr}(A)$.\n\n"
             "## LSTM\n\n**M:** the key line is additive. $\\partial c_t / \\partial c_{t-1} = \\operatorname{diag}(f_t)$ "
             "if you ignore the gates.\n")
    cards, _ = extract(notes)
    ranks = [c.front for c in cards if "r(A) = ?" in c.front]
    assert len(ranks) == 2 and all("A^2 = A" in f for f in ranks), ranks
    (lstm,) = [c for c in cards if "c_{t-1} = ?" in c.front]
    assert "**M:**" not in lstm.front, lstm.front


@pytest.mark.parametrize("notes, kept", [
    ("# 强化学习\n\n## 环境\n\n- **输出**：下一个状态 $s_{t+1}$、奖励 $r_{t+1}$。\n"
     "- **模型**：环境的转移概率 P(s'|s,a) 和奖励函数 R(s,a)。\n", ["下一个状态", "转移概率"]),
    ("# 体系结构\n\n## 硬件\n\n- **GPU**：图形处理器，有上千个小核心，比如 4090 有 16384 个 CUDA 核心。\n\n"
     "## Hardware\n\n- **SSD**: flash storage, 3-7 GB/s on NVMe.\n", ["图形处理器", "flash storage"]),
    ("# LeNet-5\n\n## 模型概况\n\n- **输入**：32×32 的灰度手写数字图像。\n- **参数量**：约 6 万。\n", ["灰度手写", "约 6 万"]),
    ("# GPT-3\n\n## Model details\n\n- **Params**: 175B, 96 layers, d_model = 12288.\n", ["175B"]),
    ("# 逻辑回归\n\n## Setup\n\n- **Model**: p(y=1|x) = σ(wᵀx + b), a linear score squashed by the sigmoid.\n", ["squashed"]),
    ("# 概率\n\n## 条件\n\n- **P(A | B)**：在 B 已经发生的条件下 A 发生的概率\n- **Q · K**：查询和键的点积\n", ["已经发生", "点积"]),
    ("# Attention\n\n## 复杂度\n\n**时间复杂度**：对序列长度 n，自注意力的计算量是\n**O(n²·d)**\n\n"
     "## Softmax\n\n**Softmax 的输出范围**：每个分量都在\n**(0, 1)**\n", ["O(n²·d)", "(0, 1)"]),
    ("# 术语\n\n## 易混\n\n| 术语 | 含义 | 常见误用 |\n|---|---|---|\n| epoch | 完整遍历一次训练集 | 和 iteration 混为一谈 |\n"
     "| batch | 一次更新用的样本 | 和 dataset 混用 |\n\n## 问题\n\n| 问题 | 原因 | 如何避免 |\n|---|---|---|\n"
     "| 过拟合 | 模型太复杂 | 正则化、数据增强、早停 |\n| 欠拟合 | 模型太简单 | 加大模型 |\n",
     ["混为一谈", "数据增强、早停"]),
    ("# Optimizers\n\n| Optimizer | Use when | Avoid when |\n|---|---|---|\n| SGD | large-batch vision | tiny data |\n"
     "| Adam | transformers | you need the best generalisation |\n", ["best generalisation"]),
    ("# 推测解码\n\n- **草稿**：由小模型（draft model）快速生成的 k 个候选 token\n"
     "- **下一步**：执行动作 a 之后环境按 P(s'|s,a) 转移到的状态 s'\n"
     "- **Word count**: in a bag-of-words model, how many times each word occurs\n", ["候选 token", "转移到的状态", "bag-of-words"]),
    ("# Formats\n\n| Name | sign | exponent | mantissa | total |\n|---|---|---|---|---|\n| FP32 | 1 | 8 | 23 | 32 |\n"
     "| BF16 | 1 | 8 | 7 | 16 |\n", ["23"]),
    ("# 蒸馏\n\n- **Teaching assistants**: in knowledge distillation (TAKD), an intermediate-size model placed "
     "between teacher and student\n", ["intermediate-size"]),
])
def test_ordinary_notes_keep_what_the_review_of_round_sixteen_found_its_rules_took(notes: str, kept: list[str]) -> None:
    """An RL environment's parts, hardware and a classic model's facts under their headings, a
    theory's setup, conditional probabilities and dot products, a bold answer on its own line,
    columns of mistakes and of when to avoid, a draft model and a bag of words, a format's bits
    added up, and teaching assistants in distillation keep their cards."""
    assert_keeps(notes, kept, [])


def test_a_parameter_s_default_said_as_缺省值_is_asked_for() -> None:
    cards, _ = extract("# 优化器\n\n## `torch.optim.SGD`\n\n参数：\n\n- `weight_decay`：L2 惩罚系数，缺省值 0\n")
    (default,) = [c for c in cards if c.kind is CardKind.CLOZE and "weight_decay" in c.front]
    assert "默认为 {{c1::0}}" in default.front, default.front


def test_one_s_own_rendering_beside_the_standard_one_keeps_its_my() -> None:
    cards, _ = extract("# 术语\n\n## 译名\n\n| 英文 | 标准译法 | 我的译法 |\n|---|---|---|\n| robustness | 鲁棒性 | 稳健性 |\n"
                       "| embedding | 嵌入 | 嵌入向量 |\n")
    fronts = [c.front for c in cards]
    assert any("标准译法" in f for f in fronts) and any("我的译法" in f for f in fronts), fronts


def test_a_lesson_s_timetable_a_study_order_pointers_and_a_guest_give_no_card() -> None:
    """A lesson plan's minutes, what is left to tidy and how long it took, links and reading tips,
    the order one means to study in, a podcast's guest, a book's editions, one's own aside
    and surprise, a claim struck out, and what an earlier version of the note said give no card."""
    notes = ("# 第6讲 教案\n\n## 二、时间安排\n\n| 时间 | 内容 | 形式 | 备注 |\n|---|---|---|---|\n"
             "| 0–5 | 回顾上节 | 提问 | |\n| 5–15 | BN 前向 | 讲 | 板书 |\n| 15–30 | 训练 vs 推理 | 讨论 | |\n\n"
             "## 课后反思\n\n- **实际用时**：Q4 讨论超了 8 分钟\n- **还没整理**：手写 BN 前向反向 → 下周末\n"
             "- **相关链接**：[讨论帖](https://www.nowcoder.com/)\n- **推荐读**：[A White Paper on Quantization](https://arxiv.org/abs/2106.08295)\n"
             "- **复习资料**：讲义 ch3–ch9 + 作业 2、4\n\n"
             "## 学习顺序（拓扑排序一下）\n\n1. 高斯 KL —— 自己推一遍（今晚）\n2. 推后验（周末）\n3. 写个小 DDPM 跑通\n\n"
             "# Ep. 47\n\nhost: **Maya Okafor**\nguest: **Dr. Priya Raman** (inference at a chip startup)\n\n"
             "## 06:30 intro\n\n- **Editions**: PRML = Bishop 2006; DL book = Goodfellow 2016\n"
             "- **my aside**: calibration methods are ways of choosing the clipping range\n"
             "- **Nice surprise**: PRML's weight ordering matches PyTorch's layout\n"
             "- **book rec**: none, she said read the kernels\n\n"
             "## Runbook\n\n- **~~spike 一般是 Adam eps 太大导致的~~**：之前写错了，eps 太小时更新才会过大\n\n"
             "## Losses\n\nMy first version of this note said $wd = \\lambda$, which is only true with `reduction='sum'`.\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for gone in ("提问", "板书", "超了 8 分钟", "下周末", "nowcoder", "White Paper", "讲义", "今晚", "chip startup", "Bishop 2006",
                 "clipping range", "weight ordering", "read the kernels", "eps 太大", "wd = "):
        assert gone not in texts, gone


def test_ordinary_notes_keep_a_table_of_times_surprisal_a_reading_path_defined_and_a_crossed_word() -> None:
    """A table of kinds of time, surprise in information theory, a link function, an order of
    operations, and a term with a word struck through inside it keep their cards."""
    notes = ("# 笔记\n\n## 计时\n\n| 时间 | 含义 | 测法 |\n|---|---|---|\n| 墙钟时间 | 真实流逝的时间 | `time.perf_counter()` |\n"
             "| CPU 时间 | 进程占用 CPU 的时间 | `time.process_time()` |\n\n"
             "## Information\n\n- **Surprise**: $-\\log p(x)$, large for unlikely outcomes\n\n"
             "## GLM\n\n- **Link function**: maps the mean of the response to the linear predictor\n\n"
             "## Ops\n\n- **运算顺序**：先乘除后加减\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for kept in ("perf_counter", "unlikely outcomes", "linear predictor", "先乘除后加减"):
        assert kept in texts, kept


def test_a_quiz_question_asks_about_the_code_under_it_on_its_front() -> None:
    """“**Q9.** What does this print?” over a code block, answered in the key further on: the
    card shows the code it asks about."""
    notes = ("# Quiz\n\n## Questions\n\n**Q1.** What does `torch.round(torch.tensor([0.5, 1.5]))` return?\n\n"
             "**Q2.** What does this print?\n\n```python\nimport torch\nprint(torch.tensor([1, 2]).sum())\n```\n\n"
             "## Answer key\n\n**A1.** `tensor([0., 2.])`, round half to even.\n\n**A2.** `tensor(3)`\n")
    cards, _ = extract(notes)
    (q2,) = [c for c in cards if "What does this print" in c.front]
    assert "print(torch.tensor([1, 2]).sum())" in q2.front and "tensor(3)" in q2.back, (q2.front, q2.back)


@pytest.mark.parametrize("notes, kept", [
    ("# 反向传播\n\n## 推导（链式法则）\n\n1. 前向计算每层输出并缓存\n2. 计算损失对输出的梯度\n3. 逐层乘以局部雅可比往回传\n",
     ["逐层乘以局部雅可比"]),
    ("# Training\n\n## Summary (training loop)\n\n1. zero_grad\n2. forward\n3. backward\n4. step\n", ["zero_grad"]),
    ("# 优化器\n\nHost: Adam Chen\n\n- **Adam**: adaptive moment estimation, keeps running averages of the gradient\n",
     ["adaptive moment estimation"]),
    ("# 虚拟化\n\n- **Guest**：运行在虚拟机里的操作系统\n- **Interviewer**: in the AI interviewer pattern, an LLM agent that asks\n",
     ["运行在虚拟机里", "LLM agent"]),
    ("# CUDA\n\n## Overlap\n\n| time slot | stream 1 | stream 2 |\n|---|---|---|\n| 0–1 | H2D chunk 1 | idle |\n"
     "| 1–2 | kernel chunk 1 | H2D chunk 2 |\n", ["H2D chunk 2"]),
    ("# TCP\n\n## 握手\n\n| 时间 | 客户端 | 服务器 |\n|---|---|---|\n| 0–1 | 发送 SYN | 等待 |\n| 1–2 | 等待 | 回 SYN-ACK |\n",
     ["回 SYN-ACK"]),
    ("# Image GPT\n\n- **Reading order**: the raster-scan order in which Image GPT predicts pixels\n"
     "- **学习顺序**：课程学习中样本由易到难呈现给模型的顺序\n- **用时**：算法在最坏情况下的运行时间，记作 $T(n)$\n",
     ["raster-scan", "由易到难", "最坏情况"]),
    ("# 排序\n\n| 算法 | 用时 | 额外空间 |\n|---|---|---|\n| 归并排序 | $O(n \\log n)$ | $O(n)$ |\n"
     "| 插入排序 | $O(n^2)$ | $O(1)$ |\n", ["O(n^2)"]),
    ("# 推荐系统\n\n- **推荐阅读时长**：用户在推荐文章上停留的平均时长\n", ["停留的平均时长"]),
    ("# API\n\n- **~~`torch.autograd.Variable`~~**：0.4 起弃用，Tensor 本身就能 requires_grad\n"
     "- ~~`F.upsample`~~: deprecated, use `F.interpolate(...)`\n", ["Tensor 本身就能", "F.interpolate"]),
    ("# ResNet\n\nThe original version had the ReLU after the addition: $y = \\mathrm{ReLU}(\\mathcal{F}(x)+x)$.\n\n"
     "交叉熵之前写成 $H(p,q) = -\\sum_x p(x)\\log q(x)$，这里换成期望形式。\n", ["\\mathcal{F}(x)+x", "\\log q(x)"]),
])
def test_ordinary_notes_keep_what_the_review_of_round_seventeen_found_its_rules_took(notes: str, kept: list[str]) -> None:
    """Steps under a heading with its subject in brackets, Adam beside a host named Adam, a guest OS
    and an interviewer agent, knowledge laid out by time, a reading order and a curriculum, time
    as a column, a recommender's metric, deprecated APIs struck through, and a model's original
    version or a formula written earlier in the text keep their cards."""
    assert_keeps(notes, kept, [])


def test_a_choice_question_is_one_card_and_its_options_give_none() -> None:
    """A multiple-choice question (a stem, lettered options, “**答案：A**” and its 解析) is asked
    whole, options on the front, the answer and why on the back; an option alone (“A. $\\hat\\mu
    \\leftarrow 0.9\\hat\\mu + 0.1\\mu_B$”) is no fact, the wrong ones least of all. Options with no
    answer written give no card either."""
    notes = ("# 选择题\n\n### Q2 【自编】\n\nPyTorch 中 BN 的 `momentum=0.1`（默认），running_mean 的更新公式是：\n\n"
             "- A. $\\hat\\mu \\leftarrow 0.9\\,\\hat\\mu + 0.1\\,\\mu_B$\n- B. $\\hat\\mu \\leftarrow 0.1\\,\\hat\\mu + 0.9\\,\\mu_B$\n"
             "- C. $\\hat\\mu \\leftarrow \\mu_B$\n\n**答案：A**\n解析：Keras 的 momentum 含义正好反过来。\n\n"
             "### Q3\n\nWhich observer clips outliers?\n\n- (a) `MinMaxObserver`\n- (b) `HistogramObserver`\n\n"
             "**Answer: (b)** it picks the range that minimises the quantization error.\n\n"
             "### Q4\n\nWhich is the default eps of `nn.LayerNorm`?\n\n- A. 1e-5\n- B. 1e-8\n\n"
             "### Q10\n\nRMSNorm 的公式（$n$ 为特征维数）\n\n- A. $y = \\frac{x - \\mu}{\\sigma}\\gamma$\n"
             "- B. $y = \\frac{x}{\\mathrm{RMS}(x)}\\gamma$\n\n**答案：B**\n解析：去掉了减均值。\n\n"
             "## 其他\n\n- **LN**：对每个样本的特征维归一化\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    (q2,) = [c for c in cards if "running_mean 的更新公式是" in c.front]
    assert "0.1\\,\\hat\\mu + 0.9" in q2.front and "答案：A" in q2.back and "Keras" in q2.back, (q2.front, q2.back)
    assert not any(c.front.lstrip().startswith(("A.", "B.", "C.")) for c in cards), texts
    assert sum("0.1\\,\\hat\\mu + 0.9" in c.front + c.back for c in cards) == 1, texts
    (q3,) = [c for c in cards if "Which observer" in c.front]
    assert "HistogramObserver" in q3.front and "minimises" in q3.back
    assert "1e-8" not in texts
    (q10,) = [c for c in cards if "RMSNorm 的公式" in c.front]
    assert "\\sigma" in q10.front and "去掉了减均值" in q10.back, (q10.front, q10.back)
    assert "对每个样本的特征维归一化" in texts


def test_ordinary_notes_keep_cases_and_parts_lettered_from_a() -> None:
    """Regimes lettered A and B under a line that lays them out, not asks to choose, keep their cards."""
    notes = ("# Fitting\n\n## Cases\n\nTwo regimes:\n\n- A. **Underfitting**: the model is too simple to capture the signal\n"
             "- B. **Overfitting**: the model memorises noise in the training set\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for kept in ("too simple to capture", "memorises noise"):
        assert kept in texts, kept


def test_one_s_ratings_a_team_s_name_and_a_contest_s_task_give_no_card() -> None:
    """A paper digest's own scores (“打分：⭐⭐⭐⭐ / 兴趣 5”, a “我打分” column), a hackathon's team and
    task give no card; a rating defined in recommender notes keeps its."""
    notes = ("# arXiv 速览\n\n## AWQ\n\n- 一句话：按激活幅度保护 1% 的显著权重\n- 打分：⭐⭐⭐⭐ / 兴趣 **5** → 周末精读\n\n"
             "## 月底小结\n\n| 论文 | 类型 | 我打分 | 兴趣 |\n|---|---|---|---|\n| GPTQ | weight-only | ⭐5 | 5 |\n"
             "| AWQ | weight-only | ⭐4 | 5 |\n\n# 黑客松\n\n**队名**：三个臭皮匠　成员：我、阿杰、小鱼\n\n"
             "**赛题**：校园植物照片 120 类分类，train 2.1 万张\n\n# 推荐系统\n\n- **Rating**: a user's explicit feedback on an item, 1–5 stars\n"
             "- **兴趣**：用户对物品的偏好程度\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for gone in ("⭐", "臭皮匠", "120 类分类"):
        assert gone not in texts, gone
    for kept in ("explicit feedback", "偏好程度", "weight-only"):
        assert kept in texts, kept


@pytest.mark.parametrize("notes, kept", [
    ("# LR\n\nHere is what the common schedules do:\n\n- A. Step decay: multiply the lr by γ every k epochs\n"
     "- B. Cosine annealing: follow half a cosine from the base lr down to zero\n- C. Linear warmup: ramp up over the first steps\n",
     ["half a cosine"]),
    ("# 误差\n\n模型误差可以分解成哪几部分？\n\n- A. **偏差**：模型假设与真实规律的差距\n- B. **方差**：对训练集扰动的敏感程度\n",
     ["真实规律的差距", "扰动的敏感程度"]),
    ("# Opt\n\n## Q1\n\nWhich optimizer decouples weight decay?\n\n- A. Adam\n- B. AdamW\n\n**Answer: B**\n\n"
     "**AMSGrad**: keeps the running max of the second moment\n", ["running max of the second moment"]),
    ("# 推荐\n\n- **评分**：5 分制的显式反馈，用户主动给出，稀疏但信号强\n\n"
     "| 模型 | 关系建模方式 | 评分 |\n|---|---|---|\n| TransE | 平移 | 负的头加关系与尾之间的距离 |\n"
     "| DistMult | 双线性对角 | 三者逐元素乘积之和 |\n", ["5 分制", "三者逐元素乘积之和"]),
    ("# W&B\n\n- **Team**: W&B 里多人共享的 entity，免费版最多 1 个 team\n", ["多人共享的 entity"]),
    ("# Quiz\n\n**Q1.** Derive the derivative of the sigmoid.\n\n$$\\sigma'(x) = \\sigma(x)(1-\\sigma(x))$$\n\n"
     "**Q2.** What is the range of tanh?\n\n## Key\n\n**A1.** Use the quotient rule.\n\n**A2.** $(-1, 1)$\n",
     ["quotient rule"]),
])
def test_ordinary_notes_keep_what_the_review_of_round_eighteen_found_its_rules_took(notes: str, kept: list[str]) -> None:
    """Lettered points with no answer written are points, not options; a definition after a
    choice question's answer is its own; a rating scale and a scoring column of a knowledge-graph
    table are knowledge; a team defined with a number; a worked answer under a quiz question is
    not put on its front."""
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for text in kept:
        assert text in texts, text
    if "Derive the derivative" in notes:
        (q1,) = [c for c in cards if "Derive the derivative" in c.front]
        assert "1-\\sigma(x)" not in q1.front, q1.front


def test_a_choice_question_s_answer_said_in_words_and_its_explanation_in_a_quote() -> None:
    notes = ("# 题库\n\n## Q1\n\nDropout 在推理阶段（ ）。\n\n- A. 随机丢弃神经元\n- B. 不丢弃，输出不缩放\n\n答案为 B\n\n"
             "> 解析：PyTorch 用 inverted dropout，训练时已经除以 1-p。\n\n"
             "## Q2\n\nWhich layer has no parameters?\n\n- A. Conv2d\n- B. MaxPool2d\n\nAnswer: B, because pooling only takes a max.\n")
    cards, _ = extract(notes)
    (q1,) = [c for c in cards if "Dropout 在推理阶段" in c.front]
    assert "inverted dropout" in q1.back, q1.back
    (q2,) = [c for c in cards if "no parameters" in c.front]
    assert "MaxPool2d" in q2.front and "only takes a max" in q2.back


def test_a_choice_question_written_line_by_line_in_one_paragraph_is_one_card() -> None:
    """“下列哪个激活函数…？” with its options and “答案：C” on the lines under it, no blank line between
    (as most notes write them), or the answer right under a list of options, is one card."""
    notes = ("# 选择题\n\n## 1\n\n下列哪个激活函数在正半轴梯度恒为 1？\nA. Sigmoid\nB. Tanh\nC. ReLU\nD. Softmax\n"
             "答案：C\n解析：ReLU 在 x > 0 时导数为 1。\n\n"
             "## 2\n\nWhich layer has no learnable parameters?\n\n- A. Conv2d\n- B. MaxPool2d\n- C. BatchNorm2d\nAnswer: B\n\n"
             "## 3\n\n- **Sigmoid**：把实数压到 (0, 1)\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    (q1,) = [c for c in cards if "正半轴梯度恒为 1" in c.front]
    assert "C. ReLU" in q1.front and "答案：C" in q1.back and "导数为 1" in q1.back and "答案" not in q1.front, (q1.front, q1.back)
    (q2,) = [c for c in cards if "no learnable parameters" in c.front]
    assert "MaxPool2d" in q2.front and "Answer: B" in q2.back and "Answer" not in q2.front, (q2.front, q2.back)
    assert "压到 (0, 1)" in texts


def test_who_does_what_who_posted_a_first_attempt_and_an_answer_that_only_points_give_no_card() -> None:
    """A group's table of who does what, its group number and change log, who posted a question on
    a wall, a first attempt's code, an answer that is only a cross-reference (“@eq-ce”), a citation
    key as a term and office hours give no card."""
    notes = ("# 大作业\n\n组号：第7组\n\n## 分工\n\n| 人 | 负责 | 产出 | DDL |\n|---|---|---|---|\n"
             "| 李一凡 | FP32 baseline 训练、评测脚本 | baseline ckpt | 11/10 |\n| 陈思远 | PTQ：fuse、observer 对比 | `ptq.py` | 11/17 |\n\n"
             "## 修改记录\n\n- v0.1 11/3 陈思远：初稿\n- v0.2 11/5 赵博：加了树莓派部分\n\n"
             "## Q1 BN 在 train 和 eval 模式下差在哪？\n\n贴的人：小鱼　✋✋✋\n\n"
             "# Kata\n\n## conv2d\n\nAttempt 1:\n```python\ndef conv2d(x, w):\n    return (w @ x).view(2, 3)\n```\n\n"
             "# Losses\n\n## Summary table\n\n| Loss | formula | use |\n|---|---|---|\n| CE | @eq-ce | default |\n"
             "| focal | @eq-focal | imbalance |\n\n## LS\n\n- **@muller2019**: a teacher trained with LS is a worse teacher\n"
             "- **Office hours Thu 4pm**: ask TA whether the quiz covers focal loss\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for gone in ("第7组", "评测脚本", "ptq.py", "树莓派", "小鱼", "w @ x", "@eq-ce", "@eq-focal", "worse teacher", "ask TA"):
        assert gone not in texts, gone
    assert "imbalance" in texts


def test_ordinary_notes_keep_a_table_of_people_s_results_and_a_second_attempt() -> None:
    """A table of scientists and what each found, and code under “Attempt 2 (works):” keep their cards."""
    notes = ("# 历史\n\n| 人物 | 贡献 | 年份 |\n|---|---|---|\n| Hinton | 反向传播的推广 | 1986 |\n| LeCun | 卷积网络 LeNet | 1998 |\n\n"
             "## Name | formula\n\n| Name | Formula |\n|---|---|\n| ReLU | $\\max(0, x)$ |\n| GELU | $x\\Phi(x)$ |\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for kept in ("卷积网络 LeNet", "\\max(0, x)"):
        assert kept in texts, kept


@pytest.mark.parametrize("notes, kept", [
    ("# Retrieval\n\nTwo ways to score a query against documents:\n\n- A. **Bi-encoder**: encodes query and document separately\n"
     "- B. **Cross-encoder**: reads query and document together\n\nKey: a bi-encoder can precompute the document vectors.\n",
     ["encodes query and document separately"]),
    ("# 微调\n\n两种微调方案：\n\n- A. **全量微调**：更新全部参数\n- B. **LoRA**：只训练低秩增量矩阵\n\n选 A 还是 B 主要看显存和数据量。\n",
     ["更新全部参数"]),
    ("# 部署\n\n问：导出模型有哪两种常见方式？\n\n- A. TorchScript：trace 或 script\n- B. ONNX：跨框架的图格式\n\n"
     "答：C++ 端一般用 TorchScript。\n", ["跨框架的图格式"]),
    ("# Q\n\n## 1\n\nWhich divergence is asymmetric?\n\n- A. JS\n- B. KL\n\nAnswer: B\n\n"
     "$$D_{KL}(p\\|q) = \\sum_x p(x) \\log \\frac{p(x)}{q(x)}$$\n\n"
     "Perplexity is the exponential of the cross-entropy: $\\mathrm{PPL} = e^{H(p, q)}$.\n", ["\\mathrm{PPL} = ?"]),
])
def test_ordinary_notes_keep_what_the_second_review_of_choice_questions_found(notes: str, kept: list[str]) -> None:
    """Lettered points followed by a remark that opens on “Key:”, “选 A 还是 B”, “答：C++ …” are points;
    a formula and a fact after a choice question's answer are cards of their own."""
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for text in kept:
        assert text in texts, text
    assert not any("choice" in c.flags and "PPL" in c.back for c in cards), texts


def test_a_choice_question_with_several_answers_and_the_next_question_in_the_same_paragraph() -> None:
    notes = ("# 题\n\n下列说法正确的有：\nA. BN 训练时用 batch 统计量\nB. LN 不依赖 batch\nC. GN 需要大 batch\nD. IN 常用于风格迁移\n"
             "答案：ABD\n解析：GN 正是为小 batch 设计的。\n\n"
             "哪个激活函数在 0 点不可导？\nA. ReLU\nB. Sigmoid\n答案：A\nQ: ReLU 的缺点是什么？\n答：死神经元。\n")
    cards, _ = extract(notes)
    (multi,) = [c for c in cards if "下列说法正确的有" in c.front]
    assert "答案：ABD" in multi.back and "小 batch" in multi.back
    (relu,) = [c for c in cards if "0 点不可导" in c.front]
    assert "死神经元" not in relu.back, relu.back


def test_a_question_heading_answered_by_someone_s_answer_mark_is_one_card() -> None:
    """“## Q1 BN 在 train 和 eval 模式下到底差在哪？” over “**答（老王）：** …”, a follow-up and its
    answer: the heading asked, the first answer on the back; the follow-up asked with its own answer."""
    notes = ("# 问题墙\n\n## Q1 BN 在 train 和 eval 模式下到底差在哪？\n\n贴的人：小鱼　✋✋\n\n"
             "**答（老王）：** train 模式用当前 batch 的均值、方差；eval 模式直接用 running 统计量。\n\n"
             "**追问（小鱼）：** 那 momentum=0.1 是说新的占 0.9 吗？\n\n**答（老王）：** 反了，新的占 0.1。\n\n"
             "## Q4 BN 放在激活前还是激活后？\n\n**答（阿杰）：** ~~必须放在 ReLU 后面。~~\n\n"
             "## 笔记\n\n- **答辩**：毕业前的最后一关\n")
    cards, _ = extract(notes)
    (q1,) = [c for c in cards if "train 和 eval 模式下到底差在哪" in c.front and "momentum" not in c.front]
    assert "running 统计量" in q1.back and "反了" not in q1.back, q1.back
    # (the follow-up and its answer, a card of their own under the heading)
    (follow,) = [c for c in cards if "那 momentum=0.1 是说新的占 0.9 吗？" in c.front]
    assert follow.back.startswith("反了"), follow.back
    assert not any("必须放在 ReLU 后面" in c.back for c in cards)


@pytest.mark.parametrize("notes, kept", [
    ("# GAN\n\n| 谁 | 任务 | 输入 | 损失 |\n|---|---|---|---|\n| 生成器 G | 以假乱真 | 噪声 z | 非饱和损失 |\n"
     "| 判别器 D | 分辨真假 | 图像 x | 二元交叉熵 |\n", ["以假乱真"]),
    ("# Raft\n\n| 成员 | 职责 | 何时出现 |\n|---|---|---|\n| Leader | 接收写请求并复制日志 | 选举胜出后 |\n"
     "| Follower | 被动响应 | 平时 |\n", ["复制日志"]),
    ("# Python\n\n- **@torch.no_grad()**：关闭梯度追踪，推理时省显存\n- **@property**：把方法变成只读属性\n",
     ["关闭梯度追踪", "只读属性"]),
    ("# Git\n\n## 版本记录\n\n- **git log**：查看提交历史\n- **git reflog**：查看 HEAD 的移动记录\n", ["提交历史"]),
    ("# 二分\n\n**第一版：** 左闭右闭区间\n\n```python\ndef search(a, x):\n    lo, hi = 0, len(a) - 1\n    while lo <= hi:\n"
     "        mid = (lo + hi) // 2\n        if a[mid] == x:\n            return mid\n        if a[mid] < x:\n            lo = mid + 1\n"
     "        else:\n            hi = mid - 1\n    return -1\n```\n", ["def search"]),
])
def test_ordinary_notes_keep_what_the_review_of_round_nineteen_found_its_rules_took(notes: str, kept: list[str]) -> None:
    """A system's roles by who does what (no due date), decorators, git's history commands under a
    version heading, and a first version that is right keep their cards."""
    assert_keeps(notes, kept, [])


def test_a_thread_s_first_answer_is_asked_only_when_nothing_corrects_it_and_with_what_runs_on() -> None:
    notes = ("# 问题墙\n\n## 为什么 Adam 需要 bias correction？\n\n**答（小李）：** 因为学习率太大。\n\n"
             "**答（老王）：** 不对。初始时 m 和 v 是 0，前几步的估计偏向 0。\n\n"
             "## 梯度累积怎么写？\n\n**答（老王）：** 每步 loss 除以累积步数，攒够再 `step()`：\n\n"
             "```python\nloss = loss / k\nloss.backward()\nif (i + 1) % k == 0:\n    opt.step()\n    opt.zero_grad()\n```\n\n"
             "## BN 的细节有哪些？\n\n**问**：eval 时用什么统计量？\n\n**答**：running 统计量。\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert "学习率太大" not in texts, texts
    (accum,) = [c for c in cards if "梯度累积怎么写" in c.front]
    assert "opt.zero_grad()" in accum.back, accum.back
    assert not any("BN 的细节有哪些" in c.front and "running 统计量" in c.back for c in cards), texts


def test_who_to_ask_a_club_s_news_one_s_score_and_takeaways_give_no_card() -> None:
    notes = ("# Onboarding\n\n## 4. Who to ask\n\n| topic | person | how |\n|---|---|---|\n| cluster, SLURM | Wei (PhD) | Slack |\n"
             "| QAT codebase | Tomás (PhD) | DM fine |\n\n## 1. Club stuff\n\n- **Room change**: meetings are now in ENG 214\n\n"
             "# 归一化\n\n## 四、得分 & 反思\n\n| 题型 | 题数 | 错 |\n|---|---|---|\n| 判断 | 16 | 4 |\n| 填空 | 12 | 3 |\n\n"
             "## 总结\n\n- **今天最大的收获**：我两次把方向说反了\n- **下次时间**：下周四，同一时间\n\n"
             "## Poster #30\n\n- **Author also mentioned**: numpy's global RNG is copied into every worker\n\n"
             "## History of ideas\n\n| idea | person | year |\n|---|---|---|\n| backprop | Rumelhart | 1986 |\n| LSTM | Hochreiter | 1997 |\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for gone in ("Wei (PhD)", "DM fine", "ENG 214", "16", "说反了", "下周四", "global RNG"):
        assert gone not in texts, gone
    assert "Rumelhart" in texts  # (a column of who found what is knowledge)


def test_a_true_or_false_question_is_one_card_and_its_false_statement_is_no_fact() -> None:
    """“ReLU 在 0 点可导。（ ）” over “答案：×”: the statement is asked with its blank, the verdict and
    why on the back; a statement marked false is never a card of its own."""
    notes = ("# 判断题\n\n## 1\n\n梯度方向是函数值下降最快的方向。（ ）\n答案：×\n解析：负梯度方向才是下降最快的方向。\n\n"
             "## 2\n\nBN 在 eval 模式下使用 running 统计量。（ ）\n\n**答案：√**\n\n## 3\n\n- **梯度**：函数增长最快的方向\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    (q1,) = [c for c in cards if "下降最快的方向。（ ）" in c.front]
    assert "答案：×" in q1.back and "负梯度" in q1.back, q1.back
    (q2,) = [c for c in cards if "running 统计量。（ ）" in c.front]
    assert "√" in q2.back
    assert sum("梯度方向是函数值下降最快的方向" in c.front + c.back for c in cards) == 1, texts
    assert "函数增长最快的方向" in texts


@pytest.mark.parametrize("notes, kept, gone", [
    ("# Q\n\n## BN 和 LN 有什么区别？\n\n**答：** BN 在 batch 维度上归一化，LN 在特征维度上归一化。\n\n"
     "- **Dropout**：训练时以概率 p 随机置零激活\n- **Adam**：自适应学习率\n", ["随机置零激活", "自适应学习率"], []),
    ("# Q\n\n## 为什么用非对称量化？\n\n**答：** 激活常常全为正。\n\n不对称分布用非对称量化更省精度。\n",
     ["激活常常全为正"], []),
    ("# Q\n\n## 为什么小 batch 下 BN 效果差？\n\n**背景：** 我用 batch size 2 训练检测模型。\n\n"
     "**答：** batch 太小时均值方差估计噪声很大。\n", ["估计噪声很大"], []),
    ("# Q\n\n## 为什么 Transformer 用 LN？\n\n**答（小李）：** ~~因为 LN 更快~~\n\n"
     "**答（老王）：** 因为序列长度可变、batch 小，LN 对每个 token 单独归一化。\n", ["对每个 token 单独归一化"], ["LN 更快"]),
    ("# Q\n\n## How does LoRA update a weight?\n\n**A:** r×k down-projection\n\n**B:** d×r up-projection\n",
     [], ["r×k down-projection"]),
    ("# Q\n\n## L1 为什么产生稀疏解？\n\n**答：** 因为 L1 的梯度恒定。\n\n**更正：** L1 的等高线是菱形，顶点在坐标轴上。\n",
     [], ["梯度恒定"]),
    ("# Q\n\n## Does weight decay apply to biases?\n\n**A:** No, not by default.\n\n**Why:** param groups decide it.\n",
     ["param groups decide it"], []),
    ("# 判断\n\nReLU：max(0, x)，正区间梯度恒为 1。\n判断：ReLU 在 0 点可导。（ ）\n答：错\n", [], ["答：错"]),
])
def test_ordinary_notes_keep_what_the_review_of_thread_answers_found(notes: str, kept: list[str], gone: list[str]) -> None:
    """A thread's answer takes only what explains it; a word that starts like a correction (“不对称”) or a
    bold lead before it (“**背景：**”) does not stop it; a struck-out first answer gives way to the next;
    “**A:**” beside “**B:**” is no answer; a bold correction stops the wrong one; a true-or-false
    statement must open its paragraph."""
    assert_keeps(notes, kept, gone)


def test_a_formula_under_a_list_item_that_introduces_it_is_asked_with_that_item() -> None:
    """“- 推理时可以把 BN fold 进前面的 conv：” as a list's last item, then a display formula: the item is
    the formula's lead, as a paragraph ending in a colon would be (not the section's heading alone)."""
    notes = ("# BN\n\n### 实践细节\n\n- Conv 后面接 BN 时 conv 的 `bias=False`\n- 推理时可以把 BN **fold** 进前面的 conv：\n\n"
             "$$\nW' = \\frac{\\gamma}{\\sqrt{\\sigma^2 + \\epsilon}} W\n$$\n")
    cards, _ = extract(notes)
    (card,) = [c for c in cards if "W'" in c.front]
    assert "fold" in card.front and "conv" in card.front, card.front


def test_one_s_own_timings_per_iteration_and_an_experiment_s_settings_give_no_card() -> None:
    """“| 实现 | 时间/iter |” over “~38 ms”: one's own benchmark; “**设置：** 4×A100 …” is a report's field;
    under a variable's name (“| t | ρ_t |”), a row in words among numbers is one of a sweep's rows."""
    notes = ("# LSTM\n\n## 速度对比\n\n| 实现 | 时间/iter |\n|---|---|\n| `nn.LSTM` | ~38 ms |\n| `MyLSTM` | ~95 ms |\n"
             "| `MyLSTM` + jit | ~70 ms |\n\n## 本周实验\n\n**设置：** 实验室 4×A100 40G 那台，GPT-2 small，跑 500 step 取平均。\n\n"
             "# Review\n\n## Summary\n\nExperiments: ResNet-18 / CIFAR-10, ViT-S/16 on ImageNet, GPT-2 small for 50k steps.\n\n"
             "## RAdam\n\n| t | $\\rho_t$ | $r_t$ |\n|---|---|---|\n| 1–4 | ≈ t | – (SGDM branch) |\n| 5 | 4.996 | 0.017 |\n"
             "| 100 | 98.3 | 0.215 |\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for gone in ("38 ms", "95 ms", "4×A100", "≈ t", "SGDM"):
        assert gone not in texts, gone


def test_a_reading_list_named_at_length_is_back_matter() -> None:
    notes = ("# Letter\n\n## 10. Reading list that actually helped\n\n- **skip**: that 40-page Medium guide\n"
             "- **The Annotated Transformer**: line-by-line code\n")
    cards, _ = extract(notes)
    assert not cards, [c.front for c in cards]


def test_a_name_that_makes_one_noun_with_the_word_after_it_is_no_term() -> None:
    """“- running 统计量用 `register_buffer`”: “running 统计量” is one noun; “running” is asked nothing."""
    notes = ("# BN\n\n## 易错点\n\n- running 统计量用 `register_buffer`，不是 Parameter\n- PyTorch 版本不同默认值不同\n"
             "- GELU 高斯误差线性单元\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert "**running**" not in texts and "**PyTorch**" not in texts, texts
    assert "高斯误差线性单元" in texts  # (a name and what it is stays a card)


def test_code_under_a_bare_check_label_and_a_line_that_says_the_output_checks_out_give_no_card() -> None:
    """“Quick check:” over a loop that prints numbers checks a claim of the text (the verifier still
    runs it); “checks out: $…$ → 7, 9 ✓” under a notebook's output says the output is right."""
    notes = ("# Notes\n\n## RAdam\n\nQuick check:\n\n```python\nimport math\nb2 = 0.999\nrho_inf = 2 / (1 - b2) - 1   # 1999\n"
             "for t in [1, 5, 100]:\n    print(t, rho_inf - 2 * t * b2**t / (1 - b2**t))\n```\n\n"
             "## Basic backward\n\n```python\nimport torch\nx = torch.tensor([2., 3.], requires_grad=True)\n"
             "(x**2 + 3*x).sum().backward()\nprint(x.grad)\n```\n\n```\ntensor([7., 9.])\n```\n\n"
             "checks out: $\\frac{d}{dx}(x^2 + 3x) = 2x + 3$ → 7, 9 ✓\n\n"
             "## Softmax\n\nStable softmax:\n\n```python\nimport torch\ndef softmax(x):\n    e = (x - x.max()).exp()\n    return e / e.sum()\n```\n")
    from studydeck.gates import unrun

    cards, notices = extract(notes)
    cards, left_out = unrun(cards, {})  # (as after the verifier ran, whatever it found)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert "rho_inf" not in texts and "Quick check" not in texts, texts
    assert any(n.rule == "left-out:check-code" for n in left_out)
    assert "2x + 3" not in texts, texts
    assert "def softmax" in texts  # (code under a caption that names it stays)


def test_a_bold_lead_that_ends_its_sentence_is_not_part_of_a_label_after_it() -> None:
    notes = ("# Review\n\n## Weaknesses\n\n1. **Seeds / variance.** CIFAR: 3 seeds, ImageNet: 1 seed.\n"
             "2. **Dropout rate**: 0.1 in every layer\n")
    cards, _ = extract(notes)
    fronts = [c.front for c in cards]
    assert not any("Seeds / variance. CIFAR" in f for f in fronts), fronts
    assert any("Dropout rate" in f for f in fronts), fronts


def test_a_cheat_sheet_table_asks_each_op_s_shapes_and_its_gotcha() -> None:
    """“| op | shape in → shape out | gotcha |”: each row's shapes and what to watch out for are asked."""
    notes = ("# Cheat sheet\n\n## Shape changing\n\n| op | shape in → shape out | gotcha |\n|---|---|---|\n"
             "| `x.flatten(1)` | `(B, C, H, W)` → `(B, C*H*W)` | `flatten()` with no args flattens B too |\n"
             "| `x.squeeze()` | `(1, 3, 1)` → `(3,)` | squeezes all size-1 dims; pass a dim |\n"
             "| `x.unsqueeze(1)` | `(B, D)` → `(B, 1, D)` | same as `x[:, None, :]` |\n")
    cards, _ = extract(notes)
    by_front = {c.front: c.back for c in cards}
    assert any("`x.squeeze()`" in f and "gotcha" in f and "pass a dim" in b for f, b in by_front.items()), by_front
    assert any("`x.flatten(1)`" in f and "shape in" in f and "C*H*W" in b for f, b in by_front.items()), by_front


@pytest.mark.parametrize("notes, kept, gone", [
    # a name and its kind, where the kind begins with a noun a name can make one noun with
    ("# 工具\n\n## 一览\n\n- Black 代码格式化工具，几乎没有可配置项\n- Git 版本控制系统，分布式\n- Postman 接口调试工具\n",
     ["代码格式化工具", "版本控制系统", "接口调试工具"], []),
    # a protocol's time per repeat is a step's property, not one's own measurement
    ("# Western blot\n\n## 洗膜\n\n| 步骤 | 次数 | 时间/次 | 缓冲液 |\n|---|---|---|---|\n| 封闭 | 1 | 1 h | 脱脂奶 |\n"
     "| 洗膜 | 3 | 5 min | TBST |\n| 二抗孵育 | 1 | 1 h 室温 | 脱脂奶 |\n", ["TBST", "5 min"], []),
    # critical values under a quantity's name, one row in words: values to know, not a sweep
    ("# Stats\n\n## Critical values\n\n| Confidence | two-sided z | one-sided z |\n|---|---|---|\n| 90% | 1.645 | 1.282 |\n"
     "| 95% | 1.96 | 1.645 |\n| 99% | 2.576 | 2.326 |\n| rule of thumb | about 2 | about 1.6 |\n", ["1.96", "2.326"], []),
    # a labelled item keeps its points on the back, whatever is nested under one of them
    ("# Optimizers\n\n- **Adam**: adaptive moment estimation\n  - keeps a running mean of gradients\n"
     "  - and a running mean of their squares\n    - both bias-corrected in early steps\n  - default lr 1e-3\n",
     ["running mean of gradients", "default lr 1e-3"], []),
    # a list's last item that is a label, a to-do, a pointer or a note to oneself introduces no formula
    ("# 概率\n\n## 本讲要点\n\n- 条件概率是贝叶斯的基础\n- 还没看懂的地方，周五答疑问助教：\n\n$$\nP(A \\mid B) = \\frac{P(A \\cap B)}{P(B)}\n$$\n\n"
     "## 全概率\n\n- 先划分样本空间\n- 课后作业：\n\n$$\nP(A) = \\sum_i P(A \\mid B_i) P(B_i)\n$$\n\n"
     "## 行列式\n\n- [ ] 背下面这个：\n\n$$\n\\det(AB) = \\det(A)\\det(B)\n$$\n\n"
     "## Regression\n\n- Re-read chapter 3\n- Questions for office hours:\n\n$$\n\\mathrm{Var}(\\hat\\beta) = \\sigma^2 (X^\\top X)^{-1}\n$$\n",
     ["P(A \\mid B) = ?", "P(A) = ?", "\\det(AB) = ?", "\\mathrm{Var}(\\hat\\beta) = ?"], ["看懂", "课后作业", "[ ]", "office hours"]),
    # “实验设置” and “Experiment” name concepts; a bold number or abbreviation before a label is part of it
    ("# 统计\n\n## 名词\n\n- **实验设置**：对照组和实验组的分组方式，要保证只有一个变量不同\n"
     "- **Experiments**: in design of experiments, the runs you plan before collecting data\n\n"
     "## Key terms\n\n**2.** Mutual information: how much knowing one variable reduces uncertainty about the other.\n\n"
     "**Def.** KL divergence: the extra bits paid for coding with the wrong code.\n",
     ["对照组和实验组", "runs you plan", "reduces uncertainty", "extra bits"], []),
    # one's own column is no property, however short its name
    ("# DS\n\n## Comparison\n\n| Structure | Average lookup time | What I still don't get |\n|---|---|---|\n"
     "| Hash table | O(1) | why resizing is amortised |\n| BST | O(log n) | red-black rotations |\n"
     "| Sorted array | O(log n) | nothing |\n", ["O(log n)"], ["red-black rotations"]),
    # a reading list named for what it covers still holds definitions
    ("# Attention\n\n## Reading list for the exam: the three key ideas\n\n"
     "- **Scaled dot-product attention**: softmax of scaled query-key scores times the values\n",
     ["softmax of scaled query-key scores"], []),
])
def test_ordinary_notes_keep_what_the_review_of_round_twenty_one_found_its_rules_took(
        notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_line_that_checks_one_s_own_function_against_the_library_gives_no_card() -> None:
    """“验证：`torch.allclose(my_ce(z, y), F.cross_entropy(z, y))`” checks the code above; it is not asked."""
    notes = ("# 手撕\n\n## Cross-Entropy\n\n验证：`torch.allclose(cross_entropy(z, y), F.cross_entropy(z, y))`。\n\n"
             "**复杂度：** $O(NC)$。\n\n## 验证集\n\n- **验证集**：用来调超参数的数据\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert "allclose" not in texts, texts
    assert "调超参数" in texts


def test_a_symbol_approximated_by_arithmetic_on_numbers_is_a_worked_value() -> None:
    notes = ("# Notes\n\n## Half-life\n\n- For $\\lambda_0=1$: $t \\approx 0.693/0.0010005 \\approx 693$ steps.\n"
             "- Euler's number: $e \\approx 2.718$\n- Stirling: $n! \\approx \\sqrt{2\\pi n}(n/e)^n$\n")
    cards, notices = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert "693" not in texts, texts
    assert any(n.rule == "left-out:worked-value" for n in notices)
    assert "2.718" in texts and "\\sqrt{2\\pi n}" in texts, texts


def test_a_hash_inside_a_sentence_counts_and_only_trailing_tags_are_dropped() -> None:
    """“start at #CPU cores / #GPUs, go down …”: “#” means “number of”; “… #todo #bn” at a line's end are tags."""
    notes = ("# DataLoader\n\n## Checklist\n\n- **num_workers**: start at #CPU cores / #GPUs, go down if RAM explodes\n"
             "- **pin_memory**: True when training on GPU #gotcha #todo\n")
    cards, _ = extract(notes)
    backs = {c.front: c.back for c in cards}
    assert any("#CPU cores / #GPUs" in b for b in backs.values()), backs
    assert any(b.strip() == "True when training on GPU" for b in backs.values()), backs
    # a count as an argument (“O(#inputs)”) stays; tags in brackets of their own go, brackets and all
    cards, _ = extract("# Autodiff\n\n## Modes\n\n- **forward mode**: one pass per input, cost ~ O(#inputs) passes.\n"
                       "- **reverse mode**: one pass per output, cost ~ O(#outputs) passes (#autodiff, #ad)\n")
    assert sorted(c.back for c in cards) == ["one pass per input, cost ~ O(#inputs) passes.",
                                             "one pass per output, cost ~ O(#outputs) passes"]


def test_a_setup_section_s_versions_and_run_settings_and_a_report_s_look_back_give_no_card() -> None:
    notes = ("# Issue 23\n\n## Environment\n\n| thing | version |\n|---|---|\n| torch | 2.1.2 |\n| numpy | 1.26.2 |\n"
             "| DataLoader | `batch_size=32, shuffle=True, num_workers=4` |\n\n## Comment 5\n\n"
             "# Lab 3\n\n## 2.1 Setup\n\n| field | value |\n|---|---|\n| seeds | 3 seeds (0, 1, 2) for main runs |\n"
             "| epochs | 30 |\n\n## 5. Conclusion\n\n- Biggest lesson honestly: plot the LR schedule before launching 20 runs.\n\n"
             "# 量化\n\n## 例子\n\n- 检查：$x = 0 \\Rightarrow q = 64$ ✓\n\n## Glossary\n\n- **Random seed**: the number that fixes a generator's sequence\n"
             "- **Epoch**: one pass over the training set\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for gone in ("2.1.2", "1.26.2", "batch_size=32", "3 seeds", "plot the LR schedule", "q = 64"):
        assert gone not in texts, gone
    assert "fixes a generator" in texts and "one pass over" in texts


def test_a_heading_of_two_back_matter_names_joined_is_back_matter() -> None:
    notes = ("# Quantization\n\n## Open questions / TODO\n\n- `LLM.int8(): https://arxiv.org/abs/2208.07339`\n"
             "- **outlier threshold**: why 6.0?\n\n## Exercises & solutions\n\n- **Per-channel scale**: one scale per output channel\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert "arxiv" not in texts and "why 6.0" not in texts, texts
    assert "one scale per output channel" in texts  # (“solutions” is no back matter)


@pytest.mark.parametrize("notes, kept, gone", [
    # a sentence that takes back the line before it holds the right formula
    ("# Attention\n\n## Output\n\n- $O = \\mathrm{softmax}(QK^\\top)V$\n"
     "- Wait, that's wrong, I forgot the scale: $O = \\mathrm{softmax}(QK^\\top/\\sqrt{d_k})V$\n\n"
     "## 判断\n\n- 判断：$\\sqrt{a^2}=a$ 对吗？不对，$\\sqrt{a^2}=|a|$。\n", ["\\sqrt{d_k}", "|a|"], []),
    # a tutorial's setup teaches its settings; an RL environment's seed is the environment's
    ("# Fine-tuning\n\n## Setup\n\n- **Learning rate**: pick from {5e-5, 3e-5, 2e-5}; larger values make fine-tuning diverge\n"
     "- **Batch size**: 16 or 32; smaller batches need a smaller learning rate\n"
     "- **Seed**: fine-tuning is unstable, so report the median over 5 seeds\n\n"
     "# Gym\n\n## Environment\n\n- **Seed**: `env.reset(seed=0)` seeds the env's RNG; call it once\n",
     ["larger values make fine-tuning diverge", "smaller batches need", "median over 5 seeds", "seeds the env's RNG"], []),
    # “Checked” and “检查” name concepts elsewhere
    ("# Java\n\n## Exceptions\n\n- **Checked**: exceptions the compiler forces you to catch or declare\n"
     "- **Unchecked**: runtime exceptions, not enforced\n\n# 心梗\n\n## 诊治\n\n- **症状**：胸痛\n- **检查**：首选心电图，再查肌钙蛋白\n",
     ["forces you to catch", "首选心电图"], []),
    # a tag before a colon or at a line's start still goes; the card stays
    ("# Regularisation\n\n- **Weight decay** #optim : an L2 penalty on the weights\n- #card **Dropout**: randomly zeroes activations\n"
     "- **Label smoothing**: softens the targets to reduce overconfidence #regularization.\n",
     ["an L2 penalty on the weights", "randomly zeroes activations", "reduce overconfidence"], ["#optim", "#card", "#regularization"]),
])
def test_ordinary_notes_keep_what_the_review_of_round_twenty_two_found_its_rules_took(
        notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_an_answer_under_its_mark_runs_to_the_next_question() -> None:
    """“**问：Adam 和 SGD 比有什么优缺点？**” over “答：…”, two formulas, a line and a list of 优点/缺点: all
    of it answers the question; the list is no facet of the section's heading."""
    notes = ("# 八股\n\n## 一、基础 & 优化\n\n**问：说一下 Adam，和 SGD 比有什么优缺点？**\n\n答：Adam = Momentum + RMSProp + 偏差修正。\n\n"
             "$$\nm_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t\n$$\n\n$$\n\\hat m_t = \\frac{m_t}{1-\\beta_1^t}\n$$\n\n"
             "默认 $\\beta_1=0.9$。\n\n- 优点：自适应学习率，收敛快\n- 缺点：泛化有时不如 SGD\n- 面试官追问过偏差修正为什么需要\n\n**问：sigmoid 导数最大值是多少？**\n\n答：0.25。\n")
    cards, _ = extract(notes)
    (adam,) = [c for c in cards if "说一下 Adam" in c.front]
    assert "收敛快" in adam.back and "泛化有时不如 SGD" in adam.back, adam.back
    assert not any("基础 & 优化的优点" in c.front for c in cards), [c.front for c in cards]
    assert any("sigmoid 导数最大值" in c.front and "0.25" in c.back for c in cards)


def test_one_s_thoughts_and_a_demo_that_convinces_oneself_give_no_card() -> None:
    """“My thoughts: …” is the writer's aside; code under “a sanity demo I wrote to convince myself …” is
    checked by the verifier and left out of the deck (code under “to check a value's type:” is asked)."""
    notes = ("# Reading group\n\n## Comparison\n\nMy thoughts: SmoothQuant and GPTQ are complementary-ish.\n\n"
             "## SmoothQuant\n\nTiny sanity demo I wrote to convince myself the product is unchanged:\n\n"
             "```python\nimport torch\nX = torch.randn(16, 8); X[:, 3] *= 50        # channel 3 = outlier channel\n"
             "W = torch.randn(8, 4)\nalpha = 0.5\ns = X.abs().amax(0).pow(alpha) / W.abs().amax(1).pow(1 - alpha)\n"
             "Xs, Ws = X / s, W * s[:, None]\nprint(torch.allclose(X @ W, Xs @ Ws, atol=1e-4))   # True\n"
             "print(X.abs().amax(0), Xs.abs().amax(0))          # outlier flattened\n```\n\n"
             "## Types\n\nUse it to check a value's type:\n\n```python\nx = 3\nprint(isinstance(x, int))  # True\n```\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert "complementary" not in texts, texts
    (demo,) = [c for c in cards if "amax" in c.back + c.front]
    assert "checked-only:check-code" in demo.flags, demo.flags
    (types,) = [c for c in cards if "isinstance" in c.back + c.front]
    assert not any(f.startswith("checked-only:") for f in types.flags), types.flags


@pytest.mark.parametrize("notes, kept, gone", [
    # an answer stops after a few blocks: definitions after an aside are cards of their own
    ("# Prep\n\n## Normalization\n\n**Q: What problem does BatchNorm address?**\n\nA: It stabilizes the inputs' distribution.\n\n"
     "Unrelated, but I also read about LayerNorm today.\n\nLayerNorm normalizes over the features of each example.\n\n"
     "$$\ny = \\frac{x - \\mathrm{E}[x]}{\\sqrt{\\mathrm{Var}[x] + \\epsilon}}\n$$\n\n"
     "- **RMSNorm**: LayerNorm without the mean subtraction\n- **GroupNorm**: normalizes within groups of channels\n",
     ["what is **RMSNorm**", "what is **GroupNorm**"], []),
    # a problem's constants, a cell “同” that is a value, a page of problems one could not do, a thought as a concept
    ("# HW\n\n## Problem 1 — Vanishing gradients\n\n- **Derivative of tanh at 0**: $1$\n\n"
     "# 电路\n\n## 放大器\n\n| 电路 | 输出与输入相位 | 增益 |\n|---|---|---|\n| 反相放大器 | 反 | $-R_f/R_1$ |\n"
     "| 同相放大器 | 同 | $1 + R_f/R_1$ |\n| 电压跟随器 | 同 | 1 |\n\n"
     "# 错题本\n\n## 不会的题\n\n- **雅可比行列式**：换元时面积元的伸缩因子\n\n"
     "# Agents\n\n## ReAct\n\n- **Thought**: free-text reasoning the model writes about what to do next\n"
     "- **Action**: a call to a tool\n", ["Derivative of tanh at 0", "同相放大器", "面积元的伸缩因子", "free-text reasoning"], []),
])
def test_ordinary_notes_keep_what_the_review_of_round_twenty_three_found_its_rules_took(
        notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_code_under_a_sentence_that_names_an_api_to_check_with_is_asked() -> None:
    """“Use `torch.autograd.gradcheck` to check that a custom backward pass is right:” over its use: the API
    is what to learn, the code no mere check of the text."""
    notes = ("# Autograd\n\n## Custom backward\n\nUse `torch.autograd.gradcheck` to check that a custom backward pass is right:\n\n"
             "```python\nimport torch\nfrom torch.autograd import gradcheck\n\n"
             "x = torch.randn(4, dtype=torch.double, requires_grad=True)\nok = gradcheck(torch.sigmoid, (x,), eps=1e-6, atol=1e-4)\n"
             "print(ok)  # 输出：True\n```\n")
    cards, _ = extract(notes)
    (card,) = [c for c in cards if "gradcheck" in c.back + c.front]
    assert not any(f.startswith("checked-only:") for f in card.flags), card.flags


def test_a_card_the_writer_turned_down_and_a_cited_work_give_no_card() -> None:
    notes = ("# Card ideas\n\n## candidates\n\n**Q: Typical momentum value?**\nA: 0.9\n\n- BAD. trivia, no understanding\n\n"
             "**Q: Why does momentum help in ravines?**\nA: it averages out the zig-zag across the valley\n\n"
             "## leftover / not cards\n\n- **Sophia**: second order-ish stuff, no idea yet\n\n"
             "# Attention\n\n## 横向对比\n\n| 维度 | MHA | MQA | GQA |\n|---|---|---|---|\n| 提出 | Vaswani et al. 2017 | Shazeer 2019 | Ainslie et al. 2023 |\n"
             "| KV 头数 | $h$ | 1 | $g$ |\n| 缓存 | $2hd$ | $2d$ | $2gd$ |\n\n"
             "# LSTM\n\n- **Introduced**: Hochreiter & Schmidhuber, 1997\n- **Gates**: input, forget and output\n\n"
             "# Norm\n\n- LayerNorm (LN)\n  - Ba, Kiros, Hinton 2016\n  - 对每个样本的特征维归一化，和 batch 无关\n\n"
             "# Words\n\n## Checked\n\n**Q: Which protein does Akt inactivate by phosphorylation?**\nA: BAD\n\n- binds Bcl-xL when dephosphorylated\n\n"
             "**Q: 卷积后接 BN，bias 怎么处理？**\nA: 删掉 bias（设 `bias=False`），BN 的 β 起同样作用\n\n"
             "## 版本\n\n| 版本 | 提出 | 发布 |\n|---|---|---|\n| Python 3.0 | Rossum & Warsaw 2008 | December 2008 |\n"
             "| Python 2.7 | Peterson 2010 | July 2010 |\n")
    cards, notices = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for gone in ("Typical momentum", "Sophia", "Vaswani et al.", "Ainslie et al.", "Ba, Kiros", "Warsaw 2008", "Schmidhuber"):
        assert gone not in texts, gone
    assert any(n.rule == "left-out:turned-down" for n in notices)
    for kept in ("zig-zag", "$2gd$", "和 batch 无关", "binds Bcl-xL", "删掉 bias", "December 2008", "forget and output"):
        assert kept in texts, kept


def test_an_elementary_function_at_a_constant_is_arithmetic() -> None:
    """“the cos term is $\\cos 0 = 1$”, “$\\cos\\pi = -1$”, “$\\log 0 = -\\infty$”: worked out, no card; a named
    function's value (“$\\Gamma(1/2) = \\sqrt{\\pi}$”) and Euler's identity are facts."""
    notes = ("# Schedules\n\n## Cosine\n\n- At $t = t_w$ the cos term is $\\cos 0 = 1$ → $\\eta_{\\max}$;\n"
             "- at $t = T$ it's $\\cos\\pi = -1$ → $\\eta_{\\min}$.\n- In fp16 $p$ underflows and $\\log 0 = -\\infty$.\n\n"
             "## Facts\n\n- Gamma at one half: $\\Gamma(1/2) = \\sqrt{\\pi}$\n- Euler's identity: $e^{i\\pi} = -1$\n"
             "- Nats to bits: $\\ln 2 = \\frac{1}{\\log_2 e}$\n\n## Special values\n\n- $\\sin(\\pi/6) = \\frac{1}{2}$\n")
    cards, notices = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for gone in ("\\cos 0", "\\cos\\pi", "\\log 0"):
        assert gone not in texts, gone
    for kept in ("\\Gamma(1/2)", "e^{i\\pi}", "\\log_2 e", "\\sin(\\pi/6)"):
        assert kept in texts, kept


def test_a_sentence_over_displays_in_a_row_introduces_each_of_them() -> None:
    """“Adam 维护一阶矩和二阶矩：” over two displays, apart or on lines in a row: both are what it introduces."""
    for gap in ("\n\n", "\n"):
        notes = ("# Adam\n\n## 更新\n\nAdam 维护一阶矩和二阶矩：\n\n$$m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t$$" + gap +
                 "$$v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2$$\n")
        cards, _ = extract(notes)
        assert len(cards) == 2 and all("一阶矩和二阶矩" in c.front for c in cards), [c.front for c in cards]
    # (a sentence that numbers the equations it copies points at nothing the card lacks)
    notes = ("# RNN\n\n## Recurrent networks\n\nThe standard equations (10.8–10.11), copied:\n\n"
             "$$a^{(t)} = b + W h^{(t-1)} + U x^{(t)}$$\n\n$$h^{(t)} = \\tanh(a^{(t)})$$\n")
    assert_keeps(notes, ["$$a^{(t)} = ?$$", "$$h^{(t)} = ?$$"], [])


def test_the_turns_of_a_chinese_transcript_name_no_term() -> None:
    notes = ("# 模拟面试\n\n**面试官**：先简单说一下 SGD with momentum 的更新公式吧。\n\n"
             "**候选人**：就是维护一个速度 $v$，每步 $v_t = \\mu v_{t-1} + g_t$，然后 $\\theta_t = \\theta_{t-1} - \\eta v_t$。\n\n"
             "**面试官**：PyTorch 里是这么实现的吗？\n\n**候选人**：呃……应该是吧，就是个指数滑动平均。\n")
    assert_keeps(notes, ["\\theta_t = ?"], ["面试官** 是什么", "候选人** 是什么", "应该是吧"])


@pytest.mark.parametrize("notes, gone", [
    # an answer's edits and another way, in a forum answer
    ("# Seeds\n\n## Fix\n\nAlternative: just use torch's RNG for augmentation and the problem disappears.\n\n"
     "**EDIT:** as pointed out in the comments, `% 2**32` is needed because the seed is 64-bit.\n\n"
     "**EDIT 2:** fixed a typo in the DataLoader call.\n", ["Alternative", "EDIT"]),
    # what a glossary still lacks, a rant, a plan's “知识点”
    ("# Glossary\n\n## Z\n\n- **Zero-shot**: a task with no task-specific training examples\n"
     "- **to add**: cosine annealing, EMA of weights, InfoNCE\n", ["to add"]),
    ("# 计划\n\n## 最后三天\n\n**进度吐槽**：SVD 那块还是很虚，看完第 29 讲再回来补。\n", ["进度吐槽"]),
    ("# 线代\n\n## 子空间\n\n- 知识点: $N(A) \\perp C(A^\\top)$\n", ["知识点** 是什么"]),
])
def test_a_label_that_names_no_term_gives_no_card_of_its_own(notes: str, gone: list[str]) -> None:
    assert_keeps(notes, [], gone)


def test_an_answer_that_opens_on_a_to_do_is_empty() -> None:
    cards, notices = extract("# Glossary\n\n## V\n\n**VAE** — TODO. lecture 9, haven't watched yet\n\n"
                             "**ViT** — a transformer over image patches\n")
    assert [c for c in cards if "patches" in c.back]
    assert not [c for c in cards if "watched" in c.back]
    assert [n.source.line for n in notices if n.rule == "left-out:empty-answer"] == [5]


def test_a_table_of_an_example_is_asked_with_that_example() -> None:
    """“以 7B 参数的模型为例：” over a table of sizes: 28 GB is the size of that model's weights, not of FP32's."""
    notes = ("# 模型量化\n\n## 概述\n\n以 7B 参数的模型为例：\n\n| 精度 | 每参数字节 | 权重大小（约） |\n|---|---|---|\n"
             "| FP32 | 4 | 28 GB |\n| INT8 | 1 | 7 GB |\n")
    cards, _ = extract(notes)
    sizes = [c for c in cards if c.back.startswith(("28 GB", "7 GB"))]
    assert len(sizes) == 2 and all("以 7B 参数的模型为例" in c.front for c in sizes), [c.front for c in cards]


def test_code_a_corrected_version_rewrites_is_not_the_one_to_recall() -> None:
    notes = ("# 作业 3\n\n## 第 5 题 数值稳定的交叉熵\n\n**解：**\n\n```python\ndef my_ce(logits, target):\n"
             "    probs = torch.softmax(logits, dim=1)\n    return -torch.log(probs)[torch.arange(len(target)), target].mean()\n```\n\n"
             "> **评分：10/15** 不稳定：softmax 下溢成 0 时 log 给出 -inf。\n\n订正版：\n\n```python\n"
             "def my_ce_stable(logits, target):\n    log_probs = logits - torch.logsumexp(logits, dim=1, keepdim=True)\n"
             "    return -log_probs[torch.arange(len(target)), target].mean()\n```\n")
    cards, _ = extract(notes)
    assert [c.front for c in cards if c.kind is CardKind.CODE] == ["第 5 题 数值稳定的交叉熵：写出 `my_ce_stable(logits, target)`"]


def test_what_is_written_under_a_done_task_is_what_was_learned() -> None:
    notes = ("# 线代复习计划\n\n## Day 3 行列式\n\n- [x] 性质\n  - $\\det(cA) = c^n \\det A$ ← 不是 $c\\det A$!!\n"
             "- [ ] 克拉默法则 —— 老师说大概率不考, 先跳过\n")
    cards, _ = extract(notes)
    assert [c.back for c in cards] == ["$\\det(cA) = c^n \\det A$ ← 不是 $c\\det A$!!"]
    assert "性质" in cards[0].front


@pytest.mark.parametrize("notes, kept, gone", [
    # a term that opens on the words the new labels use; a row of a table under a sentence that sets no example
    ("# Transformer\n\n## Block\n\n- **Add & Norm**: a residual connection followed by LayerNorm\n"
     "- **Edit distance**: the fewest insertions, deletions and substitutions between two strings\n"
     "- **Alternative hypothesis**: what a test accepts when it rejects the null\n",
     ["residual connection followed by LayerNorm", "fewest insertions", "rejects the null"], []),
    ("# Norm\n\n## Compare\n\nThe three side by side:\n\n| Norm | Stats over |\n|---|---|\n| BatchNorm | $(N, H, W)$ |\n",
     ["BatchNorm"], ["side by side（", "side by side ("]),
    # a to-do with nothing learned under it; a first version of another function than the corrected one
    ("# Plan\n\n## Week 1\n\n- [ ] read ch. 7\n  - sections 7.1–7.3 only\n- [x] **Dropout**: zero each unit with probability $p$\n",
     [], ["sections 7.1", "Dropout"]),
    ("# Loss\n\n## Two losses\n\n```python\ndef mse(a, b):\n    return ((a - b) ** 2).mean()\n```\n\n"
     "Fixed version:\n\n```python\ndef huber(a, b, d=1.0):\n    r = (a - b).abs()\n"
     "    return torch.where(r < d, 0.5 * r ** 2, d * (r - 0.5 * d)).mean()\n```\n", ["def mse", "def huber"], []),
    # a distillation note's teacher and student, each once, are terms
    ("# 蒸馏\n\n## 角色\n\n**教师**：大模型，给出软标签\n\n**学生**：小模型，学习教师的软标签\n",
     ["给出软标签", "学习教师的软标签"], []),
])
def test_ordinary_notes_keep_what_the_rules_of_round_twenty_five_might_take(
        notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # two roles, each once under each of two headings, are two terms twice, not a dialogue
    ("# MQ\n\n## Kafka\n\n**生产者**：把消息发到 topic 的分区。\n\n**消费者**：按 offset 拉取消息。\n\n"
     "## RabbitMQ\n\n**生产者**：把消息发给 exchange。\n\n**消费者**：由 broker 推送消息，需要 ack。\n",
     ["发到 topic 的分区", "按 offset 拉取", "发给 exchange", "需要 ack"], []),
    # a step's lead is not the lead of the result after it; one thing defined is not the next display's
    ("# R\n\n## Ridge\n\nSetting the gradient to zero, we get:\n\n$$X^\\top X w + \\lambda w = X^\\top y$$\n\n"
     "$$w^* = (X^\\top X + \\lambda I)^{-1} X^\\top y$$\n", ["$$w^* = ?$$"], []),
    ("# 交叉熵\n\n## 定义\n\n交叉熵定义为：\n\n$$H(p, q) = -\\sum_x p(x) \\log q(x)$$\n\n$$D_{KL}(p \\| q) = H(p, q) - H(p)$$\n",
     ["定义为：\n\n$$H(p, q) = ?$$", "定义：$$D_{KL}(p \\| q) = ?$$"], ["定义为：\n\n$$D_{KL}"]),
    # lower-case terms that open on “add”; an answer that goes on after “TODO,”
    ("# Glossary\n\n## Tricks\n\n- **adding noise to inputs**: a regularizer, like Tikhonov regularization for small noise\n"
     "- **add and norm**: a residual connection followed by LayerNorm\n\n"
     "**Label smoothing** — TODO, check ε; replace one-hot $y$ by $(1-\\varepsilon) y + \\varepsilon/K$.\n",
     ["like Tikhonov", "followed by LayerNorm", "replace one-hot"], []),
    # a right answer to one problem, and the corrected version of a wrong one after another problem's code
    ("# 机器学习 作业 2\n\n## 第 1–2 题\n\n**第 1 题**：实现数值稳定的 softmax。\n\n```python\ndef softmax(x):\n    z = x - x.max()\n"
     "    return z.exp() / z.exp().sum()\n```\n\n**第 2 题**：交叉熵。\n\n```python\nprobs = softmax(logits)\n"
     "loss = -probs[y].log()\n```\n\n订正版：\n\n```python\ndef softmax_cross_entropy(logits, y):\n"
     "    return -(logits[y] - logits.logsumexp(0))\n```\n", ["def softmax(x)", "def softmax_cross_entropy"], []),
    # what hangs under a task not done yet: a claim to check, a reading list
    ("# Plan\n\n## Week 2\n\n- [ ] 验证下面这个是不是对的（我猜是对的？）\n  - $\\det(A + B) = \\det A + \\det B$\n"
     "- [ ] Papers to read\n  - **ResNet**: He et al., CVPR 2016\n", [], ["\\det(A + B)", "He et al."]),
    # a table under a heading of hypothesis testing, or under a bare “For example:”, sets no example
    ("# 统计\n\n## 假设检验\n\n假设检验的两类错误：\n\n| 错误 | 概率 |\n|---|---|\n| 第一类错误 | $\\alpha$ |\n| 第二类错误 | $\\beta$ |\n\n"
     "## Activations\n\nFor example:\n\n| Function | Range |\n|---|---|\n| sigmoid | $(0, 1)$ |\n| tanh | $(-1, 1)$ |\n",
     ["$\\alpha$", "$(0, 1)$"], ["（假设检验的两类错误）", "(For example)"]),
    # numbered equations a sentence uses are still out of sight
    ("# LSTM\n\n## Cell\n\nUsing (2)–(4) in the objective:\n\n$$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$$\n", [], ["c_t = ?"]),
])
def test_ordinary_notes_keep_what_the_review_of_round_twenty_five_found_its_rules_took(
        notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_puzzle_and_its_marked_answer_are_one_card_whatever_the_heading() -> None:
    """“`einsum('ij,jk->ik', …)` — shape?” over “**Answer:** `(3, 5)`” and “**Why:** …”: the puzzle asks, the
    answer and its why answer it; a first guess between them is no part of either, and no “Why?” is left alone."""
    notes = ("# einsum puzzles\n\n### 1. Warm-up\n\n`torch.einsum('ij,jk->ik', t(3,4), t(4,5))` — shape?\n\n"
             "**Answer:** `(3, 5)`\n\n**Why:** plain matmul: `j` is in both inputs and not in the output.\n\n"
             "### 6. the one that bit me\n\n`x = t(3,4)`; `torch.einsum('ji', x)` — shape?\n\n"
             "My first answer: `(3, 4)`, it's just renaming the axes.\n\n**Answer:** `(4, 3)`, a transpose.\n\n"
             "**Why:** implicit mode sorts the output indices alphabetically.\n\n"
             "### 13. batched dot product\n\n`torch.einsum('bn,bn->b', t(4,7), t(4,7))`\n\n**Answer:** `(4,)`\n\n"
             "**Why:** `n` contracted, `b` kept.\n")
    cards, _ = extract(notes)
    fronts = {c.front: c.back for c in cards}
    assert fronts["`torch.einsum('ij,jk->ik', t(3,4), t(4,5))` — shape?"].startswith("`(3, 5)`")
    assert "plain matmul" in fronts["`torch.einsum('ij,jk->ik', t(3,4), t(4,5))` — shape?"]
    assert fronts["`x = t(3,4)`; `torch.einsum('ji', x)` — shape?"].startswith("`(4, 3)`")
    assert fronts["batched dot product: `torch.einsum('bn,bn->b', t(4,7), t(4,7))`"].startswith("`(4,)`")
    assert not [f for f in fronts if f.rstrip().endswith("Why?") or "renaming" in fronts[f]], fronts


def test_an_erratum_s_old_version_and_a_course_s_business_give_no_card() -> None:
    notes = ("# 实验四 卷积\n\n## 感受野\n\n- 感受野递推：$r_l = r_{l-1} + (k_l - 1)\\prod_{i=1}^{l-1} s_i$\n\n"
             "## 步骤 1\n\n要求：三组设置都输出 `True`，并在报告中写出每组的输出形状。\n\n"
             "## 剩下要做的（按优先级）\n\n- **B4 val split**：重跑 $\\tau$ 搜索\n\n"
             "## 勘误（v1 → v2）\n\n- v1 中感受野公式写成了 $r_l = r_{l-1} + (k_l-1)\\prod_{i=1}^{l} s_i$，多乘了当前层的 stride。\n"
             "- v1 步骤 2 第 3 题输入尺寸写成了 15，已改为 16。\n\n"
             "# Poster 47\n\n## Method\n\n- **Tasks**: IWSLT'14 De→En and a 12-layer LM on WikiText-103\n"
             "- **Logged**: per-layer gradient norm at step 0..1000\n- **DeepNorm**: scales the residual by $\\alpha > 1$ before LayerNorm\n")
    assert_keeps(notes, ["\\prod_{i=1}^{l-1} s_i", "scales the residual"],
                 ["\\prod_{i=1}^{l} s_i", "要求", "B4", "已改为 16", "IWSLT", "gradient norm at step"])


@pytest.mark.parametrize("notes, gone", [
    ("# 打卡\n\n**立个flag**：每天至少 1.5h，看论文和精读视频。\n\n## Day 7\n\n**一周小结**：进度比计划慢了一天半。\n", ["1.5h", "慢了一天半"]),
    ("# BN\n\n## 基本概念\n\n**还有一个小点**：用了 BN 之后前面 conv 的 bias 是多余的。\n\n"
     "# Quiz\n\n## Misc\n\n- **Score last attempt**: 9/13. Target 12 by Friday.\n", ["还有一个小点", "9/13"]),
])
def test_a_pledge_a_weekly_wrap_up_one_more_point_and_a_score_are_labels(notes: str, gone: list[str]) -> None:
    assert_keeps(notes, [], gone)


def test_a_row_of_an_aligned_block_keeps_the_cases_inside_it_whole() -> None:
    notes = ("# 公式卡\n\n## Focal loss\n\n**Focal loss**（$\\gamma = 2$）\n\n$$\n\\begin{aligned}\np_t &=\n\\begin{cases}\n"
             "p, & y = 1 \\\\\n1 - p, & y = 0\n\\end{cases} \\\\\n\\mathrm{FL}(p_t) &= -\\alpha_t (1 - p_t)^{\\gamma}\\log p_t\n"
             "\\end{aligned}\n$$\n")
    cards, _ = extract(notes)
    backs = sorted(c.back for c in cards)
    assert backs == ["$$\\mathrm{FL}(p_t) = -\\alpha_t (1 - p_t)^{\\gamma}\\log p_t$$",
                     "$$p_t =\n\\begin{cases}\np, & y = 1 \\\\\n1 - p, & y = 0\n\\end{cases}$$"], backs


def test_a_facet_in_an_outline_is_asked_of_the_item_it_hangs_from() -> None:
    notes = ("- Optimizers — outline for the reading group (my turn on Thu, ~25 min)\n  - adaptive methods\n    - AdaGrad\n      - accumulate squared grads: $G_t = G_{t-1} + g_t^2$\n"
             "      - problem: $G_t$ only grows, so the effective lr decays to ~0\n")
    cards = extract_cards(parse_notes(notes, "optimizers-outline.md"))[0]
    assert [c.front for c in cards if "only grows" in c.back] == ["AdaGrad: what is its problem?"]


@pytest.mark.parametrize("notes, kept, gone", [
    # a question wall's heading asks: what its poster wrote under it is no prompt of its own
    ("# 问题墙\n\n## Q1 BN 在 train 和 eval 下差在哪？\n\n贴的人：小鱼　✋✋\n\n**答（老王）：** train 用 batch 统计量，eval 用 running 统计量。\n",
     ["Q1 BN 在 train 和 eval 下差在哪？"], ["贴的人"]),
    # a paragraph of prose over a speaker's line is no puzzle; “V1”, the visual cortex, is a term
    ("# Vision\n\n## Cortex\n\nThe ventral stream runs from the back of the brain forward.\n\n"
     "**A:** so it ends in the temporal lobe?\n\n**B:** yes, in IT cortex.\n\n"
     "- **V1**: the primary visual cortex, with simple and complex cells\n",
     ["primary visual cortex"], ["ventral stream runs from the back of the brain forward.\n\nso it ends"]),
])
def test_ordinary_notes_keep_what_the_rules_of_round_twenty_six_might_take(
        notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # a formula stated over a marked answer is asked as a formula; code under a question keeps its `**`
    ("# Adam\n\n## Bias correction\n\n$\\hat m_t = m_t / (1 - \\beta_1^t)$\n\n"
     "**Answer:** it undoes the bias toward 0 from initializing $m_0 = 0$.\n", ["$\\hat m_t = ?$"], []),
    ("# Autograd\n\n## Scalar\n\n`y = x ** 2; y.backward()` 对标量 `x=3.` 得到什么？\n\n**Answer:** `tensor(6.)`\n",
     ["对标量 `x=3.` 得到什么？ `tensor(6.)`"], []),
    # a sentence about code over “**答：**” is no puzzle
    ("# Tensor\n\n## 常用函数\n\n`x.view(-1)` 要求 tensor 是 contiguous 的，`x.reshape(-1)` 不要求。\n\n"
     "**答：** 所以 transpose 之后要先 `.contiguous()` 再 `view`。\n", [], ["不要求。 所以 transpose"]),
    # an erratum's line that says the new version is right is no old version
    ("# 讲义勘误\n\n## 勘误（v2 → v3）\n\n- v1 中 Dice 系数写成了 $D = \\frac{|A \\cap B|}{|A \\cup B|}$，应为 $D = \\frac{2|A \\cap B|}{|A| + |B|}$。\n"
     "- v2 中把 IoU 写成了正确的 $\\mathrm{IoU} = \\frac{|A \\cap B|}{|A \\cup B|}$（v1 漏了）。\n",
     ["\\mathrm{IoU} = ?"], []),
    # a step's lead in Chinese is not the lead of the result after it
    ("# 回归\n\n## 岭回归\n\n对 $w$ 求偏导并令其为零：\n\n$$2X^\\top(Xw - y) + 2\\lambda w = 0$$\n\n"
     "$$w^* = (X^\\top X + \\lambda I)^{-1} X^\\top y$$\n", ["$$w^* = ?$$"], []),
    # roles a section names as terms stay terms, even where another section has them take turns
    ("# Paxos\n\n## 角色\n\n**提议者**：提出提案 (n, v)。\n\n**接受者**：对提案投票。\n\n## 一轮消息流程\n\n"
     "**提议者**：发 Prepare(n)。\n\n**接受者**：回 Promise。\n\n**提议者**：发 Accept(n, v)。\n\n**接受者**：回 Accepted。\n",
     ["提出提案 (n, v)", "对提案投票"], []),
    # a short answer after “TODO,” or “TODO;” stands; “TODO.” before a to-do does not
    ("# Glossary\n\n## Vision\n\n**ViT** — TODO, basically BERT on 16x16 image patches\n\n"
     "**CLIP** — TODO; contrastive image–text pretraining\n\n**VAE** — TODO. lecture 9, haven't watched yet\n",
     ["BERT on 16x16", "contrastive image–text"], ["haven't watched"]),
    # the time a done task took is no card; a baseline in RL and a summary named by its subject are terms
    ("# 期末复习计划\n\n## 第 1 周\n\n- [x] 看完第 5 讲 SVD\n  - 用时：3h\n- [x] Lecture 7: PCA\n  - time: 2h, watched at 1.5x\n\n"
     "# RL\n\n## Policy gradient\n\n- **Baseline**: in REINFORCE, a $b(s)$ subtracted from the return to cut variance\n\n"
     "# 降维\n\n## 小结\n\n**PCA小结**：对中心化后的协方差矩阵做特征分解。\n\n**SVD总结**：$A = U \\Sigma V^\\top$，$U$、$V$ 正交。\n",
     ["subtracted from the return", "协方差矩阵做特征分解", "$A = ?$"], ["3h", "watched at 1.5x"]),
    # a helper beside the broken function stays; “修改后：” may extend code rather than mend it
    ("# Lab\n\n## NLL\n\n```python\ndef log_softmax(z):\n    return z - z.exp().sum(-1, keepdim=True).log()\n\n"
     "def nll(z, y):\n    return -z.softmax(-1).log()[range(len(y)), y].mean()\n```\n\n订正版：\n\n```python\n"
     "def nll_stable(z, y):\n    return -log_softmax(z)[range(len(y)), y].mean()\n```\n\n"
     "## Attention\n\n```python\ndef attention(q, k, v):\n    return (q @ k.transpose(-2, -1)).softmax(-1) @ v\n```\n\n"
     "修改后：\n\n```python\ndef attention_masked(q, k, v, mask=None):\n    s = q @ k.transpose(-2, -1)\n"
     "    if mask is not None:\n        s = s.masked_fill(mask, float('-inf'))\n    return s.softmax(-1) @ v\n```\n",
     ["def log_softmax", "def attention(q, k, v)"], []),
    # a sentence that sets nothing countable is no example's setting
    ("# 环境\n\n## conda\n\n假设你已经装好了 Miniconda，常用命令：\n\n| 命令 | 作用 |\n|---|---|\n| conda create | 新建环境 |\n"
     "| conda activate | 激活环境 |\n", ["新建环境"], ["假设你已经装好了"]),
])
def test_ordinary_notes_keep_what_the_review_of_round_twenty_six_found_its_rules_took(
        notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_an_annotated_reading_list_and_an_exam_sheet_s_own_business_give_no_card() -> None:
    notes = ("# 文献清单\n\n## 1. Batch Normalization\n\n**Ioffe, S., & Szegedy, C. (2015).** *Batch Normalization: Accelerating "
             "Deep Network Training.* ICML 2015.\n\n**讲了什么：** 对每个 channel 用 mini-batch 的均值和方差做标准化。\n\n"
             "**我的注释：** 推理时忘了 `model.eval()` 就还在用 batch 统计量。\n\n"
             "## 2. Layer Normalization\n\n**Ba, J. L., Kiros, J. R., & Hinton, G. E. (2016).** *Layer Normalization.*\n\n"
             "**注释：** 在 Transformer 里只对最后一维归一化。\n\n"
             "# 期末重点\n\n## MLE\n\n**去年判断题原题**：“高斯方差的最大似然估计是无偏的” ✗\n\n"
             "## 老师明确说**不考**的（别浪费时间）\n\n- **高斯过程**：不考（好耶）\n\n## 复习资料\n\n- **参考书**：Bishop *PRML* 第 9 章\n\n"
             "# Blog\n\n## Comments\n\n**Small thing**: `zero_grad()` sets grads to None by default since 2.0.\n")
    assert_keeps(notes, [], ["Ioffe, S.", "Ba, J. L.", "注释", "原题", "好耶", "PRML", "Small thing"])


@pytest.mark.parametrize("notes, kept, gone", [
    # a heading about skip connections; a first sentence that names a person is no reference
    ("# ResNet\n\n## Skip connections\n\n- **Identity shortcut**: adds the input $x$ to the block's output $F(x)$\n\n"
     "## Adam\n\nAdam, the optimizer of Kingma and Ba (2014), keeps running averages of the gradient and its square.\n",
     ["adds the input", "keeps running averages"], []),
])
def test_ordinary_notes_keep_what_the_rules_of_round_twenty_seven_might_take(
        notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # an expression to work out over a marked answer is a puzzle; a sentence over two displays names both
    ("# Calculus\n\n## Derivatives\n\n$\\frac{d}{dx}\\sigma(x)$\n\n**Answer:** $\\sigma(x)(1-\\sigma(x))$\n",
     ["\\sigma(x)(1-\\sigma(x))"], []),
    ("# 优化\n\n## KKT\n\nKKT 条件包括平稳性和互补松弛：\n\n$$\\nabla f + \\sum_i \\lambda_i \\nabla g_i = 0$$\n\n"
     "$$\\lambda_i g_i(x^*) = 0$$\n\n## Log rules\n\n取对数后的两条性质：\n\n$$\\log(ab) = \\log a + \\log b$$\n\n"
     "$$\\log(a^k) = k \\log a$$\n",
     ["互补松弛：\n\n$$\\lambda_i g_i(x^*) = ?$$", "两条性质：\n\n$$\\log(a^k) = ?$$"], []),
    # a heading that says “不考” keeps its knowledge (an answer that only says 不考 is none)
    ("# 机器学习期末复习（第 8 章不考）\n\n## 不考虑偏置项时的闭式解\n\n把偏置吸收进 $X$ 后，**正规方程**：$X^\\top X w = X^\\top y$\n\n"
     "## SVM（只考硬间隔，软间隔不考）\n\n**支持向量**：满足 $y_i(w^\\top x_i + b) = 1$ 的样本\n\n"
     "## 第 8 章 EM（不考）\n\n**Jensen 不等式**：$f(\\mathbb{E}X) \\le \\mathbb{E} f(X)$ 对凸函数成立\n",
     ["X^\\top X w = ?", "b) = ?$ 的样本", "Jensen"], []),
    # glossary terms named like the new labels; a paper's baseline is its setup, RL's is a concept
    ("# Glossary\n\n## Data\n\n- **Annotation**: the label a human attaches to a data point\n"
     "- **注释**：Python 中以 # 开头的行，解释器忽略它\n- **PCA小结**：对中心化后的协方差矩阵做特征分解\n"
     "- **本讲小结**：PCA 找方差最大的方向\n\n# Paper\n\n## Setup\n\n- **Baseline**: ResNet-50 with standard augmentation (76.1% top-1)\n\n"
     "# RL\n\n## PG\n\n- **Baseline**: in REINFORCE, a $b(s)$ subtracted from the return to cut variance\n",
     ["a human attaches", "解释器忽略它", "协方差矩阵做特征分解", "subtracted from the return"],
     ["找方差最大的方向", "ResNet-50 with standard"]),
    # an example named without a number still sets the table's cells
    ("# Memory\n\n## 显存\n\n以 BERT-base 为例：\n\n| 部分 | 参数量 |\n|---|---|\n| Embedding | 23M |\n| Encoder | 85M |\n",
     ["以 BERT-base 为例"], []),
    # of a block with a helper and a broken function, only the broken one gives way to its fix
    ("# Lab\n\n## NLL\n\n```python\ndef log_softmax(z):\n    return z - z.exp().sum(-1, keepdim=True).log()\n\n"
     "def nll(z, y):\n    return -z.softmax(-1).log()[range(len(y)), y].mean()\n```\n\n订正版：\n\n```python\n"
     "def nll_stable(z, y):\n    return -log_softmax(z)[range(len(y)), y].mean()\n```\n",
     ["def log_softmax"], ["z.softmax(-1).log()"]),
    # an erratum in English; “TODO.” before a to-do, and an answer written after it
    ("# 讲义\n\n## 勘误（v1 → v2）\n\n- v1 wrote the Adam step as $\\theta \\leftarrow \\theta - \\eta m_t$; it should divide by "
     "$\\sqrt{v_t}+\\epsilon$.\n\n# Glossary\n\n## G\n\n**VAE** — TODO. reread the paper first\n\n"
     "**GELU** — TODO。就是 x 乘以标准正态分布的累积分布函数\n",
     ["标准正态分布的累积分布函数"], ["\\theta - \\eta m_t", "reread the paper"]),
])
def test_ordinary_notes_keep_what_the_review_of_round_twenty_seven_found_its_rules_took(
        notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_choice_question_under_its_heading_is_answered_by_the_letter_marked_right() -> None:
    """A 错题本's “### 7. …哪个说法正确？” over lettered options and “**我的答案：A ❌　正确答案：B**” (or “B ✅”):
    one card, the question with its options, answered by the right letter; no option is a card of its own."""
    notes = ("# 归一化 错题整理\n\n## 一、选择题\n\n### 2. running mean 的更新公式是？\n\n"
             "- A. $\\hat\\mu \\leftarrow 0.1\\,\\hat\\mu + 0.9\\,\\mu_B$\n- B. $\\hat\\mu \\leftarrow 0.9\\,\\hat\\mu + 0.1\\,\\mu_B$\n\n"
             "**我的答案：A ❌（第二次错了！！）　正确答案：B**\n\n**解析：** PyTorch 的 momentum 是新值的权重。\n\n"
             "### 7. Transformer 里 Pre-LN 和 Post-LN，哪个说法正确？\n\n- A. Post-LN 训练更稳定，不需要 warmup\n"
             "- B. Pre-LN 梯度更稳定，通常可以少用 warmup\n\n**我的答案：B ✅**\n\n"
             "### 8. 下列哪个不是归一化层？\n\n- A. BatchNorm\n- B. Dropout\n")
    cards, _ = extract(notes)
    assert sorted(c.back.split("\n")[0] for c in cards) == ["答案：B", "答案：B"], [(c.front, c.back) for c in cards]
    assert all("- A." in c.front and "- B." in c.front for c in cards)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert "新值的权重" in texts and "Dropout" not in texts


@pytest.mark.parametrize("notes, kept, gone", [
    # lettered points under a question that asks for parts, with no answer marked, are points
    ("# 误差\n\n## 误差分解成哪几部分？\n\n- A. **偏差**：模型的期望预测与真实值之差\n- B. **方差**：预测随训练集变化的程度\n",
     ["期望预测与真实值之差"], []),
])
def test_ordinary_notes_keep_what_a_choice_under_its_heading_might_take(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # a notebook's magic in code a corrected version follows; an extension after “修改后：” keeps the base
    ("# Lab\n\n## NLL\n\n```python\n%matplotlib inline\ndef log_softmax(z):\n    return z - z.exp().sum(-1, keepdim=True).log()\n\n"
     "def nll(z, y):\n    return -z.softmax(-1).log()[range(len(y)), y].mean()\n```\n\n订正版：\n\n```python\n"
     "def nll(z, y):\n    return -log_softmax(z)[range(len(y)), y].mean()\n```\n\n"
     "## 基本版\n\n```python\ndef standardize(x):\n    return (x - x.mean(0)) / x.std(0)\n```\n\n"
     "修改后：\n\n```python\ndef standardize(x, eps=1e-5):\n    return (x - x.mean(0)) / (x.std(0) + eps)\n```\n",
     ["def log_softmax", "`standardize(x)`", "`standardize(x, eps)`"], ["z.softmax(-1).log()"]),
    # a prompt that tells what to do, or works out an expression; a formula stated after a word; a sentence
    ("# 自测\n\n## einsum\n\n写出 `torch.einsum('ij,jk->ik', A, B)` 的输出形状。\n\n**答：** `(3, 5)`\n\n"
     "## Bias correction\n\nBias correction $\\hat m_t = m_t / (1 - \\beta_1^t)$\n\n**Answer:** it undoes the bias toward 0.\n\n"
     "## Weight decay\n\nNotation: $\\lambda$ is the decoupled weight decay, $\\eta$ the learning rate\n\n"
     "**Answer:** AdamW applies $\\theta \\leftarrow \\theta - \\eta\\lambda\\theta$ outside the adaptive step.\n",
     ["的输出形状。 `(3, 5)`", "$\\hat m_t = ?$"], ["Notation: $\\lambda$ is the decoupled weight decay, $\\eta$ the learning rate AdamW"]),
    # equations set to zero lead to what they solve for, which is asked on its own
    ("# 回归\n\n## 一元线性回归\n\n对 $w$ 和 $b$ 分别求偏导并令其为零：\n\n$$\\sum_i (w x_i + b - y_i) x_i = 0$$\n\n"
     "$$\\sum_i (w x_i + b - y_i) = 0$$\n\n$$b = \\bar y - w \\bar x$$\n", ["$$b = ?$$"], []),
    # what a role that takes turns in a transcript owns is no term in its wrap-up; a role defined elsewhere is
    ("# 模拟面试\n\n## 第一轮\n\n**面试官**：说一下 Adam。\n\n**候选人**：一阶矩和二阶矩的滑动平均。\n\n**面试官**：bias correction 呢？\n\n"
     "**候选人**：除以 $1 - \\beta^t$。\n\n## 面试后整理\n\n**面试官的评价**：基础扎实，但推导不够细。\n\n"
     "- **面试官**：全程很看重推导细节\n\n"
     "# 蒸馏\n\n## 对话\n\n**老师**：蒸馏是什么？\n\n**学生**：小模型学大模型。\n\n**老师**：学什么？\n\n**学生**：软标签。\n\n"
     "## 术语\n\n- **学生**：要训练的小模型，模仿老师的输出分布\n",
     ["要训练的小模型"], ["基础扎实", "很看重推导细节", "小模型学大模型"]),
    # “TODO.” before an answer, and before a to-do
    ("# Glossary\n\n## Activations\n\n**ReLU** — TODO。max(0, x)\n\n**Lookahead** — TODO. check the paper\n\n"
     "**Mish** — TODO。看论文\n", ["max(0, x)"], ["check the paper", "看论文"]),
    # an annotation under a paper linked, not cited; a comment in Python is a term
    ("# 归一化论文笔记\n\n## Batch Normalization\n\n[Batch Normalization](https://arxiv.org/abs/1502.03167) — Ioffe & Szegedy\n\n"
     "**注释：** eval 时用 running 统计量。\n\n# Python\n\n- **注释**：以 `#` 开头的行，解释器会忽略它\n",
     ["解释器会忽略它"], ["running 统计量"]),
    # a summary named by its subject; a baseline in RL and a paper's list of baselines
    ("# 正则化\n\n## 要点\n\n**正则化小结**：L1 产生稀疏解，L2 让权重变小。\n\n# RL\n\n## Actor-critic\n\n**Baseline**：$V(s)$，减小方差\n\n"
     "# LoRA\n\n## Setup\n\n- **Baselines**: full fine-tuning, adapters, prefix tuning, BitFit\n",
     ["L1 产生稀疏解", "减小方差"], ["prefix tuning"]),
    # an erratum that gives only the correction
    ("# 讲义\n\n## Errata\n\n- v2 had a typo in the padding for dilated convs, fixed to $p = d(k-1)/2$.\n", ["fixed to $p = ?$"], []),
])
def test_ordinary_notes_keep_what_the_review_of_round_twenty_eight_found_its_rules_took(
        notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # lettered points under a question that is no quiz are the outline of its answer
    ("# 归一化\n\n## Transformer 为什么用 LN 而不是 BN？\n\n- a. 序列长度可变，BN 的统计量在 padding 上不稳定\n"
     "- b. 推理时 batch 很小，running 统计与训练不一致\n", ["序列长度可变", "running 统计与训练不一致"], []),
    # a choice's reasons that quote the mistake give no formula card; code shown before the options is on the front
    ("# 错题\n\n## 一、选择题\n\n### 2. running mean 的更新公式是？\n\n- A. $\\hat\\mu \\leftarrow 0.1\\,\\hat\\mu + 0.9\\,\\mu_B$\n"
     "- B. $\\hat\\mu \\leftarrow 0.9\\,\\hat\\mu + 0.1\\,\\mu_B$\n\n**我的答案：A ❌　正确答案：B**\n\n"
     "**解析：** 我把系数写反了，写成了 $\\hat\\mu = 0.1\\,\\hat\\mu + 0.9\\,\\mu_B$，其实新值的权重是 0.1。\n\n"
     "## What does this print?\n\n```python\nprint(torch.zeros(3).shape)\n```\n\n- A: `torch.Size([3])`\n- B: `torch.Size([1, 3])`\n\n"
     "**Answer: A** — a 1-D tensor of three zeros.\n", ["torch.zeros(3).shape", "答案：B"], ["\\hat\\mu = ?"]),
    # a question's own words under a heading that asks, before its options and answer
    ("# 优化器错题\n\n## 7. 哪个优化器自带偏差修正？\n\n(2024 期中第 3 题)\n\n- A. SGD\n- B. Adam\n\n答案：B\n",
     ["哪个优化器自带偏差修正"], []),
    # a prompt that gives what is known; a summary named for a class; a baseline described in clauses
    ("# 信息论\n\n## 熵\n\n已知 $p = 0.5$，求二元熵 $H(p)$\n\n**Answer:** $1$ bit\n\n**课堂小结**：今天讲了熵和交叉熵。\n\n"
     "# RL\n\n## PG\n\n- **Baseline**: the state value, estimated by a critic, subtracted from the return, so variance drops\n",
     ["$1$ bit", "estimated by a critic"], ["今天讲了熵"]),
    # a heading that says its section will not be examined
    ("# 复习\n\n## 老师明确说**不考**的（别浪费时间）\n\n- **变分推断**：用简单分布近似后验\n\n## EM\n\n- **E 步**：求隐变量的后验\n",
     ["求隐变量的后验"], ["用简单分布近似后验"]),
])
def test_ordinary_notes_keep_what_the_last_review_found_its_rules_took(
        notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # a quiz's bare options with no answer written are no outline; what is shown before them gives nothing away
    ("# 激活函数\n\n## 1. 哪个激活函数是零中心的？\n\n- A. ReLU\n- B. tanh\n- C. sigmoid\n\n"
     "## 2. BN 的 running mean 怎么更新？\n\n训练时用 batch 统计，推理时用滑动平均：\n\n$$\\hat\\mu \\leftarrow 0.9\\,\\hat\\mu + 0.1\\,\\mu_B$$\n\n"
     "- A. 新值权重 0.9\n- B. 新值权重 0.1\n\n答案：B\n",
     [], ["- A. ReLU", "0.1\\,\\mu_B$$\n\n- A."]),
    # “option A is wrong” quotes no mistake of one's own: the reasons' formula is still asked
    ("# Optimizers\n\n## 3. Which optimizer keeps a per-parameter learning rate?\n\n- A. SGD with momentum\n- B. Adagrad\n\n"
     "**Answer: B**\n\n**Explanation:** option A is wrong; Adagrad divides by the root of the summed squares, "
     "$\\eta_i = \\eta / \\sqrt{G_{ii} + \\epsilon}$.\n", ["\\eta_i = ?"], []),
    # a contrasting aside keeps a section the heading says is not examined; a “Let …” statement stays a formula card
    ("# 复习\n\n## 不考的（但面试常问）\n\n- **变分推断**：用简单分布近似后验\n\n## Softmax trick\n\n"
     "Let $c = \\max_i z_i$; then $\\mathrm{softmax}(z) = \\mathrm{softmax}(z - c)$.\n\n"
     "**Answer:** subtracting the max avoids overflow in `exp`.\n", ["用简单分布近似后验", "\\mathrm{softmax}(z) = ?"], []),
    # a paper's setup lists its baselines however long their names; a step's lead stays off the solved result
    ("# LoRA\n\n## Setup\n\n- **Baseline**: full fine-tuning, adapter layers after each attention block, prefix tuning on the keys and values\n"
     "- **LoRA rank**: the rank $r$ of the update $\\Delta W = BA$\n\n"
     "# 回归\n\n## 正规方程\n\n对 $w$ 和 $b$ 求偏导：\n\n$$\\frac{\\partial L}{\\partial w} = 0$$\n\n$$w^* = (X^\\top X)^{-1} X^\\top y$$\n",
     ["$$w^* = ?$$"], ["adapter layers after", "求偏导：\n\n$$w^* = ?$$"]),
])
def test_ordinary_notes_keep_what_the_final_review_found_its_rules_took(
        notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # one's own tally after a practice sheet gives no card; a table of a thing's properties still does
    ("# 公式默写 第3轮\n\n## 统计\n\n| 部分 | 题数 | 错 |\n|---|---|---|\n| softmax/CE | 10 | 2（label smoothing）|\n"
     "| 归一化 | 7 | 3 |\n\n# 分布\n\n## 常见分布\n\n| 分布 | 期望 | 方差 |\n|---|---|---|\n| 伯努利 | $p$ | $p(1-p)$ |\n"
     "| 泊松 | $\\lambda$ | $\\lambda$ |\n", ["$p(1-p)$"], ["label smoothing", "题数"]),
])
def test_a_table_of_one_s_own_tally_gives_no_card(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept", [
    # tables whose columns are named like a tally but say what things are
    ("# Metrics\n\n## Outcomes of a binary classifier\n\n| Prediction | Correct | Wrong |\n|---|---|---|\n"
     "| Positive | True positive (TP) | False positive (FP) |\n| Negative | True negative (TN) | False negative (FN) |\n",
     "True positive (TP)"),
    ("# 高考\n\n## 科目\n\n| 科目 | 满分 |\n|---|---|\n| 语文 | 150 |\n| 数学 | 150 |\n| 综合 | 300 |\n", "300"),
])
def test_ordinary_notes_keep_tables_named_like_a_tally(notes: str, kept: str) -> None:
    assert_keeps(notes, [kept], [])


def test_a_filled_blank_is_asked_with_its_blank_and_answered_by_what_was_filled_in() -> None:
    """A recall sheet's “softmax：$…$ = ______” over “- 默：$…$ ✅”, an exercise's “____” over “我填：…”,
    and “The default is ____.” over “My answer: … ✓”: the blank asks, what was filled in answers, without
    its label and marks; an answer marked wrong is never the answer: its correction is (“→ …”, “**订正**：…”,
    “✅ 正确：…”), and with none, or one that corrects one blank of several, there is no card."""
    notes = ("# 公式默写 第3轮\n\n## 一、Softmax\n\n"
             "1. softmax：$\\mathrm{softmax}(z)_i = $ ______\n   - 默：$\\dfrac{e^{z_i}}{\\sum_j e^{z_j}}$ ✅\n"
             "2. 数值稳定写法：分子分母同时减去 ______\n   - 默：$\\max_j z_j$ ✅（不改变结果）\n"
             "3. label smoothing：$y'_k = $ ______\n   - 默：$(1-\\epsilon)\\,y_k + \\epsilon$ ❌\n"
             "   - → $(1-\\epsilon)\\,y_k + \\dfrac{\\epsilon}{K}$　忘了除以 K\n"
             "   - 记忆：加起来要等于 1\n"
             "4. KL 散度 $D_{KL}(P\\|Q) = $ ______\n   - 默：$\\sum_x Q(x)\\log\\frac{Q(x)}{P(x)}$ ❌\n\n"
             "## 二、填空题\n\n**1.** BN 训练时输出 $y = $ ____ $\\cdot \\hat x + $ ____。\n我填：γ，β  ✔️\n\n"
             "**2.** 把 BN 的 `momentum` 设为 ____ 时，running 统计量变成累计平均。\n我填：0  ❌\n"
             "> **订正**：是 `None`。\n\n"
             "**3.** LLaMA 前的 LLM 多用 ____-LN，LLaMA 用 ____。\n我填：Pre；LayerNorm  ❌\n> **订正**：LLaMA 用 RMSNorm。\n\n"
             "## 第 4 题\n\n**题目**：10 分类网络刚初始化时，交叉熵 loss 约为 ____\n\n❌ 我填了 `0.1`\n\n"
             "✅ 正确：$\\ln 10\\approx 2.303$\n\n"
             "# LayerNorm drill\n\n## Fill in\n\nThe default `eps` of `nn.LayerNorm` is ____.\n\nMy answer: `1e-5` ✓\n")
    cards, _ = extract(notes)
    backs = {c.front: c.back for c in cards}
    def back_of(asked: str) -> str:
        [back] = [b for f, b in backs.items() if asked in f]
        return back
    assert back_of("(z)_i = $ ______").startswith("$\\dfrac{e^{z_i}}{\\sum_j e^{z_j}}$")
    assert back_of("分子分母同时减去 ______") == "$\\max_j z_j$（不改变结果）"
    assert back_of("y'_k = $ ______").startswith("$(1-\\epsilon)\\,y_k + \\dfrac{\\epsilon}{K}$")
    assert "加起来要等于 1" in back_of("y'_k = $ ______")
    assert back_of("$y = $ ____ $\\cdot \\hat x + $ ____") == "γ，β"
    assert back_of("设为 ____ 时") == "是 `None`。"
    assert back_of("交叉熵 loss 约为 ____") == "$\\ln 10\\approx 2.303$"
    assert back_of("`nn.LayerNorm` is ____") == "`1e-5`"
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    for wrong in ("y_k + \\epsilon$ ", "Q(x)\\log", "我填：0", "`0.1`", "默", "✅", "❌", "✔", "✓", "LLaMA"):
        assert wrong not in texts, wrong


@pytest.mark.parametrize("notes, kept, gone", [
    # a form's blank and a blank no one filled in ask nothing
    ("# 实验四 预习报告\n\n> 姓名：____  学号：2021xxxx\n\n## 原理\n\n- **BatchNorm**：对每个通道求均值和方差\n",
     ["每个通道"], ["姓名"]),
    ("# 练习\n\n## 填空\n\n1. Adam 的默认 $\\beta_2$ 是 ____\n2. SGD 的动量一般取 0.9\n", [], ["____"]),
    # a label that is not an answer's stays what it was
    ("# 优化器\n\n## Adam\n\n- **默认值**：`lr=1e-3`，`betas=(0.9, 0.999)`\n", ["betas=(0.9, 0.999)"], []),
])
def test_ordinary_notes_keep_their_cards_beside_filled_blanks(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


def test_a_translation_table_asks_the_side_one_is_learning() -> None:
    """Notes that go from one framework to another (“PyTorch → JAX 转换笔记”) with a table of both: the
    side one already knows is the cue, not a card; the side one learns is asked."""
    notes = ("# NumPy → PyTorch 对照笔记\n\n## 对照表\n\n| 操作 | NumPy | PyTorch |\n|---|---|---|\n"
             "| 拼接 | `np.concatenate([a, b])` | `torch.cat([x, y])` |\n| 按列求和 | `a.sum(axis=0)` | `x.sum(dim=0)` |\n"
             "| 交换两维 | `np.swapaxes(a, 0, 1)` | `x.transpose(0, 1)` |\n\n## 同一个归一化，两种写法\n\n### NumPy 版\n\n"
             "```python\ndef normalize(a):\n    return (a - a.mean(axis=0)) / a.std(axis=0)\n```\n\n### PyTorch 版\n\n"
             "```python\ndef normalize(x):\n    return (x - x.mean(dim=0)) / x.std(dim=0, unbiased=False)\n```\n")
    assert_keeps(notes, ["torch.cat([x, y])", "x.sum(dim=0)", "unbiased=False"],
                 ["np.concatenate", "a.sum(axis=0)", "a.std(axis=0)"])


@pytest.mark.parametrize("notes, kept", [
    # two frameworks compared, no direction: both are what one learns (the classic BN momentum trap)
    ("# BatchNorm\n\n## 两个框架的默认值\n\n| 参数 | PyTorch | Keras |\n|---|---|---|\n| momentum | 0.1 | 0.99 |\n"
     "| eps | 1e-5 | 1e-3 |\n| 统计量 | 有偏方差归一化 | 有偏方差归一化 |\n", ["0.1", "0.99"]),
])
def test_ordinary_notes_keep_both_sides_of_a_comparison(notes, kept) -> None:
    assert_keeps(notes, kept, [])


def test_a_link_line_is_no_formula_and_a_step_that_uses_numbered_equations_is_left_out() -> None:
    links = ("# Quantization\n\n## What it is\n\n- **scale**: the step between two levels\n\n"
             "## links\n\n- LLM.int8(): https://arxiv.org/abs/2208.07339\n- GPTQ: https://arxiv.org/abs/2210.17323\n")
    assert_keeps(links, ["the step between two levels"], ["arxiv"])
    proof = ("# GD proof\n\n## Step 3\n\nPut (2) into (1), writing $g = \\nabla f(x)$:\n\n"
             "$$f(x^+) \\le f^\\star + g^\\top(x - x^\\star) - \\frac{\\eta}{2}\\|g\\|^2$$\n\n"
             "## Step 4\n\nApply (3) at $x = x_{i-1}$ and add up:\n\n$$\\sum_{i=1}^{k} (f(x_i) - f^\\star) \\le R$$\n\n"
             "## Descent lemma\n\nFor $L$-smooth $f$:\n\n$$f(y) \\le f(x) + \\nabla f(x)^\\top (y - x) + \\frac{L}{2}\\|y - x\\|^2$$\n")
    assert_keeps(proof, ["\\frac{L}{2}\\|y - x\\|^2"], ["\\frac{\\eta}{2}\\|g\\|^2", "(f(x_i) - f^\\star)"])


def test_an_exercise_s_own_arithmetic_and_a_log_s_breaks_give_no_card() -> None:
    exercises = ("# 第6章 卷积神经网络 课后习题（自己做的答案）\n\n## 习题 3：感受野\n\n**步骤**：\n\n"
                 "- 第1层：$1 + 2 = 3$\n- 第2层：$3 + 2 = 5$\n\n"
                 "## 习题 5：深度可分离卷积\n\n- 普通：$3\\cdot3\\cdot64\\cdot64 = 36864$\n- 可分离合计：$4672$\n"
                 "- **depthwise**：每个通道单独一个 $k\\times k$ 核（`groups=C_in`）\n")
    assert_keeps(exercises, ["每个通道单独一个"], ["1 + 2 = 3", "36864"])
    log = ("# 🍅 pomodoro log\n\n## 🍅1 affine quantization\n\n- **scale**: the step between two levels\n"
           "- **Break**: made coffee, didn't open twitter\n- **practical**: start QAT from a trained float model\n\n"
           "## 🍅2 symmetric\n\n- **zero point**: 0 for symmetric schemes\n- **Break**: 5 min, stretched\n\n"
           "## 🍅3 PTQ\n\n- **calibration**: run a few batches to set the observers\n- **Break**: snack\n\n"
           "## End of day\n\n- **still fuzzy**: GPTQ's actual update rule\n")
    assert_keeps(log, ["the step between two levels", "what matters in practice?"], ["coffee", "GPTQ's actual"])
    thread = ("# DDP + grad accumulation #2174\n\n## What is DDP\n\n- **DDP**: one process per GPU, grads all-reduced\n\n"
              "## **ptr** replied on Mar 3\n\nImportant detail: the forward pass must also be inside `no_sync()`.\n")
    assert_keeps(thread, ["one process per GPU"], ["no_sync"])
    minutes = ("# 读书会 纪要\n\n- 参加：小林、阿哲、老周、我\n\n## BN 为什么有用\n\n"
               "- **BN**：对每个通道做归一化\n- 老周：另外还有正则化效果，所以有 BN 时 dropout 可以少用\n\n"
               "## 杂记\n\n- **下期预告**：优化器专题\n")
    assert_keeps(minutes, ["对每个通道做归一化"], ["小林", "正则化效果", "优化器专题"])


def test_a_list_of_references_and_an_environment_s_setup_give_no_card() -> None:
    """“References I'm diffing against:” / “参考：” over a list: the works read; “conda create …”, “pip install
    -r …”: a team's setup. A command worth recalling (“torchrun --nproc_per_node=4 train.py”) is still one."""
    notes = ("# Reproducing the Transformer\n\nRunning list while reimplementing Transformer-base.\n"
             "References I'm diffing against:\n\n- paper: Vaswani et al. 2017, [arXiv:1706.03762](https://arxiv.org/abs/1706.03762)\n"
             "- \"official\": tensor2tensor (`t2t`), `transformer.py`\n"
             "- The Annotated Transformer — *not* official but everyone copies it\n\n"
             "## Warmup\n\n- **warmup**: lr grows linearly for the first 4000 steps\n\n"
             "## Environment\n\nSet up the environment (the CUDA build has to match the driver):\n\n"
             "```bash\nconda create -n percep python=3.10 -y\nconda activate percep\npip install -r requirements.txt\n"
             "python -c \"import torch; print(torch.cuda.is_available())\"\n```\n\n"
             "## Launch\n\nLaunch training on the 4 GPUs of one machine:\n\n```bash\ntorchrun --nproc_per_node=4 train.py\n```\n\n"
             "# PyTorch → JAX 笔记\n\n环境：jax 0.4 / flax\n参考：\n- JAX 官方 The Sharp Bits：https://jax.readthedocs.io\n"
             "- Flax linen 文档 + optax 文档\n\n## PRNG\n\n- **PRNGKey**：JAX 的随机数状态，要显式 split\n")
    assert_keeps(notes, ["lr grows linearly", "torchrun --nproc_per_node=4", "要显式 split"],
                 ["tensor2tensor", "everyone copies", "conda create", "optax 文档"])


@pytest.mark.parametrize("notes, kept, gone", [
    # a blank with nothing filled in, one's own answer before the reference answer, a correction on the
    # same line, a mark of wrong for one blank of two, and a line of answer after other lines
    ("# 默写\n\n## 分布\n\n- 泊松分布的方差是 ______\n  - 默：忘了\n- 指数分布的期望是 ______\n  - 默：$1/\\lambda$ ✅\n\n"
     "**1.** Jensen: for convex $f$, $f(\\mathbb{E}[X])$ ______ $\\mathbb{E}[f(X)]$\n\nMy answer: no idea, look it up\n\n"
     "## Dropout\n\n- 推理时要把权重乘以 ______\n  - 我的答案：p\n  - 参考答案：$1-p$（p 是丢弃率）\n\n"
     "## Adam\n\n**2.** Adam 的默认 $\\beta_2$ 是 ______。\n我填：0.99 ❌ 应为 0.999\n\n"
     "**3.** bias correction 在第 $t$ 步除以 ______。\n默：$1-\\beta^t$ ✅（上周 ❌ 过一次）\n\n"
     "**4.** 多头注意力切成 ______ 个头，每个头维度是 ______。\n\n我填：$h$ ✅，$d_{model}$ ❌\n> **订正**：每个头是 $d_{model}/h$\n\n"
     "## GroupNorm\n\n- GroupNorm 的组数一般取：\n  - 32（论文默认）\n  - 答：组数太小就退化成 LayerNorm\n",
     ["$1/\\lambda$", "$1-p$（p 是丢弃率）", "0.999", "$1-\\beta^t$"],
     ["忘了", "no idea", "我的答案", "0.99 ", "$h$，", "组数一般取：\n"]),
    # a translation's known side that is a fact to learn too, not its code; a section of the known
    # framework that teaches a technique
    ("# TF → PyTorch 权重转换笔记\n\n## 布局\n\n| 层 | TF 布局 | PyTorch 布局 |\n|---|---|---|\n"
     "| Conv2D kernel | HWIO | OIHW |\n| Dense kernel | (in, out) | (out, in) |\n| BN 缩放 | gamma | weight |\n\n"
     "# NumPy → PyTorch 入门笔记\n\n## NumPy 的数值稳定 softmax\n\n先减最大值再取指数：\n\n"
     "```python\ndef softmax(x):\n    e = np.exp(x - x.max())\n    return e / e.sum()\n```\n",
     ["HWIO", "gamma", "def softmax"], []),
    # points numbered in a lead, a link beside a formula
    ("# VAE\n\n## ELBO\n\nThe ELBO splits into (1) a reconstruction term and (2) a KL term:\n\n"
     "$$\\mathcal{L} = \\mathbb{E}_q[\\log p(x|z)] - D_{KL}(q(z|x)\\|p(z))$$\n\n"
     "## Activations\n\n- GELU(x) = x·Φ(x)  (https://arxiv.org/abs/1606.08415)\n",
     ["D_{KL}(q(z|x)\\|p(z))", "x·Φ(x)"], []),
    # a sum a long name states under an exercise, a heading that only mentions practice
    ("# 第6章 卷积 笔记（自己做的答案）\n\n## 习题 3：感受野\n\n- 两层 3×3 卷积的感受野：$3 + 2 = 5$\n\n"
     "## 练习模式下的经验法则\n\n- Adam 状态每参数字节数（fp32）：$4 + 4 = 8$\n", ["$3 + 2 = 5$", "$4 + 4 = 8$"], []),
    # “break” as a term, two practice labels in one section, practice in a week's report and a glossary
    ("# Python 控制流\n\n## 关键字\n\n- **break**：立即跳出最内层循环\n- **continue**：跳过本次循环剩下的语句\n\n"
     "# Training notes\n\n## Label smoothing\n\n- **Definition**: replace one-hot targets with soft ones\n"
     "- **In practice**: ε = 0.1 is the usual choice\n- **Practical**: it hurts distillation teachers\n\n"
     "## 第 3 周 周报\n\n- **实践中**：这周主要在调 batch size，没有新结论\n\n## Glossary\n\n- **Practical**: of or relating to practice\n",
     ["立即跳出最内层循环", "ε = 0.1 is the usual choice", "it hurts distillation teachers"],
     ["周报: what matters", "Glossary: what matters", "第 3 周 周报：实践中"]),
])
def test_ordinary_notes_keep_what_the_review_of_round_thirty_found(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # several blanks answered in one paragraph; a hedge after an answer; an answer that is an option the
    # prompt gives, or a word that begins like “I don't know”; a formula on the line after “答：”
    ("# 自测\n\n## 基础\n\n**1.** softmax 的输出各分量之和为 ______。\n答：1\n**2.** ReLU 在 $x=0$ 处的导数通常取 ______。\n答：0\n"
     "**3.** BatchNorm 的两个可学习参数是 ______。\n答：$\\gamma$ 和 $\\beta$\n\n"
     "**Q4.** Adam 中 $\\beta_2$ 的默认值是 ______。\n我填：0.999\n\n应该是对的，论文和 PyTorch 默认都是这个。\n\n"
     "## eval\n\n1. `torch.no_grad()` 下前向传播 ______ 构建计算图（填 会/不会）。\n   - 答：不会\n"
     "2. LSTM 中决定丢弃哪些旧信息的门叫 ______。\n   - 答：忘记门（forget gate）\n\n"
     "## 分布\n\n**5.** 泊松分布 $P(X=k)$ = ______。\n答：\n$\\dfrac{\\lambda^k e^{-\\lambda}}{k!}$\n",
     ["之和为 ______。 1 |", "ReLU 在 $x=0$ 处的导数通常取 ______。 0", "0.999", "构建计算图（填 会/不会）。 不会", "忘记门",
      "\\dfrac{\\lambda^k e^{-\\lambda}}{k!}"], ["对的，论文", "**Q4.**"]),
    # facts under “参考：” and values under “Reference values from the paper:”; commands a tutorial teaches;
    # a numbered exercise with no question of its own
    ("# 注意力\n\n## 缩放点积\n\n参考：\n- **缩放因子**：$\\sqrt{d_k}$，让点积的方差回到 1\n\n"
     "## BERT fine-tuning\n\nReference values from the paper:\n\n- **Batch size**: 16 or 32\n\n"
     "## 环境\n\n新建一个指定 Python 版本的 conda 环境并进入它：\n\n```bash\nconda create -n dl python=3.10\nconda activate dl\n```\n\n"
     "## 答案核对\n\n1. 若 $X \\sim N(0,1)$，则 $P(X > 0) = $ ______\n   - 答：0.5\n2. 第 2 题（见课本 P45）：\n"
     "   - 答：$e^{-2}$ ❌\n   - → $1 - e^{-2}$\n",
     ["让点积的方差回到 1", "16 or 32", "conda create -n dl", "0.5"], ["第 2 题（见课本 P45）"]),
    # a placeholder to fill in a tutorial, and an answer the front already states
    ("# HF tutorial\n\n## Login\n\nReplace `______` with your access token in `huggingface-cli login --token ______`.\n"
     "I put mine in an env var instead.\n\n## Tokenizer\n\n`tokenizer(text, max_length=______)` — for BERT the usual max is 512.\n"
     "My answer: 512 ✅\n", [], ["mine in an env var", "My answer"]),
])
def test_ordinary_notes_keep_what_the_second_review_of_round_thirty_found(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


def test_a_question_turn_and_its_answer_turn_are_one_card_and_one_s_own_runs_are_no_facts() -> None:
    """“**学生问：** …” (or its code) over “**助教答：** …”: the question (under its heading, when it only tells
    what happened) and the answer with what goes on from it, not “…的学生问是什么？”. Under “我的实验”, the
    numbers one measured are that run's, not facts."""
    notes = ("# 答疑精华帖\n\n## Q1. 为什么中间变量的 `.grad` 是 None?\n\n**学生问:**\n```python\nx = torch.ones(3, requires_grad=True)\n"
             "y = x * 2\n(y ** 2).sum().backward()\nprint(y.grad)   # None ???\n```\n\n**助教答:**\n`.grad` 只保存在 leaf tensor 上，"
             "要看中间变量的梯度得先 `y.retain_grad()`。\n\n## Q3. backward 两次报错\n\n**学生问:** 同一个 loss 做两次 backward，第二次就报错了。\n\n"
             "**助教答:** `backward()` 结束后会释放计算图，确实需要时用 `retain_graph=True`。\n\n"
             "## Q4. 梯度为什么越来越大？\n\n**学生问:** loss 一开始降，后来直接 nan。\n\n**助教答:** 没清零梯度，`.grad` 是累加的。\n\n"
             "## Q2\n\n**问：** 为什么要除以 $\\sqrt{d_k}$？\n\n**答：** 各分量独立、方差 1 时，点积的方差是 $d_k$：\n\n"
             "$$\\mathrm{Var}(q\\cdot k) = d_k$$\n\n除以标准差让方差回到 1。\n\n"
             "# 组会汇报\n\n## Slide 9 · 我的实验 1：ResNet-18\n\n- **CPU**：latency FP32 ~38 ms → INT8 ~14 ms\n"
             "- **fp16 NaN 的原因**：attention logits 太大，换 bf16 解决\n\n"
             "## Slide 4 · 粒度\n\n- **per-channel**：每个输出通道一个 scale\n")
    cards, _ = extract(notes)
    backs = {c.front: c.back for c in cards}
    assert any("print(y.grad)" in f and "retain_grad" in b for f, b in backs.items()), backs
    assert backs["backward 两次报错：同一个 loss 做两次 backward，第二次就报错了。"].startswith("`backward()` 结束后")
    assert backs["梯度为什么越来越大？：loss 一开始降，后来直接 nan。"] == "没清零梯度，`.grad` 是累加的。"
    assert backs["为什么要除以 $\\sqrt{d_k}$？"].startswith("各分量独立")
    assert any(f.endswith("$$\\mathrm{Var}(q\\cdot k) = ?$$") for f in backs), backs  # (its formula, a card of its own)
    assert_keeps(notes, ["每个输出通道一个 scale", "换 bf16 解决"], ["学生问是什么", "~38 ms"])


@pytest.mark.parametrize("notes, kept, gone", [
    # an answer the next turn corrects (the correction answers), one's own answer; options and names as letters
    ("# 面试复盘\n\n## Transformer\n\n**面试官问：** 为什么 attention 里要除以 $\\sqrt{d_k}$？\n\n"
     "**我答：** 我说是为了防止梯度消失，其实答得不对。\n\n**复盘：** 正确的说法是方差随 $d_k$ 线性增长，softmax 会饱和。\n\n"
     "## 梯度累积\n\n**楼主问：** 梯度累积 4 步和 batch 放大 4 倍完全等价吗？\n\n**网友答：** 完全等价，直接累加就行。\n\n"
     "**答（楼主补充）：** 不对。loss 要除以累积步数，BN 的统计量也不一样。\n",
     ["attention 里要除以 $\\sqrt{d_k}$？ 正确的说法是方差随 $d_k$ 线性增长", "完全等价吗？ loss 要除以累积步数"],
     ["其实答得不对", "直接累加就行", "不对。"]),
    ("# Week 3 quiz\n\n**Question:** Which activation is used in the FFN of GPT-2?\n\n**A:** ReLU\n\n**B:** GELU\n\n"
     "**Answer:** B, GELU.\n\n# RL notes\n\n## Notation\n\n**V:** the state value $V(s) = \\mathbb{E}[G_t \\mid s_t = s]$\n\n"
     "**Q:** the action value $Q(s,a) = \\mathbb{E}[G_t \\mid s_t = s, a_t = a]$\n\n"
     "**A:** the advantage $A(s,a) = Q(s,a) - V(s)$\n", ["Q(s,a) = \\mathbb{E}"], ["FFN of GPT-2? ReLU", "the action value $Q(s,a)=\\mathbb{E}"]),
    # an answer that only says where it is; two prompts over one list; a correction of one blank of two
    ("# FAQ\n\n## Setup\n\n**Q:** Why is my loss NaN in fp16?\n\n**A:** See the previous section.\n\n"
     "## 填空\n\n**3.** softmax 的输出之和为 ______。\n**4.** ReLU 在 0 处的导数通常取 ______。\n\n- 我的答案：1 ✅\n- 我的答案：0 ✅\n\n"
     "**5.** warmup 常用 ______ 步，形状是 ______。\n\n- 我的答案：1000；余弦\n- ❌\n- 订正：第二个应为线性 warmup；第一个没错\n",
     [], ["See the previous section", "导数通常取 ______。 1", "线性 warmup"]),
    # under one's own experiments, a spec and a claim stay; a before and after measured is the run's
    ("# 混合精度训练笔记\n\n## 我的实验：fp16 vs bf16\n\n**A100 显存**：80 GB\n\n**FlashAttention 论文宣称加速**：2-4×\n\n"
     "**CPU 推理**：FP32 ~38 ms → INT8 ~14 ms\n", ["80 GB", "2-4×"], ["~38 ms"]),
])
def test_ordinary_notes_keep_what_the_third_review_of_the_turns_found(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


def test_a_chat_s_replies_by_who_wrote_them_are_no_terms() -> None:
    """“- @小鹿：…” under “**群友回答**”: someone's reply in a group chat, wrong as often as not; not “@小鹿 是什么？”
    (and in notes with such replies, “@Yuki” is someone too; a glossary's “@property” is a term)."""
    notes = ("# 每日一题\n\n## Day 1 · Adam 的 bias correction\n\n**题目**：为什么要除以 $1-\\beta_1^t$？\n\n**群友回答**\n\n"
             "- @小鹿：因为 $m$ 会越来越大\n- @Kevin_W：不除的话前几步步长特别小\n- @阿泽（我）：说不清\n\n"
             "**✅ 采纳答案**\n\n$m_0 = 0$，所以 $\\mathbb{E}[m_t] = (1-\\beta_1^t)\\,\\mathbb{E}[g]$，除掉就无偏了。\n\n"
             "## Day 2 · AdamW\n\n**群友回答**\n\n- @Yuki：AdamW 把 decay 从梯度里拿出来了\n")
    assert_keeps(notes, [], ["越来越大", "特别小", "说不清", "从梯度里拿出来"])
    python = "# Python\n\n- **@property**：把方法变成只读属性\n- **@staticmethod**：不接收 self 的方法\n"
    assert_keeps(python, ["只读属性", "不接收 self"], [])


def test_an_exam_section_s_kind_a_timetable_and_an_unfilled_blank_give_no_card() -> None:
    notes = ("# 笔试真题整理\n\n## 四、简答题\n\n- **作用**：可以用更大学习率、对初始化不敏感\n- **为什么有效？**：loss landscape 更平滑\n\n"
             "## 五、BatchNorm\n\n- **作用**：加速收敛，允许更大的学习率\n\n"
             "# 第5周：卷积层\n\n## 0. 本周安排（不考）\n\n- **周四 实验课**：用 PyTorch 搭 LeNet，作业3 下周五截止\n\n"
             "## 1. 卷积\n\n- **感受野**：输出一个像素能看到的输入区域\n\n"
             "# Autograd self-quiz\n\n- **Attempt log**: 1st try 14/22, 2nd try 19/22\n\n## Part C\n\n"
             "**Q15.** The cross-entropy has gradient $$\\frac{\\partial L}{\\partial z} = \\underline{\\qquad\\qquad}$$\n\n"
             "## Part D\n\n- **leaf tensor**: a tensor created by the user, with `requires_grad=True`\n")
    assert_keeps(notes, ["允许更大的学习率", "能看到的输入区域", "created by the user"],
                 ["对初始化不敏感", "平滑", "LeNet", "14/22", "\\underline"])


@pytest.mark.parametrize("notes, kept", [
    # a heading that names a question's kind among other words, and a plan that is a technique's
    ("# BN 复习\n\n## 选择题常考的点：BN\n\n- **BN 的作用**：加速收敛\n", ["加速收敛"]),
    ("# 调参\n\n## 学习率安排\n\n- **warmup**：前 5% 的步数线性升到峰值\n", ["线性升到峰值"]),
])
def test_ordinary_notes_keep_headings_that_only_mention_an_exam_kind_or_a_schedule(notes, kept) -> None:
    assert_keeps(notes, kept, [])


@pytest.mark.parametrize("notes, kept", [
    # annotations and decorators are terms; a question under 简答题 that names its subject is asked
    ("# Spring\n\n## 事务与注入\n\n- **@Transactional**：声明式事务，方法抛出 RuntimeException 时回滚\n"
     "- **@Autowired**：按类型注入依赖\n", ["声明式事务", "按类型注入"]),
    ("# 操作系统 期末复习\n\n## 一、简答题\n\n- **什么是死锁？**：两个或多个进程互相等待对方持有的资源\n"
     "- **为什么要分页？**：消除外部碎片，便于内存管理\n", ["互相等待对方持有的资源", "消除外部碎片"]),
    # an LR schedule and a project's timeline are content; a blank in a remark beside a formula is the remark's
    ("# 学习率\n\n## Schedule\n\n- **Cosine decay**: $\\eta_t = \\eta_{min} + \\tfrac12(\\eta_{max} - \\eta_{min})(1 + \\cos(\\pi t / T))$\n\n"
     "## 进度安排\n\n- **关键路径**：项目网络图中最长的路径，决定最短工期\n", ["\\cos(\\pi t / T)", "决定最短工期"]),
    ("# 代数\n\n## 公式\n\n- **完全平方**：$(a+b)^2 = a^2 + 2ab + b^2$，考试常挖掉中间项：$a^2 + $ ____ $ + b^2$。\n",
     ["a^2 + 2ab + b^2"]),
])
def test_ordinary_notes_keep_what_the_review_of_round_thirty_two_found(notes, kept) -> None:
    assert_keeps(notes, kept, [])


def test_a_problem_and_the_answer_a_thread_settled_on_are_one_card() -> None:
    """“**题目**：…” (with its code), the members' replies under it, and “**✅ 采纳答案**（…）”: the problem asked,
    the settled answer on the back; the replies are no cards, nor is the problem's code a card of its own."""
    notes = ("# 每日一题\n\n## Day 2 · AdamW\n\n**题目**：`Adam(params, weight_decay=0.01)` 和 `AdamW(params, weight_decay=0.01)` "
             "一样吗？\n\n**群友回答**\n\n- @小鹿：一样的吧，weight decay 就是 L2\n- @Yuki：AdamW 是 decoupled\n\n"
             "**✅ 采纳答案**（@Yuki）\n\nAdam 的 `weight_decay` 是 L2：先 $g \\leftarrow g + \\lambda\\theta$，会被 $\\sqrt{\\hat v}$ 除掉；"
             "AdamW 直接 $\\theta \\leftarrow \\theta - \\eta\\lambda\\theta$。\n\n## Day 7 · AMP + clip\n\n"
             "**题目**：下面代码有什么问题？\n\n```python\nscaler.scale(loss).backward()\nclip_grad_norm_(model.parameters(), 1.0)\n"
             "scaler.step(optimizer)\n```\n\n**✅ 采纳答案**\n\nclip 之前要 `scaler.unscale_(optimizer)`，不然裁剪的是放大后的梯度。\n")
    cards, _ = extract(notes)
    backs = {c.front: c.back for c in cards}
    [adamw] = [b for f, b in backs.items() if f.startswith("`Adam(params, weight_decay=0.01)`")]
    assert adamw.startswith("Adam 的 `weight_decay` 是 L2")
    [amp] = [(f, b) for f, b in backs.items() if f.startswith("下面代码有什么问题？")]
    assert "scaler.step(optimizer)" in amp[0] and amp[1].startswith("clip 之前要")
    assert not any("一样的吧" in b for b in backs.values())
    assert sum("scaler.scale(loss).backward()" in f for f in backs) == 1, backs


@pytest.mark.parametrize("notes, gone", [
    # three statements over one answer section; a settled answer corrected after; a summary's "Problem:"
    ("# 期中复习题\n\n## 优化\n\n**题目**：为什么 Adam 需要偏差修正？\n\n**题目**：sigmoid 和 tanh 的导数最大值各是多少？\n\n"
     "**题目**：BN 训练和推理有什么不同？\n\n**参考答案**：\n\n1. 初始化为 0，前期偏小\n2. 0.25 和 1\n3. 训练用 batch 统计量\n",
     ["0.25 和 1"]),
    ("# 概率练习\n\n## 条件概率\n\n**题目**：掷两枚硬币，已知至少一枚正面，两枚都是正面的概率是多少？\n\n**参考答案**：$1/2$\n\n"
     "**更正**：上面的参考答案错了，样本空间只剩三种，答案是 $1/3$。\n", ["$1/2$"]),
    ("# Paper notes: Attention Is All You Need\n\n## Summary\n\n**Problem:** RNNs are sequential, so training cannot be "
     "parallelized.\n\n**Model answer:** (my own take) attention alone is enough.\n", ["attention alone is enough"]),
    # a statement that needs the figure below it
    ("# 数据结构\n\n## 二叉树\n\n**题目**：写出下图所示二叉树的中序遍历序列。\n\n![二叉树](tree.png)\n\n**参考答案**：D B E A F C\n",
     ["D B E A F C"]),
])
def test_ordinary_notes_keep_what_the_review_of_settled_answers_found(notes, gone) -> None:
    assert_keeps(notes, [], gone)


def test_a_worksheet_is_answered_by_the_numbered_key_at_its_end() -> None:
    """“**Q1.** … requires_grad=________” and “**Q2.**” over code and “Prints: `____`”, then “## Answer
    key” over “1. `True`” “2. `tensor(8.)`”: each question a card, answered by the item of its number;
    the aside after the last question is no part of it."""
    notes = ("# Autograd self-check\n\n## Part A\n\n"
             "**Q1.** A tensor records its operations only if it has `requires_grad=________`.\n\n"
             "**Q2.**\n\n```python\nx = torch.tensor(3.0, requires_grad=True)\n(x**2).backward()\nprint(x.grad)\n```\n\n"
             "Prints: `tensor(________)`\n\n"
             "**Q3.** Gradients of a non-leaf tensor `h` are kept only after `h.________()`.\n\n"
             "random thought: do a quiz on vmap some day.\n\n"
             "## Answer key\n\n(cover this!)\n\n1. `True`\n2. `6.` (2x at x = 3)\n3. `retain_grad`\n")
    cards, _ = extract(notes)
    by_answer = {c.back.split()[0]: c for c in cards}
    assert "requires_grad=________" in by_answer["`True`"].front
    assert "print(x.grad)" in by_answer["`6.`"].front and "Prints:" in by_answer["`6.`"].front
    assert "h.________()" in by_answer["`retain_grad`"].front
    assert not any("random thought" in c.front or "vmap" in c.back for c in cards), [c.front for c in cards]


def test_a_quiz_list_is_answered_by_the_numbered_list_under_its_answers_heading() -> None:
    """“## 小测验” over “1. …？” and “## 答案” over “1. …”: question n is answered by answer n, and an
    outline numbered like it (“## 大纲” 1., 2.) is no quiz."""
    notes = ("# 归一化分享\n\n## 大纲\n\n1. BatchNorm 公式\n2. LayerNorm 为什么用在 Transformer\n\n"
             "## 小测验\n\n1. `BatchNorm2d` 的均值在哪几个维度上算？\n2. RMSNorm 比 LayerNorm 少了哪两样东西？\n\n"
             "## 答案\n\n1. 在 (N, H, W) 上算，每个通道一个。\n2. 少了减均值和偏置 β。\n")
    cards, _ = extract(notes)
    pairs = {c.front: c.back for c in cards}
    assert pairs.get("`BatchNorm2d` 的均值在哪几个维度上算？") == "在 (N, H, W) 上算，每个通道一个。", pairs
    assert pairs.get("RMSNorm 比 LayerNorm 少了哪两样东西？") == "少了减均值和偏置 β。", pairs
    assert not any("BatchNorm 公式" in f for f in pairs), pairs


@pytest.mark.parametrize("notes, kept, gone", [
    # problems that ask nothing, and solutions that define: the definitions stay
    ("# Deep nets\n\n## Problems\n\n1. Vanishing gradients in deep sigmoid nets\n2. Exploding gradients in RNNs\n\n"
     "## Solutions\n\n1. **ReLU**: its gradient is 1 for positive inputs\n"
     "2. **Gradient clipping**: rescales the gradient when its norm exceeds a threshold\n",
     ["ReLU", "Gradient clipping", "rescales the gradient"], ["Vanishing gradients"]),
    # answers that outnumber the questions asked: not this worksheet's key
    ("# Adam\n\n## Questions\n\n1. Why does Adam need bias correction?\n\n## Answers\n\n"
     "1. **Bias correction**: divides the moment by $1-\\beta^t$ because it starts at zero\n"
     "2. **Warmup**: raises the learning rate over the first steps\n3. **AdamW**: decays the weights apart from the gradient\n",
     ["**Warmup**", "**AdamW**", "over the first steps"], []),
])
def test_ordinary_notes_keep_their_numbered_lists_beside_an_answers_heading(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, reason", [
    # a symptom under the problem it shows: the heading says it already
    ("# Troubleshooting\n\n## Loss is nan\n\n**Symptom:** loss prints `nan` after a few hundred steps.\n\n"
     "**Fix:** lower the learning rate and clip the gradient norm.\n", "symptom"),
    ("# 复现记录\n\n## loss 变成 nan\n\n**现象**：跑了几百个 iter 之后 loss 就是 nan\n\n**解决**：调小学习率\n", "symptom"),
    # an answer that says only where the answer is
    ("# Optimisers\n\n## Adam\n\n| Cue | Notes |\n|---|---|\n| Adam = ? | momentum + RMSProp + bias correction |\n"
     "| Update equations? | see block below |\n", "elsewhere"),
    # what one's own run came to
    ("# DDP log\n\n## Fri\n\nMoved the script to 4 GPUs today.\n\n"
     "**Speedup**: 1 GPU: 41 min/epoch. 4 GPUs: 11.5 min/epoch → ~3.6×.\n", "result"),
    ("# Training loop fixes\n\n## The fixed loop\n\n**Result after the fixes**: 86.9% val at epoch 90. Before: ~28%.\n",
     "result"),
    # code whose own comments mark it wrong
    ("# SimCLR\n\n## 坑 1\n\nDataset 里手滑写成了：\n\n```python\ndef __getitem__(self, i):\n    img, _ = self.base[i]\n"
     "    v = self.transform(img)\n    return v, v        # ❌ 只随机增强了一次\n```\n", "wrong-code"),
])
def test_fields_that_are_no_card_are_left_out_with_their_reason(notes, reason) -> None:
    cards, notices = extract(notes)
    assert any(n.rule == f"left-out:{reason}" for n in notices), ([n.rule for n in notices], [c.front for c in cards])


@pytest.mark.parametrize("notes, gone", [
    # what is still unclear to the learner
    ("# Optimisers\n\n## Summary\n\n**Momentum** averages past gradients.\n\n"
     "**still unsure**: the 2/lambda_max derivation, ask in office hours.\n", "derivation"),
    # a worked example's numbers in a table
    ("# Quantization\n\n## Choosing s and z\n\n| worked example | value |\n|---|---|\n| range | [−1.0, 3.0], uint8 |\n"
     "| s | 4/255 ≈ 0.015686 |\n| z | 64 |\n", "0.015686"),
    # a problem's working (“**解**：” over its steps, “验算：”)
    ("# 线代\n\n## 矩阵范数\n\n> **例 2.9** 求 $A$ 的 SVD。\n\n**解**：\n1. $A^\\top A$ 的特征值 $45, 5$，$\\sigma_1 = \\sqrt{45}$\n"
     "2. 对应特征向量：$v_1 = \\frac{1}{\\sqrt2}(1,1)^\\top$，$v_2=\\frac1{\\sqrt2}(1,-1)^\\top$。\n\n"
     "验算：$\\sigma_1\\sigma_2 = 15 = |\\det A|$ ✓\n", "v_2"),
])
def test_what_names_no_fact_gives_no_card(notes, gone) -> None:
    cards, _ = extract(notes)
    assert not any(gone in c.front or gone in c.back for c in cards), [(c.front, c.back) for c in cards]


@pytest.mark.parametrize("notes, kept, gone", [
    # a facet that is a fact of the problem still asks
    ("# Losses\n\n## MSE\n\nMean squared error.\n\n**缺点**：对离群点敏感\n", ["对离群点敏感"], []),
    # the symptoms of a cause are a fact of it; the heading does not say them
    ("# Training\n\n## Exploding gradients\n\n**Symptoms**: NaNs, loss spikes\n\n"
     "**Gradient clipping**: rescales the gradients when their norm exceeds a threshold\n", ["NaNs, loss spikes"], []),
    ("# 复现记录\n\n## 坑 1：两个 view 是同一张图\n\n**现象**：loss 很快掉到 4.3 然后不动，kNN acc 只有 31%\n",
     ["kNN acc 只有 31%"], []),
    # code that marks a wrong line and the right one: the contrast is the point
    ("# Autograd\n\n## In-place\n\n写法对比：\n\n```python\ny = torch.sigmoid(x)\ny.mul_(2)   # ❌ in-place on a saved output\n"
     "y = y * 2    # ✅ out of place\n```\n", ["y = y * 2"], []),
    # a value that is another row's stays
    ("# Quantization\n\n## Affine\n\n| symbol | meaning | shape | unit |\n|---|---|---|---|\n"
     "| $x$ | real value | `(M, K)` | float |\n| $\\hat x$ | dequantized | `(M, K)` | same as x |\n", ["same as x"], []),
    # “解释”, “解法” are no working
    ("# 注意力\n\n## 缩放\n\n**解释**：点积的方差随 $d_k$ 增大，所以除以 $\\sqrt{d_k}$。\n", ["点积的方差"], []),
    # a label of a result that defines, with no number measured, is a term
    ("# Parallel computing\n\n## Amdahl\n\n**Speedup**: the serial time divided by the parallel time, at most "
     "1/(1-p) for p the parallel share.\n", ["serial time divided by"], []),
    # a pointer inside a real answer is part of it
    ("# Optimisers\n\n## Adam\n\n- **Bias correction**: divides by $1-\\beta^t$ (derivation: see below)\n", ["divides by"], []),
])
def test_ordinary_notes_keep_facets_contrasts_and_findings(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, front, back", [
    ("# 线代\n\n## 低秩近似\n\n截断 SVD 给出秩 k 近似。\n\n**人话**：截断 SVD 就是最好的秩 k 近似，误差由扔掉的奇异值决定。\n",
     "低秩近似：通俗地说是什么？", "截断 SVD 就是最好的秩 k 近似"),
    ("# Linear algebra\n\n## Low rank\n\nTruncated SVD gives a rank-k approximation.\n\n"
     "**ELI5**: keep the biggest stretches of the matrix and drop the rest.\n",
     "Low rank: what is it, in plain words?", "keep the biggest stretches"),
])
def test_a_thing_said_plainly_is_asked_plainly_of_its_section(notes, front, back) -> None:
    """“**人话**：…” under 低秩近似 asks what 低秩近似 is, plainly put; “人话” itself is no term."""
    cards, _ = extract(notes)
    assert any(c.front == front and back in c.back for c in cards), [(c.front, c.back) for c in cards]


@pytest.mark.parametrize("notes, kept, gone", [
    # answers to the odd exercises only: each is paired by the number written before it
    ("# Probability review\n\n## Exercises\n\n1. What is the expected value of a fair die?\n"
     "2. What is the variance of a Bernoulli(p) variable?\n3. If X ~ Poisson(λ), what is Var(X)?\n\n"
     "## Answers\n\n1. 3.5\n\n3. λ (mean and variance are equal)\n", ["Var(X)? λ (mean"], ["Bernoulli(p) variable? λ"]),
    # “Key” alone heads takeaways, not answers
    ("# Attention\n\n## Questions I had\n\n1. Why divide by sqrt(d_k)?\n2. Why use multiple heads?\n\n"
     "## Key\n\n1. Self-attention costs O(n²·d) time.\n2. Positional encodings are added to the inputs.\n",
     [], ["sqrt(d_k)? Self-attention"]),
    # remedies defined under “Solutions”, after problems in another order: the definitions stay
    ("# Deep nets\n\n## Problems\n\n1. Why do gradients vanish in deep sigmoid nets?\n2. Why do RNN gradients explode?\n\n"
     "## Solutions\n\n1. **Gradient clipping**: rescale the gradient when its norm exceeds a threshold.\n"
     "2. **Residual connections**: add the input to the block's output.\n", ["what is **Gradient clipping**"],
     ["sigmoid nets? **Gradient clipping**"]),
    # two lists ask before the key: which one it answers is not said
    ("# 正则化\n\n## 课后习题\n\n1. L2 正则对应权重的什么先验？\n2. Dropout 在测试时怎么处理？\n\n"
     "## 课堂讨论\n\n1. 为什么 BN 和 Dropout 一起用效果会变差？\n2. 权重衰减和 L2 在 Adam 里为什么不等价？\n\n"
     "## 参考答案\n\n1. 高斯先验。\n2. 不再随机丢弃，用全部神经元。\n", [], ["效果会变差？ 高斯先验"]),
    # the list right before the key asks nothing by its end but sets tasks: it is the one answered
    ("# Regularisation\n\n**Q1.** Why does weight decay shrink weights?\n\nBecause its gradient is $\\lambda w$.\n\n"
     "**Q2.** Is dropout active at test time?\n\nNo, all units are used.\n\n## Exercises\n\n"
     "1. Derive the gradient of the L1 penalty.\n2. Show that early stopping acts like L2.\n\n## Solutions\n\n"
     "1. $\\lambda\\,\\mathrm{sign}(w)$\n2. Like ridge with $\\lambda \\approx 1/(\\eta t)$.\n",
     ["Derive the gradient of the L1 penalty. $\\lambda\\,\\mathrm{sign}(w)$"], ["shrink weights? $\\lambda"]),
    # a question that says what to do is whole: the note after it is no part of it
    ("# Softmax\n\n**Q1.** Implement a numerically stable softmax.\n\nSoftmax is shift-invariant, which helps.\n\n"
     "**Q2.** What is the derivative of $s_i$ by $x_j$?\n\n## Answers\n\n1. Subtract the max first.\n"
     "2. $s_i(\\delta_{ij} - s_j)$\n", ["Implement a numerically stable softmax. Subtract"], ["shift-invariant, which helps. Sub"]),
    # an answer's sub-list is part of it, a struck-out aside is not
    ("# CNN\n\n## Quiz\n\n1. What are the reasons CNNs need fewer parameters?\n2. What does a 1×1 convolution do?\n\n"
     "## Answer key\n\n1. Two reasons:\n   - local connectivity\n   - ~~pooling~~ no\n   - weight sharing\n"
     "2. It mixes channels at each pixel.\n", ["local connectivity", "weight sharing"], ["~~pooling~~"]),
    # the symptoms of a cause are what to recognise it by
    ("# 训练\n\n## 梯度消失\n\n**现象**：靠近输入的几层梯度消失得很快，参数几乎不更新\n\n"
     "## Dead ReLU\n\n**Symptom**: a large share of ReLU units output exactly zero\n",
     ["参数几乎不更新", "output exactly zero"], []),
    # “**解**：” over a short answer's points: they stay; its formulas of one problem's numbers do not
    ("# 机器学习 课后习题\n\n## 习题 3.2 简述 Dropout 的作用\n\n**解**：\n\n"
     "1. **防止共适应**：神经元不能依赖某几个特定的神经元，必须学到更鲁棒的特征。\n"
     "2. **近似模型集成**：每次前向相当于采样一个子网络，测试时相当于对指数多个子网络取平均。\n"
     "3. **正则化**：等价于对权重加了一种自适应的 L2 惩罚。\n", ["必须学到更鲁棒的特征", "自适应的 L2 惩罚"], []),
    # “验算：” with a formula to learn, not a number
    ("# 数值方法\n\n## 梯度检查\n\n验算：用中心差分 $\\frac{\\partial f}{\\partial x} \\approx \\frac{f(x+h)-f(x-h)}{2h}$，"
     "误差是 $O(h^2)$。\n", ["f(x+h)-f(x-h)"], []),
    # a table of examples (“Example” alone in its corner) is a lookup table
    ("# Distributions\n\n## Which one\n\n| Example | Distribution |\n|---|---|\n"
     "| heads in 10 coin flips | Binomial |\n| emails per hour | Poisson |\n| time to next arrival | Exponential |\n",
     ["Binomial", "Poisson"], []),
    # “any”, “不限”, “same as $e^x$” are values that say something
    ("# Layers\n\n## Inputs\n\n| Layer | Input shape | Input dtype |\n|---|---|---|\n| nn.Linear | `(*, in)` | float |\n"
     "| nn.ReLU | any | float |\n\n## Calculus\n\n| Function | Derivative | Antiderivative |\n|---|---|---|\n"
     "| $e^x$ | same as $e^x$ | same as $e^x$ |\n| $\\sin x$ | $\\cos x$ | $-\\cos x$ |\n", ["any", "same as $e^x$"], []),
    # a glossary's “Fuzzy” and “Unsure” are terms
    ("# Sets\n\n## Kinds of membership\n\n- **Crisp**: an element is in the set or not\n"
     "- **Fuzzy**: membership is a degree in [0, 1]\n- **Unsure**: a prediction whose confidence is below the reject threshold\n",
     ["a degree in [0, 1]", "below the reject threshold"], []),
    # a pointer with the answer after it is an answer
    ("# Activations\n\n## Sigmoid\n\n- **Derivative**: see below: σ(1 − σ)\n- **学习率预热**：见后面，前 5% 步线性增大\n",
     ["σ(1 − σ)", "前 5% 步线性增大"], []),
    # a law's or a paper's speedup is a fact to learn, not one's own run
    ("# Parallelism\n\n## Amdahl's law\n\n**Speedup**: with p = 95% parallel, the speedup never exceeds 20×.\n\n"
     "## FlashAttention\n\n**加速比**：在 GPT-2 上端到端快 3×，注意力本身最多快 7.6×。\n", ["never exceeds 20×", "最多快 7.6×"], []),
    # ❌ printed by correct code, in a comment on what not to do, or under “正确写法”
    ("# Grad check\n\n## Helper\n\n```python\ndef grad_check(f, x, analytic, h=1e-5, tol=1e-4):\n"
     "    num = (f(x + h) - f(x - h)) / (2 * h)\n    rel = abs(num - analytic) / max(abs(num), 1e-12)\n"
     "    if rel > tol:\n        print(\"❌ gradient mismatch\", rel)\n    return rel\n```\n", ["def grad_check"], []),
    ("# SimCLR\n\n## 坑 1\n\n正确写法（每个视图单独增强一次）：\n\n```python\ndef __getitem__(self, i):\n"
     "    img, _ = self.base[i]\n    return self.transform(img), self.transform(img)  # 不要写成 v, v ❌\n```\n",
     ["self.transform(img), self.transform(img)"], []),
])
def test_ordinary_notes_keep_what_the_third_review_showed(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # a key whose items name their question (“(Q3) λ”) is not paired by position
    ("# Stats worksheet\n\n## Questions\n\n1. What is the expected value of a fair die?\n"
     "2. What is the variance of a Bernoulli(p) variable?\n3. If X ~ Poisson(λ), what is Var(X)?\n\n"
     "## Answers\n\n1. (Q3) λ, mean and variance are equal\n2. (Q1) 3.5\n", [], ["fair die? (Q3)", "variable? (Q1)"]),
    # a list a line introduces under the answers heading is that line's steps, not the key
    ("# 线性代数 练习\n\n## 题目\n\n1. 矩阵 $A$ 的特征值是多少？\n2. $A$ 是否可以对角化？\n\n## 答案与解析\n\n"
     "第 1、2 题课上讲过，第 3 题的步骤：\n\n1. 先对角化：$A = Q\\,\\mathrm{diag}(1,3)\\,Q^\\top$\n2. 于是迹不变\n",
     [], ["特征值是多少？ 先对角化"]),
    # exercises numbered in bold, with a sub-list of parts: which list the key answers is not said
    ("# Regression problem set\n\n## Exercises\n\n**1.** Show that the OLS estimator is unbiased.\n\n"
     "**2.** For the design matrix below, answer each part:\n\n1. What is the rank of $X$?\n2. Is $X^\\top X$ invertible?\n\n"
     "## Solutions\n\n1. $E[\\hat\\beta] = \\beta$.\n2. $\\sigma^2 (X^\\top X)^{-1}$.\n", [], ["rank of $X$? $E"]),
    # the learner's open questions between the problems and their answers
    ("# 概率论 作业讲评\n\n**第 1 题** 设 $X \\sim N(0,1)$，求 $E[X^4]$。\n\n**第 2 题** 两个指数分布之和服从什么分布？\n\n"
     "## 我还没搞懂的\n\n1. 为什么正态分布的四阶矩是 3？\n2. Gamma 分布和卡方分布是什么关系？\n\n"
     "## 参考答案\n\n1. $E[X^4] = 3$。\n2. $\\mathrm{Gamma}(2, \\lambda)$。\n", [], ["什么关系？ $\\mathrm{Gamma}"]),
    ("# Regularisation quiz\n\n**Q1.** What prior does L2 regularisation correspond to?\n\n**Q2.** Why does L1 give sparse "
     "solutions?\n\nThings I want to look up later:\n\n1. Why does AdamW decouple weight decay?\n2. Does label smoothing "
     "count as regularisation?\n\n## Answers\n\n1. A zero-mean Gaussian prior.\n2. The L1 ball has corners on the axes.\n",
     [], ["decouple weight decay? A zero-mean"]),
    # a question's options are on its front
    ("# NumPy quiz\n\n## Questions\n\n1. Which of these creates a view, not a copy?\n   - A. `a[[0, 2]]`\n   - B. `a[::2]`\n"
     "2. What does `np.arange(3) * 2` give?\n\n## Answers\n\n1. B, basic slicing returns a view.\n2. `[0 2 4]`\n",
     ["not a copy?\n\n- A. `a[[0, 2]]`"], []),
    # a symptom under a heading that names a cause, though it also names what one sees
    ("# Training\n\n## Exploding gradients → NaN loss\n\n**Symptom**: the gradient norm grows exponentially with sequence "
     "length and the loss suddenly becomes NaN\n\n## Overfitting: validation error goes up\n\n**Symptom**: training error "
     "keeps falling while validation error starts rising\n", ["grows exponentially", "keeps falling"], []),
    # identities derived under “**解**：” are learnt
    ("# 神经网络基础 例题\n\n## 激活函数的导数\n\n**例 2** 求 tanh 的导数。\n\n**解**：\n\n1. $\\tanh'(x) = 1 - \\tanh^2(x)$\n"
     "2. 和 sigmoid 的关系：$\\tanh(x) = 2\\sigma(2x) - 1$\n", ["1 - \\tanh^2(x)", "2\\sigma(2x) - 1"], []),
    # “验算：” over a property that holds for any input
    ("# Softmax 笔记\n\n## 定义\n\n$s_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$\n\n验算：对任意输入都有 $\\sum_i s_i = 1$，所以输出是一个概率分布。\n",
     ["\\sum_i s_i = 1"], []),
    # tables of many examples, whatever their corner says
    ("# 概率题型速查\n\n## 常见题型\n\n| 例题类型 | 方法 |\n|---|---|\n| 求条件期望 | 全期望公式 |\n| 求尾概率的上界 | 切比雪夫不等式 |\n\n"
     "## What each data set shows\n\n| Toy example | Lesson |\n|---|---|\n| XOR | a single linear layer cannot separate it |\n"
     "| Two moons | nonlinear models beat linear classifiers |\n| Swiss roll | manifold learning recovers a 2-D sheet |\n",
     ["全期望公式", "cannot separate it"], []),
    # a ❌ comment that says what goes wrong with the line, in code that is right
    ("# PyTorch training loop\n\n## One epoch\n\n```python\ndef train_one_epoch(model, loader, optimizer, scheduler, criterion):\n"
     "    for x, y in loader:\n        optimizer.zero_grad()\n        loss = criterion(model(x), y)\n        loss.backward()\n"
     "        optimizer.step()\n        scheduler.step()  # ❌ calling this before optimizer.step() skips the first LR value\n"
     "    return loss.item()\n```\n", ["def train_one_epoch"], []),
    # a speedup with “after” in its sentence is no run of one's own
    ("# 训练加速技巧\n\n## 算子融合\n\n**加速比**：融合 LayerNorm 之后单个算子从 0.9 ms 降到 0.3 ms，约 3×。\n\n## 数据并行\n\n"
     "**Speedup**: ideal is N× on N GPUs; in practice 8 GPUs give about 7× because of all-reduce after each backward.\n",
     ["约 3×", "about 7×"], []),
    # a plain-words label under a heading that names nothing: the file's other cards stay
    ("# Matrix decompositions\n\n## Overview\n\n**SVD**: $A = U\\Sigma V^\\top$ for any matrix.\n\n"
     "**ELI5**: SVD says every matrix is a rotation, then a stretch, then another rotation.\n", ["U\\Sigma V^\\top"], ["ELI5"]),
])
def test_ordinary_notes_keep_what_the_second_review_of_worksheets_and_fields_showed(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


def test_a_table_of_questions_and_answers_is_asked_row_by_row() -> None:
    """“| Q | A |” over rows that ask: each row's question is the front as written, its answer the back;
    a row that asks nothing (“| **TODO** | … |”) is read as any row is."""
    notes = ("# Interview cheat sheet\n\n## Core table\n\n| Q | A |\n|---|---|\n"
             "| Which axes does `LayerNorm` reduce over? | The last `normalized_shape` dims, per sample. |\n"
             "| PyTorch BN momentum convention? | `running = (1-m)*running + m*batch`, default 0.1. |\n"
             "| Fine-tuning with tiny batch — what to do with BN? | Freeze it: keep it in eval mode. |\n")
    cards, _ = extract(notes)
    pairs = {c.front: c.back for c in cards}
    assert pairs.get("Which axes does `LayerNorm` reduce over?") == "The last `normalized_shape` dims, per sample.", pairs
    assert pairs.get("Fine-tuning with tiny batch — what to do with BN?") == "Freeze it: keep it in eval mode.", pairs
    assert not any(f.endswith("A?") for f in pairs), pairs


@pytest.mark.parametrize("notes, kept, gone", [
    # fields in lowercase in every section, with no chat handle anywhere, stay terms
    ("# Algorithms\n\n## AdaBoost\n\n**input:** a training set and a weak learner\n\n**output:** a weighted vote of weak "
     "learners\n\n## Bagging\n\n**input:** a training set and a base learner\n\n**output:** an average of bootstrap models\n",
     ["weighted vote of weak learners"], []),
    # an API's name in lowercase with a dot is no chat handle
    ("# 吞吐记录\n\n## 先测 GPU 上限\n\n**channels_last**：+20%，tensor core 的卷积 kernel 原生是 NHWC。\n\n"
     "**torch.compile**：+7%，但第一次编译花了 ~70s，bs 变了会重编译。\n", ["第一次编译花了"], []),
    # a model's configuration is a fact of it, under a heading that is no one's runs
    ("# BERT\n\n## 模型配置\n\n| 项目 | 配置 |\n|---|---|\n| 层数 | 12 |\n| 隐藏维度 | 768 |\n| 注意力头 | 12 |\n", ["768"], []),
    # a column of defaults is no measurement
    ("# DataLoader\n\n## 参数\n\n| 参数 | 默认值 | 说明 |\n|---|---|---|\n| num_workers | 0 | 加载数据的子进程数 |\n"
     "| prefetch_factor | 2 | 每个 worker 预取的 batch 数 |\n| timeout | 0 | 等待一个 batch 的秒数 |\n", ["prefetch_factor"], []),
])
def test_ordinary_notes_keep_fields_configurations_and_defaults(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # a table whose second column is no answer (“GPT-2 output”, “Who to ask”) teaches no question's answer
    ("# Hallucinations\n\n## Prompts I tried\n\n| Prompt | GPT-2 output |\n|---|---|\n"
     "| What is the capital of Australia? | Sydney |\n| How many legs does a spider have? | Six |\n"
     "| Is 91 a prime number? | Yes, 91 is prime |\n", [], ["Australia? Sydney"]),
    # quizzes under headings that set questions in other words, keys a line introduces, an intro line
    ("# Lecture 6: Backprop\n\n## Check your understanding\n\n1. What is the derivative of sigmoid in terms of σ(x)?\n"
     "2. Why does ReLU help with vanishing gradients?\n\n## Answers\n\n1. σ(x)(1 − σ(x))\n"
     "2. Its gradient is 1 for positive inputs\n", ["in terms of σ(x)? σ(x)(1 − σ(x))"], []),
    ("# Week 3 quiz\n\n## Quiz\n\n1. What does momentum accumulate?\n2. Which optimizer decouples weight decay?\n\n"
     "## Answers\n\nChecked against the lecture slides:\n\n1. An exponential moving average of past gradients\n"
     "2. AdamW\n", ["decouples weight decay? AdamW"], []),
    ("# Hash tables\n\n## Quiz: open addressing\n\n1. What is linear probing?\n2. What load factor is usually kept "
     "below?\n\n## Answers\n\n1. On a collision, try the next slot\n2. About 0.7\n", ["kept below? About 0.7"], []),
    ("# Linear algebra review\n\n## Practice problems\n\nProblem 2 was on last year's midterm, so I added a variant.\n\n"
     "1. What is the rank of a 3×3 matrix whose rows are all equal?\n2. Is the product of two orthogonal matrices "
     "orthogonal?\n\n## Answers\n\n1. 1\n2. Yes\n", ["orthogonal? Yes"], []),
    # a lead that says it was wrong before and gives the corrected code
    ("# PyTorch 易错点\n\n## 数值稳定的 softmax\n\n我之前写错了（忘了减最大值），下面是改好的版本：\n\n```python\n"
     "def softmax(z):\n    z = z - z.max(dim=-1, keepdim=True).values\n    e = z.exp()\n    return e / e.sum(dim=-1, keepdim=True)\n```\n",
     ["def softmax"], []),
    # a paper's training setup is its facts
    ("# Transformer paper\n\n## Training setup\n\n- **Label smoothing**: ε_ls = 0.1 (hurts perplexity, improves BLEU)\n"
     "- **Warmup steps**: 4000, then lr decays with the inverse square root of the step\n", ["ε_ls = 0.1", "inverse square root"], []),
    # a lowercase glossary beside one's own name is no chat
    ("# Dropout notes\n\n## Dropout\n\n**formula:** h = m ⊙ x / (1 − p), m ~ Bernoulli(1 − p)\n\n## DropConnect\n\n"
     "**formula:** h = (M ⊙ W) x\n\n## Questions\n\n**lena (me):** why rescale by 1/(1 − p)?\n", ["Bernoulli(1 − p)"], []),
    # a plain-words label under “Overview” asks of what the file is about
    ("# Attention\n\n## Overview\n\n**ELI5**: each word looks at every other word and takes a weighted average.\n",
     ["Attention: what is it, in plain words?"], []),
])
def test_ordinary_notes_keep_what_the_third_review_of_worksheets_and_fields_showed(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, gone", [
    # a numbered experiment's throughput, measured
    ("# DataLoader 对比实验\n\n## 实验 2：pin_memory\n\n| 变量 | 训练 img/s | 备注 |\n|---|---|---|\n"
     "| pin_memory=False | 1080 | baseline |\n| pin_memory=True | 1120 | +3.7% |\n| 预先 resize | 1140 | 最快 |\n", "1080"),
    # a chat's names as typed, where others reacted to what they said
    ("# #optim-help FAQ\n\n## Q1. Adam vs AdamW?\n\n**priya.k:** AdamW applies the decay to the weights directly.\n"
     "👍 14 🔥 3\n\n**jonas:** for plain SGD they're identical tho\n👍 6\n\n## Q2. What does β2 = 0.999 mean?\n\n"
     "**jonas:** a 999-step window\n\n**mara (me):** wait is that true\n\n**priya.k:** the window is about 1/(1-β).\n👍 11\n",
     "jonas"),
])
def test_a_run_s_measurements_and_a_chat_s_names_give_no_card(notes, gone) -> None:
    cards, _ = extract(notes)
    assert not any(gone in c.front or gone in c.back for c in cards), [(c.front, c.back) for c in cards]


@pytest.mark.parametrize("notes, kept", [
    # a lowercase glossary in a file with reactions elsewhere: its terms were reacted to by no one
    ("# Softmax thread\n\n## Summary\n\n**logits:** the raw scores before softmax\n\n**temperature:** divides the logits "
     "before softmax\n\n## Thread\n\n**Sam:** nice summary\n👍 3\n\n## More\n\n**logits:** unnormalized log-probabilities\n",
     ["raw scores before softmax"]),
    # rules of thumb in a throughput column, under no experiment of one's own
    ("# Serving\n\n## Throughput rules of thumb\n\n| Setting | tokens/s |\n|---|---|\n| Human reading speed | ~5 |\n"
     "| Typical chat UI target | 30-50 |\n", ["30-50"]),
    # a definition under a hardware heading
    ("# Clusters\n\n## Hardware setup\n\n- **NVLink**: direct GPU-to-GPU interconnect, ~600 GB/s on A100\n", ["GPU-to-GPU"]),
])
def test_ordinary_notes_keep_glossaries_rules_of_thumb_and_definitions_by_runs(notes, kept) -> None:
    assert_keeps(notes, kept, [])


@pytest.mark.parametrize("notes, kept, gone", [
    # a product's spec sheet and a buying guide under a hardware heading are facts to learn
    ("# GPUs\n\n## Specs\n\n- **Memory**: 80 GB HBM3 on the SXM part, 3.35 TB/s\n\n## 硬件\n\n"
     "- **显存**：24G 是分水岭，能放下 7B 模型的 fp16 权重（约 14G）做推理\n", ["80 GB HBM3", "24G 是分水岭"], []),
    # under a numbered experiment, a column that explains stays beside the one measured
    ("# DataLoader 实验\n\n## 实验 2：pin_memory\n\n| 设置 | 作用 | 训练 img/s |\n|---|---|---|\n"
     "| pin_memory=True | 把 batch 放进锁页内存，H2D 拷贝可以和计算重叠 | 1120 |\n"
     "| persistent_workers=True | epoch 之间不销毁重建 worker 进程 | 1470 |\n| num_workers=8 | 八个进程并行读数据 | 1400 |\n",
     ["锁页内存"], ["1120"]),
    # terms reacted to once, and a learner's own review counts, are no chat's speakers
    ("# Numerics\n\n## Stable ops\n\n**logsumexp:** computed as m + log Σ exp(x_i − m) with m = max x\n👍 8 🔥 2\n\n"
     "**log1p:** log(1 + x) accurate for tiny x\n🔁 4\n", ["m = max x", "accurate for tiny x"], []),
    # a question in a Q | A table not answered yet gives no card
    ("# GQA FAQ\n\n## Table\n\n| Q | A |\n|---|---|\n| What does GQA share? | K and V heads across groups of queries |\n"
     "| Why does GQA keep most of the quality? | ??? ask in office hours |\n| Does GQA change training FLOPs? | not sure — I think no? |\n",
     ["K and V heads"], ["office hours", "I think no"]),
])
def test_ordinary_notes_keep_what_the_fourth_review_showed(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, front, back", [
    ("# 归一化 卡片草稿\n\n## 卡片 3\n\n**正面：** BN 在 `model.eval()` 模式下用的是什么统计量？\n\n"
     "**背面：** 用训练时累积的 running mean / running var。\n", "BN 在 `model.eval()` 模式下用的是什么统计量？",
     "用训练时累积的 running mean / running var。"),
    ("# Card drafts\n\n## Card 2\n\n**Front:** Which axes does LayerNorm normalize over?\n\n"
     "**Back:** The last dimensions, per sample.\n", "Which axes does LayerNorm normalize over?",
     "The last dimensions, per sample."),
])
def test_a_card_drafted_as_its_two_sides_is_that_card(notes, front, back) -> None:
    """“**正面：** …” over “**背面：** …”: the learner's own card, its front and its back as written."""
    cards, _ = extract(notes)
    assert any(c.front == front and c.back == back for c in cards), [(c.front, c.back) for c in cards]


def test_a_section_the_learner_marks_as_no_cards_gives_none() -> None:
    notes = ("# 归一化\n\n## BatchNorm\n\n- **BatchNorm**：在 batch 维上归一化\n\n## 对比表（不做卡，自己看）\n\n"
             "| 方法 | 归一化的维度 | 依赖 batch |\n|---|---|---|\n| BN | N, H, W | 是 |\n| LN | C, H, W | 否 |\n| GN | 组内 | 否 |\n\n"
             "### 细节\n\n- **GroupNorm**：把通道分组\n")
    cards, _ = extract(notes)
    assert [c.back for c in cards] == ["在 batch 维上归一化"], [(c.front, c.back) for c in cards]


@pytest.mark.parametrize("notes, kept", [
    ("# Web apps\n\n## Layers\n\n**Front:** the part the user sees\n\n**Database**: where the rows are kept\n",
     ["the part the user sees"]),
    ("# GPUs\n\n## Training with no GPU cards at all\n\n- **CPU offload**: keeps optimizer states in host memory\n",
     ["host memory"]),
])
def test_ordinary_notes_keep_a_front_label_and_headings_about_cards(notes, kept) -> None:
    assert_keeps(notes, kept, [])


@pytest.mark.parametrize("notes, kept, gone", [
    # a thing's two sides, not a card's: each stays its own fact
    ("# Web apps\n\n## Stack\n\n**Front:** React + Vite, talks to the API over fetch.\n\n"
     "**Back:** Django REST Framework with PostgreSQL.\n", ["what is **Front**", "what is **Back**"], []),
    ("# 概率\n\n## 硬币的两面\n\n**正面：** 记为 H，概率 $p$。\n\n**背面：** 记为 T，概率 $1-p$。\n", ["记为 T"], ["记为 H，概率 $p$。 记为 T"]),
    # a “Back” note after an answer is no second answer
    ("# Lifting\n\n## Deadlift\n\n**Q:** Which muscles does the conventional deadlift mainly train?\n\n"
     "**A:** The posterior chain: glutes, hamstrings and spinal erectors.\n\n"
     "**Back:** keep it neutral; rounding under load shifts the stress onto the discs.\n", ["The posterior chain"], []),
    # headings that speak of cards otherwise
    ("# 统计检验\n\n## 什么时候不用做卡方检验\n\n### 期望频数太小\n\n- **Fisher 精确检验**：期望频数小于 5 时用它\n\n"
     "## Derangements: P(no card lands in its own position)\n\n- **Derangement**: a permutation with no fixed point\n\n"
     "## 高频错题（之前不做卡，这次全部补上）\n\n- **秩-零化度定理**：rank + nullity = n\n",
     ["期望频数小于 5", "no fixed point", "rank + nullity"], []),
    # an opt-out with a curly apostrophe, and one on the file's title
    ("# Models\n\n## Comparison table (don’t make cards, just read)\n\n| Model | Params |\n|---|---|\n| BERT-base | 110M |\n"
     "| GPT-2 small | 124M |\n", [], ["110M"]),
    ("# Scratch (no cards)\n\n## Misc\n\n- **Entropy**: expected surprise of a distribution\n", [], ["expected surprise"]),
])
def test_ordinary_notes_keep_what_the_review_of_drafted_cards_showed(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes", [
    "# 错题本\n\n## 正态方差的 MLE\n\n**我的错解**：$\\hat\\sigma^2 = \\frac{1}{n-1}\\sum(X_i - \\bar X)^2$，无偏。\n\n"
    "**正解**：$\\hat\\sigma^2_{MLE} = \\frac1n\\sum(X_i-\\bar X)^2$，有偏。\n",
    "# Mistakes\n\n## Variance of a difference\n\nMy wrong attempt: $\\mathrm{Var}(X - Y) = \\mathrm{Var}X - \\mathrm{Var}Y$.\n\n"
    "Right: $\\mathrm{Var}(X - Y) = \\mathrm{Var}X + \\mathrm{Var}Y$ for independent $X, Y$.\n",
])
def test_a_wrong_solution_of_one_s_own_is_not_asked(notes) -> None:
    """A 错题本's “**我的错解**：$…$”: the formula it gives is the mistake, not the fact; the right one stays."""
    cards, notices = extract(notes)
    assert not any("n-1" in c.back or "\\mathrm{Var}X - \\mathrm{Var}Y" in c.back for c in cards), [c.back for c in cards]
    assert any("crossed-out" in n.rule for n in notices), [n.rule for n in notices]


@pytest.mark.parametrize("notes, front, back", [
    # a question asked in class and its answer, set off as a quote in the margin
    ("# Lecture 7: Convolutions\n\n## Output size\n\nThe output size is floored.\n\n"
     "> **Q:** what happens to the leftover pixels when it doesn't divide evenly?\n"
     "> **A:** the floor throws them away; the last rows are never covered.\n",
     "what happens to the leftover pixels when it doesn't divide evenly?", "the floor throws them away"),
    ("# 卷积\n\n## 池化\n\n> **问：** max pool 有梯度吗？\n> **答：** 有，只传给窗口里最大的那个位置。\n\n"
     "> **问：** avg pool 呢？\n> **答：** 平均分给窗口里每个位置。\n",
     "avg pool 呢？", "平均分给窗口里每个位置"),
])
def test_a_quoted_question_and_its_answer_is_a_card(notes, front, back) -> None:
    """“> **Q:** …” over “> **A:** …”: the quote holds a question and its answer, each pair a card as written."""
    cards, _ = extract(notes)
    assert any(c.front == front and back in c.back for c in cards), [(c.front, c.back) for c in cards]


def test_a_quote_that_only_asks_or_only_quotes_gives_no_card() -> None:
    notes = ("# Convolutions\n\n## Stride\n\n> **Q:** is it still equivariant with stride 2?\n> (ask next week)\n\n"
             "> Q: what did the paper claim? It said: A: nothing new.\n> > **A:** quoted from a forum\n")
    cards, _ = extract(notes)
    assert not cards, [(c.front, c.back) for c in cards]


@pytest.mark.parametrize("notes, front, back, gone", [
    ("# 优化器 判断题\n\n### 4. `AdamW` 的默认 `weight_decay` 是 0。\n\n**判断：×** （~~我一开始判了√~~ 😅）\n\n"
     "改正：`AdamW` 默认 `weight_decay=1e-2`；`Adam` 默认才是 `0`。\n\n理由：看文档签名。\n",
     "判断对错：`AdamW` 的默认 `weight_decay` 是 0。", "×（错）\n\n改正：`AdamW` 默认 `weight_decay=1e-2`", "判了"),
    ("# 优化器 判断题\n\n### 6. Adagrad 的有效学习率随训练单调不增。\n\n**判断：√**\n\n"
     "理由：累积的平方梯度只增不减，步长单调不增。\n",
     "判断对错：Adagrad 的有效学习率随训练单调不增。", "√（对）\n\n理由：累积的平方梯度只增不减", ""),
    ("# Optimiser myths\n\n## Adam needs no learning-rate warmup at all\n\n**True or false:** False\n\n"
     "**Correction:** Adam often needs warmup more than SGD, since its second moment is noisy early on.\n",
     "True or false: Adam needs no learning-rate warmup at all", "False\n\n**Correction:** Adam often", ""),
])
def test_a_statement_with_its_verdict_asks_to_judge_it(notes, front, back, gone) -> None:
    """A heading that states something over “**判断：×**” / “**True or false:** False” is a statement to judge:
    the card asks it and answers with the verdict and what corrects or explains it."""
    cards, _ = extract(notes)
    card = next((c for c in cards if c.front == front), None)
    assert card is not None and card.back.startswith(back), [(c.front, c.back) for c in cards]
    assert not gone or gone not in card.back


def test_a_statement_judged_wrong_names_nothing_the_cards_under_it_are_about() -> None:
    notes = ("# 优化器 判断题\n\n### 2. Adam 的一阶矩在训练初期是无偏的，所以 bias correction 可有可无。\n\n**判断：×**\n\n"
             "改正：$m_0 = 0$ 初始化导致 $m_t$ 偏向 0，需要修正：\n$$\\hat m_t = \\frac{m_t}{1-\\beta_1^t}$$\n")
    cards, _ = extract(notes)
    formula = [c for c in cards if "\\hat m_t" in c.back and not c.front.startswith("判断对错")]
    assert formula and all("无偏" not in c.front for c in formula), [(c.front, c.back) for c in cards]


def test_a_label_heading_with_a_verdict_is_no_statement() -> None:
    assert_keeps("# Quiz\n\n## Q3\n\n**Answer:** True\n\nBecause the mean is linear.\n", [], ["True or false: Q3"])


@pytest.mark.parametrize("notes, front, back", [
    ("# Normalisation layers\n\n## BatchNorm\n\n**TL;DR:** normalise each channel over (N, H, W) with the batch's "
     "stats in train mode.\n\nThe details follow.\n", "BatchNorm: what is it, in one line?", "normalise each channel"),
    ("# 归一化\n\n## LayerNorm\n\n**一句话总结**：对每个样本的最后几维做归一化，训练和推理一样。\n\n细节见下。\n",
     "LayerNorm：一句话说是什么？", "对每个样本的最后几维做归一化"),
])
def test_a_section_summed_up_in_a_line_asks_it_in_one_line(notes, front, back) -> None:
    """“**TL;DR:** …” opening a section sums up what the section is about: asked of it, in one line."""
    cards, _ = extract(notes)
    assert any(c.front == front and back in c.back for c in cards), [(c.front, c.back) for c in cards]


@pytest.mark.parametrize("notes", [
    # at the end of a post, after its code: the whole post's summary, not the last section's
    "# Gradient accumulation\n\n## Multi-GPU\n\nUse no_sync.\n\n```python\nwith model.no_sync():\n    loss.backward()\n```\n\n"
    "**TL;DR:** divide the loss by the number of steps; step once per group.\n",
    # what a comparison comes to
    "# MHA vs GQA\n\n## 横向对比\n\n| | MHA | GQA |\n|---|---|---|\n| K/V 份数 | h | g |\n\n一句话：**三者 Q 都一样，区别只在 K/V 有几份**。\n",
])
def test_a_summary_that_closes_a_section_is_not_asked_as_what_it_is(notes) -> None:
    cards, _ = extract(notes)
    assert not any("in one line" in c.front or "一句话" in c.front for c in cards), [(c.front, c.back) for c in cards]


def test_a_revision_plan_and_an_exams_rules_give_no_cards() -> None:
    notes = ("# Maths for ML — final exam plan\n\n**Exam:** Mon 12 May, 09:30, Sports Hall B.\n"
             "**Allowed:** non-programmable calculator, one A4 sheet of notes.\n**Not allowed:** anything else.\n\n"
             "## Revision schedule\n\n| Days left | Plan |\n|---|---|\n| 14–12 | Linear algebra: eigen, SVD |\n"
             "| 11–9 | Matrix calculus + least squares |\n\n## Identities\n\n- $\\nabla_x (a^\\top x) = a$\n")
    cards, _ = extract(notes)
    texts = [(c.front, c.back) for c in cards]
    assert any("a^\\top x" in c.front for c in cards), texts
    assert not any("calculator" in c.back or "eigen" in c.back or "anything else" in c.back for c in cards), texts


def test_ones_own_incident_is_no_symptom_to_learn() -> None:
    """Under “Chain 1：loss … 突然变 nan”, one's own incident, what happened that time (“**现象**：…”) and how it
    stood after the fix (“**修完之后**：稳定 71.8%”) are no cards."""
    notes = ("# 训练翻车复盘\n\n## Chain 1：loss 跑到第 3 个 epoch 突然变 `nan`\n\n"
             "**现象**：ResNet-18 + CIFAR-100，前两个 epoch 正常，第 3 个 epoch 中途直接 `nan`。\n\n"
             "**修完之后**：验证集稳定 71.8%，三次完全一样。\n\n"
             "**学到的**：用 `log_softmax` 而不是 `log(softmax(...))`，前者内部用 logsumexp，数值稳定。\n")
    cards, notices = extract(notes)
    texts = [(c.front, c.back) for c in cards]
    assert not any("ResNet-18" in c.back or "71.8%" in c.back for c in cards), texts
    assert {"left-out:symptom", "left-out:result"} <= {n.rule for n in notices}


def test_ones_graded_answer_is_no_card_but_an_ungraded_worksheet_answer_is_read() -> None:
    graded = ("# 随堂测验 3\n\n## 一、计算题\n\n### 1. 输出尺寸\n\n输入 `(8, 3, 32, 32)`，`Conv2d(3, 16, 5)`，输出 shape？参数量？\n\n"
              "**我的答案：**\n\n- **输出**：`(8, 16, 28, 28)`\n- **参数量**：$16 \\times 3 \\times 5 \\times 5 = 1200$\n\n"
              "【批】输出 ✓。参数量 ✗ 漏了 bias！\n\n【订正】\n\n$$\\#\\text{params} = C_{out} C_{in} k^2 + C_{out}$$\n")
    cards, _ = extract(graded)
    texts = [(c.front, c.back) for c in cards]
    assert not any("28, 28" in c.back or "1200" in c.back for c in cards), texts
    assert any("C_{out} C_{in} k^2" in c.back for c in cards), texts
    ungraded = ("# Worksheet\n\n## Part C\n\n**C1. Post-LN vs Pre-LN: write both.**\n\nMy answer:\n"
                "- Post-LN: $x_{l+1} = \\operatorname{LN}(x_l + F(x_l))$\n- Pre-LN: $x_{l+1} = x_l + F(\\operatorname{LN}(x_l))$\n")
    assert_keeps(ungraded, ["\\operatorname{LN}(x_l + F(x_l))"], [])


def test_a_contests_look_back_keeps_its_tricks_but_not_its_own_particulars() -> None:
    """A Kaggle 复盘: the tricks that did not work, the final ensemble, what one saw in hindsight, the lessons of the
    fortnight and the works leaned on are no cards; a trick that worked, with its formula, is."""
    notes = ("# 比赛复盘\n\n**main refs**：PyTorch docs, Jacob et al. 2018\n\n"
             "## 3. 有用的 trick ✅\n\n### LLRD\n\n越靠近输入的层 lr 越小：$\\text{lr}_l = \\text{lr}_0 \\cdot \\eta^{L-l}$\n\n"
             "## 4. 没用 / 负收益的 trick ❌\n\n- **伪标签**：拿错数据了，readability 分数和 content 不是一个东西\n\n"
             "## 5. Ensemble\n\n- **最终**：3 个 deberta-v3-large + LGBM stacking\n"
             "- **后来才意识到**：OOF 只有 4 个 prompt，权重本身就过拟合\n\n"
             "## 总结一下这两周的教训\n\n- **数据**：先用假数据测上限\n")
    cards, _ = extract(notes)
    texts = [(c.front, c.back) for c in cards]
    assert any("\\eta^{L-l}" in c.back for c in cards), texts
    for gone in ("拿错数据", "LGBM", "过拟合", "假数据", "Jacob"):
        assert not any(gone in c.back for c in cards), (gone, texts)


@pytest.mark.parametrize("notes, kept, gone", [
    # a legend of symbols set off as a quote, a choice's options, an interview: no question and its answer
    ("# Capacitors\n\n## Parallel plates\n\nThe capacitance is $C = \\varepsilon_0 A / d$.\n\n"
     "> **Q:** charge on each plate (coulombs)\n> **A:** area of one plate (m²)\n", [], ["area of one plate"]),
    ("# Regularization quiz\n\n## L2\n\n> **Q:** Which of these is NOT a regularizer?\n> **A:** batch size\n"
     "> **B:** dropout\n> **C:** weight decay\n", [], ["**B:** dropout"]),
    ("# 访谈摘录\n\n## 反向传播\n\n> 问：您当年为什么坚持神经网络？\n> 答：我觉得大脑就是这么工作的。\n", [], ["大脑就是这么工作的"]),
    # “Answer: T = 2.01 s” and a question answered “True” are no verdicts on a statement
    ("# Problem set 4\n\n## Oscillations\n\n### 4.2 Find the period of a simple pendulum of length 1 m\n\n"
     "**Answer:** T = 2.01 s\n\n- **Period**: $T = 2\\pi\\sqrt{L/g}$, independent of the mass\n",
     ["independent of the mass"], ["True or false", "True = 2.01"]),
    ("# Python gotchas\n\n## Truthiness\n\n### What does bool(\"False\") evaluate to in Python\n\n"
     "**Answer:** True — any non-empty string is truthy, whatever it says.\n", [], ["True or false"]),
    # a TL;DR of one's reasons, of a how-to, of a chapter: no “what is it”
    ("# Blog\n\n## Why I switched from TensorFlow to PyTorch\n\n**TL;DR:** eager execution made debugging painless.\n\n"
     "More here.\n", [], ["in one line"]),
    ("# GPU\n\n## How to fix CUDA out of memory\n\n**TL;DR:** lower the batch size, then use checkpointing.\n\nMore.\n",
     [], ["in one line"]),
    ("# 线代\n\n## 特征值与特征向量\n\n**一句话总结**：这一章讲的是怎样把矩阵对角化。\n\n细节。\n", [], ["一句话说是什么"]),
    # a review schedule as a subject (spaced repetition), “Allowed” as a column or an API's fact
    ("# Spaced repetition\n\n## Review schedule\n\nThe interval grows as $I(n) = I(n-1) \\times EF$.\n\n"
     "**Lapse**: a failed review; the card's interval goes back to 1 day.\n", ["goes back to 1 day"], []),
    ("# Rust ownership\n\n## Borrowing rules\n\n| Borrow | Allowed | Not allowed |\n|---|---|---|\n"
     "| `&T` (shared) | any number at the same time | mutating through it |\n"
     "| `&mut T` (exclusive) | exactly one at a time | any other borrow alive alongside it |\n",
     ["exactly one at a time"], []),
    ("# Mixed precision\n\n**Allowed:** `torch.float16` and `torch.bfloat16` as the autocast dtype on CUDA.\n"
     "**Not allowed:** integer dtypes; autocast raises an error for them.\n\n## GradScaler\n\n"
     "**Loss scaling**: multiply the loss before backward.\n", ["`torch.bfloat16`"], []),
    # a textbook's case and a pitfall named by what one sees, a fix measured in a textbook: facts of their subject
    ("# Neurology\n\n## Stroke syndromes\n\n### Case 3: sudden slow speech and errors in naming objects\n\n"
     "**Symptom:** non-fluent speech with intact comprehension (Broca's aphasia).\n", ["Broca's aphasia"], []),
    ("# 操作系统：死锁\n\n## 典型场景\n\n### 坑 1：两个线程互相等待导致程序卡死\n\n**现象**：两个线程都卡在 `lock()` 上，CPU 占用为 0。\n",
     ["CPU 占用为 0"], []),
    ("# Database indexing\n\n## B-tree index\n\n**修复后**：给 `customer_id` 建 B-tree 索引，查询从 1200 ms 降到 3 ms。\n\n"
     "**覆盖索引**：索引里已经包含查询需要的所有列。\n", ["降到 3 ms"], []),
    # one's own answer that a grader marks right is read as before
    ("# Homework 3\n\n## Q2: Recursive power\n\nWrite `power(base, exp)` using recursion.\n\n**My answer:**\n\n"
     "```python\ndef power(base, exp):\n    if exp == 0:\n        return 1\n    half = power(base, exp // 2)\n"
     "    return half * half if exp % 2 == 0 else half * half * base\n```\n\n"
     "Grader's comment: ✓ correct, and O(log n) as required. Full marks.\n", ["def power(base, exp)"], []),
])
def test_ordinary_notes_keep_what_the_review_of_quotes_verdicts_and_summaries_showed(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


def test_an_interviews_look_back_asks_its_question_and_answers_what_one_should_have_said() -> None:
    notes = ("# 二面复盘\n\n## Q1 为什么 attention 里要除以 $\\sqrt{d_k}$？\n\n"
             "**我的回答：** 防止数值太大。（说得太笼统了）\n\n**应该怎么答：**\n"
             "- 点积 $q\\cdot k$ 的方差为 $d_k$。\n- 除以 $\\sqrt{d_k}$ 把方差拉回 1，softmax 不饱和。\n\n"
             "$$\\mathrm{Attention}(Q,K,V)=\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V$$\n\n"
             "## Q2 手撕 MHA 怎么写？\n\n**我的回答：** 写出来了，mask 写错了。\n\n**应该怎么答（整理后的版本）：**\n\n"
             "```python\ndef causal_mask(T):\n    return torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)\n```\n")
    cards, _ = extract(notes)
    texts = [(c.front, c.back) for c in cards]
    answer = next((c for c in cards if c.front == "Q1 为什么 attention 里要除以 $\\sqrt{d_k}$？"), None)
    assert answer is not None and "方差拉回 1" in answer.back and "防止数值太大" not in answer.back, texts
    assert any("\\mathrm{softmax}" in c.back and "= ?" in c.front for c in cards), texts
    code = [c for c in cards if "causal_mask" in c.back]
    assert code and all("应该怎么答" not in c.front and "Q2" in c.front for c in code), texts


def test_a_slide_talks_number_and_cover_and_its_fields_give_no_cards() -> None:
    notes = ("# 组会讲稿：FlashAttention\n\n## Slide 1 · 封面\n\n- **FlashAttention**: Fast and Memory-Efficient Exact Attention\n"
             "- **汇报人**：xxx ｜ 2024.05\n\n## Slide 3 · GPU 内存层级\n\n- **IO-aware**：算法设计要考虑读写 HBM 的次数\n"
             "- **GPU 上的 kernel 基本是**：从 HBM 读数据到 SRAM，计算，再写回 HBM\n\n"
             "## Sources\n\n**Main refs**: Goodfellow ch. 8, the Adam paper.\n\n**复习进度**：BN ✅ LN ✅ GN 半懂\n")
    cards, _ = extract(notes)
    texts = [(c.front, c.back) for c in cards]
    assert any(c.front == "GPU 内存层级：**IO-aware** 是什么？" for c in cards), texts
    assert any(c.front == "GPU 内存层级：GPU 上的 kernel 基本是什么？" for c in cards), texts
    for gone in ("Exact Attention", "xxx", "Goodfellow", "半懂"):
        assert not any(gone in c.back for c in cards), (gone, texts)


def test_how_an_interview_felt_is_no_term() -> None:
    cards, notices = extract("# 面试复盘\n\n## 总结\n\n- **整体感觉**：前半段还行，中间那题算错了\n")
    assert not cards, [(c.front, c.back) for c in cards]
    assert [n.rule for n in notices].count("left-out:label-term") == 1


@pytest.mark.parametrize("notes, kept, gone", [
    # one side of two is no answer to the heading
    ("# SQL joins\n\n## What is the difference between a left join and a right join?\n\n**Left:**\n\n- keeps every row of "
     "the left table\n\n**Right:**\n\n- keeps every row of the right table\n\nBoth are outer joins.\n", [],
     ["right join? - keeps every row of the right table"]),
    # three answers under one heading: which answers what is not said, the formulas stay
    ("# 期中复习：判断下列说法，并给出理由？\n\n**题目 1**：若 $A$ 可逆，则 $A^\\top$ 可逆。\n\n**参考答案：**\n\n"
     "正确。$(A^\\top)^{-1} = (A^{-1})^\\top$。\n\n**题目 2**：两个对称矩阵的乘积仍是对称矩阵。\n\n**参考答案：**\n\n"
     "错误。$(AB)^\\top = B^\\top A^\\top$。\n", ["(A^{-1})^\\top"], []),
    # a solution longer than the card can say where it ends, and one that leads into its code
    ("# Combinatorics\n\n## Problem 2. How many ways can 8 rooks be placed so that none attack each other?\n\n"
     "**Solution:**\n\nEach row holds exactly one rook.\n\nLikewise each column holds one.\n\n"
     "$$\\text{placements} \\leftrightarrow S_8$$\n\nCounting: 8 choices, then 7, and so on.\n\nSo $8! = 40320$.\n",
     [], ["attack each other? Each row holds exactly one rook."]),
    ("# Git\n\n## How do I undo the last commit?\n\n**Solution:**\n\nIf you have not pushed yet, keep the changes staged:\n\n"
     "```bash\ngit reset --soft HEAD~1\n```\n", ["If you have not pushed yet"], []),
    # what happened after the answer is no part of it
    ("# 二面复盘\n\n## Q2 KV cache 为什么能加速推理？\n\n**我的回答：** 因为缓存了结果。\n\n**应该怎么答：**\n\n"
     "- 前面 token 的 K、V 不会变，缓存下来每步只算新 token。\n\n面试官听完点点头，直接跳到了下一题。\n", [], ["点点头"]),
    # a better answer adds to the one before it
    ("# 讨论区\n\n## 为什么 Adam 需要 bias correction？\n\n**答（助教）：** 因为 $m_0 = v_0 = 0$，前几步会偏向 0。\n\n"
     "**更好的回答：**\n\n除了偏向 0 这一点，还要说清楚修正方式。\n", ["前几步会偏向 0"], []),
    # a heading that asks nothing of its own asks of the one above it; options need their letters' texts
    ("# Dropout\n\n## 区别\n\n**参考答案：**\n\n- 训练时：随机置零并按 $1/(1-p)$ 缩放\n- 推理时：不置零\n",
     ["Dropout：区别？"], ["区别：区别？"]),
    ("# Convex\n\n## Q3. Which of the following functions is convex on R?\n\n- A. $\\sin x$\n- B. $e^{x}$\n\n"
     "**Correct answer:**\n\nB\n", [], ["convex on R? B"]),
    # a slide about sources or resources is about them; words that end in 是 are words
    ("# Circuits talk\n\n## Slide 5 | Sources\n\n- **Ideal voltage source**: keeps its voltage whatever the current\n",
     ["Ideal voltage source"], []),
    ("# 连词\n\n- **于是**：表示承接，后一件事由前一件事引起\n- **实事求是**：从实际情况出发\n", ["**于是** 是什么"],
     ["于是什么", "实事求是什么"]),
])
def test_ordinary_notes_keep_what_the_review_of_answer_labels_and_slides_showed(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


def test_a_parts_number_comes_off_with_its_colon() -> None:
    notes = ("# 《AI 3.0》读书笔记\n\n## 第二部分：看与学\n\n- **ConvNet**：一层层提取越来越抽象的特征\n\n"
             "## 读后感\n\n- **优点**：没有公式也能讲清楚\n- **缺点**：有些地方重复\n")
    cards, _ = extract(notes)
    texts = [(c.front, c.back) for c in cards]
    assert any(c.front.startswith("看与学：") for c in cards), texts
    assert not any(c.front.startswith("：") or "没有公式" in c.back for c in cards), texts


@pytest.mark.parametrize("notes, kept, gone", [
    # the answer in prose, a remark after it: the answer is the card, the remark is not
    ("# 面试复盘\n\n## Q3 KV cache 为什么能加速推理？\n\n**我的回答：** 因为缓存了。\n\n**应该怎么答：**\n\n"
     "自回归生成时之前 token 的 K、V 不变，缓存下来就不用重算。\n\n（我当时只答出了一半）\n",
     ["KV cache 为什么能加速推理？"], ["只答出了一半"]),
    ("# 生物\n\n## 为什么酶能加快反应速率？\n\n**答案：**\n\n酶降低反应的活化能。\n", ["为什么酶能加快反应速率？"], []),
    # an answer lettered a), b) is no choice among options
    ("# 正则化\n\n## 增大正则化系数 λ 会对模型产生什么影响？\n\n**参考答案：**\n\n- a) 权重向 0 收缩\n- b) 偏差增大，方差减小\n",
     ["模型产生什么影响？"], []),
    # a chapter's number is no slide's: its exercises and reading stay as before
    ("# 概率\n\n## 第3章 习题\n\n**3.2 证明**：两个独立变量的方差可加。\n\n## 第 4 节 延伸阅读\n\n- **《All of Statistics》**：Wasserman\n",
     [], ["3.2 证明", "Wasserman"]),
    # words that end in 是 keep their shape; a title's own dot stays
    ("# 统计\n\n## 方差\n\n- **Bessel 校正是**：样本方差除以 $n-1$ 而不是 $n$\n", ["Bessel 校正是什么？"], []),
    ("# 心理学\n\n## 印象形成\n\n- **总体印象**：由少数中心特质决定的整体评价（Asch, 1946）\n", ["Asch, 1946"], []),
    ("# Python\n\n## 零碎\n\n- **`is` vs `==`**：`is` 比较身份，`==` 比较值\n", ["`is` 比较身份"], []),
    ("# C#\n\n## 第3章 .NET 运行时\n\n- **CLR**：公共语言运行时，负责 JIT 和垃圾回收\n", [".NET 运行时"], []),
])
def test_ordinary_notes_keep_what_the_review_of_answer_shapes_chapters_and_words_showed(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


def test_a_myths_verdict_asks_to_judge_the_claim_and_two_claims_may_share_a_verdict() -> None:
    notes = ("# Optimiser myths\n\n## Myth 6: \"Warmup is only needed for Transformers\"\n\n**Verdict: False**\n\n"
             "Large-batch SGD on ResNets needs it too (Goyal et al. 2017).\n\n"
             "## Myth 7: \"Double the batch size, double the learning rate\"\n\n**Verdict: It depends**\n\n"
             "- for SGD up to a point; for Adam a square root is argued\n\n"
             "## Myth 10: \"Gradient clipping is only for RNNs\"\n\n**Verdict: False**\n\n- Transformers clip at 1.0 too\n")
    cards, _ = extract(notes)
    fronts = {c.front: c.back for c in cards}
    assert fronts.get("True or false: Warmup is only needed for Transformers", "").startswith("False\n\nLarge-batch SGD"), fronts
    assert fronts.get("True or false: Double the batch size, double the learning rate") == "It depends", fronts
    assert fronts.get("True or false: Gradient clipping is only for RNNs") == "False", fronts


def test_what_one_measured_oneself_and_a_classmates_turn_give_no_cards() -> None:
    notes = ("# 分布式训练 学习计划\n\n## Week 1 复盘\n\n"
             "- **自己测**：num_workers 0 → 8，一个 epoch 40min → 14min\n"
             "- **pin_memory**：把 batch 放进锁页内存，拷到 GPU 更快\n\n"
             "## 课堂\n\n**老师提问**：推理时忘了 `model.eval()` 会怎样？\n\n**同学C 回答**：结果会随 batch 里其他样本变化。\n")
    cards, _ = extract(notes)
    texts = [(c.front, c.back) for c in cards]
    assert any("锁页内存" in c.back for c in cards), texts
    for gone in ("40min", "同学C", "其他样本变化"):
        assert not any(gone in c.front or gone in c.back for c in cards), (gone, texts)


def test_a_heading_named_by_the_question_it_answers_is_a_facet_of_the_one_above() -> None:
    """“### What” under “## Adam”: its formulas are Adam's, asked so."""
    notes = ("# Optimizers — one page per concept\n\n## Adam\n\n### Why\n\nPer-parameter step sizes.\n\n### What\n\n"
             "$$v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2$$\n\n## Nesterov\n\n### What\n\n$$v_t = \\mu v_{t-1} + g_t$$\n")
    cards, _ = extract(notes)
    fronts = [c.front for c in cards]
    assert "Adam › What: $$v_t = ?$$" in fronts and "Nesterov › What: $$v_t = ?$$" in fronts, fronts


@pytest.mark.parametrize("notes, kept, gone", [
    # an answer a grader marks wrong, one that points elsewhere, and one whose problem is stated above it
    ("# 作业 3 订正\n\n## 快速排序最坏情况下的时间复杂度是多少？\n\n**答案：**\n\nO(n log n)\n\n"
     "**批改**：✗ 有序输入时每次划分极不平衡，应为 O(n²)。\n", [], ["多少？ O(n log n)"]),
    ("# 物理\n\n## 为什么高速运动的μ子能到达地面？\n\n**答案：**\n\n见课本 p.145 例 4-3，老师说考试必考。\n", [], ["见课本 p.145"]),
    ("# 概率作业\n\n## 第 3 题：这题怎么做？\n\n一个盒子里有 3 红 7 白，取一个是红球的概率？\n\n**答案：**\n\n3/10\n", [], ["3/10"]),
    # a proof that goes on after its formula: where the answer ends is not said
    ("# 数论\n\n## 为什么 √2 是无理数？\n\n**参考答案：**\n\n反证。设 √2 = p/q 且互素，则\n\n$$p^2 = 2q^2$$\n\n"
     "所以 p 是偶数，q 也是偶数，与互素矛盾。\n", [], ["无理数？ 反证"]),
    # a follow-up question before the label: the answer may be the follow-up's
    ("# 面试题\n\n## HashMap 为什么线程不安全？\n\n**面试官追问**：那 ConcurrentHashMap 怎么做的？\n\n**参考答案：**\n\n"
     "CAS + synchronized 锁桶头结点。\n", [], ["线程不安全？ CAS"]),
    # a schedule and a completion rate as subjects, a classmate adding to the TA's answer
    ("# 项目管理\n\n## 时间安排\n\n- **关键路径**：项目网络图中总时长最长的路径，决定最短工期\n", ["决定最短工期"], []),
    ("# 挣值管理\n\n## 指标\n\n- **完成度**：已完成工作量占计划工作量的比例\n", ["已完成工作量"], []),
    ("# 数据库 答疑记录\n\n**问**：为什么 B+ 树比 B 树更适合做数据库索引？\n\n**助教答**：B+ 树的内部结点不存数据，树更矮。\n\n"
     "**同学C 回答**：补充一下，每次查询的 IO 次数稳定。\n", ["树更矮"], ["同学C 回答 是什么"]),
    # a conclusion under a topic, a product's verdict: no claim to judge
    ("# 炼丹笔记\n\n## 学习率 warmup 对 AdamW 训练稳定性的影响\n\n**结论：** 不一定，小模型上几乎没差别。\n\n"
     "- **Warmup**：训练开始时把学习率从 0 线性升到目标值\n", ["学习率从 0"], ["判断对错"]),
    ("# Laptop reviews\n\n## MacBook Air M2 for a computer science degree\n\n**Verdict:** It depends\n\n"
     "- **Unified memory**: CPU and GPU share one pool of RAM\n", ["share one pool"], ["True or false"]),
    # a slide about bibliographies, a chapter's number written tight against its title, a word ending in 而不是
    ("# LaTeX workshop\n\n## Slide 7 — Bibliography\n\n- **BibTeX**: a tool and file format for managing references\n",
     ["file format for managing references"], []),
    ("# 人类简史\n\n## 第2讲-认知革命\n\n- **认知革命**：约 7 万年前智人出现新的思维和沟通方式\n", ["什么是 **认知革命**？"], ["-认知革命"]),
    ("# 语法\n\n## 判断句\n\n- **而不是**：连接两个并列成分，肯定前者否定后者\n", ["**而不是** 是什么"], ["而不是什么"]),
])
def test_ordinary_notes_keep_what_the_review_of_answers_verdicts_and_turns_showed(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # a facet heading's own facets and definitions stay, named by the heading above
    ("# Optimizers\n\n## Adam\n\n### Why\n\n**Pros**: per-parameter step sizes, little tuning\n\n"
     "**Cons**: can generalize worse than SGD\n", ["Adam › Why: what are its pros?"], []),
    ("# Optimizers\n\n## Adam\n\n### How\n\n#### When\n\n**Warmup**: a linear warmup of 1–5k steps for transformers.\n\n"
     "**Clipping**: clip the gradient norm at 1.0.\n", ["Adam › When"], ["How › When"]),
    ("# Norms\n\n## Layer normalization\n\n### Common pitfalls\n\n- **Weight decay on γ/β**: most recipes exclude norm "
     "params\n", ["Layer normalization › Common pitfalls"], []),
    # what may come before the answer label: a source line, a grade of one's own answer; a page inside an answer
    ("# 面经\n\n## 什么是 MVCC？\n\n🔥 高频｜字节二面\n\n**参考答案：**\n\n多版本并发控制：读不加锁，读旧版本快照。\n",
     ["什么是 MVCC？ 多版本并发控制"], []),
    ("# 排序\n\n## 堆排序是稳定的吗？\n\n**我的回答：** 是稳定的\n\n**参考答案：**\n\n不稳定，建堆和交换会打乱相等元素的次序。\n\n"
     "**批改**：✗ 我答错了\n", ["堆排序是稳定的吗？ 不稳定"], []),
    ("# Signals\n\n## What is aliasing?\n\n**Answer:**\n\nHigh-frequency copies overlap the baseband (Fig. 7.3, p. 518).\n",
     ["overlap the baseband"], []),
    ("# 网络\n\n## TCP 为什么要三次握手？\n\n**参考答案：**\n\n确认双方的收发能力，并同步初始序列号。\n\n这题其实答到第二点就够了。\n",
     ["TCP 为什么要三次握手？ 确认双方"], []),
    # claims named other ways, a 判断题 sheet's conclusions, a statement judged under “Verdict:”
    ("# Myths\n\n## Misconception 3: Dropout should be used in every layer\n\n**Verdict:** False\n\n"
     "Usually only after the large fully connected layers.\n", ["True or false: Dropout should be used in every layer"], []),
    ("# 健身误区\n\n## 误区一：空腹有氧燃脂更多\n\n**结论：** 不一定\n\n总热量缺口才是关键。\n", ["判断对错：空腹有氧燃脂更多"], []),
])
def test_ordinary_notes_keep_what_the_review_of_facet_headings_and_answer_labels_showed(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # a step, a derivation's line, a run, an experiment or a book named in a sentence is no claim to judge
    ("# 调试清单\n\n### 步骤 1 检查电源电压是否为 5 V。\n\n**结论：** 对，电压正常。\n", [], ["判断对错"]),
    ("# 推导\n\n### 第一步 写出似然函数并取对数。\n\n**结论：** 对 $\\theta$ 求导并令其为零。\n", [], ["判断对错"]),
    ("# Book reviews\n\n## Four Thousand Weeks: Time Management for Mortals\n\n**Verdict:** False promise in the subtitle, "
     "but a great book\n", [], ["True or false"]),
    # the problem stated above the answer label, not in the heading: no card without it
    ("# Probability\n\n## Problem 4: What is the expected value of X?\n\nA fair die is rolled twice; X is the sum.\n\n"
     "**Answer:**\n\n$E[X] = 7$\n", [], ["expected value of X? $E[X] = 7$"]),
    # an answer that goes on in the first person plural goes on: no card cut short
    ("# 链表\n\n## 如何判断链表有环？\n\n**参考答案：**\n\n快慢指针。\n\n当两者相遇时我们就知道有环，再从头走一次找到入口。\n",
     [], ["有环？ 快慢指针。"]),
    # an answer that only cites where it is
    ("# 分析\n\n## 什么是一致连续？\n\n**参考答案：**\n\n课本第 88 页定义 4.18。\n", [], ["课本第 88 页"]),
    ("# Attention\n\n## Multi-head attention\n\n### Where\n\n- **Encoder**: self-attention over the source tokens\n",
     ["Multi-head attention › Where"], []),
])
def test_ordinary_notes_keep_what_the_review_of_claims_problems_and_pointers_showed(notes, kept, gone) -> None:
    assert_keeps(notes, kept, gone)


def test_a_choice_question_in_bold_over_its_options_is_answered_by_the_quote_under_them() -> None:
    """“**2. FP16 能表示的最大有限值约为？**” over “A. 3.4e38　B. 65504…” and “> 答案：**B**。…”: the options are on
    the front, the quote's letter answers; lettered points with no letter under them are read as before."""
    notes = ("# 知识竞赛\n\n## 第一轮 · 选择题\n\n**2. FP16 能表示的最大有限值约为？**\n\nA. 3.4e38　B. 65504　C. 448　D. 32767\n\n"
             "> 答案：**B**。FP16 = 1 符号 + 5 指数 + 10 尾数。\n\n**3. BF16 的指数位有几位？**\n\nA. 5\nB. 8\nC. 10\n")
    cards, _ = extract(notes)
    texts = [(c.front, c.back) for c in cards]
    fp16 = next((c for c in cards if "FP16 能表示" in c.front), None)
    assert fp16 is not None and "B. 65504" in fp16.front and fp16.back.startswith("答案：**B**"), texts
    steps = ("# Debugging\n\n**How do you debug a sudden loss spike?**\n\nA. check the batch  B. check the LR  C. check the "
             "grad norm\n\nThen compare with the last good checkpoint.\n")
    assert_keeps(steps, ["A. check the batch"], [])


def test_a_dialogue_with_a_tutor_asks_the_heading_and_answers_by_the_tutor_not_by_one_s_guess() -> None:
    """“### Q3. Why the bias correction?” over “**me:** …start at zero, so the steps are too small” and “**tutor:**
    Right about the cause, wrong about…”: the heading's question, answered by the tutor; one's own guess gives no
    card (it is often wrong), and its message says so."""
    notes = ("# Teach me Adam in 5 questions\n\n### Q1. Why the bias correction?\n\n"
             "**me:** Because $m$ and $v$ start at zero, so the early steps are too small.\n\n"
             "**tutor:** Right about the cause, wrong about the effect: $v$ is biased toward zero more than $m$, so the "
             "early steps would be too large without it.\n\n"
             "### Q2. What is epsilon for?\n\n**me:** Avoiding division by zero.\n\n"
             "**tutor:** That is the main job, but it also caps the step where $v$ is tiny.\n")
    cards, notices = extract(notes)
    texts = [(c.front, c.back) for c in cards]
    bias = next((c for c in cards if c.front.startswith("Why the bias correction")), None)
    assert bias is not None and bias.back.startswith("Right about the cause"), texts
    assert not any("its me" in c.front or "too small" in c.back or c.back.startswith("Avoiding") for c in cards), texts
    assert any(n.rule == "left-out:personal" for n in notices), [n.rule for n in notices]
    # an advisor's question back is no answer: “**我：** …” then “**老师：** …合理吗？”
    grilled = ("# 组会\n\n## Q5：attention map 怎么量化？\n\n**我：** 也是 uint8，范围 [0, 1]。\n\n"
               "**老师：** 大部分值接近 0，均匀量化合理吗？\n\n**我：** 不太合理。\n\n## Q6：GELU 呢？\n\n**我：** 一样。\n\n"
               "**老师：** 输出有负值吗？\n")
    assert not any("合理吗" in c.back for c in extract(grilled)[0]), [(c.front, c.back) for c in extract(grilled)[0]]


def test_an_answer_that_is_only_a_reference_gives_no_card_unless_the_card_asks_whose() -> None:
    """“1. **Batch Normalization** — Ioffe & Szegedy, 2015. [arXiv:1502.03167](…)”: where the idea comes from, not
    the idea; “Who proposed dropout?” over the same kind of line asks for just that."""
    notes = ("# Normalisation papers\n\nPapers:\n\n"
             "1. **Batch Normalization** — Ioffe & Szegedy, 2015. [arXiv:1502.03167](https://arxiv.org/abs/1502.03167)\n"
             "2. **Layer Normalization** — Ba, Kiros & Hinton, 2016. https://arxiv.org/abs/1607.06450\n\n"
             "## Who proposed dropout?\n\nSrivastava et al., 2014. [JMLR](https://jmlr.org/papers/v15/srivastava14a.html)\n\n"
             "## Who proposed Adam?\n\nKingma & Ba, 2014. arXiv:1412.6980\n\n"
             "## Who proposed GELU?\n\nHendrycks & Gimpel, 2016. https://arxiv.org/abs/1606.08415\n")
    cards, notices = extract(notes)
    texts = [(c.front, c.back) for c in cards]
    assert not any("Szegedy" in c.back or "Hinton" in c.back for c in cards), texts
    assert sum(n.rule == "left-out:reference-answer" for n in notices) == 2, [n.rule for n in notices]
    assert any(c.front.startswith("Who proposed dropout") and "Srivastava" in c.back for c in cards), texts


def test_a_heading_that_asks_is_answered_by_the_paragraph_under_it_numbered_or_not() -> None:
    """“## Why clip gradients?” over a paragraph that answers it, “### 5. 为什么 conv 后接 BN 时写 bias=False？”,
    a follow-up “↳ Q0.7 Should you decay γ?”: each is a card, asked as the heading asks, without its number."""
    notes = ("# Training FAQ\n\n## Why warm up the learning rate?\n\nThe first updates come from a poor estimate of the "
             "gradient's scale, so small steps keep them from doing damage.\n\n"
             "## Why clip gradients?\n\nTo stop one bad batch from blowing up the weights when the "
             "gradient norm spikes.\n\n## 5. 为什么 conv 后接 BN 时写 `bias=False`？\n\n因为 BN 会先减均值，conv 的 bias "
             "是每通道常数，减完就没了。\n\n### ↳ Q0.6 Why do we need γ and β?\n\nSo the layer can still represent the identity "
             "if that is what training needs.\n\n### ↳ Q0.7 Should you apply weight decay to γ and β?\n\nUsually no: common "
             "practice excludes norm parameters and biases from weight decay.\n\n### ↳ Q0.8 What breaks with batch size 1?\n\n"
             "The batch statistics become the sample itself, so every output is normalised to zero.\n")
    cards, _ = extract(notes)
    fronts = {c.front: c.back for c in cards}
    assert fronts.get("Why clip gradients?", "").startswith("To stop one bad batch"), fronts
    assert fronts.get("为什么 conv 后接 BN 时写 `bias=False`？", "").startswith("因为 BN"), fronts
    assert fronts.get("Should you apply weight decay to γ and β?", "").startswith("Usually no"), fronts
    # “I” and “you” in a question that names a technical thing: a how-to, not one's own life
    assert_keeps("# DDP FAQ\n\n## Should I use DDP or FSDP?\n\nDDP when the model and its optimizer state fit on one GPU; "
                 "FSDP shards them when they do not.\n\n## How do I freeze a layer?\n\nSet `requires_grad` to False on "
                 "its parameters.\n\n## Why pin memory?\n\nPage-locked host memory lets the copy to the GPU overlap.\n",
                 ["Should I use DDP or FSDP? DDP when", "How do I freeze a layer? Set `requires_grad`"], [])
    # words that open a short listing take it with them; a table they open asks its own cards
    listing = ("# DataLoader FAQ\n\n## How do I make the workers differ?\n\nSeed each worker from the base seed, like this:\n\n"
               "```python\ndef seed_worker(worker_id):\n    np.random.seed(torch.initial_seed() % 2**32)\n```\n\n"
               "## Is batch_size per GPU?\n\nYes: each process loads its own batch of that size.\n\n"
               "## Why pin memory?\n\nPage-locked host memory lets the copy to the GPU run asynchronously.\n")
    answer = {c.front: c.back for c in extract(listing)[0]}.get("How do I make the workers differ?", "")
    assert "def seed_worker" in answer, answer
    table = ("# 归一化\n\n## Q7：LN 和 BN 的区别是什么？\n\n核心区别就是在哪些维度上求统计量。以 `(N, C, H, W)` 为例：\n\n"
             "| 方法 | 统计维度 |\n|---|---|\n| BatchNorm | N, H, W |\n| LayerNorm | C, H, W |\n")
    cards = {c.front: c.back for c in extract(table)[0]}
    assert "| LayerNorm | C, H, W |" in cards.get("LN 和 BN 的区别是什么？", ""), cards
    assert any("**LayerNorm**" in f and v == "C, H, W" for f, v in cards.items()), cards


@pytest.mark.parametrize("notes, gone", [
    # an exercise's or a worksheet part's heading: the paragraph under it states the task
    ("# 作业 3\n\n## 第 2 题（20 分）高斯分布方差的 MLE 是否无偏？\n\n$x_i \\sim N(\\mu, \\sigma^2)$，求 MLE 并计算其期望。\n",
     "是否无偏？"),
    ("# Worksheet\n\n## Part C — where does the norm go?\n\nWrite both the Post-LN and the Pre-LN block, then compare.\n",
     "where does the norm go?"),
    # a paragraph that asks back, one that is only a picture, one that only opens what follows with a colon
    ("# Autograd\n\n## Why did my gradient double?\n\nRun the cell twice without re-creating `x`. What is `x.grad` now "
     "and why?\n", "gradient double?"),
    ("# Norms\n\n## Which axes does each norm use?\n\n![norm axes](img/axes.png)\n", "Which axes"),
    ("# DataLoader\n\n## How do I seed the workers?\n\nLike this:\n\n```python\n" + "x = 1\n" * 20 + "```\n",
     "How do I seed the workers?"),

    # one about the course or oneself, one that names no subject, one whose subsections answer it
    ("# Week 3\n\n## When is the midterm?\n\nThursday 9am in room B204, bring a calculator.\n", "When is the midterm?"),
    ("# Attention\n\n## Scaled dot product\n\nScores are divided by the square root of the key dimension.\n\n### Why?\n\n"
     "Without it the softmax saturates for large dimensions.\n", "Why?"),
    ("# Attention\n\n## How does attention work?\n\nThree steps.\n\n### Scores\n\nDot products of queries and keys.\n",
     "How does attention work?"),
    # a paragraph about the text, or about one's own grasp of it, or one that points elsewhere
    ("# 概率\n\n## 什么是随机变量？\n\n本节引入随机变量的概念，下一节讲分布函数。\n", "什么是随机变量？"),
    ("# 训练\n\n## 混合精度有什么坑？\n\n这个我还没完全搞懂，先记一下，回头再看论文。\n", "混合精度有什么坑？"),
    # a set-up, a count of what follows, the first of several reasons
    ("# Physics\n\n## Can a machine be 100% efficient?\n\nConsider a car engine burning fuel in its cylinders.\n",
     "Can a machine be 100% efficient?"),
    ("# Caching\n\n## Why cache sessions in Redis instead of Postgres?\n\nThere are three main reasons.\n\nLatency matters "
     "most for us, then expiry.\n",
     "Why cache sessions in Redis"),
    ("# 网络\n\n## TCP 为什么需要三次握手？\n\n首先，要确认双方的发送和接收能力都正常。\n\n其次，要同步双方的初始序列号。\n",
     "TCP 为什么需要三次握手？"),
    # a meeting's, an exam's, an interview's question; an exam paper's numbered question
    ("# Team sync\n\n## Should we move the job queue to Kafka?\n\nTom thinks the current queue is fine; Priya wants numbers "
     "first.\n", "Should we move the job queue"),
    ("# 期末复习\n\n## 这一章重要吗？\n\n非常重要，老师说至少一道大题出自这里。\n", "这一章重要吗？"),
    ("# Interview\n\n## What's your biggest weakness?\n\nOver-engineering small scripts before they need it.\n",
     "What's your biggest weakness?"),
    ("# Past paper\n\n## Question 4: Is the estimator unbiased?\n\nLet $X_1, \\dots, X_n$ be i.i.d. with mean $\\mu$ and "
     "consider the estimator below.\n", "Is the estimator unbiased?"),
    # a retro's, a meeting's, a journal's question; someone's view reported; a restatement that only promises a reason
    ("# Retro\n\n## What didn't go well?\n\nThe on-call rotation was uneven: Dana got paged eleven times in one week.\n",
     "What didn't go well?"),
    ("# Sync\n\n## Who owns the on-call rota?\n\nMarta took it over from Ben after the reorg, swaps go through her.\n",
     "Who owns the on-call rota?"),
    ("# Journal\n\n## What am I grateful for?\n\nA long walk with Anna on Sunday and a quiet evening with a book.\n",
     "What am I grateful for?"),
    ("# Book club\n\n## Why don't the students try to escape?\n\nMaria thought it was conditioning: they were told their whole "
     "lives that this is what they are for.\n", "Why don't the students try to escape?"),
    ("# Networking\n\n## Why does TCP need a three-way handshake?\n\nTCP needs a three-way handshake for a good reason.\n",
     "Why does TCP need a three-way handshake?"),
])
def test_a_heading_that_asks_over_what_does_not_answer_it_gives_no_card_of_it(notes: str, gone: str) -> None:
    """Each among questions that are answered (a page of questions), so only what is under test keeps it out."""
    title, _, rest = notes.partition("\n\n")
    page = (f"{title}\n\n## Why clip gradients?\n\nTo stop one bad batch from blowing up the weights when the gradient "
            "norm spikes.\n\n## Why warm up the learning rate?\n\nThe first updates come from a poor estimate of the "
            "gradient's scale, so small steps keep them from doing damage.\n\n## Why use AdamW over Adam?\n\nIts weight "
            f"decay is applied to the weights directly, not through the adaptive gradient scaling.\n\n{rest}")
    cards, _ = extract(page)
    fronts = [c.front for c in cards]
    assert "Why clip gradients?" in fronts and "Why warm up the learning rate?" in fronts, fronts
    assert not any(c.front.startswith(gone) or c.front.endswith(gone) and len(c.front) < 60 for c in cards), \
        [(c.front, c.back) for c in cards]


def test_a_question_heading_among_headings_that_do_not_ask_is_the_text_s_own() -> None:
    """“## Why does this matter?”, “## Where does the energy go?” in a chapter of headings that name things: the
    text asks it of itself, and the paragraph under it sets the scene (“Consider a ball…”)."""
    notes = ("# Energy\n\n## Kinetic energy\n\n**Kinetic energy**: the energy of motion, $E = mv^2/2$.\n\n"
             "## Where does the energy go?\n\nThe ball slows because friction turns its kinetic energy into heat.\n\n"
             "## Potential energy\n\n**Potential energy**: the energy of position.\n")
    fronts = [c.front for c in extract(notes)[0]]
    assert not any(f.startswith("Where does the energy go") for f in fronts), fronts
    assert any("Kinetic energy" in f for f in fronts), fronts


@pytest.mark.parametrize("notes, gone", [
    # what an interviewer checks, a reviewer's reply, one's own notes and feelings, what to bring
    ("# 面试题\n\n## Q2. Ring All-Reduce 的通信量是多少？\n\n**考察点**：能不能推一下，不是背结论。\n\n期望回答：每卡约 2M。\n", "考察点"),
    ("# Review 笔记\n\n## Reviewer 3（分数 3）\n\n**R3 回复**：*\"I keep my score.\"*\n", "I keep my score"),
    ("# 注意力机制\n\n## Transformer\n\n**做完感想**：10.3 最有收获，10.2 的核回归第一遍没看懂为啥叫注意力。\n", "做完感想"),
    # a label behind a bracketed tag
    ("# 讨论区\n\n## 高赞回答\n\n【注】顺便：conv 后面紧跟 BN 的时候 conv 的 bias 没用，所以写 `bias=False`。\n", "顺便"),
    ("# CNN cheat sheet (midterm, Fri 9am)\n\n**What to bring**: calculator (NOT phone), student card, one A4 sheet\n\n"
     "## Output size\n\n$$O = (W - K + 2P)/S + 1$$\n", "calculator"),
])
def test_a_label_that_names_no_concept_gives_no_card(notes: str, gone: str) -> None:
    cards, _ = extract(notes)
    assert not any(gone in c.front or gone in c.back for c in cards), [(c.front, c.back) for c in cards]


def test_a_term_behind_a_bracketed_tag_is_still_a_term() -> None:
    assert_keeps("# 归一化\n\n## 方法\n\n**[BN] 批归一化**：对每个通道在 batch 维上求均值和方差，再做仿射变换。\n\n"
                 "**【重点】层归一化**：对每个样本在特征维上求均值和方差。\n", ["批归一化** 是什么", "层归一化** 是什么"], [])


def test_a_formula_that_leaves_an_index_open_is_no_answer() -> None:
    """“$$Y_{t,n} \\approx \\sum_k s^X_{?} q^X_{t,k} s^W_{?} q^W_{k,n}$$”: the notes ask which index the scales take
    (answered in the lines after it); the formula with its “?” is no fact to recall."""
    notes = ("# INT8 GEMM\n\n## Scales\n\n量化后\n\n$$ Y_{t,n} \\approx \\sum_k s^X_{?}\\, q^X_{t,k}\\; s^W_{?}\\, q^W_{k,n} $$\n\n"
             "- 如果 $X$ 是 per-token，$s^X_t s^W_n$ 可以提到求和外面。\n")
    cards, notices = extract(notes)
    assert not any("s^X_{?}" in c.back for c in cards), [(c.front, c.back) for c in cards]
    assert "left-out:empty-answer" in [n.rule for n in notices], [n.rule for n in notices]


@pytest.mark.parametrize("notes, gone", [
    ("# 期中复盘\n\n## BatchNorm\n\n**running mean**：eval 时用来归一化的均值，训练时按动量更新。\n\n## 下一步计划\n\n**编程题**：考试前练一下 10 分钟内手写 BN / LN。\n",
     "手写 BN"),
    ("# Autograd\n\n## Leaf tensors\n\nA leaf tensor is one the user created.\n\n### misc / not for the exam\n\n"
     "**reading group thursday**: bring the micrograd notebook\n", "micrograd notebook"),
])
def test_a_heading_over_one_s_plans_or_what_is_not_examined_gives_no_card(notes: str, gone: str) -> None:
    cards, _ = extract(notes)
    assert not any(gone in c.back for c in cards), [(c.front, c.back) for c in cards]
    assert cards, "the knowledge before it stays"


def test_a_line_that_opens_on_one_of_a_kind_is_asked_what_to_remember_not_what_it_is() -> None:
    """“- ResNet-50 这类模型，INT8 掉点 < 1%”: a remark on that kind of model, not what ResNet-50 is; after a colon,
    “**线粒体**：这种细胞器…” says what the term is."""
    cards, _ = extract("# 量化讨论\n\n## 观点 1\n\n论据：\n- ResNet-50 这类模型，权重 per-channel 对称量化，INT8 掉点通常 < 1%\n"
                       "- PTQ 不需要训练，只要一小批无标签校准数据\n")
    fronts = [c.front for c in cards]
    assert any(f.endswith("关于 **ResNet-50**，要记住什么？") for f in fronts) and not any(f.endswith("是什么？") for f in fronts), fronts
    assert_keeps("# 细胞\n\n## 细胞器\n\n**线粒体**：这种细胞器是细胞进行有氧呼吸的主要场所，被称为细胞的“动力车间”。\n",
                 ["**线粒体** 是什么？"], ["关于 **线粒体**"])


def test_a_story_told_the_star_way_gives_no_cards_of_its_labels() -> None:
    """“**S:** … **T:** … **A:** - root cause: … **R:** …” under “## Story 1 — DDP job hanging”: one's own story for an
    interview; “root cause”, “*Differently:*” name that story's parts, no concept. A glossary beside it keeps its
    terms."""
    notes = ("# Interview prep\n\n## Story 1 — DDP job hanging at step 0\n\n**S:** Moving our classifier to 8 GPUs with DDP; "
             "the job hung at the first backward.\n\n**T:** I owned the migration.\n\n**A:**\n- root cause: an auxiliary "
             "head only ran on some ranks, so the reducer waited forever\n- quick fix: `find_unused_parameters=True`\n\n"
             "**R:** 6.9× throughput on 8 GPUs.\n\n*Differently:* would add a 2-GPU smoke test in CI.\n\n"
             "## Concepts\n\n**Reducer**: the part of DDP that buckets gradients and all-reduces them.\n")
    cards, notices = extract(notes)
    fronts = [c.front for c in cards]
    assert not any("root cause" in f or "Differently" in f or "quick fix" in f for f in fronts), fronts
    assert any("Reducer" in f for f in fronts), fronts


def test_a_turn_that_confirms_one_s_own_answer_keeps_it_and_a_correction_label_is_no_speaker() -> None:
    """“**me:** It keeps a running average…” over “**tutor:** Exactly.”: one's own answer was right, and is the
    answer; “**我：** …” over “**正解：** …” in a mistakes log is checked against the correct answer, which answers."""
    dialogue = ("# Tutor chat\n\n### What does momentum do?\n\n**me:** It keeps a running average of the gradients so the "
                "steps don't zig-zag.\n\n**tutor:** Exactly.\n\n### What is warmup for?\n\n**me:** No idea.\n\n"
                "**tutor:** It keeps the first steps small while Adam's second moment is still a poor estimate.\n")
    answers = {c.front: c.back for c in extract(dialogue)[0]}
    assert answers.get("What does momentum do?", "").startswith("It keeps a running average"), answers
    assert answers.get("What is warmup for?", "").startswith("It keeps the first steps small"), answers
    mistakes = ("# 错题本\n\n## 1. 样本方差为什么除以 n-1？\n\n**我：** 因为样本少。\n\n**正解：** 用样本均值代替总体均值，损失一个自由度，"
                "除以 n-1 才无偏。\n\n## 2. MLE 一定无偏吗？\n\n**我：** 是的。\n\n**正解：** 不一定，正态方差的 MLE 除以 n，是有偏的。\n")
    answers = {c.front: c.back for c in extract(mistakes)[0]}
    assert any(b.startswith("用样本均值代替总体均值") for b in answers.values()), answers
    assert not any("因为样本少" in b for b in answers.values()), answers
    # a teacher who agrees in Chinese (“没错，…”: 错 inside 没错 takes nothing back)
    agreed = ("# 答疑\n\n### 正定矩阵怎么判断？\n\n**我：** 所有特征值都大于零，或者所有顺序主子式都大于零。\n\n"
              "**老师：** 没错，这两个都是充要条件。\n\n### 什么是无偏估计？\n\n**我：** 不知道。\n\n"
              "**老师：** 期望等于真值的估计量。\n")
    answers = {c.front: c.back for c in extract(agreed)[0]}
    assert answers.get("正定矩阵怎么判断？", "").startswith("所有特征值都大于零"), answers


def test_in_a_dialogue_with_someone_who_does_not_teach_neither_turn_answers() -> None:
    """A mock interview or a study partner, “**me:** …” over “**Interviewer:** Okay, noted.”, “**Tom:** Nope, …”: who
    is right the card cannot say, so neither turn answers (and one's own turn is no card of its own); a teacher's
    turn that puts one right, “**Profesora:** Casi: …”, answers."""
    notes = ("# Practice\n\n## How would you design a URL shortener?\n\n**me:** Hash the long URL with base62 over an "
             "auto-increment ID and cache the hot links.\n\n**Interviewer:** Okay, noted. Let's talk about scaling the writes "
             "next.\n\n## What does the central bank do about inflation?\n\n**me:** It raises interest rates.\n\n"
             "**Tom:** Nope, pretty sure it's the government that sets rates.\n\n## ¿Ser o estar para \"bored\"?\n\n"
             "**me:** Soy aburrido en la clase.\n\n**Profesora:** Casi: para el estado es estar, \"estoy aburrido\".\n")
    cards, notices = extract(notes)
    answers = {c.front: c.back for c in cards}
    assert not any(b.startswith(("Hash the long URL", "Okay, noted", "It raises", "Nope", "Soy aburrido")) for b in answers.values()), answers
    assert not any("its me" in f for f in answers), answers
    assert answers.get('¿Ser o estar para "bored"?', "").startswith("Casi: para el estado es estar"), answers


def test_a_heading_that_says_where_its_subject_stands_in_the_book_is_no_equation_to_explain() -> None:
    # “(eq. 4.7)”, “(Lemma 4.1, p. 71)” beside a subject say where it is; “式(9.5)的解释” is about the equation
    notes = ("# Ch. 4 Losses\n\n"
             "## 4.2 Cross-entropy = entropy + KL (eq. 4.7)\n\n"
             "**Claim.** $H(p, q) := -\\sum_x p(x)\\log q(x) = H(p) + \\mathrm{KL}(p\\|q)$.\n\n"
             "## 4.4 Softmax is shift-invariant (line under eq. 4.10)\n\n"
             "**Claim.** For any $c$, $\\mathrm{softmax}(z + c\\mathbf 1) = \\mathrm{softmax}(z)$.\n\n"
             "## 式(9.5)的解释\n\n于是 $\\mathbf{X} = \\mathbf{U}\\mathbf{V}$。\n")
    assert_keeps(notes, ["H(p) + \\mathrm{KL}(p\\|q)", "\\mathrm{softmax}(z)$"], ["\\mathbf{U}\\mathbf{V}"])
    # a heading that works through the equation it cites is still about it
    assert_keeps(notes.replace("## 式(9.5)的解释", "## Walkthrough (eq. 9.5)"), [], ["\\mathbf{U}\\mathbf{V}"])


def test_a_heading_with_a_colon_above_does_not_carry_the_next_heading_into_what_the_card_asks() -> None:
    notes = ("# Notes\n\n## Lecture 4: Softmax is shift-invariant (line under eq. 4.10)\n\n### Why\n\n"
             "For any $c$, $\\mathrm{softmax}(z + c\\mathbf 1) = \\mathrm{softmax}(z)$.\n")
    assert_keeps(notes, ["\\mathrm{softmax}(z)$"], [])
    # the heading with the colon right above the sentence, under a title or as the title itself
    for above in ("# Notes\n\n## ", "# "):
        assert_keeps(notes.replace("# Notes\n\n## ", above).replace("### Why\n\n", ""), ["\\mathrm{softmax}(z)$"], [])
    # a sentence that points at an equation it does not show is still left out
    cards, notices = extract(notes.replace("For any $c$,", "By eq. 4.9,"))
    assert not cards
    assert "left-out:equation-ref" in {n.rule for n in notices}


@pytest.mark.parametrize("label", ["Side story", "Ended with", "Bit us", "报告人"])
def test_a_lecturer_s_side_story_the_speaker_and_what_bit_the_writer_are_labels_not_terms(label: str) -> None:
    notes = f"# Lecture 9\n\n## Adam\n\n- **{label}**: someone asked if full-batch GD is still SGD; in spirit, yes.\n" \
            "- **AdamW**: Adam with the weight decay taken out of the gradient.\n"
    cards, notices = extract(notes)
    assert [c.front for c in cards] == ["Adam: what is **AdamW**?"]
    assert "left-out:label-term" in {n.rule for n in notices}


def test_a_digression_an_anecdote_a_speaker_and_a_presenter_are_terms_where_they_are_defined() -> None:
    notes = ("# Rhetoric and software\n\n## Terms\n\n- **Digression**: a passage that leaves the main subject for a while\n"
             "- **Anecdote**: a short account of a real incident, told to make a point\n"
             "- **Presenter**: the part of MVP that reacts to view events and updates the model\n"
             "- **Speaker**: the person whose voice produced a segment of audio\n")
    assert_keeps(notes, ["leaves the main subject", "real incident", "reacts to view events", "segment of audio"], [])


@pytest.mark.parametrize("heading", ["三、下次要改的", "What to change next time", "What I'd change next time"])
def test_what_a_teacher_means_to_change_next_time_gives_no_card(heading: str) -> None:
    notes = f"# 教学反思\n\n## 学生的困惑\n\n- **计算图**：张量和生成它的运算连成的有向无环图\n\n## {heading}\n\n" \
            "1. **砍内容**：in-place 挪到第 6 周\n2. **先讲例子**：再讲公式\n"
    assert_keeps(notes, ["有向无环图"], ["in-place 挪到第 6 周", "再讲公式"])


def test_a_mistakes_log_s_lesson_for_next_time_and_a_guide_s_what_to_change_keep_their_cards() -> None:
    notes = ("# 错题本\n\n## 下次注意\n\n- **model.eval()**：切换 BN 和 Dropout 到推理行为，不影响 autograd\n\n"
             "## What to change\n\n- **weight_decay**: in AdamW it is decoupled from the gradient\n")
    assert_keeps(notes, ["切换 BN 和 Dropout", "decoupled from the gradient"], [])


def test_an_answer_that_is_only_citation_numbers_is_no_answer() -> None:
    notes = "# 研究现状\n\n## 小结\n\n- **线性/低秩** 的代表工作：[6][7][8][18]\n- **稀疏注意力** 的代表工作：[2][5–7]\n" \
            "- **FlashAttention**：按块计算 softmax，不存 $N \\times N$ 矩阵 [12]\n"
    cards, notices = extract(notes)
    assert [c.back for c in cards] == ["按块计算 softmax，不存 $N \\times N$ 矩阵 [12]"]
    assert sum(n.rule == "left-out:reference-answer" for n in notices) == 2
    # one pair of brackets holds values: a range (“uint8：[0, 255]”), a list (“[3, 4, 6, 3]”), a scale
    assert_keeps("# 量化\n\n## 格式\n\n- **uint8**：[0, 255]\n- **ResNet-50 每阶段的 block 数**：[3, 4, 6, 3]\n"
                 "- **李克特量表的取值**：[1–5]\n", ["[0, 255]", "[3, 4, 6, 3]", "[1–5]"], [])


def test_a_chat_export_s_message_header_is_no_part_of_a_card() -> None:
    # (each name heads two or more messages)
    notes = ("# 读书会群聊\n\n## 2024-04-11\n\n**22:04 老周**\n\n- **GELU**：平滑的激活函数\n\n"
             "**22:23 Momo🍵**\n公式对比一下：\n"
             "$$\\text{RMSNorm}(x) = \\gamma \\odot \\frac{x}{\\sqrt{\\frac{1}{d}\\sum_i x_i^2 + \\epsilon}}$$\n\n"
             "[22:25] 大鹏：\n**LayerNorm**：对每个样本在特征维上归一化\n[22:26] 小王：\n**BatchNorm**：在 batch 维上归一化\n\n"
             "**22:30 老周**\n收到\n\n**22:31 Momo🍵**\n👍\n\n[22:32] 大鹏：\n好\n\n[22:33] 小王：\n晚安\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert all(term in texts for term in ("GELU", "RMSNorm", "LayerNorm", "BatchNorm"))
    assert not any(word in texts for word in ("22:04", "老周", "Momo", "22:25", "大鹏", "小王"))
    formula = next(c for c in cards if "RMSNorm" in c.front)
    assert formula.source.line == 11  # where its formula starts
    assert next(c for c in cards if "LayerNorm" in c.front).back == "对每个样本在特征维上归一化"
    # a time that names a part of a talk, once (“**15:05 Placement**”, “[12:40] Inference:”), is content
    assert_keeps("# Lecture 6 video\n\n**Batch normalization**: normalizes each feature over the mini-batch.\n"
                 "[12:40] Inference:\nthe running mean and variance replace the batch statistics.\n"
                 "**15:05 Placement**\nafter the linear layer.\n", ["Inference", "Placement"], [])
    # a time that begins an answer is the answer (“09:30 Eastern Time”)
    assert_keeps("# Markets\n\n## NYSE\n\n**When does the regular session open?**\n\n09:30 Eastern Time\n"
                 "Pre-market trading starts earlier.\n", ["09:30 Eastern Time"], [])


def test_the_steps_of_a_proof_opened_with_an_aside_are_no_cards() -> None:
    notes = ("# Ch. 4\n\n## 4.1 Gibbs' inequality (Lemma 4.1, p. 71)\n\n"
             "**Claim.** $\\mathrm{KL}(p\\|q) = \\sum_x p(x)\\log\\frac{p(x)}{q(x)}$ is never negative.\n\n"
             "**Proof** (margin, version using $\\log t \\le t - 1$):\n\n"
             "1. $-\\mathrm{KL}(p\\|q) = \\sum_{x\\in S} p(x)\\log\\frac{q(x)}{p(x)}$.\n"
             "2. Together: $p = q$.\n")
    assert_keeps(notes, ["\\sum_x p(x)\\log\\frac{p(x)}{q(x)}$"], ["\\sum_{x\\in S}", "Together"])
    # over a bulleted list, the tools a proof uses may be named results of their own
    tools = ("# 信息论\n\n## KL 非负\n\n**证明**（考前只需记住用到的两个工具）：\n\n"
             "- **Jensen 不等式**：凸函数 $f$ 满足 $f(E[X]) \\le E[f(X)]$\n- **对数不等式**：$\\log t \\le t - 1$\n")
    assert_keeps(tools, ["\\log t \\le t - 1"], [])
    # the aside inside the bold (“**Proof (sketch):**”), or after its colon
    for opening in ("**Proof (sketch):**", "**Proof**: (by induction)"):
        assert_keeps(notes.replace("**Proof** (margin, version using $\\log t \\le t - 1$):", opening),
                     ["\\sum_x p(x)\\log\\frac{p(x)}{q(x)}$"], ["\\sum_{x\\in S}", "Together"])
    # (“factoring” names no tools the proof uses)
    factoring = notes.replace("**Proof** (margin, version using $\\log t \\le t - 1$):", "**Proof** (by factoring):")
    assert_keeps(factoring, ["\\sum_x p(x)\\log\\frac{p(x)}{q(x)}$"], ["\\sum_{x\\in S}", "Together"])
    # an aside that says the list holds what the proof uses: named results, each a card
    uses = ("# VC\n\n## Generalization bound\n\n**Proof** (ingredients, each worth knowing):\n\n"
            "1. **Union bound**: $P(\\cup_i A_i) \\le \\sum_i P(A_i)$\n2. **Symmetrization**: compare the sample with a ghost sample\n")
    assert_keeps(uses, ["\\sum_i P(A_i)", "ghost sample"], [])


def test_a_bold_line_that_names_an_aspect_names_it_of_the_section_s_subject() -> None:
    notes = ("# 公式手册\n\n## 1. Softmax\n\n$$p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$\n\n**常见变形：**\n"
             "- 平移不变性：$\\mathrm{softmax}(z + c) = \\mathrm{softmax}(z)$\n"
             "- $K = 2$ 时退化成 sigmoid：$\\mathrm{softmax}(z)_1 = \\sigma(z_1 - z_2)$\n\n"
             "## 2. Binomial\n\n**Properties**\n- its pmf: $X \\sim \\mathrm{Binomial}(n, p)$\n")
    cards, _ = extract(notes)
    fronts = [c.front for c in cards]
    assert "Softmax › 常见变形：平移不变性：$\\mathrm{softmax}(z + c) = ?$" in fronts
    assert "Softmax › 常见变形：$K = 2$ 时退化成 sigmoid：$\\mathrm{softmax}(z)_1 = ?$" in fronts
    # the name alone, applied to symbols, is still what the front says in words (“\\beta” is no “Beta”)
    assert not any("X \\sim ?" in f for f in fronts)
    cards, notices = extract("# Priors\n\n## Beta–Binomial\n\nThe success probability gets a Beta prior: "
                             "$$\\beta \\sim \\mathrm{Beta}(a, b)$$\n")
    assert not cards and "left-out:answer-in-front" in {n.rule for n in notices}
    # a bold line above that names a subject owns the aspect, not the section
    cards, _ = extract("# 概率论\n\n## 常见连续分布\n\n**指数分布 $\\mathrm{Exp}(\\lambda)$**\n\n- 均值：$1/\\lambda$\n\n"
                       "**特点**\n\n- 无记忆性：$P(X > s + t \\mid X > s) = P(X > t)$\n")
    assert any(c.front.startswith("指数分布 $\\mathrm{Exp}(\\lambda)$ › 特点：无记忆性") for c in cards), [c.front for c in cards]
    # a bold term defined in between is no owner: only a line that is a bold name alone
    cards, _ = extract("# 概率论\n\n## 常见连续分布\n\n**指数分布 $\\mathrm{Exp}(\\lambda)$**\n\n- 均值：$1/\\lambda$\n\n"
                       "**GELU**：平滑的激活函数\n\n**特点**\n\n- 无记忆性：$P(X > s + t \\mid X > s) = P(X > t)$\n")
    assert any(c.front.startswith("指数分布 $\\mathrm{Exp}(\\lambda)$ › 特点") for c in cards), [c.front for c in cards]
    # …and a bold line that names no subject (“**证明要点**”) leaves the aspect to the section
    cards, _ = extract("# 定理卡片\n\n## 卡片 2：KL 散度非负\n\n**证明要点**\n\n- 用 Jensen\n\n**例子**\n\n"
                       "- 交叉熵 = 熵 + KL：$H(p,q) = H(p) + D_{KL}(p\\|q)$。\n")
    assert [c.front for c in cards] == ["定理卡片 › 卡片 2：KL 散度非负 › 例子：交叉熵 = 熵 + KL：$H(p,q) = ?$。"]


@pytest.mark.parametrize("heading", ["Common-error tally (keep updating)", "final run (0414) config for reference",
                                     "A.O.B."])
def test_a_grader_s_tally_a_meeting_s_other_business_and_one_s_own_run_give_no_card(heading: str) -> None:
    notes = (f"# HW3\n\n## Softmax\n\n- **Log-sum-exp**: $\\log\\sum_k e^{{z_k}}$, computed after subtracting the max\n\n"
             f"## {heading}\n\n- **lr**: 1e-4 peak (AdamW)\n- **服务器**：3 号卡又掉了\n")
    assert_keeps(notes, ["subtracting the max"], ["1e-4 peak", "3 号卡"])


@pytest.mark.parametrize("heading", ["Default hyperparameters for reference", "其他事项", "讲的时候注意", "Rubric",
                                     "Deductions", "评分标准"])
def test_a_heading_about_grading_settings_or_presenting_keeps_its_facts(heading: str) -> None:
    notes = f"# Notes\n\n## {heading}\n\n- **β1**: 0.9, the decay of the first moment\n- **眼神交流**：看着评委，不要看屏幕\n"
    assert_keeps(notes, ["decay of the first moment", "不要看屏幕"], [])


def test_what_a_grader_takes_off_is_no_card_but_a_negative_number_may_be_a_fact() -> None:
    notes = ("# HW3 rubric\n\n## Q1 Deductions\n\n| Mistake | Deduction |\n|---|---|\n| Off-diagonal sign wrong | -3 |\n\n"
             "## Q4\n\n- **Forgets bias in param count**: -0.5 per row, cap -2\n")
    cards, notices = extract(notes)
    assert not cards and sum(n.rule == "left-out:score-answer" for n in notices) == 2
    cards, _ = extract("# Trigonometry\n\n## Values\n\n- **cos π**: -1\n- **tanh's lower bound**: -1 each time x → -∞\n")
    assert [c.back for c in cards] == ["-1", "-1 each time x → -∞"]
    # under a heading that only sounds like grading (“L1 penalty”, “degrading”), a negative number is a fact;
    # an answer that says what it takes off (“per row”, “Pts”) is a deduction anywhere
    cards, notices = extract("# Regularization\n\n## L1 penalty\n\n- **sign(w) for w < 0**: -1\n\n"
                             "## Q4\n\n- **Forgets bias**: -0.5 Pts per row\n")
    assert [c.back for c in cards] == ["-1"] and sum(n.rule == "left-out:score-answer" for n in notices) == 1


def test_a_label_of_the_grading_split_is_no_term_and_deductions_are_a_term_of_tax_and_logic() -> None:
    notes = ("# HW3 rubric\n\nGrading split: Q1–Q2 Priya, Q3 Marco.\n\n## Q5 Autograd\n\n"
             "**retain_grad**: keeps `.grad` on a non-leaf tensor.\n\n"
             "## Reasoning\n\n- **Deduction**: reasoning from premises to a conclusion that must be true\n"
             "- **Deductions**: amounts subtracted from gross income before tax\n")
    assert_keeps(notes, ["non-leaf tensor", "must be true", "gross income"], ["Priya"])


def test_someone_s_remarks_over_a_list_are_no_definitions_of_what_they_mention() -> None:
    notes = ("# 周会记录\n\n## 陈师兄：KV cache\n\n**王老师点评**\n"
             "- profile 结论很清楚。建议加一个 roofline 图\n- W4A16 大家都做烂了，想想 activation 量化\n"
             "- **PagedAttention**：按页管理 KV cache，减少显存碎片\n\n"
             "**术语**\n- GQA 多个 query 头共享一组 K/V\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert "roofline" not in texts and "做烂了" not in texts
    assert "减少显存碎片" in texts  # a term the remarks define is still a card
    assert "共享一组 K/V" in texts  # a list under a bold line that names its subject is read as before
    # a named person's or a reviewer's remarks, in English too
    for bold in ("Marco's feedback", "Comments from reviewer 2"):
        cards, _ = extract(f"# Review\n\n## Draft 2\n\n**{bold}**\n- profile 结论很清楚，建议加 roofline 图\n")
        assert not cards, bold
    # a kind of feedback names a subject: its list is read as before
    cards, _ = extract("# 控制\n\n## 反馈\n\n**负反馈**\n- AGC 自动调节增益，让输出幅度稳定\n\n"
                       "**Human feedback**\n- **Reward model**: scores a response the way labellers would\n")
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert "负反馈：**AGC**" in texts and "Human feedback：**Reward model**" in texts


def test_a_changelog_s_fixed_entry_does_not_ask_for_what_one_had_written() -> None:
    notes = ("# CHANGELOG of my optimizer notes\n\n## v5 — where epsilon goes\n\n**Fixed:** I had written the Adam update as\n"
             "$$\\theta_t = \\theta_{t-1} - \\eta \\frac{\\hat m_t}{\\sqrt{\\hat v_t + \\epsilon}}$$\nThat's wrong for PyTorch. It's\n"
             "$$\\theta_t = \\theta_{t-1} - \\eta \\frac{\\hat m_t}{\\sqrt{\\hat v_t} + \\epsilon}$$\n\n"
             "## v3 — bias correction\n\n**Fixed:** I had\n$$\\hat m_t = \\frac{m_t}{1-\\beta_1}$$\nMissing the exponent!\n\n"
             "## v2 — RMSProp\n\nI originally had $E[g^2]_t = 0.9\\,E[g^2]_{t-1} + g_t^2$, which is wrong.\n")
    assert_keeps(notes, ["\\sqrt{\\hat v_t} + \\epsilon}$$"], ["\\sqrt{\\hat v_t + \\epsilon}}", "{1-\\beta_1}", "0.9\\,E"])
    # the line that says so may stand apart from its formula
    apart = ("# Optimizers — changelog\n\n## Adam\n\n**Fixed:** I had written the Adam update as\n\n"
             "$$\\theta_t = \\theta_{t-1} - \\eta \\frac{m_t}{v_t + \\epsilon}$$\n\nThe correct update is\n\n"
             "$$\\theta_t = \\theta_{t-1} - \\eta \\frac{\\hat m_t}{\\sqrt{\\hat v_t} + \\epsilon}$$\n")
    assert_keeps(apart, ["\\sqrt{\\hat v_t} + \\epsilon}$$"], ["{v_t + \\epsilon}"])
    # a fix that says the next formula is right keeps it; having had to look one up is no mistake
    assert_keeps("# Optimizer notes\n\n## Adam bias correction\n\n**Fixed:** I had a typo in the next formula, now correct:\n\n"
                 "$$\\hat v_t = \\frac{v_t}{1-\\beta_2^t}$$\n\n## Jacobian\n\nThe softmax Jacobian is "
                 "$J_{ij} = s_i(\\delta_{ij} - s_j)$, which I first had to look up.\n", ["{1-\\beta_2^t}", "\\delta_{ij} - s_j"], [])
    # what one wrote down, or would say, is no mistake
    assert_keeps("# Stats\n\n## Variance\n\nThe unbiased estimator I had written on the cheat sheet is "
                 "$s^2 = \\frac{1}{n-1}\\sum_i (x_i - \\bar x)^2$.\n", ["\\frac{1}{n-1}"], [])


@pytest.mark.parametrize("label", ["Late days used", "Feedback on the session", "Known gaps at the time"])
def test_a_homework_s_or_a_session_s_own_fields_are_no_terms(label: str) -> None:
    notes = f"# Homework 3\n\n**{label}**: talked w/ Priya about Q4; too long on Q2\n\n" \
            "## Conv\n\n- **Receptive field**: the input region that one output unit sees\n"
    assert_keeps(notes, ["one output unit sees"], ["Priya"])


def test_food_a_machine_and_collaborators_are_terms_where_they_are_defined() -> None:
    notes = ("# Notes\n\n## Terms\n\n- **Food**: any substance eaten to provide energy and nutrients\n"
             "- **Machine**: the abstract computer that an instruction set describes\n"
             "- **Collaborators**: citizens of occupied countries who worked with the occupiers\n\n"
             "## 作业 & 安排\n\n- **作业排序**：决定各作业在机器上的加工顺序\n")
    assert_keeps(notes, ["energy and nutrients", "instruction set", "occupiers", "加工顺序"], [])


def test_a_column_named_for_a_book_s_chapter_says_where_not_what() -> None:
    notes = ("# Regularisation: two textbooks\n\n## Structure at a glance\n\n| topic | GBC ch. 7 | UDL ch. 9 | effect |\n"
             "|---|---|---|---|\n| L2 / weight decay | 7.1.1, long derivation w/ Hessian | 9.1, short | shrinks weights |\n"
             "| data augmentation | 7.4 | 9.3.8 | more data from the same data |\n"
             "| early stopping | 7.8 | 9.3.1 | stop before the validation loss rises |\n\n"
             "## Early stopping\n\n- **UDL 9.3.1**: short, mostly \"it works\", no derivation\n"
             "- **Patience**: how many epochs without improvement before stopping\n")
    cards, _ = extract(notes)
    texts = " | ".join(f"{c.front} {c.back}" for c in cards)
    assert "shrinks weights" in texts and "without improvement" in texts
    assert "7.1.1" not in texts and "9.3.8" not in texts and "UDL 9.3.1" not in texts
    # a chapter's column of how that book writes each thing is notation to learn
    crosswalk = ("# Notation crosswalk\n\n## Backprop\n\n| concept | PRML ch. 5 | DL book ch. 6 |\n|---|---|---|\n"
                 "| pre-activation | $a_j = \\sum_i w_{ji} z_i$ | $a = W h + b$ |\n| error signal | $\\delta_j$ | $g$ |\n"
                 "| output delta | $\\delta_k = y_k - t_k$ | $g = \\hat y - y$ |\n")
    assert_keeps(crosswalk, ["w_{ji} z_i", "\\delta_k = y_k - t_k"], [])


def test_a_play_s_cast_speaks_and_its_stage_directions_set_no_scene_on_a_card() -> None:
    notes = ("# Normalisation — a dialogue\n\n## Scene 1\n\n**STUDENT:** Normalised over *what*?\n\n"
             "**TEACHER:** Good, start there. Which axes would you average over?\n\n**STUDENT:** All of them?\n\n"
             "**TEACHER:** Then you'd get one mean for the whole tensor.\n\n*[TEACHER writes on the board:]*\n\n"
             "$$\n\\mu_c = \\frac{1}{NHW}\\sum_{n,h,w} x_{n,c,h,w}\n$$\n\n"
             "**STUDENT:** Subtract, divide, then the scale and shift:\n\n$$\ny = \\gamma_c \\hat{x} + \\beta_c\n$$\n\n"
             "## Scene 2\n\n**TEACHER:** Pre or post?\n\n**STUDENT:** Which is which?\n\n**TEACHER:** Look.\n\n"
             "**STUDENT:** Two ways to place it.\n\n"
             "- **Post-LN**: `x = LN(x + Sublayer(x))`\n- **Pre-LN**: `x = x + Sublayer(LN(x))`\n")
    cards, _ = extract(notes)
    fronts = " | ".join(c.front for c in cards)
    assert "\\mu_c = ?" in fronts and "y = ?" in fronts and "Post-LN" in fronts
    assert "TEACHER" not in fronts and "STUDENT" not in fronts and "teacher" not in fronts
    # capitals that label, not speak, stay what they were
    assert_keeps("# Tips\n\n## Adam\n\n**NOTE:** warm up the learning rate\n\n**NOTE:** decay it late\n\n"
                 "- **eps**: the term that keeps the denominator from zero\n", ["denominator"], [])


def test_a_worked_example_s_row_asks_what_comes_out_given_what_goes_in() -> None:
    notes = ("# 张量形状速查\n\n## 总表\n\n| 操作 | 输入形状 | 调用 | 输出形状 | 会不会拷贝 |\n|---|---|---|---|---|\n"
             "| permute | `(B, H, W, C)` | `x.permute(0, 3, 1, 2)` | `(B, C, H, W)` | 不拷贝 |\n"
             "| squeeze | `(B, 1, D)` | `x.squeeze(1)` | `(B, D)` | 不拷贝 |\n"
             "| repeat | `(B, 1, D)` | `x.repeat(1, T, 1)` | `(B, T, D)` | **拷贝** |\n")
    cards, _ = extract(notes)
    by_front = {c.front: c.back for c in cards}
    asked = next(f for f in by_front if "permute" in f and "输出形状" in f)
    assert "`(B, H, W, C)`" in asked and "`x.permute(0, 3, 1, 2)`" in asked and by_front[asked] == "`(B, C, H, W)`"
    assert not any("输入形状？" in f or "调用？" in f for f in by_front)  # (an example's input is no fact)
    assert by_front.get("总表：**repeat** 会不会拷贝？") == "**拷贝**"


def test_a_mark_that_points_to_a_footnote_is_no_answer() -> None:
    notes = ("# Which loss?\n\n## The table\n\n| Situation | `CrossEntropyLoss` | `BCEWithLogitsLoss` | `MSELoss` |\n"
             "|---|---|---|---|\n| binary classification | ⚠️ (2) | ✅ | ❌ |\n"
             "| heavy class imbalance | ⚠️ `weight=` | ⚠️ `pos_weight=` | ❌ [3] |\n"
             "| regression with outliers | ❌ | ❌ | ⚠️ |\n")
    cards, _ = extract(notes)
    backs = [c.back for c in cards]
    assert "⚠️ `weight=`" in backs and "⚠️ `pos_weight=`" in backs
    assert not any(b.startswith(("⚠️ (", "❌")) or b == "⚠️" for b in backs), backs


def test_a_team_s_roster_and_a_tally_of_one_s_own_slips_by_question_are_no_cards() -> None:
    notes = ("# 大作业 README\n\n## 方法\n\n- **Mixup**：两个样本线性插值，标签也插值\n\n## 分工\n\n"
             "| 成员 | 学号 | 负责 | 贡献比例 |\n|---|---|---|---|\n| 王同学（组长） | 2021xxxx01 | 训练框架、README | 30% |\n"
             "| 李同学 | 2021xxxx17 | mixup 实现与实验 | 25% |\n| 陈同学 | 2021xxxx23 | 数据增强、画图 | 45% |\n\n"
             "## Pattern in my mistakes\n\n| Type | Questions | Count |\n|---|---|---|\n"
             "| Confused two mechanisms | Q1, Q4 | 2 |\n| Direction swapped | Q8 | 1 |\n| Incomplete counting | Q7 | 1 |\n")
    assert_keeps(notes, ["标签也插值"], ["训练框架", "数据增强", "Confused", "Direction"])
    # (a table of roles in a system is no roster: “| 成员 | 职责 |” over Raft's)
    assert_keeps("# Raft\n\n## 角色\n\n| 成员 | 职责 | 任期 |\n|---|---|---|\n| Leader | 处理客户端请求、复制日志 | 一个 term |\n"
                 "| Follower | 被动响应 Leader 的请求 | 任意 |\n| Candidate | 发起选举 | 选举期间 |\n",
                 ["复制日志", "发起选举"], [])


def test_a_tutor_s_log_asks_what_was_taught_not_where_the_student_stuck() -> None:
    notes = ("# 家教记录\n\n## 第 2 次（3/16）相似对角化\n\n**摸底**：会算行列式，秩的概念模糊。\n\n**学生卡在哪**\n"
             "- $A = P\\Lambda P^{-1}$ 会套公式，但列顺序对不上。\n- 他认为\"所有方阵都能对角化\"。\n\n**怎么讲的**\n"
             "- 充分条件：$n$ 个**不同**特征值 ⇒ 一定可对角化。\n- 用处：$A^k = P\\Lambda^k P^{-1}$。\n"
             "- **谱定理**：实对称矩阵 $A=A^T$ ⇒\n  - 一定可以正交对角化\n\n"
             "## 阶段小结\n\n- **还没讲**：正定矩阵、Eckart–Young\n")
    cards, _ = extract(notes)
    fronts = [c.front for c in cards]
    assert "相似对角化的充分条件是什么？" in fronts, fronts
    assert any(f.startswith("相似对角化：") and "A^k = ?" in f for f in fronts), fronts
    text = " | ".join(f"{c.front} {c.back}" for c in cards)
    for gone in ("怎么讲的", "卡在哪", "列顺序", "所有方阵", "摸底", "第 2 次", "Eckart", "A = ?$ ⇒"):
        assert gone not in text, gone


def test_an_email_s_header_and_a_page_s_plans_are_no_cards() -> None:
    notes = ("# 邮件整理\n\n## 线程 1\n\n**主题：** HW3 第 2 题\n**发件人：** 我\n**时间：** 10月14日\n\n"
             "**Adam 下不等价**：L2 的梯度会被 $\\sqrt{\\hat v_t}$ 除掉\n\n"
             "# Rules of thumb\n\n*Last cleaned up: after the ViT run that diverged.*\n\n"
             "## Rule 1\n\n- **Warmup**: a few hundred steps of rising learning rate at the start\n\n"
             "## Things I want to add / check\n\n- **EMA of weights**: decay 0.999, separate page maybe\n\n"
             "## Not covered (maybe later)\n\n- **Dice loss**: ask Sam, he used it\n")
    assert_keeps(notes, ["被 $\\sqrt{\\hat v_t}$ 除掉", "rising learning rate"],
                 ["HW3 第 2 题", "发件人", "ViT run", "EMA", "ask Sam"])


def test_a_record_of_one_s_own_try_answers_with_the_reason_and_only_a_right_answer() -> None:
    notes = ("# Quiz 3 — error analysis\n\n### Q1. Why is the dot product divided by $\\sqrt{d_k}$?\n\n"
             "- **My answer:** To normalise the weights so they sum to 1.\n- **Confidence:** 4\n"
             "- **Result:** ❌ wrong (0/1)\n- **Why:** the softmax makes them sum to 1; the scaling keeps the\n"
             "  variance of $q \\cdot k$ at 1.\n- **Lesson:** high confidence + wrong = the dangerous kind.\n\n"
             "### Q2. Shape of the output of attention?\n\n- **My answer:** $n \\times d_v$\n- **Confidence:** 5\n"
             "- **Result:** ✅\n- **Why:** $QK^\\top$ is $n \\times m$, times $V$.\n")
    cards, _ = extract(notes)
    backs = {c.front: c.back for c in cards}
    first = next(b for f, b in backs.items() if "sqrt{d_k}" in f)
    assert "variance" in first and "sum to 1." not in first.split("softmax")[0] and "Confidence" not in first
    assert "dangerous" not in first
    second = next(b for f, b in backs.items() if "Shape" in f)
    assert second.startswith("$n \\times d_v$") and "n \\times m" in second and "Result" not in second


def test_a_quick_reference_s_bare_formula_already_asked_is_asked_once() -> None:
    notes = ("# Cross-entropy\n\n## Gradient\n\nIn vector form: $\\nabla_z \\mathcal{L} = p - q$\n\n"
             "## BCE\n\nStable version: $$\\ell = \\max(x, 0) - x\\,t + \\log\\left(1 + e^{-|x|}\\right)$$\n\n"
             "Gradient: $\\dfrac{\\partial \\ell}{\\partial x} = \\sigma(x) - t$.\n\n## Quick reference\n\n"
             "- **grad wrt logits**: $p - q$\n- **BCE stable**: $\\max(x,0) - xt + \\log(1+e^{-\\lvert x\\rvert})$\n"
             "- **BCE grad**: $\\sigma(x) - t$\n- **label smoothing**: $(1-\\varepsilon) y + \\varepsilon / K$\n")
    cards, notices = extract(notes)
    fronts = " | ".join(c.front for c in cards)
    assert "label smoothing" in fronts and "p - q" not in " ".join(c.back for c in cards if "Quick" in c.front)
    assert "grad wrt logits" not in fronts and "BCE stable" not in fronts and "BCE grad" not in fronts
    assert sum(n.rule == "left-out:restated" for n in notices) == 3


@pytest.mark.parametrize("notes, kept", [
    # capitals that alternate are acronyms unless they are roles or names the notes write as names
    ("# Networks\n\n## TCP vs UDP\n\n**TCP:** connection-oriented; a handshake sets up the connection first.\n\n"
     "**UDP:** connectionless; each datagram is sent on its own.\n\n**TCP:** guarantees in-order delivery.\n\n"
     "**UDP:** gives no ordering or delivery guarantee.\n\n**TCP:** has congestion control.\n\n"
     "**UDP:** has no congestion control.\n", ["handshake sets up", "each datagram"]),
    # an input and an output column of facts, not of code or shapes, are facts of their row
    ("# Respiration\n\n## Stages\n\n| Stage | Input | Location | Output |\n|---|---|---|---|\n"
     "| Glycolysis | glucose, 2 ATP | cytoplasm | 2 pyruvate, 4 ATP |\n| Krebs cycle | acetyl-CoA | mitochondrial matrix | CO2, NADH |\n"
     "| Electron transport | NADH, FADH2 | inner membrane | ATP, water |\n", ["**Krebs cycle**: Input?", "**Krebs cycle**: Output?"]),
    # a column of contributions in words is knowledge; a share of the work in percent makes a roster
    ("# Physics\n\n## People\n\n| Name | Years | Contribution |\n|---|---|---|\n| Isaac Newton | 1643–1727 | laws of motion |\n"
     "| James Clerk Maxwell | 1831–1879 | equations of electromagnetism |\n| Marie Curie | 1867–1934 | radioactivity |\n",
     ["laws of motion", "radioactivity"]),
    # quadrants are no question numbers; “n²” is no mark with a footnote
    ("# Trig\n\n## Signs\n\n| Function | Positive in | Negative in |\n|---|---|---|\n| sin, csc | Q1, Q2 | Q3, Q4 |\n"
     "| cos, sec | Q1, Q4 | Q2, Q3 |\n| tan, cot | Q1, Q3 | Q2, Q4 |\n\n## Sorts\n\n| Sort | Worst case | Stable |\n|---|---|---|\n"
     "| Bubble | n² | yes |\n| Insertion | n² | yes |\n| Merge | n log n | yes |\n", ["Q1, Q2", "n²"]),
    ("# 现代文学\n\n## 鲁迅\n\n- **主题**：揭露封建礼教“吃人”的本质\n\n## Psychometrics\n\n"
     "- **Rating scale**: a set of ordered categories a respondent chooses from\n", ["吃人", "ordered categories"]),
    ("# Health insurance\n\n## Not covered\n\n- **Cosmetic surgery**: procedures done only to change appearance\n",
     ["change appearance"]),
    ("# Mechanics\n\n## Kinematics\n\n- For constant acceleration, $v = u + at$ ⇒\n  - $s = ut + \\frac12 at^2$\n", ["$v = ?$"]),
])
def test_acronyms_tables_of_facts_and_subjects_named_like_labels_keep_their_cards(notes: str, kept: list[str]) -> None:
    assert_keeps(notes, kept, [])


def test_a_try_marked_partly_right_or_only_rated_is_not_answered_with_one_s_own_answer() -> None:
    cards, _ = extract("# Chemistry quiz\n\n### Q1. What is the hybridisation of carbon in ethene?\n\n"
                       "- **My answer:** sp³\n- **Result:** not correct — it's sp²\n- **Why:** three σ bonds and one π bond\n\n"
                       "### Q2. Why is the sky blue?\n\n- **My answer:** Rayleigh scattering of short wavelengths\n"
                       "- **Confidence:** 5\n")
    backs = {c.front: c.back for c in cards}
    first = next(b for f, b in backs.items() if "ethene" in f)
    assert "sp²" in first and "sp³" not in first
    assert "Rayleigh" in next(b for f, b in backs.items() if "sky" in f)


def test_an_english_worked_example_s_front_keeps_all_its_givens_and_a_column_of_words_between_is_its_own() -> None:
    notes = ("# Shapes\n\n## Table\n\n| op | input shape | effect | call | output shape |\n|---|---|---|---|---|\n"
             "| permute | `(B, H, W, C)` | channels last to first | `x.permute(0, 3, 1, 2)` | `(B, C, H, W)` |\n"
             "| squeeze | `(B, 1, D)` | drops a size-1 dim | `x.squeeze(1)` | `(B, D)` |\n"
             "| flatten | `(B, C, H, W)` | — | `x.flatten(1)` | `(B, C*H*W)` |\n")
    cards, _ = extract(notes)
    by_front = {c.front: c.back for c in cards}
    asked = next(f for f in by_front if "permute" in f and "output shape" in f)
    assert "`x.permute(0, 3, 1, 2)`" in asked and "`(B, H, W, C)`" in asked, asked
    assert any("effect" in f and by_front[f] == "channels last to first" for f in by_front), by_front


def test_a_try_half_right_in_chinese_or_explained_in_sub_points_answers_with_the_reasons() -> None:
    cards, _ = extract("# 错题\n\n### 1. 为什么 Adam 需要偏差修正？\n\n- **我的答案**：因为学习率太大\n- **结果**：半对\n"
                       "- **原因**：\n  - $m_0 = 0$，前几步的估计偏向 0\n  - 除以 $1-\\beta^t$ 抵消\n")
    (card,) = [c for c in cards if "偏差修正" in c.front]
    assert "偏向 0" in card.back and "学习率太大" not in card.back


def test_a_parameter_with_a_default_is_asked_what_it_is_and_its_default_by_two_different_cards() -> None:
    cards, _ = extract("# DataLoader\n\n## 参数\n\n- `shuffle`：每个 epoch 重新打乱，默认 False\n"
                       "- `num_workers`：0 = 在主进程里加载，默认 0\n")
    fronts = sorted(c.front for c in cards if "shuffle" in c.front)
    assert len(fronts) == 2 and len(set(fronts)) == 2
    what, default = (f for f in fronts if "{{c1::" not in f), (f for f in fronts if "{{c1::" in f)
    assert next(what).endswith("`shuffle` 是什么？")  # (no “默认值？”: the cloze asks that)
    assert "{{c1::False}}" in next(default)


def test_a_numbered_attempt_s_record_plans_and_a_list_of_linked_materials_are_no_cards() -> None:
    notes = ("# Debugging diary\n\n## Attempt 2 — warmup + cosine\n\n**Config**: lr = 1e-3 peak, 200 warmup steps\n\n"
             "**Curves**: smoother, no spikes. **Still 2.46 plateau.**\n\n"
             "**Warmup**: raising the learning rate from 0 over the first steps\n\n## misc\n\n"
             "- **want to try**: RoPE instead of learned position embeddings\n\n## Setup\n\n"
             "- **Config**: the section of a YAML file a run reads its settings from\n")
    assert_keeps(notes, ["raising the learning rate", "reads its settings from"], ["200 warmup", "2.46 plateau", "RoPE instead"])
    notes = ("# 概率论复习\n\n**课本**：茆诗松《概率论与数理统计教程》，期中考第 1–6 章\n\n## 杂\n\n- **还没读**：SpQR、QuIP#\n"
             "- **资料**：[LLM 八股整理 repo](https://github.com/xxx/llm-notes)\n\n## 分布\n\n- **泊松分布**：单位时间内事件发生次数的分布\n")
    assert_keeps(notes, ["事件发生次数"], ["茆诗松", "SpQR", "八股"])


@pytest.mark.parametrize("notes, kept", [
    # “尝试十字相乘法”, “try 3 times” are no numbered tries
    ("# 因式分解\n\n## 尝试十字相乘法\n\n- **观察**：常数项拆成两数之积，且两数之和等于一次项系数\n", ["两数之积"]),
    ("# HTTP\n\n## Retry policy: try 3 times, then give up\n\n- **Config**: `Retry(total=3, backoff_factor=0.5)` on an adapter\n",
     ["backoff_factor"]),
    # resources defined, with a link inside; a phrase glossed in another language; a textbook defined
    ("# Economics\n\n## Key terms\n\n- **Resources**: the [factors of production](https://e.org/f) used to produce goods\n",
     ["used to produce goods"]),
    ("# 英语动词搭配\n\n## want to do\n\n- **want to try**：想尝试（want 后接不定式）\n", ["想尝试"]),
    ("# 教育学\n\n**课本**：指依据课程标准编写的、供教学使用的正式教材\n\n## 课程\n\n- **课程标准**：规定学科目标的文件\n",
     ["供教学使用"]),
])
def test_what_the_attempt_and_plan_labels_leave_as_it_was(notes: str, kept: list[str]) -> None:
    assert_keeps(notes, kept, [])


def test_a_parameter_whose_meaning_says_its_default_is_still_asked_for_the_default() -> None:
    cards, _ = extract("# nn.Linear\n\n## Parameters\n\n- bias (bool, optional) – if set to ``True``, the layer learns an "
                       "additive bias. Default: ``True``\n- in_features (int) – size of each input sample\n"
                       "- eps (float, optional) – added to the denominator (default: 1e-8)\n")
    fronts = [c.front for c in cards]
    assert any("`bias`, and its default?" in f for f in fronts), fronts
    assert any(f.endswith("the parameter `eps`?") for f in fronts) and any("{{c1::1e-8}}" in f for f in fronts), fronts


def test_a_first_pass_s_understanding_a_team_s_members_and_notes_about_the_notes_are_no_cards() -> None:
    notes = ("# BN 二刷笔记\n\n**一刷**：去年 9 月，囫囵吞枣\n**二刷**：这周，边看边跑代码\n\n## 公式\n\n**一刷时的理解：**\n\n"
             "$$\n\\hat x = \\frac{x - \\mu_B}{\\sqrt{\\sigma_B^2} + \\epsilon}\n$$\n\n**二刷修正：** $\\epsilon$ 在根号里面：\n\n"
             "$$\n\\hat x = \\frac{x - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}\n$$\n")
    cards, _ = extract(notes)
    backs = " | ".join(c.back for c in cards)
    assert "\\sqrt{\\sigma_B^2 + \\epsilon}" in backs and "\\sqrt{\\sigma_B^2} + \\epsilon" not in backs, backs
    assert "囫囵吞枣" not in backs and "边看边跑" not in backs
    notes = ("# 组队讨论纪要\n\n队伍：老何 / 阿杰 / 小鱼 / 我（记录）\n\n## 第二次会议\n\n### 进展\n\n"
             "- 老何：max_len 1024，CV 0.812\n- 阿杰：分类 head CV 0.805\n- 小鱼：LGBM 0.795\n\n### 术语\n\n"
             "- **QWK**：按类别距离平方加权的 kappa 系数\n")
    assert_keeps(notes, ["距离平方加权"], ["老何 /", "0.805", "LGBM"])
    notes = ("# Exam traps\n\n**Compiled from**: last year's midterm and the problem sets\n\n"
             "## Bayes\n\n- **Base rate**: the prior probability of the condition\n\n## Meta / todo\n\n"
             "- **Zotero collection**: `thesis/optim`, export .bib before the deadline\n\n## Cheat sheet plan\n\n"
             "- **Front**: distributions table\n")
    assert_keeps(notes, ["prior probability"], ["last year's midterm", "thesis/optim", "distributions table"])


@pytest.mark.parametrize("notes, kept", [
    # a team's positions, not a team one is on
    ("# Football\n\nTeam: Goalkeeper, Defenders, Midfielders, Forwards\n\n## Positions\n\n"
     "- **Goalkeeper**: the only player allowed to handle the ball in the penalty area\n", ["handle the ball"]),
    ("# 篮球\n\n## 位置\n\n**队员**：控球后卫 / 得分后卫 / 中锋\n\n- **中锋**：站在篮下，负责篮板和护框\n", ["篮板和护框"]),
    # “Meta” as the subject; an algorithm's first pass; an A4 page's layout
    ("# Django models\n\n## Meta\n\n- **ordering**: the default order of a query set\n", ["default order"]),
    ("# Variance\n\n## Two-pass algorithm\n\n**First pass:**\n\n$$\n\\bar x = \\frac{1}{n}\\sum_i x_i\n$$\n", ["\\bar x = ?"]),
    ("# LaTeX\n\n## A4 纸排版\n\n- **geometry 宏包**：用来设置页边距与纸张尺寸的宏包。\n", ["页边距"]),
    ("# Strains\n\n## Table\n\n| Strain | Collected from | Year |\n|---|---|---|\n| E. coli K-12 | stool of a patient | 1922 |\n"
     "| HeLa | cervical tumour | 1951 |\n| S. aureus | nasal swab | 1884 |\n", ["cervical tumour"]),
])
def test_positions_a_subject_named_meta_and_an_algorithm_s_first_pass_keep_their_cards(notes: str, kept: list[str]) -> None:
    assert_keeps(notes, kept, [])


def test_an_answer_written_as_a_list_item_under_its_question_loses_its_bullet_and_mark() -> None:
    cards, _ = extract("# 答辩讲稿\n\n## Slide 2\n\n**可能被问的问题：**\n- Q：INT8 体积是 1/4，那速度是不是也快 4 倍？\n"
                       "  - A：不是。实际加速取决于硬件是否有 INT8 指令。\n  - （初稿写的是 4×，已经删了）\n")
    (card,) = [c for c in cards if "4 倍" in c.front]
    assert card.back.startswith("不是。实际加速"), card.back


def test_a_team_s_division_of_work_with_the_writer_among_its_rows_gives_no_cards() -> None:
    notes = ("# 数模备赛\n\n## 分工\n\n| 队员 | 主要负责 | 要练的 |\n|---|---|---|\n| 我（阿哲） | 建模 + 写代码 | LSTM 模板 |\n"
             "| 小林 | 论文写作 + 排版 | LaTeX 模板 |\n| 老周 | 数据预处理 | ADF 检验 |\n\n## 指标\n\n"
             "- **MAPE**：平均绝对百分比误差\n")
    assert_keeps(notes, ["平均绝对百分比误差"], ["论文写作", "ADF 检验", "建模 + 写代码"])
    # a system's parts under “成员 | 职责” (no one of them the writer) are its roles
    notes = ("# Raft\n\n## 角色\n\n| 成员 | 职责 |\n|---|---|\n| Leader | 接收客户端请求并复制日志 |\n"
             "| Follower | 被动响应 Leader 的请求 |\n| Candidate | 选举期间争取成为 Leader |\n")
    assert_keeps(notes, ["复制日志", "争取成为"], [])
    # a pronoun's table, a game's payoffs, a process's roles with the writer's own row, a principal in agency law
    assert_keeps("# Game theory\n\n## Prisoner's dilemma\n\n| Player | Cooperate | Defect |\n|---|---|---|\n| Me | -1 | -3 "
                 "|\n| Partner | 0 | -2 |\n| Both | -1 each | -2 each |\n", ["Defect? -3"], [])
    assert_keeps("# 代词\n\n## 人称\n\n| Person | Pinyin | Meaning |\n|---|---|---|\n| 我 | wǒ | I, me |\n| 您 | nín | you "
                 "(polite) |\n| 咱们 | zánmen | we (incl.) |\n", ["nín", "zánmen"], [])
    assert_keeps("# Scrum\n\n## Events\n\n| Member | Sprint planning | Daily Scrum |\n|---|---|---|\n| Product Owner | "
                 "presents the backlog | optional |\n| Developers | commit to the goal | required, 15 min |\n| Me (dev) | "
                 "laptop | go |\n", ["required, 15 min"], [])
    assert_keeps("# 代理\n\n## 三方\n\n| 人 | 法律地位 | 承担的后果 |\n|---|---|---|\n| 本人 | 被代理人 | 承受代理行为的效果 |\n"
                 "| 代理人 | 以本人名义行事 | 越权时自负其责 |\n| 相对人 | 交易对方 | 可催告本人追认 |\n", ["以本人名义行事"], [])


def test_a_column_of_ratings_on_a_scale_gives_no_cards() -> None:
    notes = ("# Peer review\n\n## Score\n\n| Criterion | 1–5 | Comment |\n|---|---|---|\n"
             "| Clarity of writing | 4 | intro overclaims speedup |\n| Technical correctness | 3 | test-set calibration |\n"
             "| Reproducibility | 5 | code ran first try |\n\n## Quantisation\n\n"
             "- **Zero-point**: the integer that stands for the real value 0\n")
    cards, _ = extract(notes)
    assert not [c for c in cards if "Clarity" in c.front or "Reproducibility" in c.front], [c.front for c in cards]
    assert any("real value 0" in c.back for c in cards)
    # a scale beside minerals or a survey's anchors holds facts, not one's ratings
    assert_keeps("# Minerals\n\n## Mohs\n\n| Mineral | 1–10 | Formula |\n|---|---|---|\n| Fluorite | 4 | CaF2 |\n"
                 "| Apatite | 5 | Ca5(PO4)3F |\n| Topaz | 8 | Al2SiO4F2 |\n", ["Topaz", "8"], [])
    # a scale whose cells say what each level means is knowledge
    assert_keeps("# Pain\n\n## Scale\n\n| Level | 1–3 | 4–6 |\n|---|---|---|\n| Meaning | mild, ignorable | moderate, "
                 "distracting |\n| Advice | rest | see a doctor |\n", ["mild, ignorable"], [])


def test_a_label_for_one_s_own_reading_or_a_speaker_s_lines_names_no_subject() -> None:
    notes = ("# Autograd\n\n## 反向模式自动微分\n\n> 老师原话：“backward 算的是 vector-Jacobian product。”\n\n**我的理解：**\n"
             "- 前向模式：一次算 Jacobian 的一列，要 n 次\n- 代价：反向模式要存中间结果，显存占用大\n")
    cards, _ = extract(notes)
    assert cards and not [c for c in cards if "我的理解" in c.front], [c.front for c in cards]
    (cost,) = [c for c in cards if "存中间结果" in c.back]
    assert "反向模式" in cost.front, cost.front
    notes = ("# DDP talk\n\n## Card 3 — DataParallel\n\n**On slide:** a table\n\n- PyTorch docs themselves say: use DDP even "
             "on a single machine.\n- **Backend**: `nccl` for GPUs, `gloo` for CPU\n")
    cards, _ = extract(notes)
    fronts = [c.front for c in cards]
    assert not [f for f in fronts if "themselves say" in f], fronts
    assert any("`nccl` for GPUs" in c.back for c in cards), fronts
    notes = ("# Public speaking\n\n## Slides\n\n**Speaker notes:**\n- **Rule of three**: group points in threes so the "
             "audience remembers them\n\n## Idioms\n\n- **Needless to say**: obviously, it goes without saying\n"
             "- **have a say**: to have a right to give an opinion\n")
    assert_keeps(notes, ["it goes without saying", "right to give an opinion"], ["Speaker notes"])


@pytest.mark.parametrize("notes", [
    "# 损失函数\n\n## CrossEntropyLoss\n\n- `label_smoothing=0.1`：见第 5 节\n- **reduction**：默认 mean\n",
    "# Losses\n\n## Cross-entropy\n\n- **label smoothing**: see section 5.\n- **reduction**: mean by default\n",
    "# Losses\n\n## Cross-entropy\n\n- **label smoothing**: (see §5)\n- **reduction**: mean by default\n",
])
def test_an_answer_that_only_names_another_section_gives_no_card(notes: str) -> None:
    cards, _ = extract(notes)
    assert [c.front for c in cards if "mean" in c.back] and not [c for c in cards if "smoothing" in c.front], \
        [(c.front, c.back) for c in cards]


def test_where_a_law_puts_a_rule_is_an_answer() -> None:
    assert_keeps("# 民法典\n\n## 法条定位\n\n- **高空抛物致害**：见第1254条\n- **无过错责任原则**：见第1166条\n",
                 ["第1254条", "第1166条"], [])
    assert_keeps("# Bankruptcy\n\n## Which chapter?\n\n- **Family farmers**: see Chapter 12\n"
                 "- **Automatic stay**: see section 362\n", ["Chapter 12", "section 362"], [])


@pytest.mark.parametrize("tags", ["Tags: #optimisation #adam #formula", "tags:: #optimisation, #adam", "**Tags**: #adam; #formula"])
def test_a_tags_line_is_no_formula_s_sentence(tags: str) -> None:
    notes = (f"# Zettelkasten\n\n## 202611290910 Adam update rule\n{tags}\n\n"
             "$$\nm_t = \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t\n$$\n\nLinks: [[202611290900]]\n")
    cards, _ = extract(notes)
    assert cards and not [c for c in cards if "ags" in c.front or "#adam" in c.front], [c.front for c in cards]


def test_a_keywords_label_over_words_is_kept() -> None:
    cards, _ = extract("# Attention\n\n## Summary\n\n**Keywords:** self-attention, positional encoding #nlp\n\n"
                       "The scaled score is\n\n$$\ns = \\frac{q^\\top k}{\\sqrt{d}}\n$$\n")
    assert any("Keywords" in c.front for c in cards) or any("positional encoding" in c.front for c in cards), \
        [c.front for c in cards]


@pytest.mark.parametrize("notes, gone", [
    ("# Norm ladder\n\n## GroupNorm\n\n**Level 1** — Split channels into G groups, normalise per sample.\n\n"
     "- **Group size**: usually 32 groups\n", "Level"),
    ("# 倒计时\n\n## D-1\n\n- **还是不太会**：beam search 复杂度、BLEU，听天由命\n- **BLEU**：n-gram 精确率的几何平均乘简短惩罚\n",
     "不太会"),
])
def test_a_rung_s_number_or_what_one_still_cannot_do_is_no_term(notes: str, gone: str) -> None:
    cards, _ = extract(notes)
    assert cards and not [c for c in cards if gone in c.front], [c.front for c in cards]


def test_a_level_or_a_tier_with_its_name_is_a_term() -> None:
    assert_keeps("# Driving automation\n\n## SAE levels\n\n- **Level 2 — partial automation**: the car steers and brakes, "
                 "the driver supervises\n- **Tier 1 — going-concern capital**: equity that absorbs losses\n",
                 ["the driver supervises", "absorbs losses"], [])


def test_a_function_made_up_for_an_example_and_its_derivatives_are_no_cards() -> None:
    notes = ("# Autograd\n\n## create_graph\n\n> 老师原话：“create_graph=True 让 backward 本身也被记录成图。”\n\n**我的理解：**\n\n$$\nf(x) = x^3,\\quad f'(x) = 3x^2,\\quad f''(x) = 6x\n$$\n\n"
             "## Sigmoid\n\n$$\nf(x) = \\frac{1}{1 + e^{-x}}\n$$\n\n它的导数：\n\n$$\nf'(x) = f(x)\\,(1 - f(x))\n$$\n")
    cards, _ = extract(notes)
    backs = [c.back for c in cards]
    assert not [b for b in backs if "x^3" in b or "3x^2" in b or "6x" in b], backs
    assert [b for b in backs if "e^{-x}" in b] and [b for b in backs if "(1 - f(x))" in b], backs
    # one such formula alone is a fact: a derivative to know, a count, a map; a constant is no function of its variable
    assert_keeps("# 常数\n\n## 例\n\n两点之间：$f(a) = \\frac{1}{2}$，$f'(a) = 0$\n", [], [])
    assert_keeps("# 导数表\n\n## 幂函数\n\n$1/x$ 的导数：$f'(x) = -\\frac{1}{x^2}$\n\n## 计数\n\n"
                 "选择排序的比较次数：$f(n) = \\frac{n(n-1)}{2}$\n\n## Logistic map\n\n$r = 4$ 时：$f(x) = 4x(1-x)$\n",
                 ["-\\frac{1}{x^2}", "\\frac{n(n-1)}{2}", "4x(1-x)"], [])


def test_a_heading_of_pitfalls_names_them_of_the_heading_above() -> None:
    cards, _ = extract("# Norm 层\n\n## 1. Batch Normalization\n\n### 是什么\n\n对每个 channel 做标准化。\n\n### 坑\n\n"
                       "- **DDP**：每张卡各算各的统计量，要同步得用 SyncBatchNorm\n\n## 2. LayerNorm\n\n### 踩坑\n\n"
                       "- **eps**：放在根号里面\n")
    (ddp,) = [c for c in cards if "SyncBatchNorm" in c.back]
    (eps,) = [c for c in cards if "根号里面" in c.back]
    assert "Batch Normalization" in ddp.front and "LayerNorm" in eps.front, (ddp.front, eps.front)


def test_the_record_of_one_s_own_numbered_run_gives_no_cards() -> None:
    assert_keeps("# Genetics\n\n## 2024-03-04 Lecture 5: Mendel\n\n- **Observation**: all F1 seeds were round; wrinkled came "
                 "back in F2\n\n## exp2\n\n- **Observation**: `ldexp(1.0, x)` is exact and faster than `exp2`\n\n"
                 "## 1937年7月7日 卢沟桥事变\n\n- **后续**：全面抗战爆发\n\n## Waterloo\n\n- **Consequences**: Napoleon exiled to "
                 "Saint Helena\n", ["wrinkled came back", "is exact and faster", "全面抗战爆发", "Saint Helena"], [])
    notes = ("# ViT 实验台账\n\n## 2024-03-04  exp01  baseline\n\n- 配置：无 warmup，fp32\n"
             "- 现象：前 200 step loss 在 2.30 附近不动，然后突然跳到 nan。\n- 结论：ViT 没有 warmup 时早期步子过大，容易发散。\n"
             "- 下一步：加 warmup，加梯度裁剪\n\n## run_3 — bs 256\n\n- **Observation**: loss flat for 2k steps, then fell\n")
    assert_keeps(notes, [], ["2.30 附近", "加梯度裁剪", "无 warmup，fp32", "loss flat for 2k steps"])
    # a study named by its number is one to learn
    assert_keeps("# Social psychology\n\n## Experiment 2 — Asch conformity\n\n- **Observation**: most participants went "
                 "along with the wrong majority\n\n## Run 2 of the prison study\n\n- **Observation**: guards grew cruel within six days\n",
                 ["wrong majority", "six days"], [])


def test_a_question_and_answer_behind_a_short_label_is_a_card() -> None:
    cards, _ = extract("# CNN 答疑\n\n## 00:31:02\n\n追问弹幕：**Q：** 那为啥 ResNet 里 conv 都是 bias=False\n"
                       "**A：** 后面接 BN，常数 bias 会被减掉。\n")
    assert [(c.front, c.back) for c in cards] == [("追问弹幕：那为啥 ResNet 里 conv 都是 bias=False", "后面接 BN，常数 bias 会被减掉。")]
    # (the label stays: it may be the question's subject)
    cards, _ = extract("# Cells\n\n## Organelles\n\nRibosome: Q: what are the two subunits in eukaryotes?\nA: 60S and 40S.\n")
    assert [c.front for c in cards] == ["Ribosome: what are the two subunits in eukaryotes?"]
    # (a question whose first word starts with its mark's letter keeps that word)
    cards, _ = extract("# 量化\n\n## 卡片\n\nQ: QAT 是啥？\nA: Quantization-Aware Training，训练时插入 fake quant。\n")
    assert [c.front for c in cards] == ["QAT 是啥？"]


def test_numbers_worked_out_before_the_same_symbols_give_no_card() -> None:
    notes = ("# CNN\n\n## 感受野\n\n参数对比：两个 3×3 是 $2 \\cdot 9C^2 = 18C^2$，一个 5×5 是 $25C^2$。\n\n"
             "## 复利\n\n本息和：$A = P(1 + r)^n$\n")
    assert_keeps(notes, ["P(1 + r)^n"], ["18C^2"])
    # a law that comes out of the numbers, a series' sum, algebra, and consequences (core content) are kept
    assert_keeps("# Heat\n\n## Dulong–Petit\n\n每摩尔：$3 \\cdot 2 \\cdot \\tfrac12 k_B T = 3 k_B T$\n\n## Series\n\n"
                 "Leibniz: $1 - \\tfrac13 + \\tfrac15 - \\cdots = \\tfrac{\\pi}{4}$\n\n## 完全平方\n\n"
                 "完全平方公式：$(a + b)^2 = a^2 + 2ab + b^2$\n\n## Weimar\n\n- **Consequences**: savings wiped out, the middle "
                 "class turned against the republic\n",
                 ["3 k_B T", "\\tfrac{\\pi}{4}", "a^2 + 2ab + b^2", "savings wiped out"], [])


def test_a_partner_s_mark_under_an_answer_decides_what_answers() -> None:
    cards, _ = extract("# 互测\n\n### Q4\n**问：** 鞍点对 SGD 是问题吗？\n**答：** 是，SGD 容易卡在局部最小。\n**判：** ❌ 答偏了\n"
                       "**补充：** 高维里临界点大部分是鞍点，SGD 的噪声有助于逃离鞍点。\n\n### Q5\n**问：** AdaGrad 的缺点？\n"
                       "**答：** 分母单调增，有效学习率一直降。\n**判：** ✅\n**补充：** 所以适合稀疏特征。\n")
    backs = {c.front: c.back for c in cards}
    assert backs["鞍点对 SGD 是问题吗？"] == "高维里临界点大部分是鞍点，SGD 的噪声有助于逃离鞍点。", backs
    assert backs["AdaGrad 的缺点？"] == "分母单调增，有效学习率一直降。\n所以适合稀疏特征。", backs
    # a court's verdict, a referee's call and a half-right answer keep what was said
    cards, _ = extract("# Cases\n\n## Necessity\n\nQ: What did R v Dudley and Stephens decide?\nA: Murder.\nVerdict: guilty — "
                       "necessity is not a defence to murder\n\n## Quiz\n\nQ: Where does the Krebs cycle run?\n"
                       "A: In the mitochondrial matrix.\nGraded: partly right\nNote: SDH also sits in the inner membrane\n")
    backs = {c.front: c.back for c in cards}
    assert "necessity is not a defence" in backs["What did R v Dudley and Stephens decide?"], backs
    assert backs["Where does the Krebs cycle run?"].startswith("In the mitochondrial matrix."), backs
    cards, _ = extract("# 互测\n\n### Q1\n**问：** 梯度裁剪在哪一步做？\n**答：** backward 之后、step 之前。\n**判：** ✅ 对，但可以更简洁\n\n"
                       "### Q2\n**问：** Adam 的 eps 默认多少？\n**答：** 1e-6\n**判：** ❌\n\n### Q3\n**问：** SGD 的 lr 有默认值吗？\n"
                       "**答：** 没有，必须传。\n**判：** 正确\n")
    backs = {c.front: c.back for c in cards}
    assert backs["梯度裁剪在哪一步做？"].startswith("backward 之后、step 之前。"), backs
    assert backs["SGD 的 lr 有默认值吗？"] == "没有，必须传。", backs
    assert "Adam 的 eps 默认多少？" not in backs, backs  # (marked wrong, and nothing says what is right)


def test_one_s_confidence_a_course_s_deadline_and_one_s_machine_give_no_cards() -> None:
    notes = ("# Claims\n\n## SGD\n\n1. **Claim:** Plain SGD update is $\\theta_{t+1} = \\theta_t - \\eta g_t$.\n"
             "   - Evidence: the definition\n   - Confidence: high\n\n## 环境\n\n| 项目 | 版本 |\n|---|---|\n"
             "| PyTorch | 2.1.0+cu118 |\n| GPU | 单卡 RTX 3090 24G（实验室的） |\n| CUDA | 11.8 |\n\n## 课程\n\n"
             "- **作业2 DDL**：第9周周日 23:59\n- **办公时间**：周二 19:00–21:00\n- **??? q**: why zero pt integer\n"
             "- **zero point**：把实数 0 映射到的整数\n")
    cards, _ = extract(notes)
    backs = " | ".join(c.back for c in cards)
    assert "\\theta_t - \\eta g_t" in backs and "映射到的整数" in backs, backs
    for gone in ("high", "2.1.0+cu118", "RTX 3090", "23:59", "19:00", "zero pt integer"):
        assert not [c for c in cards if c.back.strip() == gone or gone in c.back], (gone, backs)
    # a confidence defined, in statistics, is a term
    assert_keeps("# Stats\n\n## Intervals\n\n- **Confidence**: the share of intervals that cover the true value\n",
                 ["cover the true value"], [])


def test_made_up_numbers_expected_output_a_statement_to_judge_and_one_s_score_give_no_cards() -> None:
    notes = ("# CNN 第6讲\n\n## 池化\n\n- **Q4. 判断**：max pooling 层有可学习参数。\n- **My take after reading**: a lot of that "
             "gap was weight decay done wrong\n- **随堂小测得分**：3/5 😭\n- **max pooling**：取窗口内最大值，没有参数\n\n## 熵\n\n"
             "**我的例子 2：我家这边的天气**（随便编的概率）\n\n| 天气 | 晴 | 阴 | 雨 |\n|---|---|---|---|\n| $p$ | 1/2 | 1/4 | 1/4 |\n"
             "| 编码 | `0` | `10` | `11` |\n\n## Lab\n\n### Task A3: gradients accumulate\n\n**Expected output:** `tensor(18.)`\n")
    cards, _ = extract(notes)
    assert [c.back for c in cards] == ["取窗口内最大值，没有参数"], [(c.front, c.back) for c in cards]
    # a score defined, an expected value, and a table of real numbers under a lead that says “examples” are kept
    assert_keeps("# 指标\n\n## 分类\n\n- **F1 得分**：精确率与召回率的调和平均\n- **Expected value**: the probability-weighted "
                 "mean\n\n## 激活\n\nExamples of activations:\n\n| 函数 | 值域 | 导数最大值 |\n|---|---|---|\n| sigmoid | (0, 1) | 1/4 |\n"
                 "| tanh | (-1, 1) | 1 |\n| ReLU | [0, ∞) | 1 |\n", ["调和平均", "probability-weighted", "(0, 1)"], [])


@pytest.mark.parametrize("notes, kept", [
    # tables under leads that say “made up of”, “改编的”, or whose subject is fiction
    ("# Cells\n\n## Membrane\n\nThe plasma membrane is made up of the following components:\n\n| Component | Role | Share |\n"
     "|---|---|---|\n| Phospholipids | form the bilayer | ~50% |\n| Cholesterol | buffers membrane fluidity | ~20% |\n"
     "| Proteins | transport and signalling | ~30% |\n", ["buffers membrane fluidity"]),
    ("# 文学\n\n## 改编\n\n以下是根据古典小说改编的电影：\n\n| 电影 | 原著 | 年份 |\n|---|---|---|\n| 大话西游 | 西游记 | 1995 |\n"
     "| 赤壁 | 三国演义 | 2008 |\n| 倩女幽魂 | 聊斋志异 | 1987 |\n", ["三国演义"]),
    # a deadline, an expected output and a statement judged, defined or answered
    ("# PM\n\n## Terms\n\n- **Project deadline**: the fixed date by which the project's scope must be delivered\n"
     "- **Expected output**: the level of output firms and workers anticipate\n", ["fixed date", "firms and workers anticipate"]),
    ("# 化学\n\n## 平衡\n\n- **Q4. 判断**：催化剂能改变反应的平衡常数。（错）催化剂只改变反应速率。\n", ["只改变反应速率"]),
    # a machine's facts in a hardware course, and a certainty defined by a number
    ("# HPC\n\n## Hardware\n\n- **Node**: 8× A100 80GB per DGX A100, linked by NVSwitch at 600 GB/s\n", ["linked by NVSwitch"]),
    ("# Probability\n\n## Axioms\n\n- **Certainty**: 1 (the probability of the sure event)\n", ["sure event"]),
    # “Answer:”, “问题：…答：”, and a verdict that opens with a word
    ("# History\n\n## 1776\n\nQ: Who wrote the Declaration of Independence?\nAnswer: Thomas Jefferson, with edits by the "
     "committee.\n", ["Thomas Jefferson"]),
    ("# 生物\n\n## 线粒体\n\n问题：线粒体的主要功能是什么？\n答：有氧呼吸、产生 ATP。\n", ["产生 ATP"]),
    ("# 民法\n\n## 善意取得\n\nQ: 乙能否取得所有权？\nA: 能。\n判：对方丙为善意第三人，可以取得。\n", ["对方丙为善意第三人"]),
])
def test_what_the_review_of_the_round_s_labels_and_marks_keeps(notes: str, kept: list[str]) -> None:
    assert_keeps(notes, kept, [])


def test_a_label_the_answer_names_or_the_page_s_own_stays_off_the_front() -> None:
    cards, _ = extract("# Cells\n\n## Organelles\n\nRibosome: Q: Which organelle synthesises proteins?\nA: The ribosome.\n\n"
                       "复习: Q: 线粒体的功能？\nA: 产生 ATP。\n")
    assert [c.front for c in cards] == ["Which organelle synthesises proteins?", "线粒体的功能？"], [c.front for c in cards]


def test_a_mark_s_own_explanation_answers_and_a_testing_term_is_kept() -> None:
    cards, _ = extract("# Econ self-test\n\n## Demand\n\nQ: What shifts the demand curve?\nA: A change in price.\n"
                       "Verdict: ⚠️ half right — price moves along the curve; income and tastes shift it.\n\n## Theft\n\n"
                       "Q: What is the mens rea of theft?\nA: Dishonesty only.\nVerdict: ✗ — also the intention to permanently "
                       "deprive (Theft Act 1968 s.1)\n")
    backs = {c.front: c.back for c in cards}
    assert "income and tastes shift it" in backs["What shifts the demand curve?"], backs
    assert backs["What is the mens rea of theft?"] == "also the intention to permanently deprive (Theft Act 1968 s.1)", backs
    assert_keeps("# 软件测试\n\n## 术语\n\n- **预期结果**：被测对象在给定输入下应表现出的行为，用来与实际结果比较\n"
                 "- **测试用例**：一组前置条件、输入、动作和预期结果\n", ["被测对象"], [])


def test_marks_read_as_a_quizzing_partner_means_them() -> None:
    cards, _ = extract("# 细胞\n\n## 一\n\nQ: 蛋白质在哪合成？\nA: 线粒体\n判：错误，应为核糖体\n\n## 二\n\nQ: 有氧呼吸在哪？\n"
                       "A: 核糖体\n判：⚠️ 错了\n补充：线粒体\n\n## 三\n\nQ: 细胞核的功能？\nA: 储存遗传物质\n判：正确答案是储存并复制"
                       "遗传物质\n\n## 四\n\nQ: Eukaryotic ribosomes sediment at?\nA: 70S\nVerdict: ✗ — 80S\n\n## 五\n\nQ: 鞍点多还是局部最小多？\n"
                       "A: 局部最小\n判：❌ 答偏了\n")
    backs = {c.front: c.back for c in cards}
    assert backs == {"蛋白质在哪合成？": "应为核糖体", "有氧呼吸在哪？": "线粒体", "细胞核的功能？": "储存遗传物质\n判：正确答案是储存并复制遗传物质",
                     "Eukaryotic ribosomes sediment at?": "80S"}, backs


@pytest.mark.parametrize("notes", [
    "# Primes\n\n## Quiz\n\nQ: Which of these numbers is\na prime: 21, 23 or 27?\nA: 23.\n",
    "# RL\n\n## Methods\n\nq-learning updates the action value toward the reward plus the best next value;\n"
    "a learning rate controls the step.\n",
])
def test_a_lower_case_q_or_a_inside_words_marks_nothing(notes: str) -> None:
    cards, _ = extract(notes)
    assert not [c for c in cards if c.front.startswith("-learning") or c.back.startswith("prime:")], \
        [(c.front, c.back) for c in cards]


def test_an_answer_s_marking_scheme_gives_no_cards() -> None:
    notes = ("# 简答题库\n\n## 第二题：为什么 RNN 容易梯度消失？（8分）\n\n**参考答案：** 反传时雅可比连乘，导数小于 1 时指数衰减。\n\n"
             "**评分要点：**\n- 写出连乘形式 3分\n- 指出后果：长距离依赖难学 1分\n\n## 第七题：LSTM 参数量（4分）\n\n"
             "- **评分要点**：结果正确 2 分，过程 2 分。\n- **门的个数**：4 组（输入、遗忘、候选、输出）\n")
    assert_keeps(notes, ["4 组"], ["长距离依赖难学", "结果正确 2 分"])
    # a contest's scoring criteria are its metric; a marking scheme defined is a term
    assert_keeps("# Kaggle\n\n## 赛题\n\n- **评分标准**：QWK（二次加权 kappa）\n\n## Assessment\n\n- **Marking scheme**: a "
                 "document that tells examiners how to award marks\n", ["二次加权 kappa", "tells examiners"], [])


def test_a_question_and_its_answer_on_one_line_are_a_card() -> None:
    cards, _ = extract("# Dropout\n\nQ: Why scale by 1/(1-p) at train time? A: So the expected activation matches test time.\n\n"
                       "- Q: What does `model.eval()` change? A: Dropout and BatchNorm behaviour.\n\n"
                       "Q：dropout 在测试时做什么？A：什么都不做，用全部神经元。\n")
    assert [(c.front, c.back) for c in cards] == [
        ("Why scale by 1/(1-p) at train time?", "So the expected activation matches test time."),
        ("What does `model.eval()` change?", "Dropout and BatchNorm behaviour."),
        ("dropout 在测试时做什么？", "什么都不做，用全部神经元。")]
    # a “Q:” line whose words do not end in a question before “A:” is no pair (“A:” there names a matrix)
    cards, _ = extract("# Rank\n\nQ: matrix A: a 3×3 with rank 2, see below\n")
    assert cards == []


def test_a_formula_that_opens_on_its_relation_after_the_name_in_words_is_asked() -> None:
    cards, _ = extract("# Metrics\n\n## Conventions\n\n- precision $= \\dfrac{TP}{TP+FP}$ — of what I flagged, how much was right\n"
                       "- recall = TPR $= \\dfrac{TP}{TP+FN}$\n\n## 卷积\n\n- 参数量 $= K \\times K \\times C_{in} \\times C_{out} + C_{out}$\n")
    fronts = {c.front: c.back for c in cards}
    assert fronts == {
        "Conventions: precision $= ?$ — of what I flagged, how much was right":
            "precision $= \\dfrac{TP}{TP+FP}$ — of what I flagged, how much was right",
        "Conventions: recall = TPR $= ?$": "recall = TPR $= \\dfrac{TP}{TP+FN}$",
        "卷积: 参数量 $= ?$": "参数量 $= K \\times K \\times C_{in} \\times C_{out} + C_{out}$"}, fronts
    # a value worked out in an example names no rule, nor does a relation after a sentence's end
    assert_keeps("# Metrics\n\n## Binary example\n\n- accuracy $= (30+45)/100 = 0.75$\n\n## Loss\n\n"
                 "The loss goes down. $= \\frac{1}{n}\\sum_i \\ell_i$\n", [], ["0.75", "\\sum_i"])


def test_a_lectures_particulars_above_its_first_section_give_no_cards() -> None:
    # a list of the class's fields, one aside among them; lectures named by their dates; the teacher in traditional script
    assert_keeps("# 機器學習 第六週 課堂筆記\n\n- 日期：2024/10/15（二）3–4 節\n- 老師：林老師（投影片 Lec06 在 COOL 上）\n"
                 "- 上週請假沒來，筆記跟阿哲借的\n\n## 損失函數\n\n- **MSE**：預測與真值之差的平方的平均\n",
                 ["預測與真值之差"], ["林老師"])
    assert_keeps("# Recommender Systems — Lectures 6 & 7\n\nLec 6 (Tue Oct 15): matrix factorisation, explicit vs implicit feedback\n"
                 "Lec 7 (Thu Oct 17): BPR, negative sampling, ranking metrics\nSlides: week 6 folder. Reading: Koren et al. 2009\n\n"
                 "---\n\n## Setup\n\n- **Implicit feedback**: clicks or views, no explicit rating\n",
                 ["clicks or views"], ["matrix factorisation, explicit", "week 6 folder"])
    # a glossary that opens the page is the subject itself
    assert_keeps("# Optimisers\n\n- Momentum: a running average of past gradients\n- Nesterov: momentum evaluated at the look-ahead point\n\n"
                 "## More\n\n- **Adam**: momentum plus per-parameter scaling\n",
                 ["running average of past gradients", "look-ahead point", "per-parameter scaling"], [])


def test_labels_that_mark_the_exam_a_todo_or_the_other_side_of_a_comparison_are_no_terms() -> None:
    assert_keeps("# Softmax\n\n## Rules\n\n- never take the log of a softmax\n- same for binary: `BCEWithLogitsLoss` instead of `sigmoid`\n\n"
                 "## Block\n\nvs original post-LN: `x = LN(x + Attn(x))`.\n\n## Losses\n\nBig lesson: every classification loss wants logits.\n",
                 [], ["BCEWithLogitsLoss", "LN(x + Attn(x))", "wants logits"])
    assert_keeps("# 复习\n\n## 小批次\n\n⭐考試會考：mini-batch 梯度是全批次梯度的不偏估計。\n\n## 计划\n\n还要做：去年真题、作业 3 重做。\n",
                 [], ["不偏估計", "去年真题"])
    # a comparison named with both sides, a lesson plan and “sameness” as a term keep theirs
    assert_keeps("# Optimisers\n\n## Pairs\n\n- **SGD vs Adam**: Adam adapts each parameter's step\n- **Same-padding**: output size equals input size\n",
                 ["adapts each parameter", "output size equals input"], [])


def test_an_expression_of_numbers_worked_out_is_arithmetic() -> None:
    # (one function's special value, “\ln 2 \approx 0.693”, is a fact some learn; a constant named alone too)
    notes = ("# Sanity checks\n\n## Init loss\n\n- at init the loss starts at $\\ln 2 \\approx 0.693$.\n"
             "- Sum of logs is $1000 \\log 0.5 \\approx -693$, totally fine.\n- masked scores give $e^{-\\infty} = 0$ after softmax\n"
             "- one step: $\\sqrt{10} \\approx 3.16$\n\n## Constants\n\n- Euler's number: $e \\approx 2.718$\n"
             "- Basel problem: $\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}$\n- Gaussian integral: $\\Gamma(1/2) = \\sqrt{\\pi}$\n")
    assert_keeps(notes, ["2.718", "\\frac{\\pi^2}{6}", "\\sqrt{\\pi}", "0.693", "3.16"], ["-693", "e^{-\\infty} = 0"])


def test_an_answer_that_only_writes_the_name_of_what_is_asked_is_no_answer() -> None:
    notes = ("# 激活函数\n\n| 函数 | 表达式 | 导数 |\n|------|--------|------|\n| sigmoid | $\\sigma(x) = \\frac{1}{1+e^{-x}}$ | $\\sigma(x)(1-\\sigma(x))$ |\n"
             "| tanh | $\\tanh x$ | $1 - \\tanh^2 x$ |\n")
    cards, _ = extract(notes)
    backs = [c.back for c in cards]
    assert "$\\tanh x$" not in backs, backs
    assert "$1 - \\tanh^2 x$" in backs and any("\\frac{1}{1+e^{-x}}" in b for b in backs), backs


def test_a_name_and_what_it_once_did_is_no_definition() -> None:
    assert_keeps("# 训练稳定性\n\n## loss spike\n\n- PaLM 用过 z-loss，惩罚 softmax normalizer 偏离 0\n- Redux 用过两年，后来换了\n"
                 "- Git 版本控制系统\n- Adam 自适应矩估计优化器\n", ["版本控制系统", "自适应矩估计"], ["用过 z-loss", "用过两年"])
    # what it did is what it is known for
    assert_keeps("# 微生物学史\n\n## 人物\n\n- Fleming 发现了青霉素\n- React 用了虚拟 DOM\n", ["发现了青霉素", "用了虚拟 DOM"], [])


def test_a_relation_after_a_name_that_gives_only_a_number_is_no_formula() -> None:
    assert_keeps("# Metrics\n\n## F1\n\n- Extreme case: $P=1, R=0.01$ → arithmetic 0.505, harmonic $\\approx 0.0198$.\n"
                 "\n## Log\n\n### Week 7 (Mar 1) — Adam\n\n- bias correction: $\\hat m_t = m_t / (1-\\beta_1^t)$\n",
                 ["Week 7 (Mar 1)"], ["0.0198"])


def test_a_case_written_as_a_clause_is_no_term() -> None:
    assert_keeps("# 连续两次正面\n\n## 解法三\n\n先等第一个 H，然后再抛一次：\n\n- 是 H（概率 1/2）：结束\n- 是 T（概率 1/2）：相当于从头再来\n\n"
                 "## 术语\n\n- 若干：不定的数量\n- 是非题：判断对错的题\n", ["不定的数量", "判断对错的题"], ["结束", "从头再来"])


def test_a_sentence_in_bold_ends_before_the_next_so_a_formula_keeps_its_condition() -> None:
    cards, _ = extract("# Rules\n\n2. **Check the loss at initialisation.**\n   For a $C$-class softmax classifier with roughly uniform "
                       "predictions at init, the\n   cross-entropy should be about\n   $$\\mathcal{L}_0 \\approx -\\log\\frac{1}{C} = \\log C.$$\n")
    assert [c.front.split(": ", 1)[1].split("\n")[0] for c in cards] == [
        "For a $C$-class softmax classifier with roughly uniform predictions at init, the"], [c.front for c in cards]


def test_one_line_pairs_two_on_a_line_numbered_run_on_and_a_witness_s_answers() -> None:
    cards, _ = extract("# Pharmacology\n\n## Antidotes\n\nQ: Why give naloxone? A: Opioid overdose. Q: Why give flumazenil? A: Benzodiazepine overdose.\n"
                       "Q1: Which receptor does naloxone block? — A1: The mu-opioid receptor,\nmostly.\n\n問：阿托品解什麼毒？答：有機磷中毒。\n\n"
                       "## Cross-examination\n\nQ: You were at the Red Lion that night, weren't you? A: Yes, I was there.\n")
    assert [(c.front, c.back) for c in cards] == [
        ("Why give naloxone?", "Opioid overdose."), ("Why give flumazenil?", "Benzodiazepine overdose."),
        ("Which receptor does naloxone block?", "The mu-opioid receptor,\nmostly."), ("阿托品解什麼毒？", "有機磷中毒。")]


def test_the_new_rules_keep_terms_cases_profiles_and_constants_of_other_subjects() -> None:
    # a term that starts with 是 or 若, and a case in words; a ruler titled 周天子; a philosopher's teacher; a dated movement;
    # a poem's fields with one that is not the notes'; an abbreviation inside bold; VS Code, 會考 and 同上 as terms;
    # an identity whose answer is the function again; constants worked out once
    assert_keeps("# 汉语语法\n\n## 判断句\n\n- **是字句**：以“是”为谓语动词的判断句\n- **若虫**：不完全变态昆虫的幼体\n"
                 "- 若寒邪客于经脉：气血凝滞，疼痛\n", ["谓语动词", "不完全变态", "气血凝滞"], [])
    assert_keeps("# 西周\n\n周天子：天下共主\n都城：镐京\n\n## 分封\n\n- **分封制**：授民授疆土\n", ["天下共主", "镐京"], [])
    assert_keeps("# Plato\n\nTeacher: Socrates\nStudent: Aristotle\n\n## Works\n\n- **The Republic**: a dialogue on justice\n",
                 ["Socrates", "Aristotle"], [])
    assert_keeps("# Modern China\n\nMay 4 Movement: student protests against the Versailles settlement\n"
                 "New Culture Movement: a call for science and democracy\n\n## 1920s\n\n- **First United Front**: KMT–CCP alliance\n",
                 ["science and democracy"], [])
    assert_keeps("# 静夜思\n\n- 作者：李白\n- 时间：726 年\n- 出处：《李太白集》\n- 体裁：五言古绝\n\n## 赏析\n\n- **举头望明月**：由望到思\n",
                 ["五言古绝"], [])
    cards, _ = extract("# Microbiology\n\n## Growth\n\nIn the exponential phase of **Lactobacillus spp.** the specific growth rate "
                       "$\\mu = \\ln 2 / t_d$ where $t_d$ is the doubling time.\n")
    assert any("Lactobacillus" in c.front for c in cards), [c.front for c in cards]
    assert_keeps("# Tools\n\n## Editors\n\n- **VS Code**: a free source-code editor by Microsoft\n\n## 香港教育\n\n- **會考**：香港中學會考，2011 年停辦\n",
                 ["source-code editor", "2011 年停辦"], [])
    assert_keeps("# 诱导公式\n\n| 式子 | 化简 |\n|---|---|\n| $\\sin(\\pi - x)$ | $\\sin x$ |\n| $\\cos(-x)$ | $\\cos x$ |\n",
                 ["$\\sin x$", "$\\cos x$"], [])
    assert_keeps("# AC circuits\n\n## RMS\n\n- the RMS factor: $1/\\sqrt{2} \\approx 0.707$\n- after one time constant: $1 - e^{-1} \\approx 0.632$\n",
                 ["0.707", "0.632"], [])


def test_starred_pairs_and_a_question_answered_on_the_lines_below_are_cards_of_their_own() -> None:
    cards, _ = extract("# Interview prep\n\n## Optimisation\n\nQ: SGD with momentum update? A: $v \\leftarrow \\beta v + g$.\n"
                       "★ Q: Why does L1 give sparse weights? A: Its subgradient stays constant near zero. (Priya — I only said diamond)\n"
                       "★ Q: Write the Adam update.\nA:\n$m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t$\n$v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2$\n"
                       "Q: Adam vs AdamW? A: AdamW decouples weight decay.\n")
    assert [c.front for c in cards] == ["SGD with momentum update?", "Why does L1 give sparse weights?",
                                        "Write the Adam update.", "Adam vs AdamW?"], [c.front for c in cards]
    assert cards[0].back == "$v \\leftarrow \\beta v + g$." and cards[2].back.startswith("$m_t") and "v_t" in cards[2].back


def test_a_facet_heading_asked_as_a_question_names_the_section_above() -> None:
    cards, _ = extract("# Loss functions\n\n## MSE\n\n### When to use\n- Regression where errors are roughly Gaussian.\n"
                       "- The optimal constant prediction is the mean.\n")
    assert [c.front for c in cards] == ["MSE: When to use"], [c.front for c in cards]


def test_an_example_heading_with_its_source_beside_it_works_an_example() -> None:
    assert_keeps("# LA\n\n## Eigen\n\n### 例子（lecture 7 p.12）\n\n- $\\lambda_1 = 3$，$\\mathbf{v}_1 = \\frac{1}{\\sqrt2}(1,1)^T$\n\n"
                 "### 手計例子（past paper 2022 Q4）\n\n- $\\mathbf{u}_i = A\\mathbf{v}_i / \\sigma_i$：$\\mathbf{u}_1 = \\frac{1}{\\sqrt{10}}(1,3)^T$\n\n"
                 "## Trace\n\n- 特征值之和：$\\operatorname{tr}(A) = \\sum_i \\lambda_i$\n", ["\\sum_i \\lambda_i"], ["(1,1)^T", "(1,3)^T"])


def test_a_students_wrong_answer_a_graders_notes_a_remark_and_a_case_by_its_excess_are_no_terms() -> None:
    assert_keeps("# Midterm 1\n\n## Which regularizer gives sparse weights?\n\n**Wrong answer**: L2, because squaring shrinks\n\n"
                 "**Wrong answer C**: forgot to center\n\n**Full credit needed**: yes, why, and the fix\n\n## Grades\n\n"
                 "**Overall (out of 90)**: mean 63.4, median 66\n\n## Backprop\n\n**Hmm**: the $1/p_k$ cancels the $p_k$.\n\n"
                 "**So the whole algorithm is**: (7) then (8).\n\n## Errors\n\n- **Batch size actually too big**: halve it.\n"
                 "- **lr 太大**：发散\n\n## Links\n\n**Quick links**: [Setup] · [Errors]\n\n**Still to add**: recsys basics\n",
                 [], ["squaring shrinks", "forgot to center", "the fix", "63.4", "cancels", "(7) then", "halve it", "发散",
                      "[Setup]", "recsys basics"])
    # a term that is a pattern, a case, a treaty or a credit in other subjects keeps its card
    assert_keeps("# Economics\n\n## Terms\n\n- **Tax credit**: an amount subtracted from the tax owed\n"
                 "- **Overall balance**: the sum of current and capital accounts\n- **Nice guy strategy**: cooperate first\n"
                 "- **Full credit**: relief for the whole foreign tax paid\n- **Nice**: the 2001 treaty that reformed EU institutions\n"
                 "- **HMM**: a hidden Markov model\n\n## 产科\n\n- **羊水过多**：羊水量超过 2000 ml\n\n## Copula\n\n"
                 "- **Copular is**: links subject and predicate\n",
                 ["subtracted from the tax", "current and capital", "cooperate first", "whole foreign tax", "2001 treaty",
                  "hidden Markov", "2000 ml", "links subject"], [])


def test_a_reading_list_above_the_first_section_is_about_the_notes() -> None:
    assert_keeps("# 读 autograd 文档\n\n读的是这几页：\n\n- Tutorial: *A Gentle Introduction to `torch.autograd`*\n"
                 "- Notes: *Autograd mechanics*\n- API: `torch.autograd`、`torch.Tensor.backward`\n\n## 问题\n\n"
                 "- **叶子张量**：requires_grad 且由用户创建的张量\n", ["由用户创建"], ["Gentle Introduction", "torch.Tensor.backward"])


def test_what_a_course_allows_is_no_card_but_a_question_of_what_works_is() -> None:
    cards, notices = extract("# A2 FAQ\n\n## Setup\n\nQ: Do I need a GPU? A: No. Every part of the assignment runs on a laptop CPU.\n\n"
                             "Q: Can I use pretrained weights from torchvision? A: Not for Parts 1–3; the autograder checks.\n\n"
                             "Q: May we bring notes to the midterm? A: One A4 sheet, both sides.\n\n"
                             "Q：期末可以带计算器吗？A：可以，但不能带手机。\n\n"
                             "Q: Can I use `BCELoss` on raw logits? A: No: apply a sigmoid first, or use `BCEWithLogitsLoss`.\n")
    assert [c.front for c in cards] == ["Can I use `BCELoss` on raw logits?"], [c.front for c in cards]
    assert sum(n.rule == "left-out:course-rule" for n in notices) == 4
    # a submission, a deadline, an assignment, 提交 and 截止 are words of other subjects too
    assert_keeps("# Web\n\n## HTTP\n\nQ: Can we retry a POST safely? A: Only with an idempotency key: a second submission "
                 "must not charge twice.\n\nQ: Can I set a deadline on a gRPC call? A: Yes, the client sets it per call.\n\n"
                 "## Causality\n\nQ: Can we infer causation from observational data? A: Not without random assignment or strong "
                 "assumptions.\n\n## 滤波器\n\nQ：我们可以提高截止频率吗？A：减小 RC 即可，$f_c = 1/(2\\pi RC)$。\n",
                 ["idempotency key", "per call", "random assignment", "减小 RC"], [])


def test_cards_written_as_remnote_writes_them_and_its_bare_deletions() -> None:
    cards, _ = extract("# Probability\n\n- Estimation\n  - MLE of Gaussian variance >> $\\frac1n \\sum_i (x_i - \\bar x)^2$, biased\n"
                       "    - Bessel's correction :: divide by $n-1$ instead of $n$\n  - Poisson ;; mean = variance = $\\lambda$\n"
                       "  - MAP with a Laplace prior <> L1 regularisation\n  - posterior $\\propto$ {{likelihood}} $\\times$ {{prior}}\n"
                       "- Code\n  - `x >> 1` halves an int\n")
    got = {c.front: c.back for c in cards}
    assert got["MLE of Gaussian variance"].startswith("$\\frac1n") and got["Poisson"] == "mean = variance = $\\lambda$", got
    assert got["Bessel's correction"].startswith("divide by") and got["MAP with a Laplace prior"] == "L1 regularisation", got
    assert "posterior $\\propto$ {{c1::likelihood}} $\\times$ {{c2::prior}}" in got, got
    assert not any("x >> 1" in f or f.startswith("`x") for f in got), got
    # a heading bullet over cards of its own is no term
    assert not any("Estimation" in f for f in got), got


def test_cards_drafted_with_a_side_line_between_rules_are_cards_as_written() -> None:
    cards, _ = extract("# cards draft — optimizers\n\nfront / back split by a `--` line, cards split by `---`.\n\n---\n\n"
                       "What is the update rule of plain SGD?\n\n--\n\n$$\\theta_{t+1} = \\theta_t - \\eta g_t$$\n\n---\n\n"
                       "AdaGrad: what does it accumulate?\n\n--\n\nThe **sum** of squared gradients, $G_t = G_{t-1} + g_t^2$.\n\n"
                       "> check the docs before I add the next one\n\n---\n\nRMSProp uses {{an exponential moving average}}.\n")
    got = {c.front: c.back for c in cards}
    assert got["What is the update rule of plain SGD?"] == "$$\\theta_{t+1} = \\theta_t - \\eta g_t$$", got
    assert got["AdaGrad: what does it accumulate?"].startswith("The **sum**") and "docs" not in str(got), got
    assert "RMSProp uses {{c1::an exponential moving average}}." in got and len(got) == 3, got
    # a dash on its own once, between two paragraphs of prose, is a dash
    assert_keeps("# Letters\n\n## Closing\n\n- **Valediction**: the words before the signature\n\n---\n\nYours sincerely,\n\n--\n\n"
                 "Jane\n\n---\n", ["the words before the signature"], ["Jane"])


def test_labels_of_a_translation_exercise_and_a_marked_reply_in_class_are_no_terms() -> None:
    assert_keeps("# 精读\n\n## Abstract\n\n**[A1]** The dominant sequence transduction models are based on RNNs.\n\n"
                 "- 我的翻译：主要的序列转换模型基于 RNN。\n- 修改：主流的序列转导模型基于循环神经网络。\n- 笔记：*dominant* 是“主流的”\n\n"
                 "## Train vs eval\n\n**Q: \"So what goes wrong if you forget `model.eval()`?\"**\nSeveral answers:\n"
                 "- Priya: \"Predictions depend on the batch.\" ✔\n"
                 "- Someone at the back: \"The running stats get overwritten.\" → ✔ partly\n\n## GPU\n\n"
                 "**My fixed version**: same loop with `w.grad.zero_()`.\n",
                 [], ["主流的序列转导", "是“主流的”", "w.grad.zero_()"])
    cards, notices = extract("# Lecture 9\n\n## Train vs eval\n\n**Q: \"What does BN use at test time?\"**\nA (Priya): \"The test "
                             "batch's mean.\"\n→ ✗ In eval mode it uses the running estimates.\n\n"
                             "**Q: \"So what goes wrong if you forget `model.eval()`?\"**\nSeveral answers:\n"
                             "- Priya: \"Predictions depend on the batch.\" ✔\n- Someone at the back: \"The running stats get overwritten.\" → ✔ partly\n")
    assert not any("Priya" in c.front or "Someone" in c.front for c in cards), [c.front for c in cards]
    assert sum(n.rule == "left-out:marked-reply" for n in notices) == 2, [n.rule for n in notices]
    # a motto quoted, and an observer defined, keep their cards
    assert_keeps("# Companies\n\n## Culture\n\n- **Motto**: \"Move fast and break things\"\n- **Observer effect**: measuring changes the system\n",
                 ["Move fast", "measuring changes"], [])


def test_what_the_second_review_of_this_round_found_the_rules_took_from_other_subjects() -> None:
    # an example named by its topic; 手计 inside a word
    assert_keeps("# Enzymes\n\n## Example (Michaelis–Menten kinetics)\n\n- rate law: $v_0 = \\frac{V_{max}[S]}{K_M + [S]}$\n\n"
                 "## 选手计分方法\n\n- 总分：$S = D + E - P$\n", ["\\frac{V_{max}[S]}{K_M + [S]}", "S = D + E - P"], [])
    # a list of source types whose values are how to write them, not works read
    assert_keeps("# APA\n\nHow to format each source type:\n\n- Article: Author, A. (Year). Title. Journal, vol(issue), pages.\n"
                 "- Blog post: Author, A. (Year, Month Day). Title. Site name. URL\n\n## Tips\n\n- **DOI**: a persistent identifier\n",
                 ["Journal, vol(issue)", "Site name"], [])
    # an answer that is a symbol, not a pronoun
    cards, _ = extract("# Chemistry\n\n## Abbreviations\n\nQ: Abbreviation for a methyl group? A: Me\n"
                       "Q: Ohm's law for the current? A: I = V/R\n")
    assert [c.back for c in cards] == ["Me", "I = V/R"], [c.back for c in cards]
    # on a page of questions, “When not to use?” is one of them
    cards, _ = extract("# Vaccines FAQ\n\n## Why two doses?\n\n- the first primes, the second boosts\n\n## Why avoid live vaccines in "
                       "pregnancy?\n\n- a theoretical risk to the fetus\n\n## When not to use?\n\n- severe immunodeficiency\n")
    assert len(cards) == 3, [c.front for c in cards]


def test_on_a_page_about_one_assignment_what_it_allows_is_no_card() -> None:
    cards, notices = extract("# A2 Starter Code — FAQ\n\n## Setup\n\nQ: Do I need a GPU? A: No. Part 1 and 2 run on a laptop CPU.\n\n"
                             "Q: Can I use pretrained weights from torchvision? A: Not for Parts 1–3.\n\n"
                             "Q: Why is my loss NaN? A: Usually a learning rate that is too high.\n")
    assert [c.front for c in cards] == ["Why is my loss NaN?"], [c.front for c in cards]
    # a civil procedure's Part 36 is no assignment
    assert_keeps("# Civil procedure\n\n## Offers\n\nQ: Can we make a Part 36 offer before proceedings? A: Yes, at any time, "
                 "even before proceedings start.\n", ["at any time"], [])


def test_what_the_third_review_of_this_round_found_the_rules_took_from_other_subjects() -> None:
    # “much greater than”, a shell's redirect, a C++ stream, SQL's “not equal” are no card marks
    cards, _ = extract("# Notes\n\n## Fluids\n\n- Reynolds number Re >> 1: inertial forces dominate\n- Ideal voltmeter: R_V >> R of the circuit\n\n"
                       "## Shell\n\n- `>>` appends: grep -c pattern file >> counts.txt\n- nohup cmd >> out.log 2>&1 &\n\n## C++\n\n"
                       "- std::cin >> n >> m; reads two ints\n\n## SQL\n\n- WHERE price <> 0 filters out free items\n")
    assert not any(c.kind is CardKind.MANUAL for c in cards), [(c.front, c.back) for c in cards]
    # templates, format strings, LaTeX and sets keep their braces
    cards, _ = extract("# Templates\n\n## Jinja\n\n- Text interpolation: {{ name }} prints a variable\n- Go templates: {{.Name}}\n"
                       "- Python: f\"{{x}}\" prints literal braces\n- LaTeX: \\frac{{a}}{{b}}\n- a set of sets: {{1,2}}\n")
    assert not any(c.kind is CardKind.CLOZE for c in cards), [c.front for c in cards]
    # a verified quote, a grammar judgement, a constitution's amendment, 译文 in a classical-Chinese class, a fixed version
    assert_keeps("# Speeches\n\n## WWII\n\n- Churchill: \"We shall fight on the beaches\" ✔\n\n## 论语\n\n- 温故而知新：译文：复习旧知识能得到新的体会\n\n"
                 "## 宪法\n\n- **修改**：由全国人大常委会或五分之一以上代表提议\n\n## UCC\n\n- **Fixed version**: the 2003 amendments, withdrawn in 2011\n",
                 ["fight on the beaches", "复习旧知识", "五分之一以上代表", "withdrawn in 2011"], [])
    # the final value theorem, a physical exam and the end of a period are no course's exam
    assert_keeps("# Control\n\n## Laplace\n\nQ: Can we use the final value theorem here? A: Only if all poles of sF(s) are in the left half-plane.\n\n"
                 "## Clinic\n\nQ: Can we skip the exam if the patient refuses? A: Document the refusal and its reasons.\n",
                 ["left half-plane", "Document the refusal"], [])
    # a question line without its mark still takes the answer on the next line
    cards, _ = extract("# Bio\n\n## Glycolysis\n\nQ: Where does glycolysis run? A: In the cytosol.\nQ: Net ATP from glycolysis\nA: 2 per glucose.\n"
                       "Q: First enzyme? A: Hexokinase.\n")
    assert [c.front for c in cards] == ["Where does glycolysis run?", "Net ATP from glycolysis", "First enzyme?"], [c.front for c in cards]


def test_an_interviews_setting_a_predicate_as_a_term_and_a_facet_of_no_one_thing_give_no_card() -> None:
    assert_keeps("# 面试手推\n\n## Q1 手推逻辑回归\n\n**场景**：某厂 算法岗一面，给了一张 A4 纸。\n\n**结论**：梯度是 $X^\\top(\\sigma - y)$\n\n"
                 "## im2col\n\n- costs memory: every input pixel copied up to F·F times\n"
                 "- doesn't matter for learning: the net learns the flipped kernel\n",
                 [], ["A4 纸", "copied up to", "flipped kernel"])
    assert_keeps("# cards draft — optimizers (deck: DL::optim)\n\nAdaGrad: what does it accumulate?\n\nProblem: $G_t$ only grows, so the "
                 "effective lr decays.\n", [], ["only grows"])
    # a facet of a page named by one thing, a state of matter, and a cost defined keep theirs
    assert_keeps("# AdaGrad\n\nProblem: $G_t$ only grows, so the effective lr decays.\n\n## States\n\n- solid: keeps its shape\n"
                 "- **Cost function**: what training minimises\n", ["only grows", "keeps its shape", "training minimises"], [])


def test_a_column_of_settings_keeps_its_cards() -> None:
    # (“场景” over an interview question's notes is its setting; as a table's column, when a test is used)
    assert_keeps("# 假设检验\n\n## 常用检验一览\n\n| 检验 | 场景 | 统计量 |\n|---|---|---|\n| 单样本 z | 方差已知 | $z$ |\n| 配对 t | 前后测 | $t$ |\n",
                 ["方差已知", "前后测"], [])


def test_what_the_fourth_review_of_this_round_found_the_rules_took_from_other_subjects() -> None:
    # cost terms, fixed phrases, a word to learn, a pattern's setting, and a law's limitations on its own page
    assert_keeps("# Firms\n\n## Costs\n\n- cost function: cost as a function of output\n- costs follow the event: the loser pays\n"
                 "- cannot contract out: a right the parties cannot waive\n\n## 单词\n\n- shaky：摇晃的；不稳固的\n\n## 单例模式\n\n"
                 "- **场景**：全局只需要一个实例，如配置、日志\n", ["cost as a function", "the loser pays", "cannot waive", "摇晃的",
                                                              "全局只需要一个实例"], [])
    assert_keeps("# Ohm's law\n\nLimitations: it fails for diodes and for conductors whose temperature changes.\n",
                 ["fails for diodes"], [])


def test_a_plan_ticked_off_gives_no_cards_but_a_table_of_statuses_does() -> None:
    assert_keeps("# CV 一个月\n\n## 计划表\n\n| 周 | 主题 | 资料 | 产出 | 完成? |\n|---|---|---|---|---|\n"
                 "| W1 (3.4–3.10) | 卷积基础、感受野 | CS231n lec 5–7 | 手写 conv2d | ✅ |\n| W2 (3.11–3.17) | ResNet、数据增强 | ResNet 论文 | "
                 "ResNet-18 ≥ 93% | ✅ (93.4) |\n| W3 | 检测 | YOLOv1 | 手写 NMS | ⚠️ 一半 |\n",
                 [], ["卷积基础", "ResNet 论文", "手写 NMS"])
    assert_keeps("# Releases\n\n## Channels\n\n| Channel | Status |\n|---|---|\n| Nightly | unstable, built every night from main |\n"
                 "| Stable | supported, tested every six weeks |\n", ["built every night", "tested every six weeks"], [])


def test_what_the_code_review_found_the_new_card_marks_and_labels_did() -> None:
    # a template's page keeps its braces even where one of them looks like a deletion
    cards, _ = extract("# Jinja\n\n## Loops\n\n- {% for x in xs %}{{x}}{% endfor %} repeats the body\n")
    assert not any(c.kind is CardKind.CLOZE for c in cards), [c.front for c in cards]
    # a numbered deletion beside a bare one: each its own number
    cards, _ = extract("# Stats\n\n## Moments\n\n- the {{1::mean}} and the {{variance}} of a Poisson are both lambda\n")
    assert [c.front for c in cards] == ["the {{c1::mean}} and the {{c2::variance}} of a Poisson are both lambda"], [c.front for c in cards]
    # a possessive, a short name before “;;”, an answer that starts with a colon clause, and “I/O” as an answer
    cards, _ = extract("# Physics\n\n## Laws\n\n- Newton's second law >> F = ma\n- Vitamin C ;; ascorbic acid\n"
                       "- Mitochondria >> the site of respiration: ATP is made here\n\n## Jobs\n\n"
                       "Q: What limits a disk-heavy ETL job? A: I/O throughput.\n")
    fronts = [c.front for c in cards]
    assert fronts == ["Newton's second law", "Vitamin C", "Mitochondria", "What limits a disk-heavy ETL job?"], fronts
    # facet headings named only by this session's additions ask of the heading above
    cards, _ = extract("# Losses\n\n## Focal loss\n\n### When not to use\n- balanced data\n- calibrated probabilities needed\n\n"
                       "### How it works\n- down-weights easy examples\n- by $(1-p_t)^\\gamma$\n")
    assert [c.front for c in cards] == ["Focal loss: When not to use", "Focal loss: How it works"], [c.front for c in cards]
    # a month's name must be the month: “Mark 12” on a page's first lines is no day
    assert_keeps("# Gospels\n\nMark 12: the greatest commandment\nTeacher: a title Jesus is given\nReadings: Mark 12:28–34\n\n"
                 "## Themes\n\n- **Love**: the first commandment\n", ["greatest commandment"], [])


def test_vim_fold_markers_are_no_part_of_the_notes() -> None:
    cards, notices = extract("# optimizers -- running notes {{{1\n\n## Adam {{{2\n\n- **beta1**: 0.9, the decay of the first moment\n\n"
                             "}}}\n## SGD {{{2\n\n$$\\theta_t = \\theta_{t-1} - \\eta\\, g_t$$\n\n}}}\n\n"
                             "vim: set foldmethod=marker foldlevel=1:\n")
    assert [c.front.split(":")[0] for c in cards] == ["Adam", "SGD"] and "{{{" not in str(cards), [c.front for c in cards]
    assert not [n for n in notices if "raw Markdown" in n.message], [n.message for n in notices]
    # in notes kept in Vim, a display formula closing its braces on a line of its own keeps them, and an example line
    # near the end that sets no option is no modeline
    cards, _ = extract("# strings {{{1\n\n## Harmonics {{{2\n\n$$\nf_n = \\frac{n}{2L}\\sqrt{\\frac{T}{\\mu_{\\text{s}\n}}}\n$$\n\n}}}\n\n"
                       "- **Solar sail**: radiation pressure pushes it\n\nex: radiation pressure at 1 AU is about 9 uPa\n"
                       "<!-- vim: set foldmethod=marker: -->\n")
    assert any("\\mu_{\\text{s}\n}}}" in c.back for c in cards), [c.back for c in cards]
    # braces of a template in code, and a display closing its braces on a line of its own, stay as written
    text = ("# Jinja {{{1\n\n## Loops {{{2\n\n```jinja\n{% for x in xs %}{{{ x }}}{% endfor %}\n}}}\n```\n\n"
            "## Nested\n\n$$\nf = \\frac{a}{b_{c_{d\n}}}\n$$\n\n}}}\n")
    assert "{{{ x }}}{% endfor %}\n}}}\n```" in as_callouts(text) and len(as_callouts(text).split("\n")) == len(text.split("\n"))
    cards, _ = extract(text)
    assert [c.back for c in cards] == ["$$f = \\frac{a}{b_{c_{d\n}}}$$"], [c.back for c in cards]


def test_a_reports_own_fields_its_tally_and_its_plan_are_no_cards() -> None:
    # who marked a lab report, signed at its end
    assert_keeps("# 实验报告\n\n## 实验总结\n\n- **BatchNorm**：按通道对一个 batch 做归一化\n\n批改人：王助教　2024-04-22\n",
                 ["按通道对一个 batch 做归一化"], ["王助教"])
    cards, _ = extract("# 关于5月学习情况的汇报\n\n**汇报人**：陈思远（硕士二年级）\n**指导教师**：王老师\n"
                       "**汇报时间**：2024年5月31日（组会）\n\n## 一、总体学习情况\n\n本月主要包括以下方面：\n\n"
                       "1. 精读论文2篇：《LoRA》、《QLoRA》；泛读3篇。\n2. 阅读 `peft` 源码，梳理了初始化的实现。\n\n"
                       "## Log\n\n- Read 3 papers: LoRA, QLoRA, DoRA\n- **Rank**: the number of independent rows\n\n## 二、主要内容\n\n- **秩**：矩阵中线性无关的行的最大个数\n\n"
                       "## 六、下一步工作计划\n\n1. 6月上旬：精读AdaLoRA论文\n2. 6月下旬：写综述初稿\n")
    assert [c.back for c in cards] == ["the number of independent rows", "矩阵中线性无关的行的最大个数"], \
        [(c.front, c.back) for c in cards]


def test_a_by_hand_examples_own_data_is_no_card_but_its_rule_is() -> None:
    cards, notices = extract("# BPE — worked by hand\n\n## Step 1 — pair counts\n\n| pair | count |\n|---|---|\n| e a | **17** |\n"
                             "| a c | 8 |\n\n## Encoding new words\n\n- **Rule**: split into chars, then apply the merges in the "
                             "order they were learned\n- `eat`: **[ea, ##t]**\n- **Token counts**: t 7, e 7, ##a 17\n")
    assert [c.back for c in cards] == ["split into chars, then apply the merges in the order they were learned"], \
        [(c.front, c.back) for c in cards]
    assert any(n.rule == "left-out:example" for n in notices), [n.rule for n in notices]
    # the same table in notes that work no example is a table of facts
    assert_keeps("# CNN numbers\n\n## Parameters\n\n| model | params |\n|---|---|\n| ResNet-50 | 25.6M |\n| VGG-16 | 138M |\n",
                 ["25.6M", "138M"], [])


def test_a_formula_read_aloud_before_it_gives_it_away() -> None:
    cards, notices = extract("# BN\n\n## 公式\n\n公式就是 x 减 mu 除以根号下 sigma 方加 epsilon：\n\n"
                             "$$\\hat x = \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}$$\n")
    assert not cards and any(n.rule == "left-out:answer-in-front" for n in notices), [c.front for c in cards]
    # the letters named apart from any operation (“fixed by mu_0 and epsilon_0 … over a century”), or 增加 beside them:
    # the card stays
    assert_keeps("# Light\n\n## Speed\n\nIts speed is fixed by mu_0 and epsilon_0 alone, as Maxwell showed over a century ago:\n\n"
                 "$$c = \\frac{1}{\\sqrt{\\mu_0 \\varepsilon_0}}$$\n\n## 阻尼\n\n增加 beta 和 gamma 时，共振峰变宽：\n\n"
                 "$$Q = \\frac{\\gamma}{\\beta}$$\n", ["c = ?", "Q = ?"], [])
    # named, not read aloud: the card stays
    assert_keeps("# BN\n\n## 公式\n\n归一化（减均值、除以标准差）：\n\n$$\\hat x = \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}$$\n",
                 ["\\hat x = ?"], [])


def test_arithmetic_in_tfrac_and_with_units_is_worked_out_not_a_rule() -> None:
    cards, _ = extract("# KL\n\n## Check\n\nWith $\\mu=0$: $$\\tfrac12(0 + 1 - 1 - 0) = 0$$\n\n"
                       "## Decode\n\nEvery token reads all weights once: $13.5\\ \\text{GB} / 3.35\\ \\text{TB/s} \\approx 4$ ms.\n\n"
                       "## Closed form\n\n$$\\mathrm{KL} = \\tfrac12(\\mu^2 + \\sigma^2 - \\log \\sigma^2 - 1)$$\n")
    assert [c.front for c in cards] == ["Closed form: $$\\mathrm{KL} = ?$$"], [c.front for c in cards]


def test_a_paper_reviews_verdict_is_no_card_but_its_summary_is() -> None:
    cards, notices = extract("# Practice review #3 of a paper\n\n## Summary\n\n- **UWR**: caps each layer's update relative to its "
                             "weight norm\n\n## Strengths\n\n1. Clear, simple method.\n\n## Weaknesses\n\n"
                             "1. **Overhead**: they claim negligible but give no wall-clock numbers.\n"
                             "2. **Minor**: Eq. 5 uses $\\theta$ and Eq. 7 uses $W$.\n\n## Rating\n\n**5: marginally below**\n\n"
                             "## Confidence\n\n**3: fairly confident**\n")
    assert [c.front for c in cards] == ["Practice review #3 of a paper › Summary: what is **UWR**?"], [c.front for c in cards]
    assert sum(n.rule == "left-out:review-verdict" for n in notices) == 4, [n.rule for n in notices]
    # OpenReview's one field for both, and what is under a verdict's heading
    cards, _ = extract("# Review of submission 4312\n\n## Summary\n\n- **UWR**: caps each layer's update\n\n"
                       "## Strengths And Weaknesses\n\n- **Overhead**: no wall-clock numbers\n\n### W2 Scale\n\n"
                       "- **Largest model**: only 350M parameters\n\n## Questions for authors\n\n1. How does it compare to LAMB?\n\n"
                       "## Rating\n\n5\n")
    assert [c.front for c in cards] == ["Review of submission 4312 › Summary: what is **UWR**?"], [c.front for c in cards]
    # a film's review, with no paper to review, keeps the techniques it names
    assert_keeps("# Film review: Citizen Kane\n\n## Summary\n\n- **Plot**: a newspaper magnate's life\n\n## Strengths\n\n"
                 "- **Deep focus**: foreground and background both sharp\n\n## Weaknesses\n\n- **Non-linear narrative**: told "
                 "out of order in flashbacks\n\n## Rating\n\n**4.5/5**\n", ["both sharp", "out of order"], [])
    # a method's strengths and weaknesses in one's notes, with no score beside them, are what to know of it
    assert_keeps("# Optimizers\n\n## Summary\n\n- **Adam**: adaptive moments\n\n## Strengths\n\n- **Speed**: fast early progress\n\n"
                 "## Weaknesses\n\n- **Generalisation**: often worse than SGD on vision\n",
                 ["fast early progress", "often worse than SGD"], [])


def test_a_bold_title_a_chinese_item_runs_on_from_stays_with_it() -> None:
    cards, notices = extract("# LoRA\n\n## 原理\n\n1. **推理无额外延迟。** 部署时可将 $W = W_0 + BA$ 直接合并，结构与原模型相同。\n")
    assert [c.front for c in cards] == ["LoRA › 原理：**推理无额外延迟。** 部署时可将 $W = ?$ 直接合并，结构与原模型相同。"], \
        [c.front for c in cards]
    assert not [n for n in notices if n.rule == "left-out:leaked-syntax"], [n.message for n in notices]


def test_a_letter_before_a_chinese_word_is_part_of_its_name() -> None:
    assert_keeps("# 术语\n\n## 缩写\n\n- BN 批归一化，对每个通道归一化\n- LN 层归一化，对每个样本归一化\n- F 检验看整体显著性\n",
                 ["对每个通道归一化", "对每个样本归一化"], ["检验看整体显著性"])


def test_a_table_whose_corner_sets_a_value_works_that_case_out() -> None:
    cards, _ = extract("# Adam\n\n## Bias correction\n\n| t=1, g scalar | no correction | correct both |\n|---|---|---|\n"
                       "| numerator | 0.1 g | g |\n| step / lr | ~3.16 sign(g) | 1 * sign(g) |\n")
    assert not cards, [(c.front, c.back) for c in cards]
    # a corner that names what the rows are keeps its table, and one that names a condition (“T = 298 K”, “at x=0”)
    assert_keeps("# Norms\n\n## Which axes\n\n| layer | normalises over | learnable |\n|---|---|---|\n"
                 "| BatchNorm2d | N, H, W | γ, β per channel |\n| LayerNorm | last dims | γ, β per feature |\n\n"
                 "| at x=0 | value | derivative |\n|---|---|---|\n| sigmoid | 0.5 | 0.25 |\n| tanh | 0 | 1 |\n\n"
                 "| T = 298 K | ΔH°f (kJ/mol) |\n|---|---|\n| H₂O(l) | −285.8 |\n| CO₂(g) | −393.5 |\n| CH₄(g) | −74.8 |\n",
                 ["N, H, W", "last dims", "0.25", "−285.8"], [])


def test_cards_pasted_as_csv_or_tab_separated_lines_are_cards_as_written() -> None:
    cards, notices = extract("# 信息论 flashcards\n\n## Deck 1\n\n```csv\n\"front\",\"back\"\n\"KL(p||q) 对称吗？\",\"不对称，一般 KL(p||q) ≠ KL(q||p)\"\n"
                             "\"熵的单位\",\"以 2 为底：bits；以 e 为底：nats\"\n\"交叉熵、熵、KL 的关系\",\"\\( H(p,q) = H(p) + D_{KL}(p\\|q) \\)\"\n"
                             "\"TODO: Fisher information\",\"TODO 还没看懂\"\n```\n\n## Quizlet\n\n```\nrandom variable\ta variable that can take "
                             "different values randomly\nPMF\tprobability mass function P(x), for discrete vars; sum over x = 1\n"
                             "covariance = 0 → independent?\tNO. independent → cov 0,\nnot the other way round.\n```\n")
    got = {c.front: c.back for c in cards}
    assert got["KL(p||q) 对称吗？"].startswith("不对称") and got["熵的单位"].startswith("以 2 为底"), got
    assert got["交叉熵、熵、KL 的关系"] == "$H(p,q) = H(p) + D_{KL}(p\\|q)$", got
    assert got["covariance = 0 → independent?"] == "NO. independent → cov 0, not the other way round.", got
    assert "PMF" in got and "random variable" in got and not any("TODO" in f or "front" in f for f in got), got
    assert next(c for c in cards if c.front == "熵的单位").source.line == 8, [(c.front, c.source.line) for c in cards]
    # cards pasted as an indented block (no fence) are at their own lines too
    cards, _ = extract("# Cards\n\nSome text.\n\n    \"front\",\"back\"\n    \"Is KL symmetric?\",\"No, KL(p||q) differs from KL(q||p)\"\n"
                       "    \"Cross-entropy equals?\",\"entropy plus the KL divergence\"\n"
                       "    \"What does softmax sum to?\",\"one, a probability distribution\"\n")
    assert [(c.front, c.source.line) for c in cards if c.kind.name == "MANUAL"] == [
        ("Is KL symmetric?", 6), ("Cross-entropy equals?", 7), ("What does softmax sum to?", 8)], cards
    # a data set's CSV, and a TSV of numbers, are data
    cards, _ = extract("# Data\n\n## Iris\n\n```csv\nsepal_length,sepal_width,species\n5.1,3.5,setosa\n4.9,3.0,setosa\n"
                       "6.2,3.4,virginica\n```\n\n```\nepoch\tloss\n1\t0.91\n2\t0.55\n3\t0.43\n```\n")
    assert not [c for c in cards if c.kind.name == "MANUAL"], [(c.front, c.back) for c in cards]


def test_a_parameter_tables_default_is_said_in_the_notes_language() -> None:
    cards, _ = extract("# Schedules\n\n## One-cycle\n\n| arg | default | meaning |\n|---|---|---|\n"
                       "| `pct_start` | 0.3 | fraction of steps spent increasing |\n| `div_factor` | 25 | initial LR = max_lr / 25 |\n")
    assert all("默认" not in c.back for c in cards) and any("(default: 0.3)" in c.back for c in cards), \
        [(c.front, c.back) for c in cards]


def test_an_examples_shapes_in_numbers_and_a_projects_files_are_no_cards() -> None:
    cards, _ = extract("# einops\n\n## rearrange\n\n| what | pattern | shape before → after |\n|---|---|---|\n"
                       "| transpose | `\"b c h w -> b h w c\"` | (8, 3, 32, 32) → (8, 32, 32, 3) |\n"
                       "| add axis | `\"b d -> b 1 d\"` | (8, 512) → (8, 1, 512) |\n| squeeze | `\"b 1 d -> b d\"` | (8, 1, 512) → (8, 512) |\n\n"
                       "## Data\n\n| file | rows | what |\n|---|---|---|\n| `orders.csv` | 1.31M | one row per weekly box |\n"
                       "| `labels.csv` | 48,212 | churn label per subscriber |\n| `tickets.csv` | 92,407 | one row per ticket |\n")
    assert sorted(c.back for c in cards) == ['`"b 1 d -> b d"`', '`"b c h w -> b h w c"`', '`"b d -> b 1 d"`'], \
        [(c.front, c.back) for c in cards]
    # shapes in symbols say what the operation does to any tensor
    assert_keeps("# einops\n\n## rearrange\n\n| what | pattern | shape |\n|---|---|---|\n"
                 "| transpose | `\"b c h w -> b h w c\"` | (B, C, H, W) → (B, H, W, C) |\n"
                 "| add axis | `\"b d -> b 1 d\"` | (B, D) → (B, 1, D) |\n| squeeze | `\"b 1 d -> b d\"` | (B, 1, D) → (B, D) |\n",
                 ["(B, C, H, W) → (B, H, W, C)"], [])


def test_notes_exported_from_org_mode_read_as_the_markdown_they_mean() -> None:
    text = ("#+TITLE: Optimizers — reading notes\n#+AUTHOR: Mira\n#+OPTIONS: toc:nil\n\n# Adam\n:PROPERTIES:\n:ID: 5f1c9a2e\n:END:\n\n"
            "## DONE Defaults   :pytorch:\nCLOSED: [2024-03-02 Sat 10:40]\n\n- **Defaults in PyTorch**: =lr=1e-3=, =betas=(0.9, 0.999)=\n\n"
            "#+BEGIN_SRC python\nopt = torch.optim.Adam(model.parameters(), lr=1e-3)\n#+END_SRC\n\n"
            "| optimizer | state per param |\n|-----------+-----------------|\n| SGD | none |\n| Adam | `exp_avg`, `exp_avg_sq` |\n")
    outline = parse_notes(text, "g.md")
    assert outline.title == "Optimizers — reading notes", outline.title
    cards, _ = extract_cards(outline)
    got = {c.front: c.back for c in cards}
    assert "`lr=1e-3`, `betas=(0.9, 0.999)`" in got.values() and all(f.startswith("Defaults:") for f in got), got
    assert not any("CLOSED" in f or "closed" in f or "PROPERTIES" in c for f, c in got.items()), got
    assert "`exp_avg`, `exp_avg_sq`" in got.values(), got
    # a Markdown page that quotes an Org keyword keeps its lines
    assert_keeps("# Org mode\n\n## Keywords\n\n- **CLOSED**: the line Org writes when a task is marked done\n",
                 ["the line Org writes"], [])


def test_the_hidden_side_said_again_right_after_the_hole_gives_it_away() -> None:
    cards, notices = extract("# CNN\n\n## 空洞卷积\n\n带空洞时把 $K$ 换成等效核大小 $K' = K + (K-1)(d-1)$，即 $d(K-1)+1$。\n")
    assert not cards and any(n.rule == "left-out:answer-in-front" for n in notices), [c.front for c in cards]


def test_an_old_belief_over_the_new_one_is_asked_as_the_mistake_it_was() -> None:
    cards, _ = extract("# belief diff log\n\n## softmax + cross-entropy\n\n- old: softmax is needed to get the argmax prediction\n"
                       "+ new: argmax of logits equals argmax of softmax, softmax is monotone\n")
    assert [(c.front, c.back) for c in cards] == [
        ("softmax + cross-entropy: I used to think “softmax is needed to get the argmax prediction”; what is actually so?",
         "argmax of logits equals argmax of softmax, softmax is monotone")], [(c.front, c.back) for c in cards]
    cards, _ = extract("# 认识的变化\n\n## 过拟合\n\n- 以前以为：训练误差为零就一定是过拟合\n- 现在知道：插值的模型也可能泛化得很好\n")
    assert [(c.front, c.back) for c in cards] == [("过拟合：以前以为“训练误差为零就一定是过拟合”——实际上呢？", "插值的模型也可能泛化得很好")], \
        [(c.front, c.back) for c in cards]
    # a fix measured before and after is no belief
    assert_keeps("# Profiling\n\n## Data loader\n\n- **Before**: 12 s per epoch\n- **After**: 3 s per epoch\n", [], ["used to think"])


def test_what_one_would_do_next_is_a_plan() -> None:
    assert_keeps("# Take-home\n\n## Model\n\n- **LightGBM**: gradient-boosted trees, fast on tabular data\n\n## What I'd do next\n\n"
                 "- **Monitor drift**: the channel mix changes with campaigns\n", ["gradient-boosted trees"], ["channel mix"])


def test_a_parameter_card_leaves_the_default_to_the_cloze_that_asks_it() -> None:
    cards, _ = extract("# Schedules\n\n## One-cycle\n\n| arg | default | meaning |\n|---|---|---|\n"
                       "| `pct_start` | 0.3 | fraction of steps spent increasing |\n| `div_factor` | 25 | divides max_lr for the start |\n")
    got = {c.front: c.back for c in cards}
    assert got["One-cycle: what is the parameter `pct_start`?"] == "fraction of steps spent increasing", got
    assert "One-cycle: `pct_start` (fraction of steps spent increasing) defaults to {{c1::0.3}}" in got, got
    # a default inside brackets leaves the brackets closed
    cards, _ = extract("# 优化器\n\n- SGD\n  - 参数说明:\n    - differentiable: 是否支持可微优化（实验性功能，默认 False）。\n")
    assert any(c.back == "是否支持可微优化（实验性功能）。" for c in cards), [(c.front, c.back) for c in cards]


def test_a_column_of_ones_own_habits_and_a_deletion_shown_as_code_are_no_cards() -> None:
    assert_keeps("# Schedules\n\n## Cheat sheet\n\n| schedule | key hyperparams | when I use it |\n|---|---|---|\n"
                 "| Step | step_size, gamma | rarely |\n| Cosine | T_max | fine-tuning |\n| One-cycle | max_lr | short runs |\n\n"
                 "## Anki\n\n- Anki 的挖空写成 `{{c1::...}}`，提示写在第二对冒号后\n",
                 ["step_size, gamma", "T_max"], ["rarely", "short runs", "{{c1::...}}`"])


def test_what_the_reviews_of_this_round_found_the_new_rules_took_from_other_notes() -> None:
    # a vocabulary's old/new and a reform's before/after are facts, not one's changed beliefs
    assert_keeps("# Vocabulary\n\n## Adjectives\n\n- **old**: 老的；旧的，having lived a long time\n- **new**: 新的，recently made\n\n"
                 "## Reformation\n\n- **Before**: the king answered to the Pope in church matters\n"
                 "- **After**: the Act of Supremacy made him head of the Church of England\n",
                 ["老的；旧的", "新的", "answered to the Pope"], ["used to think", "以前以为"])
    # “going to”, a plan's own words in a definition, and TODO as the subject are what is asked
    assert_keeps("# 英语\n\n## 将来时\n\n- **be going to**: going to + 动词原形，表示打算做某事\n\n## 项目管理\n\n"
                 "- **WBS**：计划做的全部工作按层分解成工作包\n\n## Code comments\n\nQ: TODO vs FIXME: what is the difference? "
                 "A: TODO marks work not yet done; FIXME marks code known to be broken.\n",
                 ["表示打算做某事", "按层分解成工作包", "known to be broken"], [])
    # a cycle's timeline and a training plan's phases are facts
    assert_keeps("# Obstetrics\n\n## Menstrual cycle timeline\n\n- **Day 1-5**: menstruation\n- **Day 14**: ovulation, after the LH surge\n"
                 "- **Day 15-28**: luteal phase\n", ["menstruation", "after the LH surge", "luteal phase"], [])
    # what follows “即” that is another fact keeps the card
    assert_keeps("# 热力学\n\n## 自发性\n\n吉布斯自由能 $\\Delta G = \\Delta H - T\\Delta S$，即 $\\Delta G < 0$ 时反应自发。\n",
                 ["\\Delta G = ?"], [])
    # a table of standard files with what each is for, and an exam's parts
    assert_keeps("# Packaging\n\n## Files\n\n| file | what it declares | read by |\n|---|---|---|\n"
                 "| `pyproject.toml` | build system and metadata | pip, build |\n| `setup.py` | the legacy build script | setuptools |\n"
                 "| `requirements.txt` | pinned dependencies | pip |\n\n## 考试结构\n\n- **精读 4 篇**：阅读理解 A 节，每篇 5 题，共 40 分\n",
                 ["build system and metadata", "pinned dependencies", "每篇 5 题"], [])
    # a survey's answers and a week's plan pasted as rows are data, not cards
    cards, _ = extract("# Data\n\n## Survey\n\n```csv\nquestion,answer\nQ1 How satisfied are you?,4\nQ2 Would you recommend us?,5\n"
                       "Q3 How often do you visit?,2\n```\n\n## Week\n\n```\nMon\tRest or 30 min easy cross-training\n"
                       "Tue\t8 km easy with strides at the end\nWed\tIntervals, 6 x 800 m at 5K pace\n```\n")
    assert not [c for c in cards if c.kind.name == "MANUAL"], [(c.front, c.back) for c in cards]
    # Org shown in a fence, in notes about Org, stays as written
    assert_keeps("# Org mode\n\n## Header\n\n```org\n#+TITLE: My notes\n```\n\n## Inline markup\n\n"
                 "- **Verbatim**: text between equals signs, =like this=, is shown literally\n", ["=like this="], [])
    # a Chinese cell in English notes keeps its own language
    assert_keeps("# Requests\n\n## requests.get\n\n| parameter | description | default |\n|---|---|---|\n"
                 "| `timeout` | 超时秒数 | None |\n| `verify` | 是否校验证书 | True |\n", ["是否校验证书"], ["(default:"])


def test_a_readers_annotations_and_colour_key_are_of_the_paper_they_annotate() -> None:
    cards, notices = extract("# Adam — annotations\n\nColour key:\n- 🟨 yellow: main claim / remember this\n- 🟩 green: definition\n"
                             "- 🟥 red: don't buy it\n\n### 🟩 Image · p. 2 · [open](zotero://open-pdf/library/items/H7D9?page=2)\n\n"
                             "**Comment:** the update, all ops elementwise:\n\n$$m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t$$\n")
    assert len(cards) == 1 and cards[0].front.startswith("Adam — annotations: ") and "zotero" not in cards[0].front \
        and "Image" not in cards[0].front and cards[0].deck == ("Adam — annotations",), [(c.deck, c.front) for c in cards]
    assert sum(n.rule == "left-out:legend" for n in notices) == 3, [n.rule for n in notices]
    # a list of pigments says what each colour is made of
    assert_keeps("# Painting\n\n## Pigments\n\n- **yellow**: cadmium sulfide, or the cheaper hansa yellow for students\n"
                 "- **blue**: ultramarine, a sodium aluminosilicate with sulfur\n- **red**: cadmium selenide or a quinacridone\n",
                 ["cadmium sulfide", "ultramarine"], [])


def test_a_bug_to_spot_is_asked_with_its_code_and_answered_by_the_fix() -> None:
    cards, _ = extract("# Spot the bug\n\n## 1. The loss that explodes\n\n```python\nfor x, y in loader:\n    loss = F.cross_entropy(model(x), y)\n"
                       "    loss.backward()\n    optimizer.step()\n```\n\n**Symptom:** the loss goes down, then blows up.\n\n"
                       "**Fix:** call `optimizer.zero_grad()` before `backward()`.\n\n**Why:** `.grad` accumulates across calls.\n\n"
                       "### Patterns\n\n| family | bugs |\n|---|---|\n| autograd bookkeeping | 1, 4, 8 |\n| silent shapes | 5, 6 |\n")
    assert len(cards) == 1 and "```python\nfor x, y in loader:" in cards[0].front and "**Symptom:** the loss" in cards[0].front \
        and cards[0].back.startswith("**Fix:** call `optimizer.zero_grad()`") and "accumulates" in cards[0].back, \
        [(c.front, c.back) for c in cards]
    # code followed by its explanation, with no fix, is a code card
    cards, _ = extract("# Loops\n\n## Training step\n\n```python\ndef step(model, x, y, opt):\n    opt.zero_grad()\n"
                       "    loss = F.mse_loss(model(x), y)\n    loss.backward()\n    opt.step()\n```\n\n**Why:** the order matters.\n")
    assert [c.kind.name for c in cards if c.kind.name != "DEFINITION"] == ["CODE"], [(c.kind, c.front) for c in cards]


def test_columns_of_how_one_caught_a_mistake_and_a_strike_over_two_lines_are_no_cards() -> None:
    assert_keeps("# Identities\n\n## Mistakes I've made\n\n| identity | correct? | caught by? |\n|---|---|---|\n"
                 "| $\\partial \\log\\det X/\\partial X = X^{-1}$ | needs $X^{-\\top}$ | autograd with a non-symmetric X |\n"
                 "| $\\partial\\, a^\\top X b/\\partial X = b a^\\top$ | $a b^\\top$ | shape error, obviously |\n\n"
                 "## Exercise 7.3\n\n~~First try: \"there are infinitely many, so it's not\ndetermined\"~~ — wrong, scrap.\n",
                 [], ["shape error", "non-symmetric X", "infinitely many", "scrap"])


def test_a_talks_page_markers_are_its_sections() -> None:
    cards, _ = extract("# 量化分享\n\n【第1页】标题页\n\n开场白。\n\n【第2页】误差从哪来\n\n- **rounding error**：舍入到最近整数带来的误差\n\n"
                       "【第3页】粒度\n\n- **per-channel**：每个输出通道一个 scale\n")
    assert [c.front for c in cards] == ["误差从哪来：**rounding error** 是什么？", "粒度：**per-channel** 是什么？"], \
        [c.front for c in cards]


def test_a_self_rating_an_old_belief_alone_and_a_tables_options_are_no_cards() -> None:
    assert_keeps("# PCA 讲给阿杰\n\n## 方差\n\n- **主成分**：协方差矩阵最大特征值对应的特征向量\n\n## 自评\n\n| 部分 | 讲得怎样 |\n|---|---|\n"
                 "| 方差 ↔ 特征值 | ✅ 讲清楚了 |\n| 中心化 | ❌ 说错了 |\n| SVD 关系 | ⚠️ 半错 |\n",
                 ["最大特征值对应的特征向量"], ["讲清楚了", "说错了"])
    assert_keeps("# Attention, v0.1 → v0.8\n\n## v0.5 — multi-head is subspaces\n\n- **Old belief (v0.4)**: multi-head costs h times as much\n"
                 "- **Multi-head attention**: h heads, each in d/h dimensions, so the cost is about that of one head\n",
                 ["each in d/h dimensions"], ["costs h times"])
    assert_keeps("# System design\n\n## Trade-offs\n\n| decision | option A | option B | what I'd say |\n|---|---|---|---|\n"
                 "| objective | CTR | watch time | B, CTR → clickbait |\n| retrieval | two-tower + ANN | item-to-item | A, scales |\n"
                 "| ranking | one model | multi-task | multi-task |\n", [], ["CTR", "two-tower", "clickbait"])


def test_what_the_third_review_of_this_session_found_the_rules_took_from_other_notes() -> None:
    # colours that are facts (a flame test, triage tags), not a key to one's own highlights
    assert_keeps("# Chemistry\n\n## Flame tests\n\nFlame test colours for common metal ions:\n\n- **Red**: lithium or strontium\n"
                 "- **Yellow**: sodium\n- **Lilac**: potassium\n- **Green**: copper or barium\n", ["lithium or strontium", "sodium"], [])
    # a defect class caught by a tool, and atomic numbers, are facts
    assert_keeps("# Testing\n\n## Defects\n\n| defect class | caught by |\n|---|---|\n| type mismatch | static type checker |\n"
                 "| off-by-one | boundary tests |\n| race condition | stress tests |\n\n## Elements\n\n| element | symbol | no. |\n"
                 "|---|---|---|\n| Hydrogen | H | 1 |\n| Carbon | C | 6 |\n| Oxygen | O | 8 |\n", ["static type checker", "6"], [])
    # correct code, explained, then what to do in another case, is no bug
    cards, _ = extract("# Git\n\n## Undo the last commit\n\n```bash\ngit reset --soft HEAD~1\n```\n\n"
                       "**Why:** it moves HEAD back and keeps the changes staged.\n\n**Fix:** if already pushed, use `git revert` instead.\n")
    assert not any("wrong with this code" in c.front for c in cards), [c.front for c in cards]
    # a double tilde shown as code is no strike
    assert_keeps("# JavaScript\n\n## Operators\n\n- **`~~x`**: double bitwise NOT; truncates toward zero\n", ["truncates toward zero"], [])
    # a heading that names intervals by their symbols is no PDF annotation
    cards, _ = extract("# Music\n\n## Notes and intervals (P4, P5, M3)\n\n- **Perfect fifth**: seven semitones\n")
    assert cards and cards[0].front.startswith("Notes and intervals (P4, P5, M3)"), [c.front for c in cards]


def test_a_data_sets_counts_with_their_total_and_ones_own_pick_above_the_right_one() -> None:
    assert_keeps("# Datasheet\n\n## Composition\n\n| label | train | val | test |\n|---|---:|---:|---:|\n| Robin | 1,842 | 301 | 388 |\n"
                 "| Cardinal | 1,210 | 198 | 240 |\n| Jay | 964 | 150 | 201 |\n| **total** | **4,016** | **649** | **829** |\n",
                 [], ["1,842", "1,210"])
    cards, _ = extract("# 笔试\n\n### 4. 正则化\n\nL1 正则容易得到稀疏解，原因是：\n\n- A. L1 范数处处可导\n- B. L1 的约束区域在坐标轴上有尖角\n"
                       "- C. L1 正则等价于给参数加高斯先验\n- D. L1 使损失函数严格凸\n\n我的答案：C ❌\n正确答案：B\n\n解析：L2 对应高斯先验，L1 对应拉普拉斯先验。\n")
    assert len(cards) == 1 and "- C. L1 正则等价于给参数加高斯先验" in cards[0].front and cards[0].back.startswith("正确答案：B") \
        and "我的答案" not in cards[0].back, [(c.front, c.back) for c in cards]


def test_slides_exported_from_beamer_read_as_what_they_show() -> None:
    text = ("# Lecture 6\n\n### Frame: Outline\n\n- **Recap**: gradient descent\n- **Not today**: second-order methods\n\n"
            "### Frame: Momentum\n\n\\pause\n\n- \\alert{Heavy ball}: adds $\\beta (w_t - w_{t-1})$ to the step\n\n\\only<2>{\n"
            "- **Nesterov**: takes the gradient at the look-ahead point\n}\n\n\\begin{block}{Rate}\n"
            "$$\\rho = \\frac{\\sqrt{\\kappa} - 1}{\\sqrt{\\kappa} + 1}$$\n\\end{block}\n")
    assert as_callouts(text).count("\n") == text.count("\n")
    cards, _ = extract(text)
    fronts = [c.front for c in cards]
    assert not any("\\" in f.split("$")[0] or "Frame" in f or "Recap" in f for f in fronts), fronts
    assert any("look-ahead point" in c.back for c in cards) and any("\\rho = ?" in f for f in fronts), fronts


def test_what_the_code_review_found_the_rules_of_this_session_missed_or_took() -> None:
    # an Org drawer never closed leaves the rest of the notes as they are
    assert_keeps("#+TITLE: Optimizers\n\n## Adam\n:PROPERTIES:\n:ID: 1\n\n## SGD\n\n- **lr**: the step size of each update\n",
                 ["the step size of each update"], [])
    # a quoted back over two lines is one back, and every card keeps its own line
    cards, _ = extract("# Cards\n\n## Biology\n\n```csv\nfront,back\nmitosis,\"cell division into\ntwo identical cells\"\n"
                       "meiosis,division into four cells with half the chromosomes\nosmosis,water moving across a membrane\n```\n")
    got = {c.front: (c.back, c.source.line) for c in cards}
    assert got["mitosis"] == ("cell division into two identical cells", 7) and got["osmosis"][1] == 10, got
    # three columns a row are a table, not cards
    cards, _ = extract("# Papers\n\n## Optimisers\n\n```\nAdam\t2014\tadaptive moments of the gradient\n"
                       "AdamW\t2017\tdecoupled weight decay from the update\nLion\t2023\tsign of an interpolated momentum\n```\n")
    assert not [c for c in cards if c.kind.name == "MANUAL"], [(c.front, c.back) for c in cards]
    # a letter closing a name before a Chinese word is part of it (“Student t 分布”), a vitamin's letter is a name
    assert_keeps("# 统计\n\n## 分布\n\n- Student t 分布的尾部比正态分布更厚\n- Vitamin C 抗坏血酸，水溶性维生素\n- Vitamin D 促进钙吸收，脂溶性\n",
                 ["抗坏血酸", "促进钙吸收"], ["分布的尾部"])
    # a corner that sets a rate in scientific notation works that case out
    assert_keeps("# Adam\n\n## First steps\n\n| lr=1e-3 | step 1 | step 2 |\n|---|---|---|\n| m | 0.1 g | 0.19 g |\n| v | 0.001 g² | 0.002 g² |\n",
                 [], ["0.19 g"])
    # a default that is a pair stays with the cloze that asks it
    cards, _ = extract("# Adam\n\n## Parameters\n\n| arg | default | meaning |\n|---|---|---|\n| `betas` | (0.9, 0.999) | decay rates of the moments |\n"
                       "| `eps` | 1e-8 | added to the denominator |\n")
    assert any(c.back == "decay rates of the moments" for c in cards), [(c.front, c.back) for c in cards]
    # a grader as a concept, and 衰减 beside Greek letters, are no report's field and no operation read aloud
    assert_keeps("# Eval\n\n## LLM-as-judge\n\n- **Grader**: a model scoring another model's answers against a rubric\n\n"
                 "## 动量\n\n动量 beta 和学习率衰减 gamma 一起决定步长：\n\n$$s = \\frac{\\gamma}{1 - \\beta}$$\n",
                 ["scoring another model's answers", "s = ?"], [])
    # by hand: a number with its unit, a share, or a named model beside it is a fact to keep
    assert_keeps("# Sourdough by hand\n\n## Dough\n\n- **Hydration**: 62–65%\n- **Bulk fermentation**: 24 °C for 4 h\n",
                 ["62–65%", "24 °C"], [])
    assert_keeps("# BPE worked by hand\n\n## Vocabulary\n\n- **Vocabulary size**: 30000 in BERT\n- **Merges**: 14\n",
                 ["30000 in BERT"], [": 14"])
    # an interviewer and the questions asked back at the end are the interview's, not knowledge
    assert_keeps("# 秋招面试日记\n\n## 8-27 一面\n\n面试官：男，做召回的。\n\n- **BN**：对每个通道在 batch 上归一化\n\n### 反问环节\n\n"
                 "1. 问：组里召回主要是双塔吗？\n   答：双塔为主。\n", ["对每个通道在 batch 上归一化"], ["做召回的", "双塔为主"])
    # a column rating how well one explained each part, under any heading
    assert_keeps("# PCA 讲给阿杰\n\n## 讲完以后\n\n| 部分 | 讲得怎样 |\n|---|---|\n| 方差 ↔ 特征值 | ✅ 讲清楚了 |\n| 中心化 | ❌ 说错了 |\n"
                 "| SVD 关系 | ⚠️ 半错 |\n\n## 定义\n\n- **主成分**：协方差矩阵最大特征值的特征向量\n", ["最大特征值的特征向量"], ["讲清楚了"])


def test_a_bold_name_with_its_source_in_brackets_names_what_is_under_it() -> None:
    cards, notices = extract("# Losses\n\n## Classification\n\n- **Focal loss** (Lin et al. 2017, RetinaNet, dense detection)\n"
                             "  - formula: $-\\alpha_t (1 - p_t)^{\\gamma} \\log p_t$\n"
                             "  - PyTorch: `torchvision.ops.sigmoid_focal_loss`, no `nn` class\n")
    assert cards and all(c.front.startswith("Focal loss:") for c in cards), [c.front for c in cards]
    assert not [n for n in notices if "raw Markdown" in n.message], [n.message for n in notices]


def test_notes_in_traditional_characters_are_asked_in_them() -> None:
    cards, _ = extract("# 機器學習筆記\n\n## 優化器\n\n- **學習率**：每一步更新的步長，通常從 1e-3 開始調\n- **動量**：對過去梯度做指數平均，讓更新更平滑\n")
    assert [c.front for c in cards] == ["優化器：**學習率** 是什麼？", "優化器：**動量** 是什麼？"], [c.front for c in cards]
    # simplified notes that quote a traditional name or two keep their script
    cards, _ = extract("# 机器学习笔记\n\n## 优化器\n\n- **学习率**：每一步更新的步长（台湾叫「學習率」）\n- **动量**：对过去梯度做指数平均\n")
    assert [c.front for c in cards] == ["优化器：**学习率** 是什么？", "优化器：**动量** 是什么？"], [c.front for c in cards]
    # … and what is left out is said in their script too, the notes' words as written
    _, notices = extract("# 機器學習筆記\n\n## 優化器\n\n- **學習率**：每一步更新的步長，通常從 1e-3 開始調\n"
                         "- **動量**：待補充\n- **TODO:** 看一下 Adam 的偏差修正\n")
    said = {n.rule: n.message for n in notices}
    assert said["left-out:todo-item"] == "“優化器：**TODO** 是什麼？” 是給自己的待辦（TODO），不是知識；做完後把學到的寫成“術語：解釋”", said
    assert said["left-out:empty-answer"].startswith("“優化器：**動量** 是什麼？”") and not set(said["left-out:empty-answer"]) & set("这个么说为写学还后"), said


def test_html_comments_are_not_read_as_the_notes_words() -> None:
    # a slide's fragment mark, a draft's hidden lines: no Markdown reader shows them (code keeps its own)
    cards, _ = extract("# VAE\n\n## Setup\n\n<!-- TODO: check this -->\n\n"
                       "- **Prior**: a standard normal over $z$ <!-- .element: class=\"fragment\" -->\n"
                       "- **Encoder**: maps $x$ to the parameters of $q(z|x)$\n\n<!--\n- **Decoder**: not written yet\n-->\n"
                       "- **ELBO**: a lower bound on $\\log p(x)$, written `<!-- x -->` in HTML\n")
    got = {c.front: (c.back, c.source.line) for c in cards}
    assert got["VAE › Setup: what is **Prior**?"] == ("a standard normal over $z$", 7), got
    assert got["VAE › Setup: what is **ELBO**?"] == ("a lower bound on $\\log p(x)$, written `<!-- x -->` in HTML", 13), got
    assert not any("<!--" in c.front or "Decoder" in c.front or "TODO" in c.front for c in cards), got


def test_an_html_table_exported_from_word_is_read_as_the_table_or_list_it_lays_out() -> None:
    # (Pandoc writes a Word table whose cells hold lines as HTML: a row a cell a line, “<br>” between a cell's lines)
    cards, notices = extract("# LoRA 论文笔记\n\n## 方法\n\n<table>\n<tbody>\n<tr>\n<td><b>初始化</b></td>\n"
                             "<td>A 用随机高斯初始化，B 初始化为 0，训练开始时增量为 0</td>\n</tr>\n<tr>\n<td><b>推理</b></td>\n"
                             "<td>部署时直接合并：<br>\n$W = W_0 + BA$，和普通 Linear 一样算，<b>没有额外推理延迟</b></td>\n</tr>\n"
                             "</tbody>\n</table>\n\n## 对比\n\n<table>\n<thead>\n<tr>\n<th>方法</th>\n<th>可训练参数</th>\n<th>推理延迟</th>\n"
                             "</tr>\n</thead>\n<tbody>\n<tr>\n<td>Adapter</td>\n<td>很少</td>\n<td>有，插在层之间串行计算</td>\n</tr>\n"
                             "<tr>\n<td>LoRA</td>\n<td>很少（可调 r）</td>\n<td>合并后没有额外延迟</td>\n</tr>\n</tbody>\n</table>\n")
    got = {c.front: (c.back, c.source.line) for c in cards}
    assert got["LoRA 论文笔记 › 方法：**初始化** 是什么？"] == ("A 用随机高斯初始化，B 初始化为 0，训练开始时增量为 0", 8), got
    assert ("$W = W_0 + BA$，和普通 Linear 一样算，**没有额外推理延迟**", 14) in [
        (c.back, c.source.line) for c in cards if c.kind.name == "FORMULA"], got
    assert got["对比：**LoRA** 的可训练参数？"] == ("很少（可调 r）", 36) and got["对比：**Adapter** 的可训练参数？"][1] == 31, got
    assert not any(re.search(r"</?(?:td|tr|b|br|table)\b", c.front + c.back) for c in cards), got
    # a table with a header is the Markdown table it lays out: each row's cells asked of its name, at the row's line
    cards, _ = extract("# Food safety\n\n## Temperature control\n\n<table>\n<thead>\n<tr>\n<th>Food</th>\n"
                       "<th>Min. internal temp</th>\n<th>Hold</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
                       "<td><strong>Poultry</strong><br />\n(whole or ground), stuffing</td>\n<td>165 °F (74 °C)</td>\n<td>&lt;1 s</td>\n"
                       "</tr>\n<tr>\n<td>Ground beef, pork, fish</td>\n<td>155 °F (68 °C)</td>\n<td><p>17 s</p>\n<p>at 155 °F</p></td>\n"
                       "</tr>\n</tbody>\n</table>\n")
    got = {(c.front, c.back, c.source.line) for c in cards}
    assert ("Temperature control: **Poultry (whole or ground), stuffing**: Min. internal temp?", "165 °F (74 °C)", 15) in got, got
    assert ("Temperature control: **Ground beef, pork, fish**: Hold?", "17 s; at 155 °F", 21) in got, got
    # a cell over two rows leaves the table as it was
    cards, _ = extract("# T\n\n## A\n\n<table>\n<thead>\n<tr>\n<th>Case</th>\n<th>Drug</th>\n</tr>\n</thead>\n<tbody>\n"
                       "<tr>\n<td rowspan=\"2\">Heart failure</td>\n<td>ACEi</td>\n</tr>\n<tr>\n<td>β-blocker</td>\n</tr>\n</tbody>\n</table>\n")
    assert not any("Heart failure" in c.front and "ACEi" in c.back for c in cards), [(c.front, c.back) for c in cards]
    # a table never closed, or one with a caption, stays as it is
    cards, _ = extract("# T\n\n## A\n\n<table>\n<tr>\n<td>Adam</td>\n<td>adaptive moments</td>\n</tr>\n")
    assert not any("Adam" in c.front for c in cards), [(c.front, c.back) for c in cards]


def test_a_to_do_a_release_status_and_an_options_letter_are_no_answers() -> None:
    cards, notices = extract("# PyTorch 2.x\n\n## 2.4\n\n- `torch.distributed.pipelining`: prototype.\n"
                             "- `torch.func`: functorch's transforms moved into core\n\n## Q4 — Ridge = MAP with ?\n\n"
                             "**题目**：L2 penalty 等价于 MAP with which prior?\nA. Laplace　B. Gaussian　C. Uniform\n\n**正确答案**：B\n\n"
                             "**老师讲解**：\n- C：uniform prior 下 MAP = MLE，就是普通 least squares\n"
                             "- 选 D 的同学：10 次确实少，但 MLE 总能算出来\n")
    rules = {n.source.line: n.rule for n in notices}
    assert rules[5] == "left-out:status-only", notices
    # (the letter answers the problem it is the answer of, asked whole with its options, and nothing else)
    assert [(c.front.splitlines()[-1], c.back) for c in cards if "B" in c.back.split("：")[-1]] == [
        ("A. Laplace　B. Gaussian　C. Uniform", "**正确答案**：B")], cards
    assert rules[16] == rules[17] == "left-out:label-term", notices
    # a table's status column says what it asks; a sort is stable, an isotope too
    assert_keeps("# PyTorch\n\n## APIs\n\n| API | status |\n|---|---|\n| `torch.export` | prototype |\n| `torch.compile` | stable |\n",
                 ["prototype", "stable"], [])
    assert_keeps("# Sorting\n\n## Stability\n\n- **Insertion sort**: stable\n- **Quicksort**: not stable\n", ["stable"], [])
    # away from a question's options a letter is a name or an answer (a vitamin, a key, a grade, a hex digit)
    cards, notices = extract("# Review\n\n## Vitamins\n\n- **C**: ascorbic acid; lack of it causes scurvy\n"
                             "- **D**: calciferol, made in the skin in sunlight\n\nQ: Which vitamin prevents scurvy?\nA: C\n\n"
                             "## Keys\n\nQ: What is the dominant of F major?\nA: C\n")
    assert {c.back for c in cards} >= {"ascorbic acid; lack of it causes scurvy", "C"} and len(cards) >= 4, \
        ([(c.front, c.back) for c in cards], notices)


def test_ones_own_remarks_under_a_docstring_are_asked_of_what_it_documents() -> None:
    cards, _ = extract("# Docs\n\n## `torch.gather`\n\nGathers values along an axis.\n\n**>> me:**\n"
                       "- Mental model: output has the shape of `index`, every position copies the coordinate\n"
                       "- **Ties**: the order of tied indices is not guaranteed\n")
    assert [c.front for c in cards] == ["`torch.gather`: what is **Mental model**?", "`torch.gather`: what is **Ties**?"], \
        [c.front for c in cards]
    # the fields of a saved issue, and who put the notes together, are about the notes
    _, notices = extract("# [saved thread] `torch.where` NaN\n\n> saved 2025-03-04.\n\n"
                         "Labels on the original: `module: autograd` · `module: NaNs and Infs` · `triaged`\n\n---\n\n"
                         "## Bug\n\n- **Cause**: the gradient of the unselected branch is still computed\n")
    assert any(n.source.line == 5 and n.rule == "left-out:preamble" for n in notices), notices
    cards, notices = extract("**论文笔记：LoRA**\n\n整理人：陈思远　　日期：2024年4月16日\n\n- **Adapter**：在层之间插入小模块，推理时增加延迟\n")
    assert [n.rule for n in notices if n.source.line == 3] == ["left-out:report-field"] and len(cards) == 1, notices
    # who compiled a classic is a fact
    assert_keeps("# 文学常识\n\n## 《诗经》\n\n- **整理者**：相传孔子删定\n- **篇数**：三百零五篇\n", ["相传孔子删定"], [])


def test_latex_source_pasted_into_notes_is_read_as_the_markdown_it_means() -> None:
    cards, notices = extract("# 线代复习\n\n\\section{Singular Value Decomposition}\n\n任意矩阵都可以分解成\n\\begin{align}\n"
                             "A = U \\Sigma V^\\top\n\\end{align}\n\n\\subsection{和特征值的关系}\n\n\\begin{align}\n"
                             "A^\\top A &= V (\\Sigma^\\top \\Sigma) V^\\top \\\\\nA A^\\top &= U (\\Sigma \\Sigma^\\top) U^\\top\n\\end{align}\n\n"
                             "\\begin{itemize}\n  \\item \\textbf{rank}：非零奇异值的个数\n  \\item \\textbf{谱范数}：最大的奇异值 $\\sigma_1$\n"
                             "\\end{itemize}\n\n% 坑：np.linalg.svd 的 s 是降序\n% 应用：图片压缩\n")
    got = {c.front: (c.back, c.source.line) for c in cards}
    assert got["Singular Value Decomposition：$$A = ?$$"] == ("$$\nA = U \\Sigma V^\\top\n$$", 6), got
    assert got["和特征值的关系：$$A^\\top A = ?$$"][1] == 13 and got["和特征值的关系：**谱范数** 是什么？"] == ("最大的奇异值 $\\sigma_1$", 19), got
    assert not any("%" in c.front or "\\textbf" in c.front + c.back or "\\item" in c.back for c in cards), got
    # a tally of one's own marks by part is no card; a file with one “\item” in a code span is Markdown as it is
    cards, _ = extract("# Check\n\n## Score\n\n| Part | ✅ | ⚠️ | ❌ |\n|---|---|---|---|\n| Adam basics | 5 | 2 | 1 |\n"
                       "| Weight decay | 2 | 0 | 2 |\n| Practical | 2 | 0 | 2 |\n")
    assert not cards, [(c.front, c.back) for c in cards]


def test_a_list_of_pitfalls_is_no_procedure_and_a_talks_time_budget_is_no_knowledge() -> None:
    cards, notices = extract("# 期末复习\n\n## 易错点汇总（习题课 + 往年）\n\n1. 信息增益偏好取值多的属性，**增益率**偏好取值少的\n"
                             "2. PCA 一定先中心化\n3. EM 不保证全局最优\n\n## 训练踩坑的顺序\n\n1. 先过拟合一个 batch\n2. 再加数据\n"
                             "3. 最后调学习率\n\n## 时间分配\n\n| 段落 | 时间 |\n|---|---|\n| 开场 + 结论先行 | 0:30 |\n"
                             "| 论点 1 + 小复现 | 2:30 |\n| 论点 2 | 2:30 |\n")
    assert [c.front for c in cards if c.kind.name == "STEPS"] == ["训练踩坑的顺序 的 3 个步骤依次是？"], \
        [(c.front, c.back) for c in cards]
    assert not any("论点" in c.front or "开场" in c.front for c in cards), [(c.front, c.back) for c in cards]
    assert sum(n.rule == "left-out:plan-item" for n in notices) == 3, notices
    # a race's splits on a clock are facts
    assert_keeps("# Running\n\n## Pacing\n\n| distance | split |\n|---|---|\n| 1 km | 4:30 |\n| 5 km | 22:30 |\n"
                 "| 10 km | 45:00 |\n", ["4:30", "22:30"], [])


def test_numbered_kinds_facets_and_reasons_are_no_steps_and_an_issues_symptom_is_its_log() -> None:
    cards, notices = extract("# 正则化\n\n## Dropout\n\n1. 训练时每个神经元以概率 p 被置0。\n"
                             "2. 为什么有效：\n   1. 近似于对指数多个子网络做集成；\n   2. 防止神经元之间的共适应。\n\n## 数据增强\n\n"
                             "1. 本质：把不变性先验注入数据\n2. 注意：增强不能改变标签语义\n\n## 训练流程\n\n1. 前向计算损失\n"
                             "2. 反向传播\n3. 更新参数\n")
    assert [c.front for c in cards if c.kind.name == "STEPS"] == ["训练流程 的 3 个步骤依次是？"], [(c.front, c.back) for c in cards]
    assert ("Dropout：为什么有效？", "1. 近似于对指数多个子网络做集成；\n2. 防止神经元之间的共适应。") in [(c.front, c.back) for c in cards]
    assert "数据增强的本质是什么？" in [c.front for c in cards], [c.front for c in cards]
    # what one saw of one's own tracked issue is its log
    _, notices = extract("# Known issues\n\n## KI-001 — Cross-entropy on softmax output → loss plateau\n\n"
                         "- **Symptom:** loss dropped from 4.17 to ~3.9 and then crawled\n"
                         "- **Root cause:** softmax applied twice before the loss\n")
    assert not any(n.rule == "left-out:symptom" for n in notices), notices  # (no status under it: not a tracked issue)
    _, notices = extract("# Known issues\n\n## KI-001 — Cross-entropy on softmax output → loss plateau\n\n"
                         "- **Status:** fixed\n- **Symptom:** loss dropped from 4.17 to ~3.9 and then crawled\n"
                         "- **Root cause:** softmax applied twice before the loss\n")
    assert any(n.source.line == 6 and n.rule == "left-out:symptom" for n in notices), notices
    # a procedure's items named by what one does are its steps; a disease's symptoms are facts
    cards, notices = extract("# Baking\n\n## Method\n\n1. Preheat: oven to 180 °C\n2. Mix: flour, sugar, eggs\n3. Bake: 25 min\n\n"
                             "## First aid\n\n1. **Danger**\n   - check the scene is safe\n2. **Response**\n   - talk and touch\n"
                             "3. **Send for help**\n   - call 000\n\n## COVID-19 — what the course said\n\n"
                             "- **Symptoms**: fever, cough, loss of taste or smell\n")
    assert [c.front for c in cards if c.kind.name == "STEPS"] == ["Method: what are the 3 steps, in order?",
                                                                   "First aid: what are the 3 steps, in order?"], \
        [(c.front, c.back) for c in cards]
    assert any("loss of taste" in c.back for c in cards), [(c.front, c.back) for c in cards]


def test_typst_source_pasted_into_notes_is_read_as_the_markdown_and_latex_it_means() -> None:
    cards, _ = extract("#set page(paper: \"a4\")\n#let rank = math.op(\"rank\")\n\n= SVD\n\n// pasted from my typst file\n\n"
                       "== Facts\n\n/ Spectral norm: $norm(A)_2 = sigma_1$\n/ Frobenius: $norm(A)_F = sqrt(sum_i sigma_i^2)$\n\n"
                       "Truncate after $k$ terms:\n$ A_k = sum_(i=1)^k sigma_i bold(u)_i bold(v)_i^T $\n\n"
                       "A matrix: $ M = mat(1, 2; 3, 4) $\n\n## Markdown again\n\n- **Storage**: $k(m+n+1)$ numbers instead of $mn$\n")
    got = {c.front: c.back for c in cards}
    assert got["Facts: **Spectral norm**: $\\left\\|A\\right\\|_2 = ?$"] == "**Spectral norm**: $\\left\\|A\\right\\|_2 = \\sigma_1$", got
    assert "$$A_k = \\sum_{i=1}^k \\sigma_i \\mathbf{u}_i \\mathbf{v}_i^T$$" in got["Facts: Truncate after $k$ terms:\n$$A_k = ?$$"], got
    assert not any("mat(" in f or "//" in f or "#set" in f for f in got), got  # (a matrix it cannot write is shown as code)
    assert got["Markdown again: what is **Storage**?"] == "$k(m+n+1)$ numbers instead of $mn$", got


def test_an_exams_working_carried_on_and_why_one_lost_marks_are_no_cards() -> None:
    cards, notices = extract("# 期中错题\n\n## 综合题（第 19 题，CNN）\n\n- **pool**：$32/2 = 16$ → $16\\times16\\times16$\n\n"
                             "## 第 16 题\n\n- **扣分原因**：没写全概率公式那一步\n- **全概率公式**：$P(B) = \\sum_i P(B|A_i)P(A_i)$\n")
    assert [c.front for c in cards] == ["第 16 题：**全概率公式**：$P(B) = ?$"], [(c.front, c.back) for c in cards]
    assert {n.source.line: n.rule for n in notices} == {5: "left-out:example", 9: "left-out:label-term"}, notices


@pytest.mark.parametrize("notes, kept, gone", [
    # a comment ends at its first “-->”, in backticks or not; one inside a sentence leaves the sentence whole
    ("# A\n\n## B\n\n- **SGD**: plain steps <!-- b\n`-->` arrow\n- **Adam**: adaptive moments\n", ["adaptive moments"], ["b\n"]),
    ("# A\n\n## B\n\n- **Adam**: adaptive moment <!-- check\nthe paper\nlater --> estimation, with bias correction\n",
     ["adaptive moment estimation, with bias correction"], ["the paper"]),
    # a display formula commented out opens nothing
    ("# A\n\n## B\n\n<!--\n$$\nx = 1\n$$\n-->\n\n- **Adam**: adaptive moment estimation\n", ["adaptive moment estimation"], []),
    # a row named by a “<th>” is a row; a table with a fence in a cell, or indented as code, stays as it is
    ("# A\n\n## B\n\n<table>\n<tr><th>Adam</th><td>adaptive moment estimation</td></tr>\n"
     "<tr><th>SGD</th><td>stochastic gradient descent</td></tr>\n</table>\n", ["adaptive moment estimation"], []),
    ("# A\n\n## B\n\n<table>\n<tr><td>Adam</td><td>example:\n\n```python\nopt = Adam()\n```\n\n</td></tr>\n</table>\n",
     [], ["- opt"]),
    # LaTeX shown in a fence is an example; a “\#” stays a character, not a heading
    ("# A\n\n## B\n\n```latex\n\\section{x}\n\\begin{itemize}\n\\item a\n\\end{itemize}\n```\n\n"
     "- **escapes**: \\# and \\_ are typed with a backslash in LaTeX\n", ["\\# and \\_ are typed with a backslash in LaTeX"], []),
    # a Markdown heading ends a LaTeX list left open
    ("\\section{A}\n\\begin{itemize}\n\\item y\n\n## Next\n\n- **Adam**: an optimiser with moment estimates\n",
     ["Next: what is **Adam**?"], []),
])
def test_what_the_code_review_found_in_the_rewrites(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_sentence_that_names_vitamins_shows_no_options_and_chunk_options_keep_code_lines() -> None:
    assert_keeps("# Vitamins\n\nVitamin A. Needed for vision. Vitamin B. Needed for energy.\n\n- **C**: ascorbic acid\n"
                 "- **D**: calciferol, made in the skin\n", ["ascorbic acid", "calciferol, made in the skin"], [])
    outline = parse_notes("# Q\n\n## Adam\n\n```{python}\n#| echo: false\n#| label: opt\n"
                          "opt = torch.optim.Adam(model.parameters())  # 默认 lr=1e-3\n```\n", "g.md")
    code = outline.root.sections[0].sections[0].blocks[0] if outline.root.sections[0].sections else outline.root.sections[0].blocks[0]
    assert code.text.startswith("opt = ") and code.text_line(1) == 8, (code.text, code.text_line(1))


def test_typst_sections_accents_displays_over_lines_comments_and_layout_calls() -> None:
    cards, _ = extract("#set page(width: 10cm)\n#let x = 1\n\n= Problem 1\n\n- **Velocity**: the time derivative of position, "
                       "$dot(x) = (dif x) / (dif t)$\n\n$ integral_0^1 x^2 dif x\n  = 1/3 $\n\n/* old attempt\nwrong: det = a b - c d */\n"
                       "#v(1em)\n")
    got = {c.front: c.back for c in cards}
    assert got["Problem 1: **Velocity**: the time derivative of position, $\\dot{x} = ?$"].endswith(
        "$\\dot{x} = (\\mathrm{d} x) / (\\mathrm{d} t)$"), got
    assert got["Problem 1: $$\\int_0^1 x^2 \\mathrm{d} x = ?$$"] == "$$\\int_0^1 x^2 \\mathrm{d} x = 1/3$$", got
    assert not any("wrong" in b or "#v" in b for b in got.values()), got


def test_cards_written_for_obsidian_spaced_repetition_and_if_then_rules() -> None:
    cards, _ = extract("---\ntags: [ml]\n---\n#flashcards/ml\n\n# Entropy\n\n## Basics\n\n"
                       "Entropy of a fair coin in bits::1 bit <!--SR:!2024-03-15,8,270-->\n"
                       "What does `F.cross_entropy` expect: probabilities or logits?::Raw logits; it applies `log_softmax`\n\n"
                       "Entropy of $\\mathcal{N}(\\mu, \\sigma^2)$\n?\n$h = \\frac{1}{2}\\log(2\\pi e\\,\\sigma^2)$, whatever $\\mu$.\n")
    got = {c.front: c.back for c in cards if c.kind.name == "MANUAL"}
    assert got == {"Entropy of a fair coin in bits": "1 bit",
                   "What does `F.cross_entropy` expect: probabilities or logits?": "Raw logits; it applies `log_softmax`",
                   "Entropy of $\\mathcal{N}(\\mu, \\sigma^2)$": "$h = \\frac{1}{2}\\log(2\\pi e\\,\\sigma^2)$, whatever $\\mu$."}, got
    # without the plugin's tag, “std::vector” is a name
    cards, _ = extract("# C++\n\n## Containers\n\nstd::vector is a dynamic array\nstd::map is a sorted tree\n")
    assert not [c for c in cards if c.kind.name == "MANUAL"], [(c.front, c.back) for c in cards]
    # a rule written as its case and what to do, and the why under it asked of that case
    cards, _ = extract("# Rules\n\n## NaN\n\n**IF** the loss becomes NaN **THEN** lower the learning rate.\n"
                       "- *why:* a too-large step blows the weights up.\n")
    # (its case in italics, its answer in bold, are still its parts; “**ELSE**” makes a rule of more parts)
    cards2, _ = extract("# Rules\n\n## Loss\n\n**IF** you apply softmax *and* use `nn.CrossEntropyLoss` **THEN** pass **logits**.\n\n"
                        "**IF** the rent is late **THEN** charge a fee; **ELSE** send a reminder.\n")
    assert [c.front for c in cards2 if c.kind.name == "MANUAL"] == [
        "If you apply softmax *and* use `nn.CrossEntropyLoss`, what then?"], [(c.front, c.back) for c in cards2]
    assert [(c.front, c.back) for c in cards] == [("If the loss becomes NaN, what then?", "lower the learning rate."),
                                                  ("the loss becomes NaN: why?", "a too-large step blows the weights up.")], \
        [(c.front, c.back) for c in cards]


def test_asciidoc_rst_and_confluence_pasted_into_notes_are_read_as_the_markdown_they_mean() -> None:
    cards, _ = extract("= Attention\n:toc: left\n:stem: latexmath\n\n// pasted from my wiki\n\n== Masking\n\n"
                       "Masks set disallowed positions to stem:[-\\infty] before the softmax.\n\n"
                       "* output shape: stem:[n \\times d_v]\n\n[stem]\n++++\nw = \\operatorname{softmax}(s)\n++++\n\n"
                       "NOTE: This is about the *scale at init*.\n\n[source,python]\n----\nimport torch\nx = torch.ones(2)\n----\n")
    fronts = [c.front for c in cards]
    assert "Masking: $$w = ?$$" in fronts and not any("stem:" in f or "----" in f or "[source" in f for f in fronts), fronts
    cards, _ = extract("Stable softmax\n==============\n\n.. contents:: On this page\n   :local:\n\nThe shift\n---------\n\n"
                       "The log-sum-exp of :math:`x`, with :math:`m = \\max_i x_i`, is computed as\n\n.. math::\n\n   \\operatorname{LSE}(x) = m + \\log\\sum_i e^{x_i - m}\n\n"
                       ".. note::\n\n   See :func:`torch.logsumexp`.\n")
    got = {c.front: c.back for c in cards}
    assert any("\\operatorname{LSE}(x) = m + \\log\\sum_i e^{x_i - m}" in b for b in got.values()), got
    assert not any(":math:" in f or ".. " in f or ":local:" in f for f in got), got
    cards, _ = extract("h1. PCA via SVD\n\nh2. Setup\n\n* Centered data $X_c = X - \\mathbf{1}\\mu^\\top$\n"
                       "{note}*Center first.* Otherwise the first component points at the mean.{note}\n\n"
                       "{code:python}\nU, S, Vt = np.linalg.svd(Xc, full_matrices=False)\n{code}\n\nh2. Terms\n\n\n"
                       "||Term||Meaning||\n|scores|{{U * S}}, the data in the new axes|\n|loadings|the columns of {{V}}|\n")
    got = {c.front: c.back for c in cards}
    assert got.get("Setup: centered data $X_c = ?$") or any("X_c = ?" in f for f in got), got
    assert any(b == "`U * S`, the data in the new axes" for b in got.values()), got
    assert not any("h2." in f or "{code" in f or "{note}" in b for f, b in got.items()), got


@pytest.mark.parametrize("notes, kept, gone", [
    # plain notes whose lines open with “NOTE:”, with a rule “----” and working “= 350 mg”: Markdown as written
    ("# Meds\n\n## Dosing\n\nNOTE: check the weight.\nTIP: round down.\nCAUTION: units.\n\n- **Dose**: 5 mg/kg\n\n----\n\n"
     "- **Drop factor of a blood set**: 15 drops/mL\n", ["15 drops/mL"], []),
    # a Confluence page's clozes, code and math stay; a Markdown heading stays a heading
    ("h2. Setup\n\nh3. More\n\n{note}Careful{note}\n\n## Bayes\n\nThe capital is {{c1::Paris}}.\n", ["{{c1::Paris}}"], []),
    # front matter over reStructuredText stays front matter
    ("---\ntitle: Docs\n---\n.. note:: a\n\n:func:`f` and :math:`x^2` and :class:`C`\n\n## Paths\n\n"
     "- **PurePath**: a path that does no I/O\n", ["Paths: what is **PurePath**?"], ["title: Docs"]),
    # in notes tagged for the plugin, C++ scopes and addresses are no cards; “France::Paris” is
    ("#flashcards\n\n# C++\n\n## Scope\n\n静态成员用 Widget::count 访问，例如 Widget::draw() 在类外定义。\n\n"
     "Capital of France::Paris\n", ["Paris"], ["draw() 在类外定义"]),
    # reasons under a heading that names them are not steps, wherever the word stands
    ("# Bread\n\n## The reasons my loaf was dense\n\n1. Underproofed dough\n2. Too little water\n", [], ["步骤", "steps"]),
])
def test_what_the_third_reviews_found_the_readers_must_keep(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_box_whose_lead_is_only_a_tag_does_not_stop_the_file() -> None:
    cards, notices = extract("# Notes\n\n<details>\n#flashcards\n- **list**: an ordered collection of items\n</details>\n")
    assert not any("failed" in n.message for n in notices), notices


def test_gitbook_tabs_are_layout_not_the_codes_task() -> None:
    cards, _ = extract("# Schedules\n\n## Warmup\n\nLinear warmup then cosine decay:\n\n{% tabs %}\n{% tab title=\"Pure PyTorch\" %}\n"
                       "```python\ndef warmup_cosine(step, W, T):\n    return min(1.0, step / W)\n```\n{% endtab %}\n{% endtabs %}\n")
    assert cards and not any("{%" in c.front or "{%" in c.back for c in cards), [(c.front, c.back) for c in cards]


def test_conditions_and_assumptions_in_a_numbered_list_are_no_steps() -> None:
    cards, _ = extract("# 线代\n\n## 线性变换\n\n**线性**的两个几何条件：\n1. 直线变换后仍是直线\n2. 原点不动\n\n"
                       "## 求根\n\n牛顿法的步骤：\n1. 选初值\n2. 迭代到收敛\n")
    assert [c.front for c in cards if c.kind.name == "STEPS"] == ["牛顿法的步骤 的 2 个步骤依次是？"], [(c.front, c.back) for c in cards]


def test_random_draws_and_terminal_sessions_are_no_answers() -> None:
    _, notices = extract("# Tensors\n\n## Creation\n\n| One-liner | Output |\n|---|---|\n"
                         "| `torch.manual_seed(0); torch.rand(2)` | `tensor([0.4963, 0.7682])` |\n| `torch.zeros(2)` | `tensor([0., 0.])` |\n"
                         "| `torch.manual_seed(0); torch.randint(0, 10, (3,))` | `tensor([4, 9, 3])` |\n\n"
                         "## GPU\n\nCheck the card first:\n\n```\n$ nvidia-smi --query-gpu=name --format=csv\nname\nNVIDIA A10G\n```\n")
    rules = {n.source.line: n.rule for n in notices}
    assert rules.get(7) == rules.get(9) == "left-out:random-output" and 8 not in rules, notices
    assert any(r == "left-out:transcript" for r in rules.values()), notices


@pytest.mark.parametrize("notes, kept, gone", [
    # what a random call gives, as a shape, a range or a count, is what to remember of it
    ("# Sampling\n\n## numpy\n\n| Call | Shape |\n|---|---|\n| `np.random.rand(2, 3)` | `(2, 3)` |\n| `np.random.rand(5)` | `(5,)` |\n"
     "| `np.random.rand(4, 4)` | `(4, 4)` |\n\n- **`random.random()` 的返回值范围**：`[0.0, 1.0)`\n", ["(2, 3)", "[0.0, 1.0)"], []),
    # commands over lines, a here-document, a comment: still commands, nothing printed
    ("# Docker\n\n## Run\n\nRun nginx with a port and a name:\n\n```bash\n$ docker run -d \\\n    -p 8080:80 \\\n    --name web nginx\n```\n",
     ["docker run -d"], []),
    # a procedure on conditional probability, a construction under given conditions: steps
    ("# 概率\n\n## 条件概率\n\n计算条件概率的做法：\n1. 写出样本空间\n2. 找出 B 的结果\n3. 数 AB 的结果\n", ["写出样本空间"], []),
    # a site's tags shown in a fence are an example
    ("# Docs\n\n## Tabs\n\nWrite a tabs block with two tabs:\n\n```markdown\n{% tabs %}\n{% tab title=\"macOS\" %}\nbrew install rg\n{% endtab %}\n"
     "{% endtabs %}\n```\n", ['{% tab title="macOS" %}'], []),
])
def test_what_the_fourth_review_found_the_new_rules_must_keep(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_what_the_fifth_review_found_the_last_rules_must_keep_and_leave() -> None:
    cards, notices = extract("# Law\n\n## Consideration\n\n**IF** consideration is past **THEN** it is no consideration **else if** "
                             "there was a prior request **then** it may be good.\n\nConditions for a valid contract:\n1. Offer\n"
                             "2. Acceptance\n3. Consideration\n\n## Random\n\n| Call after `random.seed(42)` | Output |\n|---|---|\n"
                             "| `random.random()` | `0.6394267984578837` |\n| `np.random.rand(3)` | `[0.37454012 0.95071431 0.73199394]` |\n"
                             "| `random.uniform(0, 1)` | `[0.0, 1.0]` |\n")
    fronts = [c.front for c in cards]
    assert not any(f.startswith("If consideration") for f in fronts) and not any(c.kind.name == "STEPS" for c in cards), fronts
    assert sum(n.rule == "left-out:random-output" for n in notices) == 2 and any("[0.0, 1.0]" in c.back for c in cards), notices
    # a tab's code keeps the lead above the tabs; a site's “{% raw %}” in a fence is the site's, not shown
    cards, _ = extract("# Pandoc\n\n## Install\n\nInstall Pandoc before anything else:\n\n{% tabs %}\n{% tab title=\"macOS\" %}\n"
                       "```bash\nbrew install pandoc\n```\n{% endtab %}\n{% endtabs %}\n\n## Liquid\n\nLoop over the posts:\n\n"
                       "```liquid\n{% raw %}\n{% for post in site.posts %}{{ post.title }}{% endfor %}\n{% endraw %}\n```\n")
    got = {c.front: c.back for c in cards}
    assert any("brew install pandoc" in b for b in got.values()) and not any("{% raw %}" in b for b in got.values()), got


def test_a_facet_every_concept_has_is_asked_of_the_concept_not_of_itself() -> None:
    notes = "# Concepts\n\n" + "".join(
        f"## {name}\n- **Prerequisites**\n  - {pre}\n- **Definition**\n  - {what}\n- **Leads to**\n  - {nxt}\n\n"
        for name, pre, what, nxt in [("Expectation", "random variable", "the mean of a distribution", "Monte Carlo"),
                                     ("Entropy", "expectation, log", "the expected surprise", "cross-entropy"),
                                     ("KL divergence", "cross-entropy", "cross-entropy minus entropy", "the ELBO")])
    got = {c.front: c.back for c in extract(notes)[0]}
    assert got.get("Entropy: what are its prerequisites?") == "- expectation, log", got
    assert got.get("KL divergence: what does it lead to?") == "- the ELBO", got
    assert not any(f.startswith(("Prerequisites:", "Leads to:")) for f in got), got


def test_a_card_apps_export_pasted_as_lines_of_a_paragraph_makes_a_card_a_line() -> None:
    cards, _ = extract("# Prob (export)\n\nexported from my set, separator = tab.\n\n"
                       "Variance\tVar(X) = E[(X - E[X])^2] = E[X^2] - (E[X])^2\n*Law of total variance\tVar(X) = E[Var(X|Y)] + Var(E[X|Y])\n"
                       "i.i.d.\tindependent and identically distributed\nForward vs reverse KL\tmin KL(p||q) over q is mass-covering\n"
                       "min KL(q||p) is mode-seeking\n\n## Linear algebra\n\nRank - dimension of the column space\n"
                       "Trace - sum of the diagonal = sum of the eigenvalues\nSVD - A = U S V^T for any matrix\n\n"
                       "## Not cards\n\nMon - rest day and a long walk\nTue - gym then the lab\nWed - paper reading group\n\n"
                       "I left early - it rained all day and night.\nWe went home - soaked to the skin by then.\nMy notes - I lost them on the bus again.\n")
    got = {c.front: (c.back, c.source.line) for c in cards}
    assert got.get("Law of total variance") == ("Var(X) = E[Var(X|Y)] + Var(E[X|Y])", 6), got
    assert got.get("i.i.d.", ("",))[0] == "independent and identically distributed", got
    assert got.get("Forward vs reverse KL", ("",))[0].endswith("min KL(q||p) is mode-seeking"), got
    assert got.get("Trace", ("",))[0] == "sum of the diagonal = sum of the eigenvalues", got
    assert not any(f in got for f in ("Mon", "Tue", "I left early", "We went home", "My notes")), got


def test_a_scripts_panels_directions_and_lines_are_no_cards_and_its_formulas_are() -> None:
    panels = "".join(f"### 分镜 {n}\n- 画面：{shown}\n- 猫老师：「{said}」\n- 旁白：{over}\n\n" for n, shown, said, over in [
        (1, "教室黑板上写着一句话。", "问题来了。", "每个词都要去看别的词。"),
        (2, "特写同学手里三张卡片。", "$q = xW_Q$，$k = xW_K$，$v = xW_V$。", "三个矩阵所有位置共享。"),
        (3, "同学拿着放大镜看名牌。", "打分就是点积。", "打分 = 点积 $s_j = q \\cdot k_j$。")])
    cards, notices = extract("# 注意力教室 脚本\n\n## 分镜\n\n" + panels)
    assert not any(c.kind.name == "DEFINITION" for c in cards), [c.front for c in cards]
    assert any(n.rule == "left-out:script" for n in notices) and any(c.kind.name == "FORMULA" for c in cards), notices
    # a page of scenes with no script's labels is notes on each scene
    cards, _ = extract("# Hamlet\n\n## Scene 1\n\n- **Foreshadowing**: the ghost's warning hints at the ending.\n\n"
                       "## Scene 2\n\n- **Soliloquy**: a speech alone on stage that shows the speaker's thoughts.\n")
    assert [c.front for c in cards] == ["Scene 1: what is **Foreshadowing**?", "Scene 2: what is **Soliloquy**?"], cards


def test_a_value_r_markdown_computes_when_rendered_is_no_answer() -> None:
    cards, notices = extract("# HW4\n\n## Logistic regression\n\n$\\hat\\beta_1 = `r round(coef(fit)[\"wt\"], 3)`$: each extra 1000 lbs "
                             "multiplies the odds by $e^{\\hat\\beta_1}$.\n\nThe change in probability: $\\partial p/\\partial x_j = "
                             "\\beta_j\\, p(1-p)$.\n\nWe fit `r nrow(mtcars)` cars, and the slope is $b = `{python} slope`$.\n\n"
                             "## Sampling\n\n- **改正**：`r = np.random.uniform(-2, -1); beta = 1 - 10**r`\n")
    assert [c.back for c in cards if "`r round" in c.back or "{python}" in c.back] == [], [c.back for c in cards]
    assert any("p(1-p)" in c.back for c in cards) and any("`r = np.random" in c.back for c in cards), cards
    assert sum(n.rule == "left-out:rendered-value" for n in notices) >= 2, notices


def test_a_decision_trees_question_is_asked_on_the_branch_it_hangs_from() -> None:
    cards, _ = extract("# Which optimiser?\n\n- **Training a transformer from scratch?**\n  - **YES** → AdamW, warmup\n"
                       "    - Which decay after warmup?\n      - cosine when the step budget is known\n      - inverse-sqrt otherwise\n"
                       "  - **NO** → go on\n- **Is the batch over 1k?**\n  - 是：warmup\n    - How long a warmup?\n"
                       "      - five epochs, as Goyal et al.\n")
    fronts = [c.front for c in cards]
    assert "Training a transformer from scratch? YES → Which decay after warmup?" in fronts, fronts
    assert "Is the batch over 1k? 是 → How long a warmup?" in fronts, fronts


def test_lines_of_turns_with_ones_own_are_no_terms() -> None:
    cards, _ = extract("# Daily tips\n\n## Post 12\n\nme: *changes random seed from 42 to 43*\nmodel: *accuracy drops 4%*\n"
                       "me: \"my method is robust\"\n\n## Post 13\n\nUp: [[Optimisers]]\nAdamW: Adam with decoupled weight decay\n")
    fronts = [c.front for c in cards]
    assert not any("**me**" in f or "**model**" in f for f in fronts) and any("**AdamW**" in f for f in fronts), fronts


def test_an_afterword_and_an_edit_log_are_no_terms() -> None:
    cards, notices = extract("# BN 论文翻译\n\n## 加速 BN 网络\n\n- **去掉 Dropout**：BN 已有正则化效果，去掉后训练更快且不过拟合\n\n"
                             "**写在最后**：翻译花了两个周末，如有错误请在评论区指出。\n\n"
                             "**编辑记录**：6/02 根据评论区的提醒，修正了算法 1 中分母漏掉 $\\epsilon$ 的错误。\n")
    fronts = [c.front for c in cards]
    assert not any("写在最后" in f or "编辑记录" in f for f in fronts) and any("去掉 Dropout" in f for f in fronts), fronts


def test_a_mark_schemes_formulas_are_asked_of_the_question_above_it() -> None:
    cards, _ = extract("# Mock exam\n\n## Question 2 — Gradient descent on a quadratic\n\n**(a)** Compute the minimiser. **[2 marks]**\n\n"
                       "### Mark scheme Q2\n\n- the minimiser is $x^\\star = A^{-1}b$ [1]\n")
    assert [c.front for c in cards if c.kind.name == "FORMULA"] == [
        "Question 2 — Gradient descent on a quadratic › Mark scheme Q2: the minimiser is $x^\\star = ?$ [1]"], cards


def test_a_tables_column_of_wrong_answers_is_not_taught() -> None:
    cards, _ = extract("# 笔记\n\n## 易混点\n\n| 问题 | 容易答错的 | 正确 |\n|---|---|---|\n| 缩放因子 | 除以 d_k | 除以 √d_k |\n"
                       "| LN 归一化的维度 | batch 维 | 每个 token 的特征维 |\n\n## Myths\n\n| Topic | Misconception | Fact |\n|---|---|---|\n"
                       "| Scaling | divide by d_k | divide by sqrt(d_k) |\n| LN axis | batch axis | feature axis |\n")
    got = {c.front: c.back for c in cards}
    assert not any(b in ("除以 d_k", "batch 维", "divide by d_k", "batch axis") for b in got.values()), got
    assert got.get("易混点：**缩放因子** 的正确说法？") == "除以 √d_k" and got.get("Myths：**LN axis** 的正确说法？") == "feature axis", got
    cards, _ = extract("# Notes\n\n## Myths\n\n| Topic | Misconception | Fact |\n|---|---|---|\n| Scaling | divide by d_k | divide by sqrt(d_k) |\n"
                       "| LN axis | batch axis | feature axis |\n")
    assert {c.front: c.back for c in cards}.get("Myths: **Scaling**: correct answer?") == "divide by sqrt(d_k)", cards


@pytest.mark.parametrize("notes, kept, gone", [
    # terms a scene's notes define are cards on a page that also notes each scene's visuals
    ("# Vertigo\n\n## Scene 1\n\n- **Dolly zoom**: the camera tracks back while the lens zooms in.\n\nVisual: Scottie on the gutter\n\n"
     "## Scene 2\n\n- **Eyeline match**: a cut from a look to what is seen.\n\nVisual: Madeleine in profile\n", ["Dolly zoom", "Eyeline match"], []),
    # a term of the craft that holds a script's word (“推镜头”) is a term
    ("# 分镜课\n\n## 分镜 1\n\n- 画面：远处的城市\n- 旁白：故事开始\n\n## 分镜 2\n\n- **推镜头**：镜头向被摄主体推进，景别由大变小\n- 画面：人物特写\n",
     ["推镜头"], []),
    # a vocabulary list with “我”, a list of abbreviations with “Me”: terms, not turns
    ("# Lesson 3\n\n## Pronouns\n\n我: wǒ — I, me\n他: tā — he, him\n她: tā — she, her\n", ["tā — he, him"], []),
    ("# Organic\n\n## Abbreviations\n\nMe: methyl, CH3\nEt: ethyl, C2H5\nPh: phenyl, C6H5\n", ["ethyl, C2H5"], []),
    # a system's edit log, a book's afterword as a vocabulary item: terms
    ("# HDFS\n\n## NameNode\n\n- **Edit log**: the NameNode's write-ahead journal of namespace changes\n", ["write-ahead journal"], []),
    ("# 生词\n\n## 第三课\n\n- **后记**：hòujì — afterword, postscript\n", ["afterword, postscript"], []),
    # a definition that ends on a value R computes still says what the thing is
    ("# Lab\n\n## Fit\n\n- **Slope**: the expected change in the response per unit of x; in our fit it is `r round(b1, 2)`\n",
     ["expected change in the response"], []),
])
def test_what_the_review_of_round_77_found_the_new_rules_must_keep(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)



def test_a_database_entrys_properties_are_no_cards_and_its_answer_answers_its_title() -> None:
    pages = "".join(f"# {q}\n\nTopic: {topic}\nDifficulty: {level}\nSource: {src}\nAnswer: {answer}\nStatus: Reviewed\n\n"
                    for q, topic, level, src, answer in [
                        ("Why warmup?", "LR schedule", "Hard", "Goyal et al. 2017", "early Adam steps are noisy, so ramp the lr up"),
                        ("Cosine annealing formula?", "LR schedule", "Easy", "SGDR paper", "lr decays along half a cosine to the minimum"),
                        ("Does SGD noise help?", "Theory", "Hard", "Keskar et al. 2017", "it tends to find flatter minima")])
    cards, _ = extract("# Optimizers Q&A\n\n| Question | Topic | Difficulty |\n| --- | --- | --- |\n| Why warmup? | LR schedule | Hard |\n"
                       "| Cosine annealing formula? | LR schedule | Easy |\n\n" + pages + "# Lecture 7\n\n**Scribes:** Priya Raman, Tom Okafor\n")
    got = {c.front: c.back for c in cards}
    assert got.get("Why warmup?") == "early Adam steps are noisy, so ramp the lr up", got
    assert not any(re.search(r"topic|difficulty|scribes", f, re.I) for f in got), got
    assert not any(b in ("Easy", "Hard", "LR schedule", "Theory") for b in got.values()), got


def test_what_a_one_liner_printed_is_not_asked_of_its_goal_alone() -> None:
    cards, notices = extract("# Tensor one-liners\n\n" + "".join(
        f"## {n}. {goal}\n- **Goal:** {goal}\n- **One-liner:** `{call}`\n- **Output:** `{out}`\n- **Why:** {why}\n\n"
        for n, goal, call, out, why in [
            (1, "Count occurrences of each id", "torch.bincount(idx, minlength=5)", "tensor([2, 1, 2, 0, 0])", "counts each value"),
            (2, "Sum values by group id", "torch.zeros(3).index_add_(0, idx, vals)", "tensor([4., 4., 7.])", "duplicates add up"),
            (3, "First True per row", "mask.int().argmax(dim=1)", "tensor([1, 2, 0])", "argmax returns the first maximum")]))
    assert not any(c.back.startswith("`tensor(") for c in cards), [(c.front, c.back) for c in cards]
    assert sum(n.rule == "left-out:output-without-input" for n in notices) == 3, notices
    assert any("torch.bincount" in c.back for c in cards), [(c.front, c.back) for c in cards]


@pytest.mark.parametrize("notes, kept, gone", [
    # a book's recorder is a fact of it; a contract's assignee a term; a law got by combining laws a result
    ("# 文学常识\n\n## 先秦\n\n- **《论语》**\n  - **记录者**：孔子弟子及再传弟子\n  - **体例**：语录体\n", ["孔子弟子及再传弟子"], []),
    ("# Contracts II\n\nAssignor: the party who transfers the rights\nAssignee: the party who receives the assigned rights\n"
     "Obligor: the party who owes the performance\n", ["receives the assigned rights"], []),
    ("# Gas laws\n\n## Ideal gas equation\n\nCombining the three laws with Avogadro's law:\n\n$$pV = nRT$$\n", ["pV = nRT"], []),
])
def test_what_the_review_of_round_78_found_the_new_rules_must_keep(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_formula_marked_wrong_with_a_heavy_cross_or_as_a_first_attempt_is_no_card() -> None:
    cards, _ = extract("# Derivation checklist\n\n## Step 6 — through a linear layer\n\n**first attempt:** $\\dfrac{\\partial L}{\\partial W} = G X^\\top$ ✘\n"
                       "shape does not even multiply.\n\n**fix:** $\\dfrac{\\partial L}{\\partial W} = X^\\top G$ ✔\n\n## Step 3 — Jacobian\n\n"
                       "**what I wrote first:**\n\n$$\\frac{\\partial p_i}{\\partial z_j} = p_i(1 - p_i)$$\n\nThat's the sigmoid derivative pasted in.\n")
    backs = " | ".join(c.back for c in cards)
    assert "G X^\\top" not in backs and "p_i(1 - p_i)" not in backs and "X^\\top G" in backs, backs


def test_notes_and_to_sum_up_are_labels_not_terms() -> None:
    cards, _ = extract("# Lecture 7 — Batch Normalization\n\n## eval 模式\n\n**笔记**：我 HW3 就是这个 bug！验证集 acc 随 batch size 变。\n\n"
                       "## Summary slide\n\n**To sum up**: PCA finds the directions of largest variance.\n\n**笔记本电脑**：便携的个人计算机。\n")
    fronts = [c.front for c in cards]
    assert not any("**笔记**" in f or "To sum up" in f for f in fronts) and any("笔记本电脑" in f for f in fronts), fronts


@pytest.mark.parametrize("notes, kept, gone", [
    # a category that is the fact to learn: a drug's class, a good's kind
    ("# Pharmacology\n\n## Drug classes\n\n| Drug | Category | Use |\n|---|---|---|\n| Lisinopril | ACE inhibitor | hypertension |\n"
     "| Metoprolol | Beta blocker | angina |\n", ["ACE inhibitor", "Beta blocker"], []),
    ("# 有机\n\n## 反应\n\n| 反应 | 分类 |\n|---|---|\n| SN1 | 单分子亲核取代 |\n| SN2 | 双分子亲核取代 |\n", ["单分子亲核取代"], []),
    # a result got by combining, summing, telescoping is a result
    ("# Physics\n\n## Work-energy theorem\n\nThe work over each small step is the change in kinetic energy; the sum telescopes:\n\n"
     "$$W = K_f - K_i$$\n", ["W = K_f - K_i"], []),
    ("# Micro\n\n## Cournot\n\nCombining the two best responses:\n\n$$q^* = \\frac{a - c}{3b}$$\n", ["\\frac{a - c}{3b}"], []),
    # the blunder is the thing to learn in a page of traps
    ("# Chess\n\n## Opening traps\n\n| Trap | Mistake | Punishment |\n|---|---|---|\n| Scholar's mate | 2... Nf6?? | Qxf7# |\n"
     "| Légal's mate | 4... Bxf3?? | Nxe5 |\n", ["2... Nf6??"], []),
    # a circuit's output written as rows of numbers is no printed tensor
    ("# Logic\n\n## 2-to-4 decoder\n\n- **Output**: [[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]\n- **Input**: two select lines\n",
     ["[[1,0,0,0]"], []),
    # one's first try the teacher confirmed
    ("# 动力学\n\n## 阿伦尼乌斯\n\n我一开始写的：\n\n$$\\ln k = \\ln A - \\frac{E_a}{RT}$$\n\n老师确认这是对的。\n", ["E_a}{RT}"], []),
    # Egypt's scribes are a class, not a lecture's note-takers
    ("# Egypt\n\n## Society\n\n- **Scribes**: a literate professional class who recorded taxes and laws\n", ["literate professional"], []),
])
def test_what_the_review_of_round_79_found_the_new_rules_must_keep(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_tables_rows_numbered_in_a_column_are_named_by_what_they_hold() -> None:
    cards, _ = extract("# Linear algebra cheat sheet\n\n| # | formula | tiny example | PyTorch one-liner |\n|---|---|---|---|\n"
                       "| 1 | $x^\\top y = \\sum_i x_i y_i$ | $x=(1,2), y=(3,4)$ → $11$ | `torch.dot(x, y)` |\n"
                       "| 2 | $\\lVert x\\rVert_1 = \\sum_i \\lvert x_i\\rvert$ | $(3,-4)$ → $7$ | `torch.linalg.vector_norm(x, ord=1)` |\n"
                       "| 3 | $xy^\\top$ | $x=(1,2), y=(3,4)$ → rank one | `torch.outer(x, y)` |\n")
    got = {c.front: (c.back, c.source.line) for c in cards}
    assert ("`torch.outer(x, y)`", 7) in got.values(), got
    assert not any("→" in back for back, _ in got.values()), got


@pytest.mark.parametrize("notes, kept, gone", [
    # lines split by “ - ” that are no glossary: a file's particulars, a meeting's views, steps, math and code
    ("# CS229 notes\n\nCourse - CS229 Machine Learning at Stanford\nLecturer - Andrew Ng and Tengyu Ma\n"
     "Source - the official lecture videos online\n\n## Lecture 1\n\n**Rank**: dimension of the column space\n", ["Rank"], ["Andrew Ng"]),
    ("# Meeting\n\n## Views\n\nAlice - thinks we should use the larger model\nBob - says the data is too small for it\n"
     "Carol - agreed with Bob on the data size\n", [], ["larger model", "too small"]),
    ("# Pipeline\n\n## Steps\n\nStep 1 - load the data into a frame\nStep 2 - clean the missing values out\n"
     "Step 3 - fit the model on the train split\n", [], ["load the data into a frame"]),
    ("# Stats\n\n## Scores\n\n$x - \\mu$ over sigma is the z score of a point\n$x - y$ is the difference of the two samples\n"
     "$f(x) - f(y)$ bounds the change in the value\n", [], ["f(y)$ bounds"]),
    # a glossary written in italics, or with hard breaks, keeps its words clean
    ("# LA\n\n## Terms\n\n*Rank - dimension of the column space*\n*Trace - sum of the diagonal entries*\n"
     "*Determinant - product of the eigenvalues of it*\n", ["dimension of the column space |"], ["column space*"]),
    # “Me:” in a glossary of abbreviations is a term, said once
    ("# Organic\n\n## Groups\n\nMe: *methyl group*\nEt: *ethyl group*\nPh: *phenyl group*\n", ["ethyl group"], []),
    # a pitfall's column is knowledge; “No one knows” is no branch; a rule's wording in quotes under a panel is a term
    ("# Training\n\n## Pitfalls\n\n| Step | Common mistake | Consequence |\n|---|---|---|\n"
     "| Backward | forgetting optimizer.zero_grad() | gradients accumulate |\n| Eval | forgetting model.eval() | dropout stays on |\n",
     ["forgetting optimizer.zero_grad()"], []),
    ("# Q\n\n- **Is the batch over 1k?**\n  - No one knows for sure\n    - What do people suspect?\n      - sharp minima\n", [],
     ["NO → What do people suspect"]),
    ("# NeurIPS\n\n## Panel 1: Scaling laws\n\nCamera: the slides were hard to read.\n\n- **Chinchilla rule**: “about 20 tokens per "
     "parameter”\n\n## Panel 2: Safety\n\nCaption: the speaker's slide.\n\n- **RLHF**: fine-tuning from human preference labels\n",
     ["about 20 tokens per parameter"], []),
    # a facet said as a noun and “to” is no verb
    ("# Topics\n\n" + "".join(f"## {t}\n- **Connections to**\n  - {c}\n- **Definition**\n  - {d}\n\n" for t, c, d in [
        ("Entropy", "KL", "expected surprise"), ("KL", "cross-entropy", "a divergence"), ("MLE", "KL", "argmax of likelihood")]),
     [], ["connection to?"]),
])
def test_what_the_code_review_of_this_session_found(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_value_rendered_alone_is_no_answer_and_the_markdown_rendered_beside_its_source_is_not_read(tmp_path) -> None:
    cards, notices = extract("# Lab\n\n## Fit\n\n- **Estimated slope**: `r round(coef(fit)[2], 3)`\n- **Slope**: change in y per unit of x\n")
    assert [c.back for c in cards] == ["change in y per unit of x"] and any(n.rule == "left-out:rendered-value" for n in notices), cards
    from studydeck.pipeline import Workspace
    (tmp_path / "hw.Rmd").write_text("# HW\n\n**Slope**: change in y per unit of x\n", encoding="utf-8")
    (tmp_path / "hw.md").write_text("# HW\n\n**Slope**: change in y per unit of x\n", encoding="utf-8")
    (tmp_path / "other.md").write_text("# Other\n\n**Rank**: dimension of the column space\n", encoding="utf-8")
    ws = Workspace.load([tmp_path], cache_dir=None)
    assert sorted(d.file.path.name for d in ws.docs) == ["hw.Rmd", "other.md"]


def test_a_lab_books_signature_a_vocabularys_word_class_and_an_index_of_uses_are_no_cards() -> None:
    cards, _ = extract("# Lab book\n\n" + "".join(f"## EXP-0{n}: {t}\n\n**Result**: {r}\n\n**Signed**: MO   Witnessed: J. Lindqvist (TA)\n\n"
                                                    for n, t, r in [(7, "eval mode", "BN needs eval()"), (8, "label smoothing", "better ECE"),
                                                                    (9, "bf16", "1.6x faster")]) +
                       "## Vocabulary\n\n| word | POS | 中文 |\n|---|---|---|\n| substantially | adv. | 大幅地 |\n| ablation | n. | 消融 |\n"
                       "| yield | v. | 产生 |\n\n## Index\n\n| 小节 | 定义的 | 引用的（来自前后） |\n|---|---|---|\n| §3.2 | 3.3–3.7 | 3.1, 3.2 |\n"
                       "| §3.4 | 3.10–3.13 | 3.5, 3.6 |\n| §3.5 | 3.14–3.16 | 3.5, 3.8 |\n")
    got = {c.front: c.back for c in cards}
    assert not any(b.startswith("MO") or b in ("adv.", "n.", "v.") or b.startswith("3.5") for b in got.values()), got
    assert "大幅地" in got.values(), got


def test_code_a_fix_follows_under_fix_is_the_buggy_version() -> None:
    cards, notices = extract("# Spot the bug\n\n## Bug 3 — validating in train mode\n\n```python\ndef evaluate(model, loader):\n"
                             "    return sum((model(x).argmax(1) == y).sum().item() for x, y in loader)\n```\n\n"
                             "**What's wrong:** no `model.eval()`.\n\n**Fix:**\n\n```python\n@torch.no_grad()\ndef evaluate(model, loader):\n"
                             "    model.eval()\n    return sum((model(x).argmax(1) == y).sum().item() for x, y in loader)\n```\n")
    assert not any("def evaluate" in c.back and "model.eval()" not in c.back for c in cards), [c.back for c in cards]
    assert any(n.source.line == 5 and "marked wrong" in n.message for n in notices), notices


def test_a_glossary_written_to_be_covered_asks_the_term_from_its_description() -> None:
    cards, _ = extract("# Optimisation — reverse glossary\n\n## Plain methods\n\n"
                       "1. The scalar in the update rule; too big diverges, too small crawls.\n   → **learning rate**\n\n"
                       "2. Gradient estimated on a random subset of examples; unbiased but noisy.\n   → **mini-batch SGD**\n"
                       "   - note: PyTorch's `SGD` does this when the loader batches.\n\n"
                       "3. Uses the inverse Hessian to take one step to the minimum of a quadratic.\n   → **Newton's method**\n\n"
                       "## Decisions\n\n- Transformer? → **AdamW**\n- CNN? → **SGD**\n- RL? → **Adam**\n")
    got = {c.front: c.back for c in cards}
    assert got.get("The scalar in the update rule; too big diverges, too small crawls.") == "learning rate", got
    assert got.get("Gradient estimated on a random subset of examples; unbiased but noisy.", "").startswith("mini-batch SGD"), got
    assert not any(b.startswith(("AdamW", "SGD")) for b in got.values()), got  # (an arrow on the same line names no term)


@pytest.mark.parametrize("notes, kept, gone", [
    # one line of a glossary that reads like a field or a view does not throw the glossary away
    ("# Rivers\n\n## Parts\n\nSource - the place where a river begins\nCourse - the path a river takes to the sea\n"
     "Tributary - a smaller river that joins a larger one\nConfluence - the point where two rivers meet\n"
     "Mouth - where the river meets the sea or a lake\n", ["the place where a river begins", "two rivers meet"], []),
    ("# HSK 3\n\n## 生词\n\n签名 - to sign one's name; signature\n认为 - to think; to hold the opinion that\n"
     "决定 - to decide; decision\n同意 - to agree to something proposed\n", ["to decide; decision", "to sign one's name"], []),
])
def test_what_the_review_of_round_80_found_the_new_rules_must_keep(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_list_of_what_each_person_tried_is_no_glossary_of_names() -> None:
    cards, notices = extract("# Question of the week\n\n## Why divide by sqrt(d_k)?\n\n### Attempts\n\n"
                             "- **Priya:** \"It normalises the dot product so it's like cosine similarity.\"\n"
                             "- **Tom:** \"Without it the exponentials in softmax overflow.\"\n- **me:** something about gradients??\n\n"
                             "## Optimisers\n\n- **Adam:** adaptive moments with bias correction\n- **Lion:** sign of an interpolated momentum\n\n"
                             "## Shorthand\n\n- **Me**: methyl, –CH₃\n- **Et**: ethyl, –CH₂CH₃\n- **Ph**: phenyl, –C₆H₅\n")
    fronts = [c.front for c in cards]
    assert not any("Priya" in f or "Tom" in f for f in fronts) and any("Adam" in f for f in fronts), fronts
    assert any("**Et**" in f for f in fronts) and any(n.rule == "left-out:attempts" for n in notices), (fronts, notices)


def test_a_questions_own_mark_after_it_is_not_part_of_the_question() -> None:
    cards, _ = extract("# LoRA cards\n\n## Motivation\n\n### What is the intrinsic dimension idea? (!!)\n\nEarlier work showed models "
                       "fine-tune well in a small subspace.\n\n### Why not adapters?\n\nThey add latency at inference.\n\n"
                       "### Why is B initialised to zero? ★\n\nSo that training starts at the pretrained function.\n")
    assert [c.front for c in cards] == ["What is the intrinsic dimension idea?", "Why not adapters?",
                                        "Why is B initialised to zero?"], [c.front for c in cards]


@pytest.mark.parametrize("notes, kept, gone", [
    # names in a list with one's own view are people's answers only under a heading of answers
    ("# Go review\n\n## Languages the team compared\n\n- **Ada:** strongly typed, used in avionics\n- **Julia:** fast numerics with JIT\n"
     "- **Ruby:** quick to write with Rails\n- **Me:** Go is the pragmatic pick\n", ["used in avionics", "fast numerics"], []),
    ("# WW1\n\n## Historiography\n\n- **Fischer:** Germany planned a war of aggression\n- **Clark:** the powers sleepwalked into war\n"
     "- **MacMillan:** failures of leadership, not inevitable\n- **me:** Clark is the most convincing\n", ["sleepwalked"], []),
    # a checklist answered “→ **yes**” asks nothing; a refactor under “**Fix:**” was right before it
    ("# Cadences\n\n## Checklist\n\n1. Are the last two chords V and I in root position?\n   → **yes**\n\n"
     "2. Is the last chord the tonic with the root on top?\n   → **yes**\n\n3. Is there a suspension before the final chord?\n   → **no**\n",
     [], ["Are the last two chords"]),
    ("# Debugging\n\n## Paging\n\nRead `?page=` from the query string, default 1:\n\n```python\ndef page_param(args):\n"
     "    return int(args.get('page', 1))\n```\n\nThis already worked — refactor only, to validate the value.\n\n**Fix:**\n\n"
     "```python\ndef page_param(args):\n    page = int(args.get('page', 1))\n    return max(page, 1)\n```\n",
     ["return int(args.get('page', 1))"], []),
])
def test_what_the_review_of_round_81_found_the_new_rules_must_keep(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_lesson_plans_own_business_is_no_card_and_what_it_teaches_is() -> None:
    cards, _ = extract("# 《K-均值聚类》教学设计\n\n## 二、学情分析\n\n**数学上**：知道两点间距离公式。\n\n## 三、教学目标\n\n"
                       "**知识与技能**：能说出 K-means 的两个交替步骤。\n\n## 六、教学过程\n\n| 环节 | 教师活动 | 学生活动 | 设计意图 |\n"
                       "|---|---|---|---|\n| 情境导入 | 展示散点图 | 自由发言 | 引出需求 |\n| 对比旧知 | 对比 KNN | 填对比表 | 区分两个 K |\n"
                       "| 小结 | 引导总结 | 记录作业 | 形成结构 |\n\n### 6.2 形式化\n\n**分配步**：把每个点分给最近的中心。\n\n"
                       "**更新步**：把每个中心移到它的点的平均位置。\n")
    fronts = [c.front for c in cards]
    assert not any("数学上" in f or "知识与技能" in f or "教师活动" in f or "学生活动" in f for f in fronts), fronts
    assert any("分配步" in f for f in fronts) and any("更新步" in f for f in fronts), fronts


@pytest.mark.parametrize("notes, kept, gone", [
    # in a course on teaching, its aims and methods are the subject; a lesson plan's board holds the lesson's formulas
    ("# 教学设计 课程笔记 第3周\n\n## 三、教学目标\n\n- **三维目标**：知识与技能、过程与方法、情感态度与价值观\n"
     "- **ABCD表述法**：对象、行为、条件、程度\n\n## 教学方法\n\n- **探究法**：学生在教师引导下自己发现结论\n",
     ["知识与技能、过程与方法", "学生在教师引导下自己发现结论"], []),
    ("# 《排列与组合》教学设计\n\n## 二、学情分析\n\n**基础**：学过分类计数。\n\n## 七、板书设计\n\n"
     "**排列数公式**：$A_n^m = \\frac{n!}{(n-m)!}$\n\n**组合数公式**：$C_n^m = \\frac{n!}{m!(n-m)!}$\n", ["\\frac{n!}{(n-m)!}"], ["学过分类计数"]),
    # an exclamation mark that is the thing asked stays; a fix after a crash said in words marks the code before it
    ("# Lab safety\n\n## Pictograms\n\n### Which pictogram is just an exclamation mark (!)\n\nGHS07, the health hazard warning.\n\n"
     "### Which pictogram is a flame?\n\nGHS02, flammable.\n\n### Which pictogram is a skull?\n\nGHS06, acute toxicity.\n",
     ["exclamation mark (!)"], []),
    ("# Review\n\n## Averages\n\nAverage of the amounts:\n\n```python\ndef average_amount(xs):\n    return sum(xs) / len(xs)\n```\n\n"
     "Crashes with ZeroDivisionError on an empty list.\n\n**Fix:**\n\n```python\ndef average_amount(xs):\n"
     "    return sum(xs) / len(xs) if xs else 0.0\n```\n", ["if xs else 0.0"], ["return sum(xs) / len(xs)\n```"]),
])
def test_what_the_review_of_round_82_found_the_new_rules_must_keep(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_role_plays_lines_with_ones_own_are_no_glossary_of_names() -> None:
    cards, _ = extract("# Deutsch A2\n\n## Rollenspiel im Büro\n\n- **Mia:** Hast du den Bericht schon geschickt?\n"
                       "- **Jonas:** Nein, ich schicke ihn morgen.\n- **me:** Ich kann dir helfen.\n")
    assert not any("Mia" in c.front or "Jonas" in c.front for c in cards), [c.front for c in cards]


@pytest.mark.parametrize("notes, kept, gone", [
    # a glossary's field or step line goes, its terms stay
    ("# Rivers\n\n## Terms\n\nTributary - a stream that flows into a larger river\nDelta - landform at the mouth built from sediment\n"
     "Meander - a winding curve in a river channel\nCourse - GEOG101\nStep 2 - label the diagram in the workbook\n",
     ["a winding curve"], ["GEOG101", "label the diagram"]),
    # a tag set's POS column means the tag; a course on teaching compares what teacher and students do
    ("# Tagging\n\n## Penn tags\n\n| Tag | POS | Example word |\n|---|---|---|\n| NN | singular or mass noun | dog |\n"
     "| VB | verb, base form | run |\n| JJ | adjective | red |\n", ["singular or mass noun"], []),
    ("# 教学法笔记\n\n## 方法对比\n\n| 方法 | 教师活动 | 学生活动 | 适用场景 |\n|---|---|---|---|\n| 讲授法 | 系统讲解 | 听讲记录 | 新概念 |\n"
     "| 讨论法 | 组织引导 | 小组讨论 | 开放问题 |\n| 探究法 | 提出问题 | 自主探究 | 规律发现 |\n", ["系统讲解"], []),
    # pronouns under “Answers” are vocabulary, a quotation column is content, a signed integer a term
    ("# Mandarin unit 1\n\n## Answers\n\n- **Me:** 我 (wǒ)\n- **You:** 你 (nǐ)\n- **She:** 她 (tā)\n", ["她 (tā)"], []),
    ("# 鲁迅\n\n## 名句\n\n| 出处 | 引用 | 含义 |\n|---|---|---|\n| 《故乡》 | 其实地上本没有路 | 路是人走出来的 |\n"
     "| 《自嘲》 | 横眉冷对千夫指 | 不畏强权 |\n| 《呐喊》 | 救救孩子 | 呼吁解放儿童 |\n", ["其实地上本没有路"], []),
    ("# C types\n\n## Integers\n\n- **Signed**: an integer type that can also represent negative values\n", ["represent negative values"], []),
    # a glossary to cover in Chinese; a course about writing lesson plans teaches their parts
    ("# 复习\n\n## 优化\n\n- 梯度下降中每一步走多远的系数\n  → **学习率**\n- 每次只用一小批样本估计梯度的方法\n  → **小批量随机梯度下降**\n"
     "- 把历史梯度按指数加权平均后再更新的方法\n  → **动量法**\n", ["学习率"], []),
    ("# 如何写教案\n\n## 教学目标\n\n- **三维目标**：知识与技能、过程与方法、情感态度与价值观\n", ["知识与技能"], []),
    # a table row with an escaped bar in its formula keeps its row
    ("# Norms\n\n| # | formula | PyTorch one-liner |\n|---|---|---|\n| 1 | $\\|x\\|_1$ | `x.abs().sum()` |\n"
     "| 2 | $\\|x\\|_2$ | `x.norm()` |\n| 3 | $\\|x\\|_\\infty$ | `x.abs().max()` |\n", [], ["$\\ |"]),
])
def test_what_the_second_code_review_found(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_fix_after_the_crash_it_printed_marks_the_code_before_it() -> None:
    cards, notices = extract("# Review\n\n## Mean\n\nMean of a list:\n\n```python\ndef mean(xs):\n    return sum(xs) / len(xs)\n```\n\n"
                             "```\nZeroDivisionError: division by zero\n```\n\nIt already works for non-empty lists but crashes on an empty one.\n\n"
                             "**Fix:**\n\n```python\ndef mean(xs):\n    return sum(xs) / len(xs) if xs else 0.0\n```\n\n"
                             "## Heading questions\n\n### What is the intrinsic dimension idea?(!!)\n\nModels fine-tune in a small subspace.\n\n"
                             "### Why zero init?\n\nTraining starts at the pretrained function.\n\n### Why not adapters?\n\nThey add latency.\n")
    backs = [c.back for c in cards]
    assert any("if xs else 0.0" in b for b in backs) and not any("len(xs)\n```" in b and "if xs" not in b for b in backs), backs
    assert "What is the intrinsic dimension idea?" in [c.front for c in cards], [c.front for c in cards]


@pytest.mark.parametrize("notes, kept, gone", [
    # a column of one's own marks on a scale is no fact of the row; a conference column is
    ("# Quals\n\n## Syllabus + how confident I am\n\n| Topic | Conf. (1–5) | Notes |\n|---|---|---|\n"
     "| Bias–variance | 4 | |\n| VC dimension | 2 | weakest |\n| Kernels, SVM | 3 | Mercer conditions |\n",
     [], ["Conf."]),
    ("# Papers\n\n## Read\n\n| Paper | Conf. | Idea |\n|---|---|---|\n| ResNet | CVPR | skip connections |\n"
     "| Adam | ICLR | adaptive moments |\n| Dropout | JMLR | random unit masking |\n", ["CVPR"], []),
    # a bold pair as an item's name is the comparison, without the markers between
    ("# Probability\n\n## Basics\n\n- **likelihood** vs **probability**\n  - same formula $p(D|\\theta)$\n"
     "  - fix the data, read it as a function of theta: likelihood\n", ["likelihood vs probability"], ["** vs **"]),
    # a glossary table with more columns than the meaning asks what each term is
    ("# Basics\n\n## Terms\n\n| Term | Meaning | Example |\n|---|---|---|\n| Epoch | one pass over the training set | 10 epochs |\n"
     "| Batch | a group of samples processed together | 32 images |\n| Logit | an unnormalised score before softmax | 2.0 |\n",
     ["what is **Epoch**?", "one pass over the training set"], []),
    ("# LaTeX\n\n## Fonts\n\n| Symbol | LaTeX | Meaning |\n|---|---|---|\n| $\\mathbf{x}$ | `\\mathbf{x}` | a vector |\n"
     "| $\\mathcal{L}$ | `\\mathcal{L}` | the loss |\n| $\\odot$ | `\\odot` | elementwise product |\n", ["elementwise product"], []),
    # one's first draft of a definition, before the book's, is no fact
    ("# 概率 定义默写\n\n## 3. 事件独立\n\n- 我的第一版：$A,B$ 独立就是 $P(A\\cap B)=0$，即不能同时发生。\n"
     "- 书上的：$P(AB)=P(A)P(B)$。\n", ["P(A)P(B)"], ["P(A\\cap B)=0"]),
    # the next round's plan, dated; a tally of one's own marks; a page's cross-links
    ("# 默写\n\n## 小结\n\n- **下一轮（3/30）重点**：p 值、置信区间、CLT\n- **统计**：16 条里 ❌ 11 条，⚠️ 5 条，全对 0 条\n"
     "- **下一代模型**：更大的上下文\n- **统计量**：样本的函数，不含未知参数\n", ["更大的上下文", "不含未知参数"], ["置信区间", "❌ 11"]),
    ("# FAQ\n\n## Why divide by sqrt d?\n\n**Referenced from:** [Q1](#what-is-attention), [Q3](#multi-head)\n\n"
     "**Range:** [0, 1]\n\n**Scaling:** keeps the logits at unit variance, see [Q1](#q1)\n", ["[0, 1]", "unit variance"], ["[Q3]"]),
])
def test_what_round_eighty_four_found(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept", [
    # a rating of the rows themselves on a scale is a fact of each row
    ("# Pharmacology\n\n## CTCAE\n\n| Grade | Severity (1–5) | Example |\n|---|---|---|\n| mild | 1 | no intervention |\n"
     "| moderate | 2 | minimal intervention |\n| severe | 3 | hospitalisation indicated |\n", ["3"]),
    ("# 川菜\n\n## 辣度\n\n| 菜 | 辣度（1–5） | 产地 |\n|---|---|---|\n| 水煮鱼 | 5 | 四川 |\n| 宫保鸡丁 | 3 | 四川 |\n"
     "| 麻婆豆腐 | 4 | 成都 |\n", ["**水煮鱼** 的辣度"]),
    # bracketed notation is no link; “次回” alone is a word, “下一轮” a rule of a tournament
    ("# Music\n\n## Forms\n\n**Binary form:** [A], [B]\n\n**Ternary form:** [A], [B], [A]\n", ["[A], [B], [A]"]),
    ("# Chemistry\n\n## Rates\n\n**Species in the rate equation:** [A], [B]\n", ["[A], [B]"]),
    ("# Genki 8\n\n## Vocabulary\n\n- **次回**: next time (じかい), more formal than 今度\n", ["more formal than"]),
    ("# 围棋比赛规则\n\n## 赛制\n\n- **下一轮**：按本轮结束后的积分重新配对，同积分内按对手分排序。\n", ["重新配对"]),
    # Chinese notes on Japanese grammar quote kana and stay Chinese
    ("# 日语 N3 语法\n\n## 授受动词\n\n- **あげる**：我给别人东西，视角在给的一方\n- **くれる**：别人给我东西，视角在接受的一方\n"
     "- **もらう**：从别人那里得到，主语是接受者\n", ["授受动词："]),
    # marks beside cases are no tally; a first definition is no draft of one's own; a chapter is no term
    ("# Broadcasting\n\n## Rules\n\n- **Broadcasting rule**: trailing dims must match or be 1, e.g. ✅ 3 vs 1, ❌ 3 vs 2\n",
     ["trailing dims must match"]),
    ("# Information\n\n## Entropy\n\n- **First definition**: $H(X) = -\\sum p \\log p$ (Shannon)\n", ["(Shannon)"]),
    ("# 复习笔记\n\n## 损失\n\n- **交叉熵**：衡量两个分布差异的量 ヽ(ﾟ∀ﾟ)ﾉ\n- **熵**：不确定性 (￣ー￣)ゞ\n", ["损失："]),
])
def test_what_the_review_of_round_eighty_four_found_the_rules_took(notes: str, kept: list[str]) -> None:
    assert_keeps(notes, kept, [])


def test_notes_in_japanese_are_asked_in_english_not_in_chinese() -> None:
    cards, notices = extract("# 逆伝播のメモ\n\n## 連鎖律\n\n- **連鎖律**：合成関数の微分は、それぞれの微分の積になる\n"
                             "- **勾配**：各パラメータについての損失の偏微分をまとめたもの\n")
    fronts = [c.front for c in cards]
    assert fronts and all("什么" not in f and "?" in f for f in fronts), fronts
    zh, _ = extract("# 反向传播\n\n## 链式法则\n\n- **链式法则**：复合函数的导数等于各层导数之积\n")
    assert "什么" in zh[0].front


@pytest.mark.parametrize("notes, kept, gone", [
    # a record of a question asked and answered is one card; who asked and answered are none
    ("# 组会\n\n## 讨论记录\n\n**Q1**\n- **提问人**：李想\n- **问题**：分母里为什么要把 $k = i$ 去掉？\n- **回答人**：刘思远\n"
     "- **回答**：$\\mathrm{sim}(z_i, z_i) = 1$ 恒成立，是最大的一项，会压过其他项。\n",
     ["分母里为什么要把 $k = i$ 去掉？", "会压过其他项"], ["刘思远", "李想"]),
    ("# Seminar\n\n## Q1\n\n- **Asked by**: Li\n- **Question**: why remove k = i from the denominator?\n- **Answered by**: Liu\n"
     "- **Answer**: it is always the largest term and swamps the rest.\n\n## Symbols\n\n- **Q**: a query matrix\n"
     "- **A**: the adjacency matrix\n- **D**: the degree matrix\n",
     ["why remove k = i from the denominator?", "swamps the rest", "the degree matrix"], ["Liu", "a query matrix"]),
    # a thread's follow-up reply is no term
    ("# Forum\n\n## Loss stuck at 2.30\n\n**Staff answer**: you applied softmax twice.\n\n**Follow-up (hkwan)**: yes. Works now.\n",
     ["softmax twice"], ["Works now"]),
    # a class's answers counted is a tally; a count of facts is a fact
    ("# Exit tickets\n\n## Q3. Name two ways to reduce overfitting.\n\n| answer | count | verdict |\n|---|---:|:---:|\n"
     "| more training data | 15 | ✅ |\n| dropout | 11 | ✅ |\n| train for more epochs | 3 | ❌ usually the opposite |\n\n"
     "## Bones\n\n| Region | count |\n|---|---|\n| skull | 22 |\n| spine | 26 |\n| hands | 54 |\n", ["26"], ["11", "usually the opposite"]),
    # a word in italics inside a row's name keeps the whole name
    ("# GD\n\n## Variantes\n\n| variante | gradiente calculado con | ruido |\n|---|---|---|\n| *batch* GD | todo el dataset | ninguno |\n"
     "| SGD | 1 ejemplo | mucho |\n| *mini-batch* SGD | B ejemplos | medio |\n", ["**batch GD**", "**mini-batch SGD**"], ["batch* GD"]),
    # a notebook's cells under bare “In [1]:” labels are code, not a session; a chapter column names no term
    ("# Notebook\n\n## Cells copied from a notebook\n\n```python\nIn [1]:\nx = torch.ones(2)\nprint(x.sum())\n\nIn [2]:\nprint(x * 5)\n```\n",
     [], ["what do these lines print?"]),
    ("# Reading\n\n## Terms by chapter\n\n| Chapter | Key term | Definition |\n|---|---|---|\n| Ch. 3 | Entropy | expected surprise |\n"
     "| Ch. 4 | KL divergence | extra bits from the wrong code |\n| Ch. 5 | Mutual information | shared uncertainty |\n",
     ["what is **Entropy**?", "expected surprise"], ["**Ch. 3**"]),
    # a pointer to another exercise names nothing
    ("# Probability\n\n## Binomial variance\n\n**Compare with 4.11**: there the indicators were dependent.\n\n"
     "**Indicator variable**: a variable that is 1 when the event happens and 0 otherwise\n", ["1 when the event happens"],
     ["indicators were dependent"]),
    # a fence of columns lined up by spaces is a diagram or a table, no code to write
    ("# Broadcasting\n\n## Rows\n\n**(3,) + (4, 3)** — row vector added to every row:\n\n```\n  (4, 3)          (3,) -> (1, 3) -> (4, 3)\n"
     " [a a a]          [b0 b1 b2]         [b0 b1 b2]\n [a a a]    +                  =>    [b0 b1 b2]   (stretched down)\n"
     " [a a a]                             [b0 b1 b2]\n```\n", [], ["write the code"]),
    # an IPython magic's output is the machine's: no card asks what the session prints
    ("# Timing\n\n## Sum\n\n```\nIn [1]: %timeit sum(range(1000))\n8.51 µs ± 42.1 ns per loop (mean ± std. dev. of 7 runs)\n```\n",
     [], ["what do these lines print?"]),
])
def test_what_round_eighty_five_found(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # a follow-up plan is knowledge; error codes with an identifier are no comments; votes of a referendum are history
    ("# Endocrinology\n\n## Case 1: Subclinical hypothyroidism\n\n- **Treat when**: TSH above 10\n"
     "- **Follow-up**: recheck TSH 6–8 weeks after any dose change\n", ["recheck TSH 6–8 weeks"], []),
    ("# Support\n\n## Payment errors\n\n- 402 — card_declined: the issuing bank refused; ask the customer to call their bank\n"
     "- 429 — too_many_attempts: rate limit after 5 failed tries; wait 1 hour\n", ["call their bank", "wait 1 hour"], []),
    ("# Politics\n\n## EU membership referendum\n\n| Response | Votes |\n|---|---|\n| Leave | 17410742 |\n| Remain | 16141241 |\n"
     "| Spoiled | 25359 |\n", ["17410742"], []),
    ("# 化学\n\n## 量子数\n\n| 选项 | n | l | m | 是否合理 |\n|---|---|---|---|---|\n| A | 1 | 0 | 0 | 合理 |\n"
     "| B | 2 | 1 | -1 | 合理 |\n| C | 1 | 0 | 1 | 不合理：l = 0 时 m 只能为 0 |\n", ["m 只能为 0"], []),
    # a table placed by its first column asks of the thing in its second
    ("# Gatsby\n\n## Key quotes\n\n| Page | Quote | Speaker | Meaning |\n|---|---|---|---|\n"
     "| 180 | So we beat on, boats against the current | Nick | we are always pulled back into the past |\n"
     "| 21 | I hope she'll be a fool | Daisy | a woman survives by seeming simple |\n| 98 | Can't repeat the past? | Gatsby | he denies time |\n",
     [], ["**Nick**", "**Gatsby**"]),
    # two terms of a glossary named Question and Answer are no question asked
    ("# Parliament\n\n## Terms\n\n- **Question**: a formal request for information or action addressed to a minister\n"
     "- **Answer**: the minister's reply, printed in Hansard\n", [], ["printed in Hansard"]),
    # comments under a post, by their votes, are no terms
    ("# Forum\n\n## Finishes\n\n**Hardwax oil**: a finish of oil and wax that soaks in\n\nComments:\n- ▲ 12 — dadoking: hardwax oil, reapply yearly\n"
     "- ▲ 3 — *noisy_gradient*: @kjetil_b fair, edited.\n", ["soaks in"], ["dadoking", "noisy_gradient"]),
])
def test_what_the_review_of_round_eighty_five_found(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # one's guess before running, and what came out beside it, asks nothing without the code
    ("# Shapes\n\n## 1. Conv, no padding\n\n```python\nx = torch.randn(4, 3, 32, 32)\nconv = nn.Conv2d(3, 16, kernel_size=3)\n"
     "print(conv(x).shape)\n```\n\n- Predict: `(4, 16, 32, 32)`\n- Actual: `torch.Size([4, 16, 30, 30])`\n"
     "- ❌ default `padding=0`, so 30.\n", [], ["(4, 16, 32, 32)", "**Predict**", "**Actual**"]),
    # under a question, one's own answer and the correct one: the correct one answers it
    ("# Review log\n\n## Day 1\n\n**1. Is KL divergence symmetric?**\n- I said: yes, it's a distance.\n"
     "- Correct: **no**, $D_{KL}(P\\|Q) \\neq D_{KL}(Q\\|P)$ in general.\n", ["Is KL divergence symmetric?", "in general"],
     ["it's a distance"]),
    # a problem's givens before its task, an exam's particulars, a head count by score band, a formula said wrong
    ("# 线代期中试卷分析\n\n## 第15题\n\n设方阵 $A$ 满足 $A^2-A-2I=O$，证明 $A$ 可逆并求逆。\n\n"
     "- **可逆矩阵**：存在 $B$ 使 $AB=BA=I$ 的方阵\n", ["存在 $B$"], ["A^2-A-2I = ?"]),
    ("# 试卷分析\n\n## 基本信息\n\n- **课程**：线性代数（理工类，48学时）\n- **班级**：计科2301、计科2302\n\n"
     "## 总体情况\n\n| 分数段 | 90–100 | 80–89 | 70–79 |\n|---|---|---|---|\n| 人数 | 7 | 15 | 21 |\n\n"
     "## 第2题\n\n秩的不等式：$r(AB) \\ge r(A)+r(B)-n$。还有人写成等号 $r(AB)=r(A)+r(B)-n$，那就是错的。\n",
     [], ["48学时", "计科2301", "**人数**", "r(AB) = ?$，那就是错的"]),
    # a worked problem with its task after the givens in English
    ("# Calculus\n\n## Critical points\n\nThe function $f(x) = x^3 - 3x + 1$ on the reals, find its critical points and "
     "classify them.\n\n**Critical point**: a point where the derivative is zero or undefined\n",
     ["derivative is zero or undefined"], ["f(x) = ?"]),
])
def test_what_round_eighty_six_found(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept", [
    # a named formula with a note on its use is no problem's given
    ("# 数学\n\n## 公式\n\n**韦达定理**：$x_1 + x_2 = -\\frac{b}{a}$，求两根之和与积时不用解方程。\n\n"
     "**完全平方公式**：$(a+b)^2 = a^2 + 2ab + b^2$，证明基本不等式时要用到。\n", ["x_1 + x_2", "a^2 + 2ab"]),
    ("# Physics\n\n## Laws\n\n**Ideal gas law**: $PV = nRT$, find any one of P, V, n, T from the other three.\n", ["nRT"]),
    # 课程 and 班级 defined; a theory's prediction and the measured value; 予想 is a conjecture
    ("# 教育学\n\n## 概念\n\n- **课程**：广义指学生在学校获得的全部经验\n- **班级**：学校行政体系中最基层的行政组织\n",
     ["全部经验", "最基层的行政组织"]),
    ("# Chemistry\n\n## Ammonia\n\n- Predicted: trigonal pyramidal, slightly under 109.5°\n- Actual: 107.8°, the lone pair pushes the "
     "bonding pairs closer\n", ["107.8°"]),
    ("# 整数論\n\n## 用語\n\n- **予想**：まだ証明されていないが正しいと信じられている数学的主張\n", ["証明されていない"]),
    # a struct laid out in columns is code; a count of chromosomes and a census are facts; a year compared is history
    ("# C\n\n## Structs\n\nDefining a point struct with x, y and a label:\n\n```\nstruct point {\n    int     x;\n    int     y;\n"
     "    char    label[16];\n};\n```\n", ["struct point"]),
    ("# Biology\n\n## Chromosome counts\n\n| species | human | chimp | dog | cat |\n|---|---|---|---|---|\n"
     "| count | 46 | 48 | 78 | 38 |\n| haploid number | 23 | 24 | 39 | 19 |\n", ["78"]),
    ("# Russia 1917\n\n## February\n\n**Compare with 1905**: in 1905 the army stayed loyal; in 1917 the garrison mutinied\n",
     ["garrison mutinied"]),
    # a follow-up interval, and a prohibition defined as what is wrong to do
    ("# Ward round\n\n## DOAC\n\n**Follow-up (2 weeks)**: check renal function and bleeding after starting a DOAC\n", ["renal function"]),
    ("# Deontic logic\n\n## Operators\n\n**Prohibition**: $F p \\equiv O \\neg p$, so a forbidden act is one that is wrong to do.\n",
     ["O \\neg p"]),
])
def test_what_the_review_of_round_eighty_six_found_the_rules_took(notes: str, kept: list[str]) -> None:
    assert_keeps(notes, kept, [])


@pytest.mark.parametrize("notes, kept, gone", [
    # a label in German or Spanish notes is a label; “Attention” is a term
    ("# Vorlesung\n\n## Perzeptron\n\n**Achtung**: die Lernrate muss klein sein.\n\n**Attention**: a mechanism that weighs tokens\n\n"
     "**OJO**: el gradiente es local\n", ["weighs tokens"], ["Lernrate", "el gradiente"]),
    # a zero the words already say gives the hidden side away; a zero they do not say is asked
    ("# BN\n\n## 梯度\n\n- 梯度在 batch 维度上均值为零：$\\sum_i g_i = 0$\n- 期望：$E[x - \\mu] = 0$\n\n## Optimality\n\n"
     "Setting the gradient to zero: $\\nabla L(w) = 0$\n\n## Sigmoid\n\n当 $|x|$ 大时 $\\sigma'(x) \\to 0$，梯度消失。\n",
     ["E[x - \\mu] = ?"], ["g_i = ?", "L(w) = ?", "\\sigma'(x) \\to ?"]),
])
def test_what_round_eighty_seven_found(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # a named rule with a note on when it is used; Japanese notes with 供給 and 還元; a term column beside a reading
    ("# 微积分\n\n## 积分\n\n分部积分公式 $\\int u\\,dv = uv-\\int v\\,du$，求积分时按“反对幂三指”选 $u$。\n", ["uv-\\int v"], []),
    ("# 経済学のメモ\n\n## 市場\n\n- **需要曲線**：価格が上がると需要量は減る\n- **供給曲線**：価格が上がると供給量は増える\n",
     ["what is **需要曲線**?"], ["是什么"]),
    ("# Info theory\n\n## Terms by week\n\n| Week | Reading | Key term | Definition |\n|---|---|---|---|\n"
     "| 1 | Shannon 1948 | entropy | expected surprise |\n| 2 | Cover ch2 | KL divergence | extra bits from the wrong code |\n"
     "| 3 | MacKay ch8 | mutual information | shared uncertainty |\n", ["**entropy**"], ["**Shannon 1948**"]),
    # charges are no votes; an API's predict is a method; a right answer marked ✅ is no answer of its own
    ("# Chem\n\n## Ions\n\n- +1 — alkali metals (Li, Na, K)\n- +2 — alkaline earth metals (Be, Mg)\n", ["alkali metals"], []),
    ("# sklearn\n\n## Estimators\n\n- **predict**: returns the predicted labels for new samples\n- **fit**: learns the parameters\n",
     ["predicted labels"], []),
    ("# Review\n\n## Day 2\n\n**1. Is KL divergence symmetric?**\n- I said: no, it is not symmetric in general.\n- Correct: ✅\n",
     ["not symmetric in general"], []),
    # a column of one's guesses beside what came out
    ("# Shapes\n\n## cat vs stack\n\n| call | predicted | actual |\n|---|---|---|\n| `cat(ts, 0)` | (6, 3) | torch.Size([6, 3]) |\n"
     "| `stack(ts, 0)` | (2, 3, 3) | torch.Size([2, 3, 3]) |\n| `cat(ts, 1)` | (2, 9) | torch.Size([2, 9]) |\n",
     ["torch.Size([6, 3])"], ["predicted?"]),
])
def test_what_the_code_review_of_rounds_eighty_five_to_eighty_seven_found(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # an exam's problem under its number (“题 2 …（10 分）” in a 计算题 drill): its steps are that problem's working
    ("# 概率论 期末计算题训练\n\n## 题 2 连续型随机变量（10 分）\n\n设 $X$ 的概率密度 $f(x)=kx$，$0<x<2$，求 $k$ 与 $E(X)$。\n\n"
     "**解题步骤：**\n\n1. 规范性 $\\int_0^2 kx\\,dx=2k=1$，得 $k=\\tfrac12$ ……（2 分）\n"
     "2. $E(X)=\\int_0^2 x\\cdot\\tfrac{x}{2}\\,dx=\\tfrac43$ ……（2 分）\n\n## 公式\n\n- 方差：$D(X)=E(X^2)-[E(X)]^2$\n",
     ["D(X) = ?"], ["k = ?", "E(X) = ?"]),
    # a statement to judge, with its marks, states a fact
    ("# Quiz 3\n\n## Question 3 (1 pt) — True / False\n\n- **Feedback:** Decoupled weight decay (AdamW) applies "
     "$\\theta \\leftarrow \\theta - \\eta\\lambda\\theta$ separately from the adaptive step.\n", ["\\theta \\leftarrow ?"], []),
    # a post's particulars are no answer; what the thread taught is
    ("# Forum export\n\n## Schedulers\n\n- **Category**: Q&A · asked by **@kbrandt-ml** · ✅ Answered\n"
     "- **Effective batch**: batch size × accumulation steps × devices\n", ["× accumulation steps"], ["kbrandt"]),
    ("# 论坛\n\n## 梯度爆炸\n\n- **帖子信息**：提问者：小王 · 已解决\n- **梯度裁剪**：把梯度的范数限制在阈值以内\n",
     ["范数限制"], ["小王"]),
    # a comment named by its number and its votes asks nothing; an ion's charge is a term
    ("# SO thread\n\n## Comments\n\n**c1** (+52): `x += y` is in-place: it calls `add_`, which autograd tracks.\n\n"
     "**#3** (+9): ReLU saves its output too.\n", [], ["c1 (+52)", "#3 (+9)"]),
    ("# Chem\n\n## Ions\n\n**Fe** (+3): iron(III), the ferric ion\n", ["ferric ion"], []),
    # Russian notes: a label is a label; “т.к.” and a word cut short (“стац. точка”) end no sentence
    ("# Линейная регрессия\n\n## Оценка\n\n**Замечание**: прямая проходит через точку средних.\n\n"
     "Несмещённая оценка дисперсии шума: $\\hat\\sigma^2 = \\frac{\\text{RSS}}{n - p}$, т.к. $\\mathbb{E}\\,\\text{RSS} = \\sigma^2 (n-p)$.\n",
     ["т.к. $\\mathbb{E}"], ["Замечание"]),
    # a label in Italian or Vietnamese notes
    ("# Appunti\n\n## SGD\n\n**Attenzione**: il learning rate va scelto con cura.\n\n## CNN\n\n**Lưu ý**: padding giữ nguyên kích thước.\n",
     [], ["learning rate va", "padding giữ"]),
])
def test_what_round_eighty_nine_found(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept", [
    # formulas to learn, grouped by the exam question that asks them, with its marks: facts, not a problem's working
    ("# Physics final: what each question tests\n\n## Q1 Kinematics (10 marks)\n\n**Kinetic energy** is $E_k = \\frac{1}{2}mv^2$.\n",
     ["E_k = ?"]),
    # words that are labels in one set of notes and terms in another
    ("# Физика\n\n## Понятия\n\n- **Вывод**: получение формулы из исходных законов\n", ["получение формулы"]),
    ("# Psicologia\n\n## Processos\n\n- **Atenção**: processo que seleciona estímulos relevantes\n", ["seleciona estímulos"]),
    ("# Tâm lý học\n\n## Quá trình\n\n- **Chú ý**: sự tập trung của ý thức vào một đối tượng\n", ["tập trung"]),
    # a capital and a number beside a charge is an atom's oxidation state, no comment's votes
    ("# Organic\n\n## Glucose\n\n**C1** (+1): the anomeric carbon, oxidised in the open-chain aldehyde\n", ["anomeric carbon"]),
    # who answered, in history; a labelled sample; a model selection problem's working is still working
    ("# Logic\n\n## Decidability\n\n- **Entscheidungsproblem**: answered by Turing (1936)\n", ["answered by Turing"]),
    ("# SVM\n\n## Toy data\n\n**x1** (+1): the point (2, 3), a positive sample on the margin\n", ["positive sample"]),
    # “Steps:” over the derivation of a general result, under a checklist's heading: its steps are learnt
    ("# Final derivation checklist\n\n## OLS normal equations (5 marks)\n\nSteps:\n\n1. geometric version: residual "
     "$y - X\\hat\\beta \\perp$ every column of $X$ → $X^\\top(y - X\\hat\\beta) = 0$.\n", ["X^\\top(y - X\\hat\\beta) = ?"]),
    # a capital letter's period ends its sentence (“в К.”: kelvin)
    ("# Теплота\n\n## Теплоёмкость\n\nТемпературу измеряют в К. **Уравнение Майера**: $C_p - C_v = R$.\n",
     ["**Уравнение Майера**: $C_p - C_v = ?$"]),
])
def test_what_the_review_of_round_eighty_nine_found_the_rules_took(notes: str, kept: list[str]) -> None:
    assert_keeps(notes, kept, [])


@pytest.mark.parametrize("notes, kept, gone", [
    # a choice question's record: asked with its options, answered by the right one and why (not by one's own pick,
    # and not “what are the options?”)
    ("# 选择题错题本\n\n## 第 3 题 Dropout\n\nDropout 在测试时应该怎么处理？\n\n"
     "- 选项：A. 继续随机丢弃　B. 关闭，不做缩放　C. 关闭并乘以 p\n- 我选的：C\n- 正确答案：**B**\n"
     "- 解析：PyTorch 用 inverted dropout，训练时已除以 $1-p$。\n",
     ["Dropout 在测试时应该怎么处理？\n\nA. 继续随机丢弃", "**B**\n\nPyTorch 用 inverted dropout"], ["**选项**", "我选的"]),
    ("# Quiz log\n\n## Q10 What does `model.eval()` change\n\n- Options:\n  - A. turns off autograd\n"
     "  - B. switches Dropout and BatchNorm to inference behaviour\n  - C. freezes the parameters\n- My choice: A\n"
     "- Correct answer: B\n- Why: `eval()` only sets `self.training = False`; autograd needs `torch.no_grad()`.\n",
     ["Q10 What does `model.eval()` change?\n\n- A. turns off autograd", "B\n\n`eval()` only sets"], ["My choice"]),
    # a choice question's fields with no right answer written: no card asks for its options either way
    ("# Quiz\n\n## Q1\n\nWhich norm is scale invariant?\n\n- Options: A. BatchNorm B. LayerNorm\n- Notes: both are\n",
     [], ["Which norm is scale invariant?\n\nA. BatchNorm"]),
    # an exam problem worked under “**Solution:**” in paragraphs, and its “**Final answer:**”: that problem's working
    ("# Probability past paper, worked\n\n## Question 3 (12 marks)\n\nThe pdf is $f(x) = \\frac38 x^2$ on $[0, 2]$.\n\n"
     "**Solution:**\n\n$\\mathrm{Var}(X) = E[X^2] - (E[X])^2 = \\frac{12}{5} - \\frac94 = \\frac{3}{20}$ **(2 marks)**\n\n"
     "**Final answer:** $E[X] = 3/2$, $\\mathrm{Var}(X) = 3/20$\n\n## Facts\n\n- Variance: $\\mathrm{Var}(X) = E[X^2] - (E[X])^2$\n",
     ["Variance: $\\mathrm{Var}(X) = ?$"], ["3/20", "\\frac{3}{20}"]),
    # a cheat sheet of “question → answer” lines: a card a line; a chain of layers is a diagram
    ("# Cheat sheet\n\n## Probability\nVar(aX + b) → $a^2\\,\\mathrm{Var}(X)$ (shift b does nothing)\n"
     "uncorrelated ⇒ independent? → no (Y = X² is uncorrelated with X)\nCLT in one line → standardised sum of iid → N(0, 1)\n",
     ["uncorrelated ⇒ independent? no (Y = X²", "CLT in one line standardised sum of iid → N(0, 1)"], []),
    ("# CNN\n\n## Blocks\nstem → conv → bn → relu\nstage → conv → bn → relu\nhead → pool → fc → softmax\n",
     [], ["stem conv"]),
])
def test_what_round_ninety_found(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


@pytest.mark.parametrize("notes, kept, gone", [
    # a poll's options and a decision still open are no choice question
    ("# Choosing a laptop\n\n## Which laptop should we buy?\n\n- Options: A. ThinkPad B. MacBook Air C. XPS 13\n"
     "- Answer: still undecided, waiting on the budget meeting\n- My choice: B, mostly for battery life\n",
     [], ["Which laptop should we buy?\n\nA. ThinkPad"]),
    # a map's signature and a chain of states are no “question → answer” lines
    ("# Maps\n\n## Setup\n\nf: ℝ² → ℝ\ng: ℝ → ℝ³\nh = g ∘ f: ℝ² → ℝ³\n", ["what is **h = g ∘ f**?"], []),
    ("# TCP\n\n## Handshake\n\nCLOSED → SYN_SENT\nSYN_SENT → ESTABLISHED\nESTABLISHED → FIN_WAIT_1\n", [], ["SYN_SENT |"]),
    # a formula a solution names as a law is learnt, though the problem's working is not
    ("# Economics final\n\n## Question 4 (8 marks)\n\nFind the present value of 100 paid in 2 years at 5%.\n\n"
     "**Solution:**\n\nThe present value formula is $PV = \\frac{FV}{(1+r)^n}$.\n\n$PV = 100/1.05^2 = 90.70$\n",
     ["The present value formula is $PV = ?$"], ["90.70"]),
])
def test_what_the_review_of_round_ninety_found_the_rules_took(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_number_beside_a_print_that_no_tensor_prints_is_no_claim() -> None:
    """“print(7 / 2)  # 3” may be Python 2's answer and “# 10” milliseconds: only a value as a tensor, an array or a
    size prints it is read as what the line prints, when no word says so."""
    from studydeck.printed import expected_outputs

    code = "import torch\nprint(7 / 2)  # 3\nprint(budget_ms)  # 10\nprint(torch.ones(2).sum())  # tensor(2.)\n"
    assert expected_outputs(code) == {4: "tensor(2.)"}
    assert expected_outputs("print(7 / 2)  # output: 3\n") == {1: "3"}  # (said in words, as before)


@pytest.mark.parametrize("notes, kept, gone", [
    # a choice question's options with its key elsewhere: no option is a fact (the wrong ones least of all)
    ("# Self-test\n\n**6.** $Q$ is orthogonal. Which statement is **not necessarily** true?\n\n- (a) $Q^\\top Q = I$\n"
     "- (b) $\\|Qx\\| = \\|x\\|$\n- (c) $\\det(Q) = 1$\n- (d) $Q^{-1} = Q^\\top$\n\n**16.** $Av = \\lambda v$, $v \\neq 0$. Then\n\n"
     "- (a) $A^{-1}v = \\lambda v$\n- (b) $A^{-1}v = \\frac{1}{\\lambda} v$\n- (c) $A^{-1}v = -\\lambda v$\n",
     [], ["\\det(Q) = ?", "A^{-1}v = ?"]),
    # a worked example named in the notes' own language: its numbers are the example's
    ("# Catatan kuliah\n\n## Contoh hitung (latihan di kelas)\n\n- **10 sampel**: 6 positif, 4 negatif\n"
     "- **A = ya**: 4 sampel\n\n## Konsep\n\n- **Entropy**: ukuran ketidakpastian suatu distribusi\n",
     ["ketidakpastian"], ["10 sampel", "A = ya"]),
    # a course's particulars in Indonesian notes
    ("# Catatan Kuliah ML\n\n- **Mata kuliah**: Pembelajaran Mesin (IF4071)\n- **Dosen**: Bu Ratna\n"
     "- **Tgl**: Selasa 14 Okt\n\n## Decision tree\n\n- **Gini**: peluang salah klasifikasi acak\n",
     ["salah klasifikasi"], ["Bu Ratna", "IF4071", "14 Okt"]),
])
def test_what_round_ninety_one_found(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_lettered_parts_under_a_question_still_make_cards() -> None:
    """“误差分解成哪几部分？” over “- A. 偏差：…”: the parts a question names are its answer's terms, not options."""
    assert_keeps("# 复习\n\n## 误差\n\n误差分解成哪几部分？\n\n- A. 偏差：$E[\\hat f] - f$，模型的系统误差\n"
                 "- B. 方差：$E[(\\hat f - E\\hat f)^2]$，对训练集的敏感度\n", ["**A. 偏差**"], [])


@pytest.mark.parametrize("notes, kept, gone", [
    # what follows a final answer under the problem is no longer its working
    ("# Past paper\n\n## Question 3 (12 marks)\n\nThe pdf is $f(x) = 3x^2/8$ on $[0, 2]$.\n\n**Solution:**\n\n"
     "$E[X] = \\int_0^2 x f(x)\\,dx = 3/2$\n\n**Final answer:** $E[X] = 3/2$\n\n"
     "In general the variance is $\\mathrm{Var}(X) = E[X^2] - (E[X])^2$.\n",
     ["the variance is $\\mathrm{Var}(X) = ?$"], ["E[X] = ?"]),
    # “**Working:**” over the steps is a solution's label too
    ("# Past paper\n\n## Question 2 (10 marks)\n\nX is uniform on [0, 1].\n\n**Working:**\n\n"
     "- $E[X] = \\int_0^1 x\\,dx = 1/2$\n- $E[X^2] = 1/3$\n", [], ["E[X] = ?"]),
    # arrows that ask nothing: a trace of shapes, an encoding, a derivation, a chain of states
    ("# Shapes\n\n## Trace\n(B, 3, 224, 224) → conv1 → (B, 64, 112, 112)\n(B, 64, 112, 112) → pool → (B, 64, 56, 56)\n"
     "(B, 64, 56, 56) → layer1 → (B, 256, 56, 56)\n", [], ["conv1 →"]),
    ("# Labels\n\n## Encoding\ncat → 0\ndog → 1\nbird → 2\n", [], ["dog 1"]),
    ("# Algebra\n\n## Solve\nx + 2 = 5 → x = 3\n2y = 8 → y = 4\nz - 1 = 0 → z = 1\n", [], ["x = 3 |"]),
    ("# Jobs\n\n## States\nPending → Running\nRunning → Done\nDone → Archived\n", [], ["Pending Running"]),
])
def test_what_the_code_review_of_round_ninety_found(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_a_choice_record_above_every_heading_is_no_card_without_a_deck() -> None:
    cards, _ = extract("- Options: A. BatchNorm B. LayerNorm\n- Answer: B\n- Why: batch statistics are noisy\n")
    assert all(card.deck for card in cards)


def test_only_one_print_run_once_has_a_value_beside_it() -> None:
    from studydeck.printed import expected_outputs
    from studydeck.verify.code import same_output

    assert expected_outputs("import torch\nfor i in range(3): print(torch.tensor(i))  # tensor(0)\n") == {}
    assert expected_outputs("import torch\nprint(torch.ones(1)); print(torch.zeros(1))  # tensor([0.])\n") == {}
    assert not same_output("2.2204e-16", "4.4409e-16")  # (at its own scale, however small)


@pytest.mark.parametrize("notes, kept", [
    # lettered identities to learn, under a question that asks for them all, or under a numbered heading
    ("# Genetics\n\n## Equations\n\nWhat are the Hardy–Weinberg equations?\n\n- (a) $p + q = 1$\n- (b) $p^2 + 2pq + q^2 = 1$\n",
     ["(a) $p + q = ?$"]),
    ("# Logarithms\n\n**2.** Properties of logarithms\n\n- (a) $\\log_b(xy) = \\log_b x + \\log_b y$\n"
     "- (b) $\\log_b(x/y) = \\log_b x - \\log_b y$\n- (c) $\\log_b(x^k) = k\\log_b x$\n", ["\\log_b(xy) = ?"]),
    # a course's particular as a term: in a glossary's section, or in notes titled a glossary
    ("# Epistemologia\n\n## Pojęcia\n\n- **Przedmiot**: to, na co skierowany jest akt poznania\n", ["akt poznania"]),
    ("# Politiche dell'istruzione — glossario\n\n- **Docente**: chi insegna in una scuola o università\n", ["chi insegna"]),
])
def test_what_the_review_of_round_ninety_one_found_the_rules_took(notes: str, kept: list[str]) -> None:
    assert_keeps(notes, kept, [])


@pytest.mark.parametrize("notes, kept, gone", [
    # a final answer's label alone on its line: the answer under it is still the working
    ("# Paper\n\n## Question 3 (12 marks)\n\nThe pdf is $f(x) = 3x^2/8$ on $[0, 2]$.\n\n**Solution:**\n\n"
     "$E[X] = \\int_0^2 x f(x)\\,dx = 3/2$\n\n**Final answer:**\n\n$$E[X] = 3/2$$\n", [], ["E[X] = ?"]),
    # lettered identities to learn: equivalent forms, a “which” that asks for them all, “下列” as “the following”
    ("# Stats\n\nThree equivalent forms of the variance:\n\n- (a) $\\mathrm{Var}(X) = E[(X-\\mu)^2]$\n"
     "- (b) $\\mathrm{Var}(X) = E[X^2] - \\mu^2$\n- (c) $\\mathrm{Var}(X) = \\mathrm{Cov}(X, X)$\n", ["(c) $\\mathrm{Var}(X) = ?$"], []),
    ("# Genetics\n\nWhich equations define Hardy–Weinberg equilibrium?\n\n- (a) $p + q = 1$\n- (b) $p^2 + 2pq + q^2 = 1$\n",
     ["(a) $p + q = ?$"], []),
    ("# 概率\n\n下列公式要背：\n\n- A. $E[X+Y] = E[X] + E[Y]$\n- B. $\\mathrm{Var}(aX) = a^2\\mathrm{Var}(X)$\n", ["E[X+Y] = ?"], []),
    # arrow lines whose answers are years or numbers, or arrows of their own
    ("# History\n\n## Dates\nFrench Revolution begins → 1789\nFall of the Berlin Wall → 1989\nFirst Moon landing → 1969\n",
     ["First Moon landing 1969"], []),
    ("# Stats\n\n## One-liners\nCLT in one line → standardised sum → N(0, 1)\nLLN in one line → sample mean → true mean\n"
     "Delta method in one line → smooth g → normal too\n", ["CLT in one line standardised sum → N(0, 1)"], []),
    # a term defined in words under the notes' title is no course's particular
    ("# Epistemologia\n\n- **Przedmiot**: to, na co skierowany jest akt poznania\n", ["akt poznania"], []),
])
def test_what_the_last_code_review_found(notes: str, kept: list[str], gone: list[str]) -> None:
    assert_keeps(notes, kept, gone)


def test_an_anki_export_pasted_with_its_header_makes_its_notes_cards_as_the_learner_made_them() -> None:
    # Anki's “Notes in Plain Text” export: a header of settings, then a note a line, its fields split as the header
    # says; the tags column is none of a card's sides, the HTML and MathJax are the notes' Markdown
    header = "#separator:tab\n#html:true\n#tags column:3\n"
    rows = ("What does it mean for \\(v\\) to be an eigenvector of \\(A\\)?\t\\(Av = \\lambda v\\), \\(v \\neq 0\\)\tlinalg eigen\n"
            "rank of \\(A\\) from its SVD\tnumber of <b>nonzero</b> singular values\tlinalg svd\n"
            "Adam update\t\\(m \\leftarrow \\beta_1 m + (1-\\beta_1) g\\)<br>\\(v \\leftarrow \\beta_2 v\\)\toptim adam\n")
    cloze = ("#separator:tab\n#html:true\n#notetype:Cloze\n#tags column:3\n"
             "Gradients {{c1::accumulate}} in <code>.grad</code> across <code>backward()</code> calls.\tso zero them\tpytorch\n"
             "<code>x.detach()</code> is {{c1::not tracked}} by autograd.\t\tpytorch\n")
    cards, _ = extract("# anki export\n\n## LinAlg\n\n" + header + rows + "\n## Optim\n\n```tsv\n" + header + rows + "```\n\n"
                       "## Autograd\n\n" + cloze)
    got = {(c.kind.name, c.front, c.source.line): c.back for c in cards}
    assert got.get(("MANUAL", "What does it mean for $v$ to be an eigenvector of $A$?", 8)) == "$Av = \\lambda v$, $v \\neq 0$", got
    assert got.get(("MANUAL", "rank of $A$ from its SVD", 9)) == "number of **nonzero** singular values", got
    assert got.get(("MANUAL", "Adam update", 10)) == "$m \\leftarrow \\beta_1 m + (1-\\beta_1) g$\\\n$v \\leftarrow \\beta_2 v$", got
    assert ("MANUAL", "rank of $A$ from its SVD", 19) in got, got  # (the same rows in a fence marked tsv)
    assert got.get(("CLOZE", "Gradients {{c1::accumulate}} in `.grad` across `backward()` calls.", 29)) == "so zero them", got
    assert ("CLOZE", "`x.detach()` is {{c1::not tracked}} by autograd.", 30) in got, got
    assert not any("#" in c.front or "column" in c.front or "linalg" in c.back for c in cards), got
    assert len(cards) == 8, got


def test_a_tag_in_brackets_goes_with_its_brackets_and_a_calls_brackets_stay() -> None:
    cards, _ = extract("# Autograd\n\n## Gradients\n\n- **zero_grad**: call `opt.zero_grad()` before each `loss.backward()` "
                       "(#pytorch)\n")
    assert [c.back for c in cards] == ["call `opt.zero_grad()` before each `loss.backward()`"], cards


def test_a_problem_under_its_label_is_asked_whole_and_its_working_is_no_card_of_its_own() -> None:
    notes = ("# 线代选择题\n\n## 题 7\n\n**题目**：3 阶矩阵 $A$ 的特征值为 $1,-1,2$，则 $\\lvert A^*+3A-2E\\rvert=$（ ）\n\n"
             "(A) $-9$　(B) 9　(C) 18　(D) $-18$\n\n**秒杀思路**：行列式 = 特征值之积，把每个 $\\lambda$ 代进去。\n\n"
             "| $\\lambda$ | $A^*$ | 值 |\n|---|---|---|\n| 1 | $-2$ | $-1$ |\n| $-1$ | $2$ | $-3$ |\n| 2 | $-1$ | $3$ |\n\n"
             "乘积 $=(-1)(-3)(3)=9$。\n\n**答案**：B\n\n❌ 二刷又错：把 $A^*$ 的特征值写成 $\\frac{1}{\\lambda}$ 了。\n\n"
             "## Problem 3\n\n**Problem:** $f(x,y) = x + y$ on the unit square. Find $E[XY]$.\n\n**Solution:**\n\n"
             "- Marginal: $f_X(x) = x + \\tfrac12$\n- $E[XY] = \\tfrac16 + \\tfrac16 = \\tfrac13$\n\n**Answer:** $\\tfrac13$\n")
    cards, _ = extract(notes)
    assert [(c.front.split("\n")[0], c.back.split("\n")[0]) for c in cards] == [
        ("3 阶矩阵 $A$ 的特征值为 $1,-1,2$，则 $\\lvert A^*+3A-2E\\rvert=$（ ）", "**答案**：B"),
        ("$f(x,y) = x + y$ on the unit square. Find $E[XY]$.", "**Answer:** $\\tfrac13$")], cards
    assert "(D) $-18$" in cards[0].front and "秒杀思路" in cards[0].back and "二刷又错" not in cards[0].back, cards[0]
    # a problem with no answer written is not asked as one; its lines are read as notes are
    cards, _ = extract("# Probability\n\n## Bayes\n\n**Problem:** a test is 99% sensitive. What is $P(D|+)$?\n\n"
                       "- **Bayes' rule**: $P(A|B) = P(B|A)P(A)/P(B)$\n")
    assert any("P(B|A)P(A)/P(B)" in c.back for c in cards), cards


def test_a_bugs_reproduction_is_no_code_to_recall() -> None:
    cards, notices = extract("# torch.compile log\n\n## 1. `.item()` breaks the graph\n\n**Repro**\n```python\nimport torch\n\n"
                             "def normalize(x):\n    s = x.abs().max().item()\n    return x / s\n```\n\n**Fix**\n```python\n"
                             "def normalize(x):\n    return x / x.abs().max()\n```\n\n## 2. data-dependent if\n\n"
                             "Minimal repro:\n```python\ndef gate(x):\n    if x.sum() > 0:\n        return x * 2\n    return x - 1\n```\n")
    assert [c.back for c in cards if c.kind is CardKind.CODE] == ["```python\ndef normalize(x):\n    return x / x.abs().max()\n```"], cards
    assert sum(n.rule == "left-out:wrong-code" for n in notices) == 2, notices


def test_a_problem_done_again_or_an_example_from_the_board_is_worked_not_learnt() -> None:
    # (its values are the example's; a general rule stated there is learnt: “h = ½ g t²” under “Malý příklad”)
    assert_keeps("# STAT 210\n\n## Part C — Q3 redone with the corrected density (for practice)\n\n$f(x,y) = x+y$ on the unit square.\n\n"
                 "- $E[XY] = \\int_0^1\\int_0^1 xy(x+y)\\,dx\\,dy = \\tfrac13$\n\n## Linearity\n\n"
                 "Expectation is linear: $E[aX + bY] = aE[X] + bE[Y]$.\n\n"
                 "# PCA\n\n## Malý příklad z tabule\n\n$\\lambda_1 = 3$: $w_1 = \\frac{1}{\\sqrt 2}(1, 1)^\\top$\n\n"
                 "Free fall: the height fallen after time $t$ is $h = \\frac12 g t^2$.\n\n## Problem 2 resolved — the nightly job\n\n"
                 "The lock must outlive the job: $T_{\\text{lock}} > T_{\\text{job}} + 60$.\n",
                 kept=["aE[X] + bE[Y]", "\\frac12 g t^2", "T_{\\text{job}} + 60"], gone=["xy(x+y)", "(1, 1)^\\top"])


def test_the_notes_key_labels_in_dutch_an_exam_tip_and_ones_own_mistakes_are_no_terms() -> None:
    assert_keeps("# Notes\n\n符号：B = batch size，η = learning rate，→ = 然后\n\n## Regularisatie\n\n- **Niet vergeten**: `model.eval()` tijdens validatie.\n"
                 "- **Tentamen-tip (letterlijk)**: weight decay afleiden.\n- **Moje chyba na cvičení**: zapomněla jsem, že "
                 "svd vrací $V^\\top$.\n- **Fout die ik eerst maakte**: zonder deepcopy.\n- **End of 2024-06-12**: 0 graph breaks.\n"
                 "- **Ridge**: L2-straf op de gewichten.\n\n"
                 "❌ 二刷又错：把特征值写成倒数了。\n\nMistake I made: wrote $\\Gamma(n) = n!$ last month. It is $(n-1)!$.\n",
                 kept=["L2-straf op de gewichten"],
                 gone=["tijdens validatie", "afleiden", "vrací", "deepcopy", "graph breaks", "batch size", "倒数", "n!$"])


def test_a_value_struck_through_and_set_right_is_asked_as_set_right_and_one_only_struck_is_no_answer() -> None:
    cards, notices = extract("# Formulas\n\n## Discrete\n\n| Distribution | $E[X]$ | $\\mathrm{Var}(X)$ |\n|---|---|---|\n"
                             "| Bernoulli($p$) | $p$ | $p(1-p)$ |\n| Geometric($p$) | $\\frac1p$ | ~~$\\frac{1-p}{p}$~~ $\\frac{1-p}{p^2}$ |\n"
                             "| Binomial($n,p$) | $np$ | $np(1-p)$ |\n\n## Regularisers\n\n- **Ridge**: ~~L1~~ L2 penalty on the weights.\n"
                             "- **Lasso**: ~~an L2 penalty~~\n")
    backs = {c.front: c.back for c in cards}
    assert backs.get("Discrete: Geometric($p$): $\\mathrm{Var}(X)$?") == "$\\frac{1-p}{p^2}$", backs
    assert backs.get("Regularisers: what is **Ridge**?") == "L2 penalty on the weights.", backs
    assert not any("Lasso" in f for f in backs) and any(n.rule == "left-out:crossed-out" for n in notices), backs


def test_worked_examples_course_particulars_and_labels_in_more_languages_are_no_cards() -> None:
    # a solved example's table of counts (Arabic “مثال محلول”), the course's particulars at the notes' head
    # (“التاريخ”: the date), the notes' references and what the exam asks, a grader's to-do, a first attempt
    assert_keeps("# ملاحظات المحاضرة 9 — Naive Bayes\n\n**التاريخ:** الأحد 12 أكتوبر 2025\n"
                 "**المراجع:** Bishop (PRML) القسم 1.2\n\n## مثال محلول (من الشريحة 23)\n\n"
                 "| الكلمة | $N_{w,\\text{spam}}$ | $N_{w,\\text{ham}}$ |\n|---|---|---|\n| free | 3 | 0 |\n| win | 1 | 0 |\n| now | 1 | 1 |\n\n"
                 "## Laplace smoothing\n\n- **Laplace smoothing**: add $\\alpha$ to every count so no probability is zero.\n"
                 "- **للامتحان**: مثال الفحص الطبي + حساب NB يدوياً\n- **Grader to-do**: Q4 average is low, flag it.\n"
                 "- **E3 first attempt**: forgot the optimizer states, wrote 14 GB.\n\n"
                 "**Check:** Priya ran out of memory at the first step, not at load time. Makes sense: Adam creates "
                 "its state lazily on the first step.\n",
                 kept=["add $\\alpha$ to every count"],
                 gone=["أكتوبر", "Bishop", "free", "الفحص", "flag it", "14 GB", "lazily"])


def test_rules_for_problems_labels_and_exports_keep_what_other_notes_need() -> None:
    # notes of their own between a problem and an answer further on: which problem the answer is of, it cannot say
    assert_keeps("# Contract law\n\n## Formation\n\n**Problem:** Ann offers her bike to Ben by post. Is there a contract?\n\n"
                 "- **Offer**: a promise to be bound on stated terms\n- **Postal rule**: acceptance is complete on posting\n\n"
                 "**Exercise:** read *Smith v Land* before the supervision.\n\n**Question:** Can silence be acceptance?\n\n"
                 "**Answer:** no, as a rule (*Felthouse v Bindley*).\n",
                 kept=["acceptance is complete on posting", "a promise to be bound"], gone=[])
    cards, _ = extract("# Olympiad\n\n## Algebra\n\n**Problem:** Solve the system\n\n$$x + y = 5,\\quad x - y = 1$$\n\n"
                       "**Solution:** add the equations: $2x = 6$.\n\n**Answer:** $x = 3$, $y = 2$\n")
    assert [c.front for c in cards] == ["Solve the system\n\n$$x + y = 5,\\quad x - y = 1$$"], cards
    # a mistake that is not what one wrote, the correct formula after it, is learnt; “MRE (mean relative error)” is no repro
    assert_keeps("# Mechanics\n\n## Rolling\n\nMy mistake: forgot the rotation, the energy is $E = \\frac12 Mv^2 + \\frac12 I\\omega^2$.\n\n"
                 "## Metrics\n\nMRE (mean relative error):\n```python\ndef mre(y, y_hat):\n    return (abs(y - y_hat) / abs(y)).mean()\n```\n\n"
                 "## Trading\n\n- **End of day**: the close of a trading session, when positions are marked.\n"
                 "- **Symbols**: the codes an exchange lists securities under.\n",
                 kept=["\\frac12 I\\omega^2", "def mre", "the close of a trading session", "the codes an exchange"], gone=[])
    # an export's note of three fields answers with all but its first
    cards, _ = extract("# Spanish\n\n## Food\n\n#separator:tab\n#html:true\nla cebolla\t[la θe.ˈβo.ʎa]\tonion\n"
                       "el ajo\t[el ˈa.xo]\tgarlic\n")
    assert [(c.front, c.back) for c in cards] == [("la cebolla", "[la θe.ˈβo.ʎa]\\\nonion"), ("el ajo", "[el ˈa.xo]\\\ngarlic")], cards


def test_an_anki_exports_odd_rows_are_read_as_anki_reads_them() -> None:
    # a header line twice, a field quoted over two lines, an entity that writes a tag (text, not a tag), a list in HTML
    cards, notices = extract("# Deck\n\n## Steps\n\n#separator:tab\n#html:true\n#html:true\n"
                             "What are the two steps?\t\"forward pass\nbackward pass\"\n"
                             "What does &lt;br&gt; do?\tbreaks a <b>line </b>here\n"
                             "Which layers?\t<ul><li>conv</li><li>pool</li></ul>\n"
                             "{{c1 broken cloze\t\n")
    got = {c.front: (c.back, c.source.line) for c in cards}
    assert got.get("What are the two steps?") == ("forward pass\\\nbackward pass", 8), got
    assert got.get("What does &lt;br> do?", ("",))[0] == "breaks a **line** here", got
    assert got.get("Which layers?", ("",))[0] == "- conv\n- pool", got
    assert len(cards) == 3, got


def test_a_problem_record_keeps_off_what_is_not_its_answer() -> None:
    # one's own wrong answer over the key, an answer set right further on, a problem that asks nothing
    assert_keeps("# Quiz\n\n## Q1\n\n**Problem:** Which prior gives ridge?\n\nA. Laplace　B. Gaussian\n\n**Answer:** A ❌\n\n"
                 "**Correct answer:** B\n\n## Q2\n\n**题目**：$2+2$ 等于多少？\n\n**答案**：5\n\n**解析**：数一数。\n\n"
                 "**更正**：上面的答案错了，应该是 4。\n\n## Q3\n\n**Problem:** RNNs are sequential and slow to train.\n\n"
                 "**Answer:** the Transformer.\n", kept=[], gone=["**Answer:** A ❌", "**答案**：5", "**Answer:** the Transformer"])
    # the code a problem shows stays the code's card, checked by running; an explanation after the answer is on its back
    cards, notices = extract("# Probability\n\n## Q4\n\n**Problem:** What does this print?\n\n```python\nprint(sum([1, 2, 3]))\n```\n\n"
                             "**Answer:** 6\n")
    assert not any("**Answer:** 6" in c.back for c in cards) and any(c.kind is CardKind.CODE for c in cards), (cards, notices)
    cards, _ = extract("# 概率小测\n\n## Q5\n\n**题目**：抛两枚硬币，至少一枚正面的概率是（ ）\n\nA. 1/2　B. 3/4\n\n**答案**：B\n\n"
                       "**解析**：$1 - P(两反) = 1 - \\frac14 = \\frac34$\n")
    assert [c.back for c in cards] == ["**答案**：B\n\n**解析**：$1 - P(两反) = 1 - \\frac14 = \\frac34$"], cards


def test_an_answer_section_after_its_worked_example_is_that_examples_working() -> None:
    notes = ("# 概率论大题\n\n## 题型二：$Y=g(X)$ 的分布\n\n### 模板\n\n- **公式法**：$f_Y(y) = f_X(h(y))\\,|h'(y)|$\n\n"
             "### 例题\n\n设 $X \\sim U(-1, 2)$，求 $Y = X^2$ 的密度。\n\n### 答案\n\n$f_X(x) = \\frac13$；\n\n$y<0$：$F_Y(y) = 0$\n\n"
             "## 参考答案\n\n- 指数分布：$f(x) = \\lambda e^{-\\lambda x}$\n")
    assert_keeps(notes, kept=["f_X(h(y))", "\\lambda e^{-\\lambda x}"], gone=["\\frac13", "F_Y(y) = 0"])


def test_a_ukrainian_label_a_doubt_and_a_line_marked_a_bug_are_no_cards() -> None:
    cards, notices = extract("# Конспект\n\n## Параметри\n\n- **Зверни увагу**: не залежить від розміру зображення.\n"
                             "- **Згортка**: операція ковзного вікна з ядром.\n- **？不确定**：grad 和 grad_out 是同一个对象会不会有问题\n\n"
                             "## Backward\n\nFirst version of backward:\n```python\ndef backward(ctx, g):\n    x, = ctx.saved_tensors\n"
                             "    return torch.softmax(x, dim=-1)   # BUG: ignores g\n```\n")
    assert [c.front for c in cards] == ["Параметри：**Згортка** 是什么？"], cards
    assert sum(n.rule == "left-out:wrong-code" for n in notices) == 1, notices


def test_what_an_experiment_logs_runs_share_and_ran_on_is_no_card() -> None:
    assert_keeps("# MNIST 实验日志\n\n## 2024-03-06  Exp06–08：CNN 结构对比\n\n统一：Adam lr=1e-3，batch 128，epochs 12。\n\n"
                 "| Exp | 模型 | 参数量 |\n|---|---|---|\n| 06 | LeNet-5 | 61,706 |\n| 07 | SmallCNN | 421,834 |\n\n"
                 "## 2024-03-04  Exp01–04：MLP baseline\n\n模型：`784 → 256 → 128 → 10`，ReLU，无 dropout。\n\n"
                 "## BN\n\n- **BatchNorm**：按 batch 的均值和方差做归一化，再缩放平移。\n",
                 kept=["按 batch 的均值和方差"], gone=["Adam lr=1e-3", "784 → 256"])


def test_the_second_batch_of_rules_keeps_what_other_notes_need() -> None:
    # an abbreviated title is one name; a word that is also a term; a key of a subject's own symbols; a rule stated in an
    # example's answer; correct code whose comment speaks of a bug fixed; a first of two right versions; vocabulary
    assert_keeps("# The Civil War\n\n## Generals\n\n- **Gen. Grant**: commanded the Union armies from 1864.\n\n"
                 "# Психологія\n\n## Увага\n\n- **Увага**: зосередженість свідомості на певному об'єкті.\n\n"
                 "## Dewey\n\n- **Symbols**: 0 = standard subdivisions, 09 = history and geography\n\n"
                 "## Earned value\n\n### Worked example\n\nBAC = 100, EV = 40, AC = 50.\n\n### Answer\n\n"
                 "- **Variance at completion**: $VAC = BAC - EAC$\n\n## Files\n\nFirst version (loops, easy to read):\n"
                 "```python\ndef word_counts(lines):\n    counts = {}\n    for line in lines:\n"
                 "        for w in line.split():  # BUG fixed here: was .split(\" \")\n            counts[w] = counts.get(w, 0) + 1\n"
                 "    return counts\n```\n\n# Svenska\n\n- **kurs**: a course (en kurs, kursen)\n",
                 kept=["commanded the Union armies", "зосередженість", "09 = history", "VAC = BAC - EAC", "def word_counts",
                       "a course (en kurs"], gone=[])


def test_labels_and_plans_in_persian_malay_and_hungarian_notes_are_no_terms() -> None:
    assert_keeps("# جزوه رگرسیون\n\n## گرادیان کاهشی\n\n- **سؤال خودم**: با SGD دقیقاً به مینیمم نمی‌رسیم؟\n"
                 "- **نکته امتحانی**: فرض گوسی روی نویز است.\n- **جلسه‌ی بعد**: رگرسیون لجستیک\n"
                 "- **نرخ یادگیری**: اندازه‌ی گام در هر به‌روزرسانی.\n\n## Contoh\n\n- **Penyelesaian**: darab dan tambah.\n"
                 "- **Jövő hétre**: 3. fejezet elolvasása\n",
                 kept=["اندازه‌ی گام"], gone=["مینیمم", "فرض گوسی", "لجستیک", "darab dan tambah", "fejezet"])


def test_a_lead_that_says_the_formula_in_words_is_not_its_front() -> None:
    # (a mnemonic over the formula, “口诀：方差 = 平方的期望 − 期望的平方”, is the answer in words; a given
    # over it, “设 x = 2”, or a name, “方差的计算公式”, is not)
    notes = ("# 概率\n\n## 数字特征\n\n**口诀：方差 = 平方的期望 − 期望的平方**\n\n$$\nD(X)=E(X^2)-[E(X)]^2\n$$\n\n"
             "Variance = mean of the squares minus the square of the mean:\n\n$$\n\\operatorname{Var}(X)=E[X^2]-E[X]^2\n$$\n\n"
             "方差的另一种写法：\n\n$$\nD(X)=E[(X-EX)^2]\n$$\n\n"
             "**口诀：协方差 = 乘积的期望 − 期望的乘积**\n\n$$\n\\mathrm{Cov}(X,Y)=E(XY)-EX\\,EY\n$$\n\n"
             "## Adam\n\nAdam = momentum + RMSProp + bias correction:\n\n$$\nm_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t\n$$\n")
    cards, _ = extract(notes)
    fronts = [c.front for c in cards if "?" in c.front or "？" in c.front]
    assert len(fronts) == 5, fronts
    assert not any("平方的期望" in f or "square of the mean" in f or "乘积的期望" in f for f in fronts), fronts
    assert any("另一种写法" in f for f in fronts), fronts
    # (what the left side is stays: “方差”, “协方差”)
    assert any("方差：" in f and "D(X) = ?" in f for f in fronts) and any("协方差：" in f for f in fronts), fronts
    # (three parts named over a rule's row of two terms: what the rule is made of, no answer)
    assert any("RMSProp" in f for f in fronts), fronts


def test_a_summary_table_asks_no_fact_its_sections_asked() -> None:
    # (“| Bernoulli | $p$ | $p(1-p)$ |” under “Tablica za ispit” over sections that each stated them: the same cards
    # twice; a cell no section stated, the uniform's variance, is still asked)
    notes = ("# Razdiobe\n\n## Bernoullijeva razdioba\n\n- $E[X] = p$, $\\mathrm{Var}(X) = p(1-p)$\n\n"
             "## Poissonova razdioba\n\n- $E[X] = \\mathrm{Var}(X) = \\lambda$\n\n"
             "## Tablica za ispit\n\n| Razdioba | $E[X]$ | $\\mathrm{Var}(X)$ |\n|---|---|---|\n"
             "| Bernoulli | $p$ | $p(1-p)$ |\n| Poissonova | $\\lambda$ | $\\lambda$ |\n| Uniformna | $(a+b)/2$ | $(b-a)^2/12$ |\n")
    cards, _ = extract(notes)
    table = [c.front for c in cards if "Tablica" in c.front]
    assert not any("Bernoulli**" in f or "Poissonova**" in f for f in table), table
    assert any("Uniformna" in f and "Var" in f for f in table), table


def test_labels_in_danish_swahili_and_croatian_notes_and_nota_bene_are_no_terms() -> None:
    assert_keeps(
        "# Forelæsning 7\n\n## Asymmetriske omkostninger\n\n"
        "- **Vigtigt**: dette virker kun hvis modellen er kalibreret.\n"
        "- **Eksempel fra slides**: kræftscreening.\n"
        "- **Diskriminantfunktion**: en funktion $g(x)$ der direkte giver klassen.\n\n"
        "## Theory\n\n- **NB**: $L/\\mu$ ndio condition number tena.\n- **Kwa hivyo**: kappa kubwa = valley ndefu.\n"
        "- **Konzultacije**: četvrtak 12–13 h, kabinet 3.14\n",
        ["Diskriminantfunktion"], ["Vigtigt", "Eksempel fra slides", "**NB**", "Kwa hivyo", "Konzultacije"])
    # (someone's advice, “师兄的建议”, is theirs; what a “建议框架” is stays a term)
    assert_keeps("# 混合精度\n\n## bf16 vs fp16\n\n**bf16**：8 位指数、7 位尾数的浮点格式，范围与 fp32 相同。\n\n"
                 "师兄的建议：有 A100 就直接 bf16，省事。\n", ["8 位指数"], ["师兄的建议", "省事"])
    # (where the notes spell out a Naive Bayes, “NB” is its name)
    assert_keeps("# Classifiers\n\nNaive Bayes assumes the features independent given the class.\n\n## Compared\n\n"
                 "- **NB**: fast to train, needs little data, badly calibrated probabilities.\n"
                 "- **SVM**: maximises the margin between the classes.\n", ["**NB**"], [])


def test_a_table_of_ones_run_config_and_a_column_worked_out_per_row_are_no_cards() -> None:
    # (“Run config at the time (`configs/unet_v3.yaml`):” over “| setting | value |”: that run's; “| $\\eta$ | $1-2\\eta$ |
    # | what happens |” over “| 0.9 | −0.8 | oscillates |”: the middle column is arithmetic on the row's η, the last a fact)
    assert_keeps(
        "# NaN loss — my checklist\n\nRun config at the time (`configs/unet_v3.yaml`):\n\n| setting | value |\n|---|---|\n"
        "| model | U-Net, resnet34 encoder |\n| optimizer | AdamW, lr 1e-3, wd 1e-2 |\n| precision | AMP fp16 |\n\n"
        "## Step size on $f(x) = x^2$\n\n| $\\eta$ | $1-2\\eta$ | what happens |\n|---|---|---|\n"
        "| 0.1 | 0.8 | converges slowly |\n| 0.9 | −0.8 | converges, oscillating |\n| 1.1 | −1.2 | diverges |\n",
        ["diverges", "converges, oscillating"], ["U-Net", "AdamW", "AMP fp16", "−0.8", "−1.2"])
    # (a table of an optimizer's usual settings, not one's run, is still asked)
    assert_keeps("# Fine-tuning BERT\n\nThe paper's recommended settings:\n\n| setting | value |\n|---|---|\n"
                 "| learning rate | 2e-5 to 5e-5 |\n| epochs | 2 to 4 |\n| batch size | 16 or 32 |\n",
                 ["2e-5 to 5e-5"], [])


def test_a_remark_that_names_the_equation_asked_is_on_the_back_only() -> None:
    # (“$H^2 = ?$（投影两次不变，幂等）”: idempotent is H² = H; a remark that names a case, “(Fletcher–Reeves)”, or a
    # condition, “(independent)”, “(for $x > 0$)”, or what follows, “→ 这就是 $n-d$ 里 $d$ 的来源”, stays)
    cards, _ = extract("# 线代\n\n## 投影矩阵\n\n- $H^2 = H$（投影两次不变，幂等）\n- $H^\\top = H$（对称 ⇒ 正交投影）\n"
                       "- $\\mathbb E[\\hat\\theta] = \\theta$ (unbiased)\n- $\\operatorname{tr}(P) = \\operatorname{rank}(P)$ (idempotent)\n"
                       "- $\\mathrm{MSE}(\\hat\\theta) = \\operatorname{Var}(\\hat\\theta)$ (if unbiased)\n"
                       "- $\\operatorname{tr}(H) = d$ → 这就是上面 $n-d$ 里的 $d$ 的来源！\n\n"
                       "## Conjugate gradient\n\n- $\\beta_k = \\frac{g_{k+1}^\\top g_{k+1}}{g_k^\\top g_k}$ (Fletcher–Reeves)\n"
                       "- $N(\\mu_1,\\sigma_1^2) + N(\\mu_2,\\sigma_2^2) = N(\\mu_1+\\mu_2, \\sigma_1^2+\\sigma_2^2)$ (independent)\n")
    fronts = {c.back: c.front for c in cards}

    def front(part: str) -> str:
        return next(f for b, f in fronts.items() if part in b)
    assert "幂等" not in front("H^2 = H") and "对称" not in front("H^\\top = H") and "unbiased" not in front("mathbb E")
    assert "幂等" in next(b for b in fronts if "H^2 = H" in b)
    assert "来源" in front("tr}(H) = d")
    # (a property that is the question's condition, not its answer, stays: “(idempotent)” over “tr(P) = rank(P)”)
    assert "idempotent" in front("rank}(P)") and "if unbiased" in front("MSE")
    assert "Fletcher–Reeves" in front("beta_k") and "independent" in front("N(\\mu_1")


def test_cards_written_as_question_dash_answer_are_the_learners_cards() -> None:
    # (notes that write “q? — a” three times or more, and say they are cards, write their cards so: each is one as
    # written, without the review marks after it, and one struck through as wrong is none; a version mark stays)
    notes = ("# flashcard drafts\n\n## optimizers\n\n"
             "What does momentum SGD keep track of? — a running velocity $v$; PyTorch form: $v_{t+1} = \\mu v_t + g_t$   "
             "✓ 3/2 ✓ 6/2\n\n"
             "~~Why bias correction in Adam? — because gradients are noisy~~   ✗ 3/2 ✗ 5/2  (too vague)\n\n"
             "Why bias correction in Adam? (v2) — $m_0 = 0$, so early $m_t$ are pulled toward 0   ✓ 9/2\n\n"
             "Inverted dropout — what scaling and when? — scale survivors by $\\frac{1}{1-p}$ at train   ✗ 3/2 ✓ 6/2\n\n"
             "PyTorch Adam defaults? — lr=1e-3, betas=(0.9, 0.999), eps=1e-8   ✓ 3/2 ✗ 9/2 (said eps 1e-6) ✓ 14/2\n")
    cards, _ = extract(notes)
    qa = {c.front: c.back for c in cards}
    assert set(qa) == {"What does momentum SGD keep track of?", "Why bias correction in Adam? (v2)",
                       "Inverted dropout — what scaling and when?", "PyTorch Adam defaults?"}, qa
    assert qa["PyTorch Adam defaults?"] == "lr=1e-3, betas=(0.9, 0.999), eps=1e-8"
    assert not any("✓" in b or "✗" in b or "noisy" in b for b in qa.values()), qa
    # (one such line among open questions is a doubt and what one made of it, no card)
    assert_keeps("# Talk notes\n\n## Diffusion\n\nThe forward process adds Gaussian noise step by step.\n\n"
                 "## my open questions\n\nwhy does the variance-preserving choice matter vs variance exploding? — both are "
                 "SDEs in the Song paper, just different $f, g$\n", [], ["variance-preserving choice"])


def test_the_new_rules_keep_what_other_notes_need() -> None:
    # (a word list's headwords are its cards, “Mfano: noun (m-mi class), "example"”; a compound, “Forbindelse”; NB spelled
    # out after it, “net benefit”; a verdict of history; tables of facts under “configuration at the time” or a config
    # file's defaults; values learnt by heart, “$2^n$”; a sentence that starts on a symbol after “lab.”)
    assert_keeps("# Msamiati\n\n**Mfano**: noun (m-mi class), \"example\". Plural *mifano*.\n\n"
                 "**Kumbuka**: verb, imperative of *kukumbuka*, \"remember!\".\n\n"
                 "**Forbindelse**: et stof opbygget af to eller flere forskellige grundstoffer, bundet kemisk.\n\n"
                 "## Cost–benefit\n\n- **NB**: net benefit, total discounted benefits minus total discounted costs\n"
                 "- **BCR**: benefit–cost ratio\n\n## Nuremberg\n\n- **Overall verdict**: of 22 defendants, 12 were "
                 "sentenced to death\n- **Judges**: four, one from each Allied power\n",
                 ["m-mi class", "remember!", "grundstoffer", "total discounted benefits", "12 were sentenced"], [])
    assert_keeps("# Jutland\n\nFleet configuration at the time of the battle:\n\n| fleet | dreadnoughts | commander |\n"
                 "|---|---|---|\n| Grand Fleet | 28 | Jellicoe |\n| High Seas Fleet | 16 | Scheer |\n\n"
                 "## PHP\n\nDefaults in `php.ini` that cause the most tickets:\n\n| setting | default |\n|---|---|\n"
                 "| upload_max_filesize | 2M |\n| memory_limit | 128M |\n\n"
                 "## Powers of two to know by heart\n\n| $n$ | $2^n$ | name |\n|---|---|---|\n| 10 | 1024 | kibi |\n"
                 "| 20 | 1048576 | mebi |\n| 30 | 1073741824 | gibi |\n",
                 ["Jellicoe", "2M", "128M", "1048576"], [])
    # (a sentence may start on a symbol after a short word: “… in the lab. m = 0.50 kg …” is two sentences; a short word
    # cut short before a word of four letters or more, “Diskretna sl. varijabla”, ends none)
    from studydeck.cards import last_sentence
    assert last_sentence("it carries $E = \\tfrac12 mv^2$, which we confirmed in the lab. m = 0.50 kg and v = 4.0 m/s "
                         "then give") == "m = 0.50 kg and v = 4.0 m/s then give"
    assert last_sentence("Ukratko. Diskretna sl. varijabla → **zakon razdiobe** $p_k$") == \
        "Diskretna sl. varijabla → **zakon razdiobe** $p_k$"


def test_a_lectures_particulars_at_the_head_and_a_summary_tables_repeats_are_no_cards() -> None:
    # (“**Téma:** …\n**Dátum:** 24. 10. (utorok)\n**Prednášal:** …” under the title, in any language; a quick table's
    # “| Bern($p$) | $p$ |” under “mean” after “### Bernoulli($p$)” asked its mean; a field sheet with no date stays)
    assert_keeps("# Hlboké učenie – prednáška 6\n\n**Téma:** Konvolučné vrstvy a pooling\n**Dátum:** 24. 10. (utorok), "
                 "miestnosť B-102\n**Prednášal:** doc. Kováč\n\n## Konvolúcia\n\n**Stride**: krok, o ktorý sa filter posúva.\n",
                 ["krok, o ktorý"], ["Konvolučné vrstvy a pooling", "B-102", "Kováč"])
    assert_keeps("# Adam\n\n**betas:** (0.9, 0.999)\n**eps:** 1e-8\n**weight_decay:** 0.01\n", ["(0.9, 0.999)", "1e-8"], [])
    cards, _ = extract("# Distributions\n\n### Bernoulli($p$)\n\n- **mean**: $p$\n- **variance**: $p(1-p)$\n\n"
                       "## Quick table\n\n| dist | mean | var | support |\n|---|---|---|---|\n"
                       "| Bern($p$) | $p$ | $p(1-p)$ | {0, 1} |\n| Pois($\\lambda$) | $\\lambda$ | $\\lambda$ | ℕ |\n")
    table = [c.front for c in cards if "Quick table" in c.front]
    assert not any("Bern" in f and ("mean" in f or "var" in f) for f in table), table
    assert any("Pois" in f for f in table) and any("Bern" in f and "support" in f for f in table), table


def test_what_a_study_log_did_not_do_and_a_realisation_are_no_terms() -> None:
    assert_keeps("# EM study log\n\n## Session 1\n\nDidn't do: the image segmentation example (9.1.1).\n\n"
                 "Big realisation: these are not a closed-form solution.\n\n**Responsibility**: the posterior "
                 "probability that component k generated point n.\n", ["posterior probability"],
                 ["image segmentation example", "closed-form solution"])


def test_the_second_review_of_the_new_rules_keeps_what_other_notes_need() -> None:
    # (an essay's questions with a dash after them are no cards; a course's “Teammates” deep in a section is its term;
    # a table of Eclipse's run configurations is a fact; “Nash bargaining solution (NB)” spells NB out; a worded formula
    # with a remark in brackets keeps the remark and not the words that answer)
    cards, _ = extract("# Kant and lying\n\n## The murderer at the door\n\nIs that a cop-out? — Maybe, but Kant thinks "
                       "so.\n\nDoes this rescue Kant? — Not quite, as Constant objects.\n\nWhat about white lies? — Still "
                       "forbidden, on his view.\n")
    assert not any(c.kind is CardKind.MANUAL for c in cards), [c.front for c in cards]
    assert_keeps("# Organisational behaviour\n\n## Hackman's framework\n\n- **Teammates**: members who share a task, "
                 "are interdependent and see themselves as a team\n\n## Eclipse\n\nRun configuration types in Eclipse:\n\n"
                 "| type | launches |\n|---|---|\n| Java Application | a class with a main method |\n| JUnit | a test class |\n\n"
                 "## Bargaining\n\nThe Nash bargaining solution (NB) maximises the product of gains.\n\n"
                 "- **NB**: the split that maximises $(u_1 - d_1)(u_2 - d_2)$\n",
                 ["members who share a task", "a class with a main method", "maximises $(u_1"], [])
    cards, _ = extract("# Macro\n\n## Trade\n\nNet exports = exports − imports (a deficit if negative)\n\n$$\nNX = X - M\n$$\n")
    (card,) = [c for c in cards if "NX" in c.front]
    assert "exports − imports" not in card.front and "a deficit if negative" in card.front, card.front


def test_the_code_review_of_the_new_rules() -> None:
    # (“p ~ 1/2” is an answer, no review mark; a question partly struck keeps its new wording; a full-width “＝” in a
    # worded formula; “$\exp(-x)$” over numbers is a value, not a sum worked out)
    notes = ("# flashcards\n\nWhat is the dropout rate here? — p ~ 1/2\n\n~~Why bias correction~~ Why is bias correction "
             "needed in Adam? — $m_0 = 0$ pulls early $m_t$ to 0 ✓ 3/2\n\nWhat does zero_grad do? — clears .grad ✓ 3/2\n\n"
             "What is AdamW's decay? — decoupled ✗ 5/2\n")
    qa = {c.front: c.back for c in extract(notes)[0]}
    assert qa.get("What is the dropout rate here?") == "p ~ 1/2", qa
    assert "Why is bias correction needed in Adam?" in qa, qa
    cards, _ = extract("# 概率\n\n## 数字特征\n\n**口诀：方差＝平方的期望−期望的平方**\n\n$$\nD(X)=E(X^2)-[E(X)]^2\n$$\n")
    assert not any("平方的期望" in c.front for c in cards), [c.front for c in cards]
    from studydeck.cards import _worked_column
    assert not _worked_column("$x$", "$\\exp(-x)$", ["0.368", "0.135"])
    assert not _worked_column("$n$", "$\\binom{n}{2} - 1$", ["0", "2"]) and _worked_column("$\\eta$", "$1-2\\eta$", ["0.8", "-0.8"])


def test_a_formula_on_a_line_marked_wrong_is_no_card() -> None:
    # (“**Wrong:** $E[X^2] = (E[X])^2$” in a sheet of exam traps: taught as right, it was asked as a card)
    assert_keeps("# Exam traps\n\n## $E[g(X)] \\neq g(E[X])$\n\n**Wrong:** $E[X^2] = (E[X])^2$.\n\n"
                 "**Right:** $E[X^2] = \\operatorname{Var}(X) + (E[X])^2$.\n",
                 ["\\operatorname{Var}(X) + (E[X])^2"], ["E[X^2] = (E[X])^2"])


def test_a_drill_keeps_its_questions_without_their_review_marks() -> None:
    # (“Q: $e^{10} \approx$ ?   ✗ 24 Feb ✗ 3 Mar” kept the learner's misses on its front; “$\ln 2 \approx$ ?” was left
    # out as naming nothing, though it asks for the other side as “$\log(ab)$ = ?” does)
    notes = ("# quick facts drill\n\nCover the answer, say it, check. A miss gets ✗ and the date.\n\n"
             "Last full pass: 3 Mar (missed 6). Before that: 24 Feb (missed 11).\n\n## Logs\n\n"
             "Q: $\\ln 2 \\approx$ ?\nA: 0.693\n\nQ: $\\log(ab)$ = ?\nA: $\\log a + \\log b$\n\n"
             "Q: $e^{10} \\approx$ ?   ✗ 24 Feb ✗ 3 Mar\nA: ≈ 22026\n\n"
             "Q: bounds on logsumexp?   ✗ 3月2日\nA: $\\max_i x_i \\le \\mathrm{LSE}(x) \\le \\max_i x_i + \\log n$\n\n"
             "Why is $\\log\\sigma$ stable via softplus? — $\\log\\sigma(x) = -\\mathrm{softplus}(-x)$ ✗ 2 Mar\n")
    cards, _ = extract(notes)
    qa = {c.front: c.back for c in cards}
    assert qa.get("$\\ln 2 \\approx$ ?") == "0.693", qa
    assert qa.get("$e^{10} \\approx$ ?") == "≈ 22026", qa
    assert "bounds on logsumexp?" in qa, qa
    assert not any("✗" in c.front + c.back for c in cards), qa
    # (a value that opens with a date under a heading, or one that only names a month, is what it says)
    assert_keeps("# History\n\n## Deep learning\n\n- **AlexNet**: 2012, won ImageNet by a wide margin\n\n"
                 "# Release notes\n\nPyTorch 2.0: March 2023, brought torch.compile\n",
                 ["won ImageNet", "brought torch.compile"], [])


def test_a_worked_example_keyed_by_a_value_asks_nothing_of_the_value() -> None:
    # (“| input | layer | output |” over “| 32×32 | conv 5×5, S=1, P=0 | 28×28 |”: “32×32 的 layer？”, “32×32 的 output？”
    # asked of an input size; “- 1 層：3×3” under “疊 3×3 conv（stride 1）：” was “關於 **1 層**，要記住什麼？”, without the
    # case)
    cards, _ = extract("# CNN\n\n## Output size\n\n自己計嘅例子：\n\n| input | layer | 點計 | output |\n|---|---|---|---|\n"
                       "| 32×32 | conv 5×5, S=1, P=0 | (32−5)/1+1 | 28×28 |\n| 28×28 | maxpool 2×2, S=2 | (28−2)/2+1 | 14×14 |\n"
                       "| (3, 224, 224) | conv 7×7, S=2, P=3 | ⌊(224+6−7)/2⌋+1 | (64, 112, 112) |\n\n"
                       "## Receptive field\n\n疊 3×3 conv（stride 1）：\n- 1 層：3×3\n- 2 層：5×5\n- 3 層：7×7\n")
    fronts = [c.front for c in cards]
    assert not any("32×32" in f or "224" in f for f in fronts), fronts
    counts = [(c.front, c.back) for c in cards if "層" in c.front]
    assert [back for _, back in counts] == ["3×3", "5×5", "7×7"], fronts
    assert all("疊 3×3 conv（stride 1）" in front and f"{n} 層" in front for n, (front, _) in enumerate(counts, 1)), fronts
    # (a table of named things, and a list of named counts that are no series, are what they were)
    assert_keeps("# CNN\n\n## Layers\n\n| layer | output |\n|---|---|\n| conv1 | 112×112 |\n| pool1 | 56×56 |\n\n"
                 "## Models\n\n- 3D conv: a kernel over time as well\n- 1×1 conv: mixes channels only\n",
                 ["112×112", "mixes channels only", "a kernel over time"], [])


def test_a_post_mortem_asks_the_right_answers_not_what_was_said_in_the_room() -> None:
    # (a viva's post-mortem: “**What Okafor said:** "Sum it."” was “What Okafor said?”, “**What I said** (when asked
    # …): $\eta_t = 1/t^2$” asked the wrong answer given in the room, and “**Right answer:**” over a list made each
    # reason a term, “Right answer: what is **Stochastic**?”; the particulars at its head were cards)
    notes = ("# Viva post-mortem\n\nViva: Thurs 6 June, 10:00–13:10.\nThesis: *Adaptive step sizes*.\n"
             "Internal: Prof. Okafor. External: Dr. Lindqvist.\n\n"
             "## Why not just use Newton's method?\n\n**What I said:** Because the Hessian might not be invertible.\n\n"
             "**What Okafor said:** \"That's the least of the problems. Give me three more.\"\n\n**Right answer:**\n\n"
             "1. Cost: solving $H p = -g$ is $O(d^3)$.\n2. Non-convex: pure Newton is attracted to any stationary point.\n"
             "3. Stochastic: Hessian estimates from minibatches are very noisy.\n\n"
             "## Robbins–Monro step sizes\n\n**What I said** (when asked for a schedule): $\\eta_t = 1/t^2$.\n\n"
             "**Right answer:** $\\sum_t \\eta_t = \\infty$ and $\\sum_t \\eta_t^2 < \\infty$, e.g. $\\eta_t = 1/t$.\n")
    cards, notices = extract(notes)
    qa = {c.front: c.back for c in cards}
    assert qa.get("Why not just use Newton's method?", "").startswith("1. Cost: solving $H p = -g$"), qa
    assert not any(re.search(r"said|Stochastic\*\*|Thesis|Internal|1/t\^2", f) for f in qa), qa
    assert not any("1/t^2" in b or "least of the problems" in b for b in qa.values()), qa
    assert {n.rule for n in notices} >= {"left-out:said-by"}


def test_a_row_that_is_a_value_of_the_corner_symbol_reads_as_that_case() -> None:
    # (“| $\alpha_i$ | $y_i f(x_i)$ |” over “| $0$ | $\ge 1$ |” was asked as “$\alpha_i$ $0$: $y_i f(x_i)$?”)
    cards, _ = extract("# SVM\n\n## Soft margin\n\n| $\\alpha_i$ | $y_i f(x_i)$ |\n|---|---|\n| $0$ | $\\ge 1$ |\n"
                       "| $0 < \\alpha_i < C$ | $= 1$ |\n| $C$ | $\\le 1$ |\n\n"
                       "## Temperature\n\n| $\\tau$ | samples |\n|---|---|\n| ~ 1 | soft, smeared |\n| small | nearly one-hot |\n")
    qa = {c.front.split(": ", 1)[1]: c.back for c in cards}
    assert qa.get("$\\alpha_i$ = $0$: $y_i f(x_i)$?") == "$\\ge 1$", qa
    assert qa.get("$\\alpha_i$ = $C$: $y_i f(x_i)$?") == "$\\le 1$", qa
    assert qa.get("$0 < \\alpha_i < C$: $y_i f(x_i)$?") == "$= 1$", qa
    assert qa.get("$\\tau$ ~ 1: samples?") == "soft, smeared" and qa.get("$\\tau$ small: samples?") == "nearly one-hot", qa
    # (“...” and “1.2.3” are no numbers: the row is named as written)
    from studydeck.cards import _of_corner
    assert _of_corner("$n$", "...") == "$n$ ..." and _of_corner("$n$", "1.2.3") == "$n$ 1.2.3"
    assert _of_corner("$n$", "3") == "$n$ = 3" and _of_corner("$n$", "0.5") == "$n$ = 0.5"


def test_seeds_scores_under_an_experiment_are_results_not_facts() -> None:
    # (“- xavier: 0.585 / 0.350 / 0.090” under “## Experiment 2: …” was “what should you remember about **xavier**?”, and
    # the line over them, “⚠️ Table is one seed. Reran seeds 2 and 3 (…):”, a “which ones?” card)
    notes = ("# Init cheat sheet\n\n## Experiment 2: 20-layer MLP\n\nTwo-spirals data, SGD, 500 steps.\n\n"
             "- ⚠️ Table is one seed. Reran seeds 2 and 3 (final loss, seeds 1/2/3):\n"
             "  - default: 0.693 / 0.691 / 0.690\n  - xavier: 0.585 / 0.350 / 0.090\n  - kaiming: 0.000 / 0.022 / 0.008\n\n"
             "## Defaults\n\n- **Adam betas**: 0.9 / 0.999, the decays of the two moments\n\n"
             "## Variants\n\n- Variants:\n  - **Xavier**: variance 2/(fan_in + fan_out)\n  - **Kaiming**: variance 2/fan_in\n")
    cards, _ = extract(notes)
    fronts = [c.front for c in cards]
    assert not any("xavier**" in f or "kaiming**" in f or "Reran" in f or "default**" in f for f in fronts), fronts
    assert_keeps(notes, ["0.9 / 0.999", "2/fan_in", "- Xavier\n- Kaiming"], ["0.585"])


def test_a_worksheet_of_broken_code_asks_what_causes_each_error() -> None:
    # (“```…```” over “**Error:** `RuntimeError: …`”, “**Why:** …”, “**Fix:** …”: twelve entries made no card of the bug,
    # and one became “what does each line give?” with a ✘ for the error the notes show)
    cards, _ = extract("# Shape bugs\n\n### Broadcasting along the wrong axis\n\n```python\nX = torch.randn(3, 4)\n"
                       "row_mean = X.mean(dim=1)       # (3,)\nX_centered = X - row_mean\n```\n"
                       "**Error:** `RuntimeError: The size of tensor a (4) must match the size of tensor b (3)`\n\n"
                       "**Why:** broadcasting aligns from the right.\n\n**Fix:** `X - X.mean(dim=1, keepdim=True)`\n")
    (card,) = cards
    assert card.front.startswith("Broadcasting along the wrong axis: what causes this error, and the fix?"), card.front
    assert "**Error:** `RuntimeError" in card.front and "keepdim=True" in card.back and "aligns from the right" in card.back


def test_a_config_diff_between_two_runs_is_no_fix() -> None:
    # (“- label_smoothing: 0.0 / + label_smoothing: 0.1” over two runs' metrics was “Pair 1: what is the fix?”)
    cards, notices = extract("# Run comparisons\n\n## Pair 1 — label smoothing\n\n```diff\n  lr: 0.1\n- label_smoothing: 0.0\n"
                             "+ label_smoothing: 0.1\n  seed: 0\n```\n\n| run | top1 |\n|---|---|\n| base | 77.6 |\n| ls | 78.4 |\n\n"
                             "## Pair 2 — step schedule\n\n```diff\n- scheduler: cosine   # T_max = 200\n+ scheduler: multistep\n"
                             "+ milestones: [60, 120, 160]\n```\n\n## Pair 4 — seeds\n\n```diff\n- seed: 0\n+ seed: 1 / 2 / 3\n```\n\n"
                             "## Residual bug\n\n```diff\n- h += residual\n+ h = h + residual\n```\n")
    fixes = [c for c in cards if "what is the fix?" in c.front]
    assert [c.front.split(":")[0] for c in fixes] == ["Residual bug"], [c.front for c in cards]
    assert any(n.rule == "left-out:config-diff" for n in notices)


def test_a_counterexample_worked_through_is_its_working() -> None:
    # (“### 反例 A：凸问题，但对偶间隙 > 0” over “$L = e^{-x} + \lambda x^2/y$”: asked without the problem it is of)
    cards, _ = extract("# 对偶\n\n## 反例合集\n\n### 反例 A：凸但间隙 > 0\n\n$$\\min e^{-x} \\ \\text{s.t.}\\ x^2/y \\le 0$$\n\n"
                       "- $L = e^{-x} + \\lambda x^2/y$\n- $d^\\star = 0 < 1 = p^\\star$\n\n"
                       "## 弱对偶\n\n- 弱对偶：$d^\\star \\le p^\\star$ 对任何问题都成立\n")
    fronts = [c.front for c in cards]
    assert not any("e^{-x} + \\lambda" in c.back or "L = ?" in f for c, f in zip(cards, fronts)), fronts
    assert any("d^\\star \\le p^\\star" in c.back for c in cards), fronts


def test_an_a_that_opens_a_sentence_answers_nothing() -> None:
    # (“**Q1. Bayes' rule (8 pts)**” over “A disease has prevalence 1%. …”: the problem's first sentence read as “A:”)
    cards, _ = extract("# Mock exam\n\n## Part A\n\n**Q1. Bayes' rule (8 pts)**\nA disease has prevalence 1%. Compute $P(D \\mid +)$.\n\n"
                       "## Drill\n\nQ: What does softmax sum to?\nA: 1\n\nQ2. Is KL symmetric?\nA. No\n")
    qa = {c.front: c.back for c in cards}
    assert not any(f.startswith(". Bayes") or "disease has prevalence" in b for f, b in qa.items()), qa
    assert qa.get("What does softmax sum to?") == "1", qa


def test_a_doubt_is_a_label_and_history_a_facet() -> None:
    # (“**Doubt**: …” was “what is **Doubt**?”; “History: Minsky & Papert (1969) …” under XOR was “what is **History**?”)
    cards, _ = extract("# Trees\n\n## Feature importance\n\nPermutation importance shuffles a column.\n\n"
                       "- Doubt: correlated features share the drop? ask the TA\n\n## XOR\n\nNo line separates XOR.\n\n"
                       "- History: Minsky & Papert (1969) showed this limitation\n")
    fronts = [c.front for c in cards]
    assert not any("Doubt" in f for f in fronts), fronts
    assert any("XOR" in f and "history" in f.lower() and "Minsky" in c.back for f, c in zip(fronts, cards)), fronts


def test_an_entry_of_a_shared_page_asks_the_fix_of_its_heading() -> None:
    # (“### Softmax before CrossEntropyLoss” over what happened, “**Fix:** …” and a signature, one paragraph: no card)
    cards, _ = extract("# The Gotchas Wall\n\n### 1. Softmax before `CrossEntropyLoss`\nMy classifier plateaued. CE applies "
                       "log_softmax already, so I was doing softmax twice.\n**Fix:** return raw logits; apply softmax only at "
                       "inference.\n— Priya, 2023-02-14\n\n### 2. `tensor.to(device)` is not in-place\nNothing moved.\n"
                       "**Fix:** `x = x.to(device)`.\n")
    qa = {c.front: c.back for c in cards}
    assert qa.get("Softmax before `CrossEntropyLoss`: what is the fix?") == \
        "return raw logits; apply softmax only at inference.", qa
    assert qa.get("`tensor.to(device)` is not in-place: what is the fix?") == "`x = x.to(device)`.", qa
    # (a solution or a correction in a paragraph fixes nothing; a “**Fix:**” alone on its line is answered by what follows)
    cards, _ = extract("# Calculus\n\n## Integrals\n\nCompute the area under the identity on the unit interval by hand.\n"
                       "Solution: one half, since the antiderivative is half of x squared.\n\n"
                       "## Double softmax\n\nThe loss plateaued early.\n**Fix:**\nreturn raw logits from the model.\n")
    assert [(c.front, c.back) for c in cards if "fix" in c.front] == [
        ("Double softmax: what is the fix?", "return raw logits from the model.")], [c.front for c in cards]


@pytest.mark.parametrize("notes, kept", [
    # (the code review's: a timeline's and a scale's bands; a solution is no fix; a fix by a setting in other words; a
    # handout's series; a catalogue of counterexamples; a colon-less answer to a question; a title in a label)
    ("# History\n\n## Timeline\n\n- 1914–1918: First World War\n- 1939–1945: Second World War\n\n## HTTP\n\n"
     "- 200–299: success\n- 400–499: client error\n", ["First World War", "client error"]),
    ("# Training\n\n## Loss spikes at step 0\n\nThe loss exploded in the first hundred steps. Adding warmup stopped it:\n\n"
     "```diff\n- warmup_steps: 0\n+ warmup_steps: 1000\n```\n", ["what is the fix?"]),
    ("# Acids\n\n## Polyprotic acids\n\n- Triprotic acids (pKa1 / pKa2 / pKa3):\n  - phosphoric: 2.15 / 7.20 / 12.35\n"
     "  - citric: 3.13 / 4.76 / 6.40\n", ["- phosphoric\n- citric"]),
    ("# Analysis\n\n## Counterexamples\n\n- Differentiable but derivative not continuous: $f(x) = x^2 \\sin(1/x)$\n",
     ["x^2 \\sin(1/x)"]),
    ("# Nets\n\n## ReLU\n\nQ: Why does ReLU help deep nets train\nA because its gradient does not vanish for x > 0\n",
     ["its gradient does not vanish"]),
    ("# CNN\n\n## History\n\n- Networks from Prof. LeCun's lab:\n  - **LeNet-5**: digit recognition, 1998\n"
     "  - **DjVu**: document compression\n", ["- LeNet-5\n- DjVu"]),
    ("# Training\n\n## Sets per exercise\n\nSets depend on training age.\n\n- 1 set: enough for novices\n"
     "- 3 sets: the usual dose\n", ["enough for novices", "the usual dose"]),
    ("# Lab\n\n## Microplates\n\n| wells | format | volume |\n|---|---|---|\n| 8 × 12 | 96-well plate | 100–200 µL |\n"
     "| 16 × 24 | 384-well plate | 20–50 µL |\n", ["96-well plate", "384-well plate"]),
    # (a value with a date at the head of a timeline; a fraction that is a time signature)
    ("# Modern history\n\nStorming of the Bastille: 14 July 1789\n\n## Music\n\n- **Waltz**: 3/4 time\n",
     ["14 July 1789", "3/4 time"]),
    # (“a / b / c” under an “Experiment N” handout heading that says nothing of runs or seeds)
    ("# Numerics\n\n## Experiment 1: Euler vs RK4\n\n- **RK4 stage weights**: 1/6 / 1/3 / 1/3 / 1/6\n"
     "- **pKa values**: 2.15 / 7.20 / 12.35\n", ["1/6 / 1/3", "2.15 / 7.20"]),
    # (what a judge or a poet wrote, in notes that are no look back at one's own answers)
    ("# Torts\n\n## Palsgraf\n\n- **Cardozo wrote**: the risk reasonably to be perceived defines the duty\n",
     ["the risk reasonably to be perceived"]),
    # (a probability of outcomes named in words, a fact of genetics)
    ("# Genetics\n\n## Carriers\n\nFor two carrier parents, $P(\\text{affected}) = 1/4$.\n", ["P(\\text{affected}) = 1/4"]),
    # (code a comment says was fixed)
    ("# Py\n\n## Loop\n\n```python\ndef total(xs):\n    s = 0\n    for x in xs:\n        s += x   # <- bug was here\n"
     "    return s\n```\n", ["def total(xs)"]),
    # (“e.g.” in a label over a list is no sentence)
    ("# Opt\n\n## Optimisers\n\n- Adaptive ones, e.g. Adam:\n  - **Adam**: moments of the gradient\n"
     "  - **RMSprop**: a running mean of squares\n", ["- Adam\n- RMSprop"]),
])
def test_ordinary_notes_keep_what_the_review_of_round_102_found_its_rules_took(notes, kept) -> None:
    assert_keeps(notes, kept, [])


def test_a_corner_that_is_no_single_variable_reads_as_before() -> None:
    # (“| $10^k$ | prefix |” over “| 9 | giga |” is k = 9, not “$10^k$ = 9”; “| $X_2$ | colour |” over “| F | … |”)
    cards, _ = extract("# Units\n\n## SI prefixes\n\n| $10^k$ | prefix |\n|---|---|\n| 9 | giga |\n| 6 | mega |\n\n"
                       "## Halogens\n\n| $X_2$ | colour |\n|---|---|\n| F | pale yellow |\n| Cl | green |\n")
    fronts = [c.front for c in cards]
    assert not any("= 9" in f or "= F" in f for f in fronts), fronts
    assert any("$10^k$ 9" in f for f in fronts) and any("$X_2$ F" in f for f in fronts), fronts


def test_a_quiz_numbered_q1_asks_without_the_numbers_period() -> None:
    # (“**Q1. Token ids going into the model?**” over “**A:** `(B, T)`” was asked as “. Token ids going into the model?”)
    cards, _ = extract("# Shapes quiz\n\n## Part 1\n\n**Q1. Token ids going into the model?**\n**A:** `(B, T)`, dtype long.\n\n"
                       "**Q2. After `nn.Embedding(V, d)`?**\n**A:** `(B, T, d)`\n")
    assert [c.front for c in cards] == ["Token ids going into the model?", "After `nn.Embedding(V, d)`?"], \
        [c.front for c in cards]


def test_where_a_refactor_moved_each_part_is_no_fact() -> None:
    # (“| Notebook cell(s) | Now lives in | Notes |” over “| 9 training loop | `train.py::train_one_epoch` | |”: “9 training
    # loop: Now lives in?” of one's own project)
    cards, _ = extract("# Refactor log\n\n## What moved where\n\n| Notebook cell(s) | Now lives in | Notes |\n|---|---|---|\n"
                       "| 3 transforms | `data.py::build_loaders(cfg)` | lambdas → functions |\n| 5–7 `Net` | `model.py` | no softmax |\n"
                       "| 9 training loop | `train.py::train_one_epoch` | |\n\n## Modules\n\n| module | what it holds |\n|---|---|\n"
                       "| `torch.nn` | layers and losses |\n| `torch.optim` | optimisers |\n")
    fronts = [c.front for c in cards]
    assert not any("lives in" in f for f in fronts), fronts
    assert any("torch.nn" in f for f in fronts), fronts


def test_a_bare_symbol_asked_for_its_other_side_still_names_nothing() -> None:
    # (“$\alpha =$ ?” leans on an equation before it, as “$x =$ ?” does; “$17^2 =$ ?” asks a value)
    cards, _ = extract("# Drill\n\n## Numbers\n\nQ: $\\alpha =$ ?\nA: 0.05\n\nQ: $17^2 =$ ?\nA: 289\n")
    assert [c.front for c in cards] == ["$17^2 =$ ?"], [c.front for c in cards]


def test_a_classmates_reply_a_next_step_and_a_todo_are_no_terms() -> None:
    # (“小王：一定。→ 老师：不一定！…” was “**小王** 是什么？”; an answer left at “…… TODO” a card)
    cards, _ = extract("# 时间序列\n\n## 平稳性\n\n宽平稳只看前两阶矩。\n\n老师提问：严平稳一定宽平稳吗？\n小王：一定。→ 老师：不一定！\n\n"
                       "## 疑问清单\n\n- **图级任务的 readout**：sum / mean pooling 之外还有 Set2Set、SortPool…… TODO\n"
                       "- **池化**：把节点表示汇成图表示\n\n## 小波\n\n- **小波**：时间和频率上都局部的基函数\n")
    fronts = [c.front for c in cards]
    assert not any("小王" in f or "readout" in f for f in fronts), fronts
    assert any("池化" in f for f in fronts), fronts
    assert any("小波" in f and "局部的基函数" in c.back for f, c in zip(fronts, cards)), fronts


def test_a_boards_labels_are_no_card_and_labels_in_a_glossary_are() -> None:
    # (“### Card: FlashAttention” over “- **Labels:** `systems`” was “what are its labels?” → `systems`)
    cards, _ = extract("# Study board\n\n## To learn\n\n### Card: FlashAttention\n- **Labels:** `systems` ✅\n"
                       "- Exact attention, IO-aware: tiles Q/K/V into SRAM.\n\n### Card: RoPE\n- **Tags:** #positional #nlp\n"
                       "- Rotates query and key pairs by position.\n\n# Glossary\n\n## Supervised learning\n\n"
                       "- **Labels**: the targets $y$ the model learns to predict\n")
    fronts = [c.front for c in cards]
    assert not any("FlashAttention" in f and "labels" in f.lower() or "Tags" in f for f in fronts), fronts
    assert any("targets $y$" in c.back for c in cards), fronts


def test_a_problems_data_table_is_asked_by_the_problem_not_cell_by_cell() -> None:
    # (“| 天气 | 样本数 | 正例 | 负例 |” over “求 $H(D)$ 和 $\mathrm{Gain}(D, 天气)$。”: “**晴** 的样本数？” → 5, nine cards)
    cards, _ = extract("# 期末计算题\n\n## 题1 信息增益\n\n数据集 D 共 14 个样本。\n\n| 天气 | 样本数 | 正例 |\n|---|---|---|\n"
                       "| 晴 | 5 | 2 |\n| 阴 | 4 | 4 |\n\n求 $H(D)$ 和信息增益。\n\n熵的定义：$H(D) = -\\sum_k p_k \\log_2 p_k$\n\n"
                       "## 分布\n\n| 分布 | 期望 |\n|---|---|\n| 泊松 | $\\lambda$ |\n\n泊松分布常用于计数。\n")
    fronts = [c.front for c in cards]
    assert not any("晴" in f or "阴" in f for f in fronts), fronts
    assert any("泊松" in f for f in fronts) and any("H(D) = ?" in f for f in fronts), fronts


def test_what_one_must_know_of_a_topic_is_no_definition_of_it() -> None:
    # (“5. Momentum: formula and why it helps in long valleys” in an exam's topic list was “what is Momentum?”)
    cards, _ = extract("# Gradient descent\n\n## For the exam\n\n1. Update rule + why the minus gradient\n"
                       "2. Momentum: formula and why it helps in long valleys\n3. 牛顿法：公式和为什么收敛快\n\n"
                       "## Terms\n\n- Momentum: a running average of past gradients, used as the step\n"
                       "- Why-not-Newton: the Hessian costs $O(d^2)$ memory and $O(d^3)$ to invert\n")
    backs = [c.back for c in cards]
    assert not any("formula and why" in b or "公式和" in b for b in backs), backs
    assert any("running average" in b for b in backs) and any("Hessian costs" in b for b in backs), backs


def test_what_the_examiner_likes_and_a_friends_tip_are_no_terms() -> None:
    # (“She likes: drawing on the board, …” was “what is **She likes**?”; “Jonas's tip: …” another)
    cards, _ = extract("# Oral exam prep\n\n## The examiner\n\nShe likes: drawing on the board, a concrete example first.\n\n"
                       "He never accepts: \"it's just regularisation\".\n\nJonas's tip: say what you would try.\n\n"
                       "## Init\n\nHe init: weights drawn with variance $2/n_{in}$, for ReLU layers.\n\n"
                       "Newton's method: steps by the inverse Hessian times the gradient.\n")
    fronts = [c.front for c in cards]
    assert not any("likes" in f or "accepts" in f or "tip" in f for f in fronts), fronts
    assert any("He init" in f for f in fronts) and any("Newton's method" in f for f in fronts), fronts


def test_a_warning_marks_label_is_a_label_and_a_reviews_handles_are_turns() -> None:
    # (“!! careful: PyTorch momentum is …” was “what is **!! careful**?”; “**@jkowalski:** done in docstring.”,
    # a reply in a pull request's review, “what is **@jkowalski**?”)
    cards, _ = extract("# PR notes\n\n## BatchNorm\n\n!! careful: PyTorch momentum weighs the new value.\n\n"
                       "## Review thread\n\n**@jkowalski:**\n> Pass `ignore_index` to the loss.\n\n**@mnair:**\n> Add a test.\n\n"
                       "**@jkowalski:** done in docstring.\n\n## Decorators\n\n- **@property**: turns a method into a read-only attribute\n"
                       "\n## CSS\n\n- **!important**: makes a declaration win over later ones of the same property\n")
    fronts = [c.front for c in cards]
    assert not any("careful" in f or "jkowalski" in f for f in fronts), fronts
    assert any("@property" in f for f in fronts) and any("!important" in f for f in fronts), fronts


def test_code_under_a_first_version_heading_that_a_later_one_defines_again_is_not_to_recall() -> None:
    # (“## First version of the code” with `class FocalLoss` (log of softmax) and “## Final version” with it again:
    # both were “write `class FocalLoss`”, the first one wrong)
    first = "def focal(p, y):\n    return -(1 - p) ** 2 * p.log()\n"
    final = "def focal(logits, y):\n    ce = F.cross_entropy(logits, y, reduction='none')\n    return (1 - (-ce).exp()) ** 2 * ce\n"
    helper = "def to_onehot(y, k):\n    return F.one_hot(y, k).float()\n"
    cards, _ = extract(f"# Focal loss PR\n\n## Draft\n\nFirst version of the code:\n\n```python\n{first}{helper}```\n\n"
                       f"## Review\n\nUse logits.\n\n## Final version\n\n```python\n{final}```\n")
    backs = [c.back for c in cards if c.kind is CardKind.CODE]
    assert not any("p.log()" in b for b in backs), backs
    assert any("cross_entropy" in b for b in backs) and any("one_hot" in b for b in backs), backs
    cards, _ = extract(f"# Focal loss\n\n## 初版\n\n```python\n{first}```\n\n## 终版\n\n```python\n{final}```\n")
    backs = [c.back for c in cards if c.kind is CardKind.CODE]
    assert not any("p.log()" in b for b in backs) and any("cross_entropy" in b for b in backs), backs
    cards, _ = extract(f"# Focal loss\n\n## First version\n\n```python\n{first}```\n\n## After the review\n\n"
                       f"```python\n{final}```\n")
    backs = [c.back for c in cards if c.kind is CardKind.CODE]
    assert not any("p.log()" in b for b in backs) and any("cross_entropy" in b for b in backs), backs


def test_a_formula_given_only_as_a_reason_is_a_step_and_one_with_its_subject_a_fact() -> None:
    # (“Because $\sum_k y_k = 1$.” under the gradient's derivation was “Because $\sum_k y_k = ?$.”)
    cards, left = extract("# Softmax\n\n## Gradient\n\nBecause $\\sum_k y_k = 1$.\n\n"
                          "## Labels\n\nA one-hot label sums to one: $\\sum_k y_k = 1$.\n")
    fronts = [c.front for c in cards]
    assert not any(f.startswith("Gradient") for f in fronts), fronts
    assert any("one-hot" in f for f in fronts), fronts
    assert any(n.rule == "left-out:derivation-step" and n.source.line == 5 for n in left), left


def test_a_formula_one_believed_before_is_no_fact() -> None:
    # (“⚠️ 我之前整错了：以为 PyTorch 是 $v = \mu v + (1-\mu) g$ 那种 EMA 写法。**不是**” was asked “以为 PyTorch 是 $v = ?$”)
    cards, _ = extract("# 优化器\n\n## Momentum\n\n⚠️ 我之前整错了：以为 PyTorch 是 $v = \\mu v + (1-\\mu) g$ 那种 EMA 写法。"
                       "**不是**，PyTorch 没有 $(1-\\mu)$。\n\nStudents mistakenly write $m = \\beta m + g$ for it.\n\n"
                       "PyTorch 的写法是 $v_{t+1} = \\mu v_t + g_t$。\n\n学习率调度可以为余弦退火：$\\eta_t = \\eta_0 \\cos t$。\n")
    fronts = [c.front for c in cards]
    assert not any("以为 PyTorch" in f or "mistakenly" in f for f in fronts), fronts
    assert any("PyTorch 的写法" in f for f in fronts) and any("余弦退火" in f for f in fronts), fronts


def test_a_mentors_reply_and_what_she_uses_are_no_terms() -> None:
    # (“- Not dead — "they end the same" is itself a finding …”, “- Rule of thumb she uses: warmup …” under “**What she
    # explained**” were “what is **Not dead**?”, “what is **Rule of thumb she uses**?”)
    cards, _ = extract("# 1:1s\n\n## Thu 13 Feb\n\n**What she explained**\n- Not dead — \"they end the same\" is a finding too.\n"
                       "- Rule of thumb she uses: warmup for about 1–5% of training.\n- Intuition she drew: high LR bounces across "
                       "the valley.\n\n## Terms\n\n- **NOT gate**: outputs 1 exactly when its input is 0\n"
                       "- **Kaiming He init**: weights with variance $2/n_{in}$\n")
    fronts = [c.front for c in cards]
    assert not any("dead" in f or "she" in f for f in fronts), fronts
    assert any("NOT gate" in f for f in fronts) and any("Kaiming He" in f for f in fronts), fronts


def test_a_dated_trials_table_is_ones_own_results() -> None:
    # (“## 1/28 学习率试验” over “| $\alpha$ | 100 步后 $J$ | 现象 |”: “$\alpha$ = 0.01 的100 步后 $J$？” → 约 0.031)
    cards, _ = extract("# 自学笔记\n\n## 1/28 学习率试验\n\n| $\\alpha$ | 100 步后 $J$ | 现象 |\n|---|---|---|\n"
                       "| 0.01 | 约 0.031 | 很慢 |\n| 0.1 | 约 0.0035 | 收敛 |\n| 0.5 | 炸了 | 发散 |\n\n"
                       "## Mar 3 — lr sweep\n\n| lr | val loss after 1 epoch |\n|---|---|\n| 1e-4 | 2.31 |\n| 1e-3 | 1.87 |\n"
                       "| $10^{-2}$ | nan |\n\n"
                       "## 学习率\n\n| 学习率 | 现象 | 对策 |\n|---|---|---|\n| 太小 | 收敛慢 | 调大 |\n| 太大 | 发散 | 调小 |\n")
    fronts = [c.front for c in cards]
    assert not any("0.01" in f or "0.5" in f or "1e-3" in f for f in fronts), fronts
    assert any("太大" in f for f in fronts), fronts



def test_a_decorator_written_twice_is_no_handle_and_a_grammars_example_no_examiners_taste() -> None:
    # (“- **@staticmethod**: …” twice in a decorators page, with “@staticmethod” in its code, are terms; “**He likes**:
    # third person adds -s — ‘He likes tea’” teaches the form; “Not guilty” is a verdict)
    cards, _ = extract("# Decorators\n\n## staticmethod\n\n- **@staticmethod**: a method that gets neither the instance "
                       "nor the class\n\n```python\nclass A:\n    @staticmethod\n    def f(x):\n        return x\n```\n\n"
                       "## Again\n\n- **@staticmethod**: callable on the class or on an instance alike\n\n"
                       "## Grammar\n\n- **He likes**: third person singular adds -s, as in “He likes tea”\n\n"
                       "## Scots law\n\n- **Not guilty**: the verdict of acquittal on the evidence\n")
    fronts = [c.front for c in cards]
    assert any("@staticmethod" in f for f in fronts) and any("He likes" in f for f in fronts), fronts
    assert any("Not guilty" in f for f in fronts), fronts


def test_first_version_code_stays_beside_another_that_is_no_fix_and_a_labs_dated_table_of_facts_stays() -> None:
    # (“The first version of the partition (Hoare's)” and Lomuto's under a heading of its own: two to learn; “## Jan 18 —
    # titration experiment” over the manual's indicator table: its facts)
    cards, _ = extract("# Sorting\n\n## Hoare\n\nThe first version of the partition:\n\n```python\ndef partition(a, lo, hi):\n"
                       "    return lo\n```\n\n## Lomuto\n\n```python\ndef partition(a, lo, hi):\n    return hi\n```\n\n"
                       "## Jan 18 — titration experiment\n\n| Indicator | pH range | colour change |\n|---|---|---|\n"
                       "| methyl orange | 3.1–4.4 | red → yellow |\n| phenolphthalein | 8.2–10.0 | colourless → pink |\n")
    backs = [c.back for c in cards]
    assert any("return lo" in b for b in backs) and any("return hi" in b for b in backs), backs
    assert any("3.1–4.4" in b for b in backs), backs


def test_a_table_that_works_an_example_out_cell_by_cell_is_no_glossary() -> None:
    # (“| शब्द | spam count | ham count | $P(w\mid\text{spam})$ |” over “| free | 3 | 1 | 4/10 = 0.4 |”, under a heading
    # saying “worked by hand on the board” in Marathi: “free: spam count?” → 3, twenty cards)
    cards, _ = extract("# Naive Bayes\n\n## ५. हाताने केलेलं उदाहरण\n\n| शब्द | spam count | ham count | $P(w\\mid\\text{spam})$ | $P(w\\mid\\text{ham})$ |\n"
                       "|---|---|---|---|---|\n| free | 3 | 1 | 4/10 = 0.4 | 2/12 ≈ 0.167 |\n| win | 2 | 0 | 3/10 = 0.3 | 1/12 ≈ 0.083 |\n"
                       "| meeting | 0 | 4 | 1/10 = 0.1 | 5/12 ≈ 0.417 |\n| **एकूण** | 3 | 5 | 1.0 | 1.0 |\n\n## Distributions\n\n| distribution | mean | variance |\n|---|---|---|\n"
                       "| Bernoulli | $p$ | $p(1-p)$ |\n| Poisson | $\\lambda$ | $\\lambda$ |\n")
    fronts = [c.front for c in cards]
    assert not any("free" in f or "win" in f for f in fronts), fronts
    assert any("Poisson" in f for f in fronts), fronts


def test_which_exam_questions_one_got_wrong_and_what_one_took_it_for_are_no_cards() -> None:
    # (“- **线代**：填空2、填空5、判断3” was “**线代** 的错题？”; “我把它当成了 $\det(cA) = c\det A$” asked the wrong one)
    cards, _ = extract("# 期中考试错题反思\n\n## 错题\n\n- **线代**：填空2、填空5、判断3\n- **概率**：选择4、计算1(2)、判断2\n\n"
                       "## 填空2\n\n我把它当成了 $\\det(cA) = c\\det A$。\n\n正确：$\\det(cA) = c^n \\det A$。\n\n"
                       "## 概念\n\n- **伴随矩阵**：由代数余子式转置排成的矩阵\n")
    fronts = [c.front for c in cards]
    assert not any("线代" in f or "当成" in f for f in fronts), fronts
    assert any("正确" in f for f in fronts) and any("伴随矩阵" in f for f in fronts), fronts


@pytest.mark.parametrize("label", ["Misol", "Eslatma", "Qiziq", "Yəni", "Qeyd", "लक्षात ठेवा", "टीप"])
def test_labels_of_uzbek_azerbaijani_and_marathi_notes_are_no_terms(label: str) -> None:
    # (“**Qiziq**: 1×1 konvolyutsiya …” was “what is **Qiziq**?”, “Interesting”; “**लक्षात ठेवा**: …”, “Remember”)
    cards, _ = extract(f"# Konvolyutsiya\n\n## 1×1\n\n- **{label}**: 1×1 konvolyutsiya kanallar sonini o'zgartiradi\n"
                       "- **Pooling**: xususiyatlar xaritasini kichraytiradi\n")
    fronts = [c.front for c in cards]
    assert not any(label in f for f in fronts) and any("Pooling" in f for f in fronts), fronts


def test_a_sentence_wrapped_onto_the_next_line_is_not_a_new_term() -> None:
    # (“Dropout: randomly zeroes activations during training, which” over “regularises the network — like an ensemble
    # …”: the first left out as cut off, the second “what is **regularises the network**?”)
    cards, _ = extract("# Regularisation\n\n## Dropout\n\nDropout: randomly zeroes activations during training, which\n"
                       "regularises the network — like an ensemble of thinned networks.\n\n## Settings\n\n"
                       "Weight decay: an L2 penalty on the weights\nEarly stopping: halt when validation loss rises\n\n"
                       "## Glossary\n\ngradient descent: an iterative method that moves the parameters against the gradient\n"
                       "learning rate: the size of each step it takes\nmomentum: a running average of the past gradients\n")
    fronts = {c.front: c.back for c in cards}
    assert not any("regularises the network" in f for f in fronts), fronts
    assert any("Dropout" in f and "ensemble of thinned" in b for f, b in fronts.items()), fronts
    assert any("Weight decay" in f for f in fronts) and any("Early stopping" in f for f in fronts), fronts
    # (a lowercase glossary, one label a line, is no wrapped sentence)
    assert any("learning rate" in f for f in fronts) and any("momentum" in f for f in fronts), fronts
    assert not any("learning rate" in b for b in fronts.values()), fronts


def test_a_bullet_journals_sign_and_a_step_named_by_number_make_no_card() -> None:
    # (“– careful: numpy's exponential takes scale = 1/λ” was “what is **– careful**?”; a derivation table's
    # “| $\partial L / \partial b_1 = \delta_1$ | same as step 5 |” was “Justification?” → “same as step 5”)
    cards, _ = extract("# BuJo\n\n## Thu 6 Nov\n\n– careful: numpy's exponential takes scale = 1/λ, not the rate\n\n"
                       "## Backprop\n\n| Step | Justification |\n|---|---|\n| $a = b$ | the chain rule on both factors |\n"
                       "| $c = d$ | same as step 1 |\n| $e = f$ | the product rule, term by term |\n")
    fronts = {c.front: c.back for c in cards}
    assert not any("careful" in f for f in fronts) and "same as step 1" not in fronts.values(), fronts
    assert "the product rule, term by term" in fronts.values(), fronts


def test_a_substitution_a_conversion_table_and_a_sample_keep_their_cards() -> None:
    # (“把 $x^2$ 当成整体 $t$，有 …” substitutes, it believes nothing; a conversion table's worked cells are its facts;
    # Azerbaijani “Nümunə” is a statistical sample)
    cards, _ = extract("# 微积分\n\n## 换元\n\n把 $x^2$ 当成整体 $t$，有 $\\int 2x e^{x^2} dx = e^{x^2} + C$。\n\n"
                       "## Temperatures\n\n| point | in °F | back in °C |\n|---|---|---|\n"
                       "| water boils | 100 × 9/5 + 32 = 212 | (212 − 32) × 5/9 = 100 |\n"
                       "| body | 37 × 9/5 + 32 = 98.6 | (98.6 − 32) × 5/9 = 37 |\n"
                       "| water freezes | 0 × 9/5 + 32 = 32 | (32 − 32) × 5/9 = 0 |\n\n"
                       "## Statistika\n\n- **Nümunə**: baş çoxluqdan seçilmiş müşahidələr toplusu\n")
    fronts = [c.front for c in cards]
    assert any("当成整体" in f for f in fronts), fronts
    assert any("water boils" in f for f in fronts) and any("Nümunə" in f for f in fronts), fronts


def test_an_error_under_its_heading_with_its_cause_and_fix_is_asked_as_such() -> None:
    # (“## 2. Tensors on different devices” over the error text, then “**Cause:** … **Fix:** …”: fourteen such entries
    # made no card)
    cards, _ = extract("# PyTorch errors I have hit\n\n## 2. Tensors on different devices\n\n```\nRuntimeError: Expected all "
                       "tensors to be on the same device\n```\n\n**Cause:** `model.to(\"cuda\")` but the batch stayed on "
                       "the CPU.\n**Fix:** move it too:\n\n```python\nx = x.to(device)\n```\n")
    (card,) = [c for c in cards if c.kind is CardKind.MANUAL]
    assert card.front == "2. Tensors on different devices: what causes it, and what is the fix?" or \
        card.front == "Tensors on different devices: what causes it, and what is the fix?", card.front
    assert "**Cause:**" in card.back and "x = x.to(device)" in card.back, card.back


def test_how_well_ones_analogy_holds_is_no_fact() -> None:
    # (“| 前缀和 | `torch.cumsum` | 一模一样 |” under “| 数据结构概念 | PyTorch 里对应的东西 | 类比成立的程度 |” was “**前缀和** 的类比成立的
    # 程度？” → 一模一样)
    cards, _ = extract("# 对照\n\n## 总体对照表\n\n| 数据结构概念 | PyTorch 里对应的东西 | 类比成立的程度 |\n|---|---|---|\n"
                       "| 连续数组 | contiguous tensor 的 storage | 很像 |\n| 排序 / Top-k | `torch.sort`, `torch.topk` | 像 |\n"
                       "| 前缀和 | `torch.cumsum` | 一模一样 |\n")
    fronts = [c.front for c in cards]
    assert not any("程度" in f for f in fronts), fronts
    assert any("前缀和" in f and "对应" in f for f in fronts), fronts
