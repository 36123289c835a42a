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
    "agrees": ("与 {reference} 一致", "agrees with {reference}"),
    "no-reference": ("未验证：PyTorch 中没有找到对应的实现", "unverified: no PyTorch reference found"),
}

CODE_MESSAGES: dict[str, tuple[str, str]] = {
    "code-agrees": ("代码运行结果与笔记一致", "the code runs and prints what the notes say"),
}

HEADS = {
    Verdict.AGREES: ("✔", "✔"),
    Verdict.DISAGREES: ("✘", "✘"),
    Verdict.UNVERIFIED: ("未验证", "unverified"),
}


def verdict_line(result: Result, lang: Lang) -> str:
    """One sentence: the mark, what was found, and the line to fix when it is not the card's."""
    zh = lang == "zh"
    template = FORMULA_MESSAGES.get(result.reason) or CODE_MESSAGES.get(result.reason)
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
