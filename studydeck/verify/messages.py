"""Verdicts in words, in the notes' language, rendered from a :class:`Result`'s facts.

A checker sets ``Result.reason`` to a code below and ``Result.facts`` to the values its
template names; the card, the terminal and lint call :func:`verdict_line`. A reason without
a template falls back to the checker's English ``detail``. Kept free of torch.
"""

from __future__ import annotations

from studydeck.text import Lang
from studydeck.verify.result import Result, Verdict

# reason -> (Chinese, English). Templates use ``str.format`` with ``Result.facts`` plus
# ``reference`` and ``concept``; keep each to one short sentence.
FORMULA_MESSAGES: dict[str, tuple[str, str]] = {
    "agrees": ("与 {call} 一致（最大 |Δ| {diff}）", "agrees with {call} (max |Δ| {diff})"),
    "agrees-approx": ("与 {call} 近似一致（最大 |Δ| {diff}）", "approximately agrees with {call} (max |Δ| {diff})"),
    "claims-hold": ("等式成立（最大 |Δ| {diff}）", "holds (max |Δ| {diff})"),
    "claims-hold-approx": ("近似成立（最大 |Δ| {diff}）", "holds approximately (max |Δ| {diff})"),
    "function-differs": ("与 {call} 不一致：{var} = {x} 时笔记得 {notes}，torch 得 {torch}",
                         "disagrees with {call}: at {var} = {x} the notes give {notes}, torch {torch}"),
    "loss-differs": ("与 {call} 不一致：同一组预测与目标，笔记得 {notes}，torch 得 {torch}",
                     "disagrees with {call}: on the same prediction and target the notes give {notes}, torch {torch}"),
    "loss-swapped": ("与 {call} 一致，但预测与目标的位置颠倒了", "agrees with {call} only with prediction and target swapped"),
    "direction-unclear": ("未验证：预测与目标的位置与通常的记号相反，笔记没有说明哪个是哪个",
                          "unverified: prediction and target are the other way round from their usual names"),
    "undefined": ("未验证：“{claim}” 有一边按字面没有值（NaN），说的是约定或极限，不做计算检查",
                  "unverified: “{claim}”: one side has no value as written (NaN), so it states a convention or a "
                  "limit; not checked"),
    "holds-near": ("{var} → {where} 时近似成立（{var} = {at} 处 |Δ| {diff}）",
                   "holds approximately as {var} → {where} (|Δ| {diff} at {var} = {at})"),
    "local-approximation": ("未验证：“{claim}” 只在 {var} → {where} 时成立（{var} = {at} 处 |Δ| {near}，远处 {diff}）；"
                            "写明对哪些 {var} 成立",
                            "unverified: “{claim}” holds only as {var} → {where} (|Δ| {near} at {var} = {at}, {diff} far "
                            "from it); say for which {var} it holds"),
    "claim-fails": ("“{claim}” 不成立（|Δ| {diff}）", "“{claim}” does not hold (|Δ| {diff})"),
    "identity-fails": ("“{claim}” 不成立：取 {at} 时左边是 {lhs}，右边是 {rhs}",
                       "“{claim}” does not hold: at {at} the left side is {lhs}, the right side {rhs}"),
    "no-reference": ("未验证：PyTorch 中没有找到对应的实现", "unverified: no PyTorch reference found"),
    "unreadable": ("未验证：无法读懂公式（{error}）", "unverified: cannot read the formula ({error})"),
    "definition": ("未验证：这里定义 {symbols}，没有可比较的说法", "unverified: defines {symbols}; nothing to compare"),
    "unbound": ("未验证：{symbols} 没有取值", "unverified: {symbols} has no value"),
    "guessed-binding": ("未验证：{symbols} 对不上 {reference} 的任何参数（当作 {keys} 时不一致）；在参数列表里写明它是什么",
                        "unverified: {symbols} matches no parameter of {reference} (read as {keys} it disagrees); say "
                        "what it is in a parameter list"),
    "averaged-momentum": ("未验证：{symbols} 既是动量，又以 (1 − {symbols}) 给梯度加权（梯度的平均）；torch.optim.SGD 的 "
                          "dampening 从第 2 步起才起作用，两者并不逐步相同",
                          "unverified: {symbols} is both the momentum and, as (1 − {symbols}), a weight on the gradient "
                          "(an average of the gradients); torch.optim.SGD's dampening only starts at step 2, so the two "
                          "differ step by step"),
    "inequality": ("未验证：不等式，没有可比较的参照", "unverified: an inequality, nothing to compare with"),
    "overflow": ("未验证：两边都溢出（∞ 或 NaN）", "unverified: both sides overflow (∞ or NaN)"),
    "too-large": ("未验证：公式太大", "unverified: the formula is too large to evaluate"),
    "nothing-to-compare": ("未验证：没有可比较的内容", "unverified: nothing to compare"),
    "not-a-claim": ("未验证：不是可以验证的说法", "unverified: not a statement that can be checked"),
    "other-loss": ("未验证：这个公式是 {named}，与找到的 {function} 不是同一个损失",
                   "unverified: this formula is {named}, not {function}"),
    "roles-unknown": ("未验证：{symbols} 的任何对应方式都与 torch 不一致，而笔记没有说明哪个是预测、哪个是目标",
                      "unverified: no arrangement of {symbols} agrees with torch, and nothing says which is the prediction"),
    "concepts-compete": ("未验证：这里提到了几个函数（{names}）", "unverified: several functions are named here ({names})"),
    "optimizer-agrees": ("与 {reference} 一致（{checked} 种配置 × {steps} 步）",
                         "agrees with {reference} ({checked} configurations × {steps} steps)"),
    "eps-inside-root": ("与 {reference} 不一致：ε 应加在平方根之外{fix_zh}",
                        "disagrees with {reference}: ε belongs outside the square root{fix_en}"),
    "maximize-weight-decay": ("与 {reference} 不一致：maximize 时应先取负梯度再加权重衰减",
                              "disagrees with {reference}: with maximize, torch negates the gradient before adding weight decay"),
    "no-bias-correction": ("与 {reference} 不一致：缺少偏差修正 m/(1−β₁ᵗ)、v/(1−β₂ᵗ)",
                           "disagrees with {reference}: the bias correction m/(1−β₁ᵗ), v/(1−β₂ᵗ) is missing"),
    "wrong-sign": ("与 {reference} 不一致：更新方向相反", "disagrees with {reference}: the update goes the wrong way"),
    "only-with": ("与 {reference} 不一致：仅在设置 {switches} 时", "disagrees with {reference} only when {switches} is set"),
    "rule-differs": ("与 {reference} 不一致（最大 |Δ| {diff}）", "disagrees with {reference} (max |Δ| {diff})"),
    "step-agrees": ("这一步与 {reference} 一致；整个规则在第 {lines} 行不一致",
                    "this step agrees with {reference}; the rule as a whole goes wrong at line {lines}"),
    "not-a-rule": ("未验证：这些公式还不是完整的更新规则（{error}）", "unverified: not a complete update rule ({error})"),
    "torch-refused": ("未验证：{reference} 不能这样逐步运行", "unverified: {reference} cannot be run step by step here"),
    "module-unchecked": ("未验证：无法与 {call} 比较（{why}）", "unverified: not compared with {call} ({why})"),
    "checker-failed": ("未验证：检查这个公式时出错（{error}）", "unverified: the checker failed on this formula ({error})"),
    "not-a-step": ("未验证：不是更新规则的一步（条件、初始值或说明）",
                   "unverified: not a step of the update rule (a condition, an initial value or a remark)"),
    "default-agrees": ("{reference} 的 `{param}` 默认值为 {torch}", "{reference}: `{param}` defaults to {torch}"),
    "default-differs": ("{reference} 的 `{param}` 默认值为 {torch}，笔记写的是 {stated}",
                        "{reference}: `{param}` defaults to {torch}, the notes say {stated}"),
    "has-parameter": ("{reference} 有参数 `{param}`（{torch}）", "{reference} has `{param}` ({torch})"),
    "no-parameter": ("{reference} 没有参数 `{param}`", "{reference} has no parameter `{param}`"),
    "a-call": ("未验证：{reference} 在这个位置没有参数 `{name}`，标题像是带自己取值的一次调用，不是函数签名；"
               "要核对默认值，按文档写出签名（参数名照抄）",
               "unverified: {reference} has no parameter `{name}` where the heading names it, so the heading reads "
               "as a call with values of its own, not the signature; to check the defaults, copy the signature's "
               "parameter names as the documentation gives them"),
    "hidden-parameters": ("未验证：{reference} 的参数经 *args/**kwargs 传递，查不到 `{param}`",
                          "unverified: {reference} takes *args/**kwargs; `{param}` cannot be looked up"),
    "too-complex": ("未验证：公式嵌套太深或太大，无法计算；把它拆成几步", "unverified: the formula is {what} to "
                    "evaluate; split it into steps"),
}

