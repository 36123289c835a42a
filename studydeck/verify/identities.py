"""Identities in free scalar symbols, checked at values drawn for those symbols.

``\\sum_{i=0}^{t} \\beta^i = \\frac{1-\\beta^{t+1}}{1-\\beta}``, ``(a+b)^2 = a^2+2ab+b^2``,
``\\log(ab) = \\log a + \\log b``: nothing in the notes gives β, t, a or b a value, yet the
statement claims to hold for all of them. It is checked only where nothing ties the symbols
to anything else, so that a wrong verdict cannot come from reading it out of its context:

- one ``=`` between two sides, and every symbol on both sides (``2w - 4 = 0`` is an equation
  to solve; ``a + b = c`` relates quantities defined elsewhere);
- every symbol a plain lower-case letter, Latin or Greek, without a subscript (``x_1``, ``\\bar x``
  and capitals are the notes' own quantities, vectors or matrices);
- no vectors, matrices, derivatives, integrals, expectations or conditional bars;
- no condition or definition in the sentence (“当 … 时”, “if”, “where”, “假设”).

Symbols that bound a sum or a product are drawn among small integers; the others below 1, above
1 or negative. A draw where a side has no finite value (log of a negative) is passed over. The
identity holds when at least five draws have a value and all of them agree, and fails when at
least five differ and none agree; anything between gives no verdict. The message shows the plainest
draw that fails: positive values where one does, the smallest.
"""

from __future__ import annotations

import random
import re
from typing import Any

import torch

from studydeck.model import Card
from studydeck.notes import without_math
from studydeck.verify.evaluate import evaluate
from studydeck.verify.latex import LatexError, Reduce, Statement, Sym, nodes, over_a_range, parse_formula
from studydeck.verify.result import Result, Verdict

DRAWS = 9
USABLE = 5                # draws where both sides have a value, at the least, for a verdict
INTEGERS = range(1, 8)
REALS = ((0.2, 0.9), (1.2, 3.0), (-2.5, -0.3))  # below 1, above 1, negative: each draw picks one
ATOL, RTOL = 1e-9, 1e-9   # agreement, as the other checks
APART = 1e-6              # disagreement: relatively this far apart at every draw

# What makes a symbol more than a scalar, or the statement more than an identity of scalars.
NOT_SCALAR = re.compile(r"\\(?:mathbf|boldsymbol|bm|vec|mathcal|mathbb|partial|nabla|int|oint|det|langle|rangle|"
                        r"mid|Pr|operatorname\s*\{\s*(?:tr|rank|diag)|top|intercal|lim|to\b|infty|sim|approx|"
                        r"lfloor|lceil|bmod|pmod|mod\b|binom|choose)|"
                        r"\^\s*\{?\s*(?:T|-1)\s*\}?|\||\\\||[A-Z]|'|!")
# A plain scalar symbol: a lower-case letter, Latin or Greek (as the parser names them); not e, nor
# i and j, which may be the imaginary unit (`e^{i\theta} = \cos\theta + i\sin\theta`).
SCALAR = re.compile(r"[a-dfghk-z]|[α-ωϵϑϕ]")
# Words that tie the symbols to a condition or a definition: not a statement for all values.
# (and words that make it an approximation: “for small $t$”, “近似”)
CONDITION = re.compile(r"当|若|如果|假设|设|令|只要|其中|满足|条件|时[，,。]?|近似|约等|很小|很大|充分|趋于|趋近|"
                       r"\b(?:if|iff|when|whenever|where|assum\w*|provided|unless|except|suppose|let|given|for some|"
                       r"such that|with|small|large|near|close|approximately|approx\w*|roughly|about|limit)\b", re.I)


