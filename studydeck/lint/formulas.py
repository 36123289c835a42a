"""Formulas that build cannot render: a ``$`` that opens no formula, LaTeX that does not parse."""

from __future__ import annotations

import re

from markdown_it.token import Token

from studydeck.lint.tokens import Inline

MATH_ENV = re.compile(r"\\(begin|end)\{([^}]*)\}")
ESCAPED_BRACE = re.compile(r"\\[{}]")
NOT_BRACE = re.compile(r"[^{}]+")
LEFT = re.compile(r"\\left(?![a-zA-Z])")
RIGHT = re.compile(r"\\right(?![a-zA-Z])")


def stray_dollars(items: list[Inline]) -> list[int]:
    """Lines where a ``$`` in the text opens no formula: the parser left it as text, so the card
    shows a literal ``$``. A formula wrapped across a line break is math, not text, and is not
    here; an escaped ``\\$`` is not text either."""
    lines = []
    for item in items:
        if item.token.type == "text" and "$" in item.token.content and item.line not in lines[-1:]:
            lines.append(item.line)
    return lines


def math_problems(tokens: list[Token], items: list[Inline]) -> list[tuple[int, str]]:
    """(line, problem) for each formula whose LaTeX cannot render."""
    found = [(i.line, i.token.content) for i in items if i.token.type.startswith("math")]
    found += [(t.map[0] + 1 if t.map else 1, t.content) for t in tokens if t.type.startswith("math_block")]
    return [(line, problem) for line, latex in found if (problem := latex_problem(latex))]


def latex_problem(latex: str) -> str | None:
    """What keeps LaTeX from rendering: unbalanced braces, \\left without \\right, an
    environment that is not closed. None when it looks well-formed."""
    depth = 0
    for ch in NOT_BRACE.sub("", ESCAPED_BRACE.sub("", latex)):  # the braces alone, in order
        depth += ch == "{"
        depth -= ch == "}"
        if depth < 0:
            return "a “}” closes nothing"
    if depth:
        return f"{depth} “{{” left open"
    lefts = len(LEFT.findall(latex))
    rights = len(RIGHT.findall(latex))
    if lefts != rights:
        return f"\\left and \\right do not pair ({lefts} and {rights})"
    stack = []
    for kind, name in MATH_ENV.findall(latex):
        if kind == "begin":
            stack.append(name)
        elif not stack or stack.pop() != name:
            return f"\\end{{{name}}} does not match its \\begin"
    if stack:
        return f"\\begin{{{stack[-1]}}} is never closed"
    return None


def to_latex(reading: str) -> str | None:
    """A plain-text reading (``ln(1 + e^{x})``) printed back as clean LaTeX."""
    from studydeck.verify.latex import LatexError, parse_formula
    from studydeck.verify.latex_print import statement_latex

    try:
        statements = parse_formula(reading, set())
    except LatexError:
        return None
    if len(statements) != 1:
        return None
    return statement_latex(statements[0])