CODE_MESSAGES: dict[str, tuple[str, str]] = {
    "code-agrees": ("代码运行结果与笔记一致（核对了 {checked} 处输出）",
                    "the code runs and prints what the notes say ({checked} checked)"),
    "asserts-hold": ("代码运行无误，笔记里的 {checked} 个 assert 都成立",
                     "the code runs and the notes' {checked} assert(s) hold"),
    "assert-fails": ("断言 {expression} == {expected}，实际得到 {printed}；改正笔记里的值",
                     "it asserts {expression} == {expected}, but that gives {printed}; correct the value in the notes"),
    "ran-no-claims": ("未验证：代码运行无误，但笔记没有说明它应输出什么",
                      "unverified: the code runs, but the notes claim nothing about its output"),
    "printed": ("答案是这段代码运行时的输出（笔记没有写出，由 PyTorch 运行得出）",
                "the answer is what this code printed when PyTorch ran it (the notes do not state it)"),
    "printed-own-way": ("答案是这段代码运行时的输出（笔记在 print 旁写的值没有拿来比较：那里只把张量或数组的写法当作输出）",
                        "the answer is what this code printed when it ran (the values the notes write beside its prints "
                        "were not compared: only a tensor's or an array's repr is read as an output there)"),
    "not-python": ("未验证：不是 Python 代码（{language}），未运行", "unverified: not Python ({language}); not run"),
    "unlabelled-not-python": ("未验证：未标注语言，且不能按 Python 解析，未运行",
                              "unverified: no language given and it does not parse as Python; not run"),
    "notebook-magic": ("未验证：含 notebook 魔法命令 {magic}，未运行",
                       "unverified: a notebook cell ({magic}); not run"),
    "diagram": ("未验证：这是图示（含 {char}），不是代码", "unverified: a diagram (with {char}), not code"),
    "signature": ("未验证：这是 API 的签名，要记住的写法，不是要运行的代码",
                  "unverified: an API's signature, to recall, not code to run"),
    "prose": ("未验证：代码框里是文字，不是代码", "unverified: prose in a code fence, not code"),
    "undefined-names": ("未验证：用到的 {names} 在本文件此前的代码中没有定义，未运行",
                        "unverified: uses {names}, which no earlier block of this file defines; not run"),
    "needs-module": ("未验证：需要未安装的 {modules}，未运行", "unverified: needs {modules}, which is not installed"),
    "no-sandbox": ("未验证：沙箱无法启动（{why}），代码未运行",
                   "unverified: the sandbox cannot start ({why}); code not run"),
    "budget": ("未验证：运行代码的时间预算（{scope}）已用完", "unverified: the time budget for code ({scope}) is spent"),
    # the line to fix is appended by verdict_line, counted in the notes file
    "syntax-error": ("代码无法解析：{error}", "the code does not parse: {error}"),
    "raises": ("代码运行出错：{error}", "the code raises {error}"),
    "environment": ("未验证：代码需要沙箱之外的资源（{error}）",
                    "unverified: the code needs something outside the sandbox ({error})"),
    "earlier-failed": ("未验证：它依赖的第 {line} 行代码块出错", "unverified: the block at line {line} it builds on fails"),
    "earlier-not-run": ("未验证：它依赖第 {line} 行的代码块，而那一块未运行（{why}）",
                        "unverified: it builds on the block at line {line}, which is not run ({why})"),
    "timeout": ("未验证：运行超过 {seconds:g} 秒，已停止", "unverified: still running after {seconds:g} s; stopped"),
    "memory": ("未验证：内存用量超过 {limit}，已停止", "unverified: used more than {limit} of memory; stopped"),
    "processes": ("未验证：启动的进程超过 {limit} 个，已停止", "unverified: started more than {limit} processes; stopped"),
    "file-size": ("未验证：写入的文件超过 {limit}，已停止", "unverified: wrote a file larger than {limit}; stopped"),
    "output-capped": ("未验证：输出超过 {limit}，已停止", "unverified: printed more than {limit}; stopped"),
    "left-running": ("未验证：代码结束后仍留有进程在运行，已停止",
                     "unverified: it left processes running after it ended; they were stopped"),
    "crashed": ("未验证：代码异常终止（{signal}）", "unverified: the code ended abnormally ({signal})"),
    "bad-report": ("未验证：运行报告缺失或与实际输出不符", "unverified: its report was missing or did not match what it printed"),
    "expected-error": ("未验证：代码如笔记所说出错（{error}）", "unverified: the code raises, as the notes say ({error})"),
    "unsteady-output": ("未验证：输出 {printed}，笔记写 {expected}；这些值是随机的（或取决于新初始化的权重、时钟），不算错误",
                        "unverified: prints {printed}, the notes {expected}; the values are random (or depend on "
                        "fresh weights or the clock), so this is no error"),
    "wrong-output": ("输出 {printed}，注释写的是 {expected}", "prints {printed}, the comment says {expected}"),
    "wrong-value": ("得到 {printed}，注释写的是 {expected}", "gives {printed}, the comment says {expected}"),
    "wrong-pasted-output": ("输出 {printed}，代码下面贴的输出在这里是 {expected}；改正贴出的输出（或代码）",
                            "prints {printed}, the output pasted under it shows {expected} there; correct the pasted "
                            "output (or the code)"),
    "pasted-output-differs": ("未验证：输出 {printed}，与代码下面贴的输出写法不同（可能是别的版本，或只贴了一部分），未比较",
                              "unverified: prints {printed}, set out differently from the output pasted under it "
                              "(another version, or only part of it); not compared"),
    "no-output": ("没有输出，注释写的是 {expected}", "prints nothing, the comment says {expected}"),
    # a console or IPython session shows its values under its lines
    "wrong-output:session": ("输出 {printed}，会话里显示的是 {expected}", "prints {printed}, the session shows {expected}"),
    "no-output:session": ("没有输出，会话里显示的是 {expected}", "prints nothing, the session shows {expected}"),
    "wrong-rank": ("输出的秩是 {printed}，torch.linalg.matrix_rank 给出 {ranks}",
                   "prints rank {printed}, torch.linalg.matrix_rank gives {ranks}"),
}

