"""Which lines of an update rule are wrong: the steps whose repair makes the rule agree.

Each repair is one usual mistake undone (ε moved out of the square root, the gradient negated
for ``maximize`` before anything else, the update's sign turned). A repair is accepted only if
the repaired rule then agrees with torch in every configuration; its steps are the culprits.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import permutations
from typing import Any, Callable, Iterator

from studydeck.verify.latex import Call, LatexError, Num, Op, Statement, Sym, Word, symbols_in

Candidate = tuple[str, Any, list]  # (reason, repaired program, culprit steps)


def rewrite(node: Any, fix: Callable[[Any], Any]) -> Any:
    """The tree with ``fix`` applied to every node, children first."""
    if isinstance(node, Op):
        node = Op(node.op, tuple(rewrite(a, fix) for a in node.args))
    elif isinstance(node, Call):
        node = Call(node.func, tuple(rewrite(a, fix) for a in node.args))
    return fix(node)


def _with_exprs(program, exprs: dict[int, Any]):
    steps = [replace(s, stmt=replace(s.stmt, expr=exprs[i])) if i in exprs else s for i, s in enumerate(program.steps)]
    return replace(program, steps=steps)


def _eps_outside(eps: str) -> Callable[[Any], Any]:
    def fix(node: Any) -> Any:
        if isinstance(node, Call) and node.func == "sqrt" and isinstance(node.args[0], Op) and node.args[0].op == "+":
            a, b = node.args[0].args
            if isinstance(b, Sym) and b.name == eps:
                return Op("+", (Call("sqrt", (a,)), b))
            if isinstance(a, Sym) and a.name == eps:
                return Op("+", (Call("sqrt", (b,)), a))
        return node
    return fix


# ε as notes write it, with a subscript or not
EPS_LATEX = r"(?:\\(?:var)?epsilon|ε|\\text\{eps\}|\\mathrm\{eps\}|eps)(?:_\{(?:[^{}]|\{[^{}]*\})*\}|_\w)?"
EPS_LAST = re.compile(r"^(?P<rest>.*\S)\s*\+\s*(?P<eps>" + EPS_LATEX + r")\s*$", re.S)
EPS_FIRST = re.compile(r"^\s*(?P<eps>" + EPS_LATEX + r")\s*\+\s*(?P<rest>\S.*)$", re.S)
SQRT = re.compile(r"\\sqrt\s*\{")
# what a sum may stand between without parentheses of its own
OPENS = ("{", "(", "\\left(", "=")
CLOSES = ("}", ")", "\\right)")


def _closing_brace(text: str, opened: int) -> int | None:
    """Where the brace opened at ``opened`` closes (an escaped ``\\{`` is no brace), or None."""
    depth, i = 0, opened
    while i < len(text):
        if text[i] == "\\":
            i += 2  # the escaped character is skipped with its backslash
            continue
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def eps_outside_latex(latex: str) -> str | None:
    r"""The notes' formula with ε moved out of each square root it is added inside
    (``\frac{\eta}{\sqrt{v + \epsilon}}`` -> ``\frac{\eta}{\sqrt{v} + \epsilon}``), in their own
    LaTeX: what :func:`eps_outside_root` repairs, as the learner would write it. None when no
    square root ends (or begins) with ``+ ε``."""
    out, last = [], 0
    for match in SQRT.finditer(latex):
        if match.start() < last:
            continue  # inside a root already rewritten
        close = _closing_brace(latex, match.end() - 1)
        if close is None:
            return None
        split = EPS_LAST.match(latex[match.end():close]) or EPS_FIRST.match(latex[match.end():close])
        if split is None:
            continue
        moved = f"\\sqrt{{{split.group('rest').strip()}}} + {split.group('eps')}"
        before, after = latex[:match.start()].rstrip(), latex[close + 1:].lstrip()
        # between braces or brackets (a denominator), or all that is right of “=”, the sum needs
        # no parentheses of its own; elsewhere it does
        alone = before.endswith(OPENS) and (after.startswith(CLOSES) or before.endswith("=") and not after)
        out += [latex[last:match.start()], moved if alone else f"\\left({moved}\\right)"]
        last = close + 1
    return "".join(out) + latex[last:] if out else None


def eps_outside_root(program, binding: dict[str, str]) -> Iterator[Candidate]:
    for sym in (s for s, key in binding.items() if key.startswith("eps")):
        for i, step in enumerate(program.steps):
            fixed = rewrite(step.stmt.expr, _eps_outside(sym))
            if fixed != step.stmt.expr:
                yield "eps-inside-root", _with_exprs(program, {i: fixed}), [step]


def _is_maximize(cond, positive: bool) -> bool:
    return isinstance(cond.node, Word) and cond.node.name == "maximize" and cond.positive is positive


def maximize_first(program, binding: dict[str, str]) -> Iterator[Candidate]:
    """torch negates the gradient for ``maximize`` before weight decay and momentum."""
    flagged = [s for s in program.steps if any(_is_maximize(c, True) for c in s.conds)]
    if not flagged:
        return
    first = flagged[0]
    negate = replace(first, stmt=Statement("update", target=Sym(program.grad), expr=Op("neg", (Sym(program.grad),))),
                     conds=[c for c in first.conds if _is_maximize(c, True)])
    rest = [replace(s, conds=[c for c in s.conds if not _is_maximize(c, False)])
            for s in program.steps if s not in flagged]
    # right after the gradient is computed (`g_t = ∇f(θ_{t-1})`), before anything uses it
    at = next((i + 1 for i, s in reversed(list(enumerate(rest)))
               if s.stmt.target.name == program.grad and symbols_in(s.stmt.expr) <= {"∇f"}), 0)
    yield "maximize-weight-decay", replace(program, steps=rest[:at] + [negate] + rest[at:]), flagged


def turned_sign(program, binding: dict[str, str]) -> Iterator[Candidate]:
    turn = {"+": "-", "-": "+"}
    for i, step in enumerate(program.steps):
        expr = step.stmt.expr
        if step.stmt.target.name == program.param and isinstance(expr, Op) and expr.op in turn \
                and not any(_is_maximize(c, True) for c in step.conds):
            yield "wrong-sign", _with_exprs(program, {i: Op(turn[expr.op], expr.args)}), [step]


def bias_corrected(program, binding: dict[str, str]) -> Iterator[Candidate]:
    """Adam without m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ): the moments divided in the update."""
    betas = sorted(s for s, key in binding.items() if key.startswith("betas"))
    for i, step in enumerate(program.steps):
        if step.stmt.target.name != program.param:
            continue
        read = sorted(n for n in symbols_in(step.stmt.expr) if n in program.states)
        if not betas or len(read) != len(betas):
            continue
        for order in permutations(betas):
            pairs = dict(zip(read, order))

            def fix(node: Any, pairs=pairs) -> Any:
                if isinstance(node, Sym) and node.name in pairs:
                    return Op("/", (node, Op("-", (Num(1.0), Op("^", (Sym(pairs[node.name]), Sym("t")))))))
                return node
            yield "no-bias-correction", _with_exprs(program, {i: rewrite(step.stmt.expr, fix)}), [step]


REPAIRS = (eps_outside_root, maximize_first, turned_sign, bias_corrected)


def culprits(program, binding: dict[str, str], agrees_everywhere: Callable[[Any], bool]) -> tuple[str, list] | None:
    """(reason, culprit steps) of the smallest repair after which the rule agrees."""
    found: list[tuple[str, list]] = []
    for repair in REPAIRS:
        for reason, repaired, steps in repair(program, binding):
            try:
                ok = agrees_everywhere(repaired)
            except (LatexError, RuntimeError, ValueError):
                ok = False  # a repair that does not run is simply not the fix
            if ok:
                found.append((reason, steps))
    return min(found, key=lambda f: len(f[1])) if found else None