def free_identity(stmt: Statement, lhs: Any, rhs: Any, rel: str, card: Card, device) -> "bool | Result | None":
    """True when ``lhs = rhs`` holds at every draw, a DISAGREES result when it fails at every
    draw, None when it is not such an identity or the draws do not settle it."""
    if rel != "=" or len(stmt.sides) > 2 or NOT_SCALAR.search(stmt.text) or _conditioned(card):
        return None
    left, right = _symbols(lhs), _symbols(rhs)
    if not left or left != right or not all(SCALAR.fullmatch(name) for name in left):
        return None
    if any(isinstance(node, Reduce) and not over_a_range(node) for node in nodes((lhs, rhs))):
        return None  # `\sum_i x_i`, `\sum_{i=1}^{n} c`: a sum along the notes' vectors, not over a range
    integers = {name for node in nodes((lhs, rhs)) if isinstance(node, Reduce)
                for name in _symbols((node.lower, node.upper))}
    rng = random.Random(stmt.text)  # the same draws on every run: the verdict is reproducible
    apart = agree = 0
    first: tuple[dict[str, float], float, float] | None = None
    for _ in range(DRAWS):
        point = {name: float(rng.choice(INTEGERS)) if name in integers else round(rng.uniform(*rng.choice(REALS)), 3)
                 for name in sorted(left)}
        env = {name: torch.tensor([value], dtype=torch.float64, device=device) for name, value in point.items()}
        try:
            a, b = evaluate(lhs, env, device=device), evaluate(rhs, env, device=device)
        except (LatexError, RuntimeError, ValueError, TypeError):
            return None
        if not isinstance(a, torch.Tensor) or not isinstance(b, torch.Tensor) or a.numel() != 1 or b.numel() != 1:
            return None
        x, y = float(a), float(b)
        if not (abs(x) < float("inf") and abs(y) < float("inf")):
            continue  # outside the domain of one side (log of a negative, 1/(1 − β) at β = 1)
        diff = abs(x - y)
        if diff <= ATOL + RTOL * max(abs(x), abs(y)):
            agree += 1
        elif diff > APART * (1 + max(abs(x), abs(y))):
            apart += 1
            if first is None or _plainer(point) < _plainer(first[0]):
                first = (point, x, y)  # shown: the plainest draw that fails
    if agree >= USABLE and apart == 0:
        return True
    if apart < USABLE or agree or first is None:
        return None  # too few values, or true at some and false at others: no verdict
    point, x, y = first
    at = ", ".join(f"{name} = {value:g}" for name, value in point.items())
    return Result(card.uid, card.source, "", Verdict.DISAGREES,
                  f"“{stmt.text}” does not hold: at {at} the left side is {x:.6g}, the right side {y:.6g}",
                  abs(x - y), dict(point), reason="identity-fails", notes_value=x, torch_value=y,
                  facts={"claim": stmt.text, "at": at, "lhs": f"{x:.6g}", "rhs": f"{y:.6g}"})


def identity_verdict(card: Card, concept: str, device) -> Result | None:
    """A card no other check reads (under an optimizer, a remark beside its rule): its identities
    checked as above; None unless each of its statements is one and they settle it."""
    held: list[str] = []
    for formula in card.formulas:
        try:
            statements = parse_formula(formula)
        except LatexError:
            return None
        for stmt in statements:
            if stmt.kind != "claim" or len(stmt.sides) != 2:
                return None
            outcome = free_identity(stmt, stmt.sides[0], stmt.sides[1], stmt.rels[0], card, device)
            if outcome is None:
                return None
            if isinstance(outcome, Result):
                outcome.concept = concept
                return outcome
            held.append(stmt.text)
    if not held:
        return None
    return Result(card.uid, card.source, concept, Verdict.AGREES, "agrees: " + "; ".join(held) + " (max |Δ| < 1e-9)",
                  0.0, reason="claims-hold", facts={"checked": "; ".join(held), "diff": "< 1e-9"})


def _plainer(point: dict[str, float]) -> tuple[bool, float]:
    """How far a draw is from the values notes usually mean: negative ones first, then large ones."""
    return min(point.values()) < 0, sum(abs(v) for v in point.values())


def _symbols(node: Any) -> set[str]:
    """The free symbols, the bounds of sums and products among them (a symbol with a time index,
    `m_t`, is kept whole so that it never passes for a plain scalar)."""
    names = {n.name + (f"_{n.time}" if n.time is not None else "") for n in nodes(node) if isinstance(n, Sym)} - {"e"}
    for reduce in (n for n in nodes(node) if isinstance(n, Reduce)):
        names.discard(reduce.index)
        for bound in (reduce.lower, reduce.upper):
            if bound is not None:
                names |= _symbols(bound)
    return names


def _conditioned(card: Card) -> bool:
    """Whether the words of the card (front, back, headings) around its formulas state a condition,
    a definition or an approximation."""
    return bool(CONDITION.search(without_math("\n".join((card.front, card.back, *card.deck)), " ")))