HEADS = {
    Verdict.AGREES: ("✔", "✔"),
    Verdict.DISAGREES: ("✘", "✘"),
    Verdict.UNVERIFIED: ("未验证", "unverified"),
}


def verdict_line(result: Result, lang: Lang) -> str:
    """One sentence: the mark, what was found, and the line to fix when it is not the card's."""
    zh = lang == "zh"
    # a session's values are shown under its lines, not said by a comment
    session = CODE_MESSAGES.get(f"{result.reason}:session") if result.facts.get("session") else None
    template = FORMULA_MESSAGES.get(result.reason) or session or CODE_MESSAGES.get(result.reason)
    body = result.detail
    if template is not None:
        try:
            body = template[0 if zh else 1].format(reference=result.reference or result.concept,
                                                    concept=result.concept, **result.facts)
        except (KeyError, IndexError, ValueError):
            body = result.detail
    head = HEADS[result.verdict][0 if zh else 1]
    if result.verdict is Verdict.UNVERIFIED and body.startswith(("未验证", "unverified")):
        head = ""
    lines = [c.line for c in result.culprits] or ([result.fix_at.line] if result.fix_at else [])
    where = ""
    if result.verdict is Verdict.DISAGREES and lines and lines != [result.source.line]:
        shown = "、".join(str(n) for n in lines) if zh else ", ".join(str(n) for n in lines)
        where = f"（第 {shown} 行）" if zh else f" (line {shown})"
    sep = "：" if zh else ": "
    if result.verdict is not Verdict.UNVERIFIED:
        sep = " "
    return (f"{head}{sep}{body}{where}" if head else f"{body}{where}").strip()


def answer_markdown(result: Result, lang: Lang) -> str:
    """What a card's answer side shows of its check: the verdict, then the worked example."""
    return "\n\n".join(p for p in (verdict_line(result, lang), result.example) if p)
