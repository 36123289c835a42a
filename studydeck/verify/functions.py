"""Formulas that define or state something about a function: GELU, erf, Φ, identities, limits.

What a formula is about comes from its own name (`GELU(x) = …`), else from its heading or
the sentence around it (“the ReLU activation σ(x) = …”). A one-letter name (σ, f, φ) is the
notes' own symbol and names nothing by itself. A symbol set equal to something (`y_i = -1`,
`e_{t,1} = …`) is a definition or a case label for the notes, never a claim; a claim is
checked only when every symbol in it has a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

import torch
import torch.nn.functional as F

from studydeck.model import Card
from studydeck.notes import without_math
from studydeck.verify.discover import Reference, distribution, elementwise, named_in_prose
from studydeck.verify.evaluate import Unbound, evaluate, normal_cdf
from studydeck.verify.identities import free_identity
from studydeck.verify.losses import Loss, RolesUnknown, check_loss, find_loss
from studydeck.verify.latex import (Call, LatexError, Num, Op, Statement, Sym, calls_in, nodes, parse_formula,
                                    plain_readings, symbols_in)
from studydeck.verify.registry import Function, Module, aliases_in, lookup, resolve
from studydeck.verify.result import Result, Verdict, fmt_diff, fmt_pair

REFERENCES: dict[str, Reference] = {
    "gelu": Reference("torch.nn.functional.gelu", (), F.gelu),
    "gelu_tanh": Reference("torch.nn.functional.gelu", (("approximate", "tanh"),),
                           lambda x: F.gelu(x, approximate="tanh")),
    "sigmoid": Reference("torch.sigmoid", (), torch.sigmoid),
    "tanh": Reference("torch.tanh", (), torch.tanh),
    "relu": Reference("torch.nn.functional.relu", (), F.relu),
    "leaky_relu": Reference("torch.nn.functional.leaky_relu", (("negative_slope", 0.01),),
                            lambda x: F.leaky_relu(x, 0.01)),
    "prelu": Reference("torch.nn.functional.prelu", (("weight", 0.25),),
                       lambda x: F.prelu(x, torch.full((1,), 0.25, dtype=x.dtype, device=x.device))),
    "elu": Reference("torch.nn.functional.elu", (), F.elu),
    "silu": Reference("torch.nn.functional.silu", (), F.silu),
    "softplus": Reference("torch.nn.functional.softplus", (), F.softplus),
    "mish": Reference("torch.nn.functional.mish", (), F.mish),
    "erf": Reference("torch.special.erf", (), torch.erf),
    "normal_cdf": Reference("torch.distributions.Normal(0, 1).cdf", (), normal_cdf),
}


def reference(key: str) -> Reference | None:
    """A registry entry's reference: one of the variants above (a keyword set, a distribution),
    or simply the name of a torch function of one tensor (``selu``, ``hardswish``)."""
    return REFERENCES.get(key) or elementwise(key)


ATOL, RTOL = 1e-9, 1e-9
# `≈` between functions (xΦ(x) ≈ xσ(1.702x)) claims closeness, not a number of decimals: within
# this share of the value's size (or absolutely, near zero). Known approximations are within
# about 2%; a missing factor or term is far outside.
APPROX = 0.025
# The names of a random variable's moments and measures (“Var(X)”, “E(X)”, “D(X)” as Chinese textbooks write the
# variance, “Cov”, “H(X)”): what the notes say of them is no density or distribution function of X.
MOMENTS = frozenset({"e", "var", "d", "cov", "std", "sd", "corr", "h", "skew", "kurt", "mgf"})
EXAMPLE_POINTS = (-1.0, 0.0, 1.0, 2.0)


def grid(device) -> torch.Tensor:
    dense = torch.linspace(-8, 8, 321, dtype=torch.float64)
    extra = torch.tensor([-2.7, -1e-6, 1e-6, 0.5, -0.5, 3.3], dtype=torch.float64)
    return torch.cat([dense, extra]).to(device)


@dataclass
class Target:
    """What a formula is compared with: a concept and its torch references (a function of x),
    or the loss it is (a function of a prediction and a target)."""
    name: str
    refs: list[Reference]
    loss: Loss | None = None


@dataclass
class Comparison:
    ok: bool | None          # None: no point where both sides are finite
    diff: float
    index: int


def _defined_function(stmt: Statement) -> Call | None:
    """`f(x) = …`: the function a statement defines, when it defines one of one variable
    (`erf(−x) = −erf(x)` is an identity instead)."""
    target = stmt.target
    if stmt.kind == "assign" and isinstance(target, Call) and target.args and \
            all(isinstance(a, Sym) for a in target.args):
        return target  # F(x; μ, σ): a function of x with parameters
    return None


def _own_symbol(name: str) -> bool:
    """σ, f, φ, Φ: a letter the notes name a function with; it says nothing by itself."""
    return len(name) == 1


def _target_named(name: str) -> Target | None:
    found = lookup(name)
    if isinstance(found, Function):
        return Target(found.name, [ref for _, key in found.references if (ref := reference(key)) is not None])
    loss = find_loss(found.torch_name if isinstance(found, Module) else _bare(name))
    if loss is not None:
        return Target(found.name if found is not None else name, [], loss)
    if found is None or (isinstance(found, Module) and not found.check):  # `nn.SELU`, `Hardswish`
        ref = elementwise(_bare(name))
        if ref is not None:
            return Target(name, [ref])
    return None


def _bare(heading: str) -> str:
    text = re.sub(r"^\s*(第?\d+(\.\d+)*[章节.、)）]?\s+)", "", heading).strip().strip("`")
    return re.sub(r"^(torch\.nn\.functional\.|torch\.special\.|torch\.|nn\.|F\.)", "", text)


def _heading_target(card: Card) -> Target | None:
    for part in reversed(card.deck):
        found = _target_named(part)
        if found is not None:
            return found
        if resolve((part,)) is not None or re.fullmatch(r"[A-Za-z][A-Za-z0-9\-]+", _bare(part)):
            return None  # the deepest heading that names something decides
    return None


def _sentence_targets(card: Card, formula: str) -> list[Target]:
    """Concepts the card's own sentences name, nearest before the formula first."""
    prose = re.sub(r"\$[^$]*\$", lambda m: " " * len(m.group()), card.back)
    at = card.back.find(formula)
    at = at if at >= 0 else len(card.back)
    found = [(pos, name) for pos, name in aliases_in(prose)] + named_in_prose(prose)
    found.sort(key=lambda f: (f[0] > at, abs(at - f[0])))
    out: list[Target] = []
    for _, name in found:
        target = _target_named(name)
        if target is not None and target.name not in [t.name for t in out]:
            out.append(target)
    return out


def _candidates(card: Card, stmt: Statement, formula: str) -> list[Target]:
    if isinstance(stmt.target, Call) and not _own_symbol(stmt.target.func):
        named = _target_named(stmt.target.func)
        if named is not None:
            return [named]  # `GELU(x) = …` says what it is
    out: list[Target] = []
    for target in [_heading_target(card)] + _sentence_targets(card, formula):
        if target is not None and target.name not in [t.name for t in out]:
            out.append(target)
    return out


def _compare(values: torch.Tensor, ref: torch.Tensor, tol: Callable[[torch.Tensor], torch.Tensor] | None = None
             ) -> Comparison:
    """Where both sides overflow (±∞) or both are undefined (NaN) there is nothing to
    compare; a NaN on one side only is a difference."""
    values, ref = torch.broadcast_tensors(values, ref)
    values, ref = values.reshape(-1), ref.reshape(-1)
    skip = torch.isinf(values) | torch.isinf(ref) | (torch.isnan(values) & torch.isnan(ref))
    if bool(skip.all()):
        return Comparison(None, float("nan"), 0)
    err = (values - ref).abs()
    err = torch.where(torch.isnan(err), torch.full_like(err, float("inf")), err)
    err = torch.where(skip, torch.zeros_like(err), err)
    bound = tol(ref) if tol is not None else ATOL + RTOL * ref.abs()
    bad = err > bound
    i = int(torch.argmax(err))
    return Comparison(not bool(bad.any()), float(err[i]), i)


def _approx(ref: torch.Tensor) -> torch.Tensor:
    return APPROX * torch.clamp(ref.abs(), min=1.0)


def check_function_card(card: Card, device, torch_version: str, zh: bool, context: list[Card] = ()) -> Result:
    """One formula card about a function: a definition, an identity, a limit or a value.
    ``context``: the other cards of the same notes file, whose definitions hold here too."""
    if card.plain_formula:
        return _check_plain(card, device, torch_version, zh)
    try:
        parsed = [(f, s) for f in card.formulas for s in parse_formula(f)]
    except LatexError as exc:
        return _unverified(card, "", "unreadable", f"cannot read the formula ({exc})", error=str(exc))
    checker = _Checker(card, device, torch_version, zh)
    for name in _letters_defined(context, card):
        checker.env[f"{name}()"] = _undefined(name)
    return checker.run(parsed)


def _letters_defined(context: list[Card], card: Card) -> set[str]:
    """One-letter functions (σ, f, φ) another card of the file defines: in this file they are
    the notes' own, so this card's σ(…) is not sigmoid."""
    names: set[str] = set()
    for other in context:
        if other.uid == card.uid or other.plain_formula:
            continue
        for formula in other.formulas:
            names |= _functions_defined_in(formula)
    return names


@lru_cache(maxsize=4096)
def _functions_defined_in(formula: str) -> frozenset[str]:
    """The one-letter functions one formula defines (read once: every card of its file asks)."""
    try:
        statements = parse_formula(formula)
    except LatexError:
        return frozenset()
    return frozenset(d.func for st in statements if (d := _defined_function(st)) is not None and _own_symbol(d.func))


def _undefined(name: str) -> Callable:
    def call(*args: torch.Tensor) -> torch.Tensor:
        raise Unbound(f"{name}(…)")
    return call


def _unverified(card: Card, concept: str, reason: str, why: str, **facts) -> Result:
    return Result(card.uid, card.source, concept, Verdict.UNVERIFIED, f"not checked: {why}", reason=reason,
                  facts=facts)


@dataclass
class _Checker:
    card: Card
    device: Any
    torch_version: str
    zh: bool
    reading: str = ""          # the LaTeX taken for a plain-text formula
    repairs: tuple[str, ...] = ()
    env: dict[str, Any] = field(default_factory=dict)
    checked: list[str] = field(default_factory=list)
    worst: float = 0.0
    concept: str = ""
    reference: str = ""
    facts: dict[str, Any] = field(default_factory=dict)
    example: str = ""
    approx: bool = False
    defined: list[str] = field(default_factory=list)
    limit: float | None = None
    rounded: dict[str, float] = field(default_factory=dict)  # symbol -> half a unit of its last stated digit
    binding: dict[str, str] = field(default_factory=dict)
    near: str = ""             # where an approximation the notes give a condition for holds (“0”, “∞”)

    def run(self, parsed: list[tuple[str, Statement]]) -> Result:
        self.grid = grid(self.device)
        self.env = {**self.env, "x": self.grid}
        for _, stmt in parsed:  # constants stated anywhere in the card (`λ ≈ 1.0507`) hold from the start
            named = _constant(stmt)
            if named is not None and named[0] not in self.env:
                self.definition(*named)
        for formula, stmt in parsed:
            try:
                outcome = self.statement(formula, stmt)
            except RecursionError:
                outcome = self.unverified("too-large", "the formula is too large to evaluate")
            if outcome is not None:
                return outcome
        return self.finish()

    def unverified(self, reason: str, why: str, **facts) -> Result:
        result = _unverified(self.card, self.concept, reason, why, **facts)
        result.reading = self.reading
        return result

    def statement(self, formula: str, stmt: Statement) -> Result | None:
        if stmt.kind == "claim" and stmt.rel == "->" and isinstance(stmt.expr, Sym) and not symbols_in(stmt.rhs):
            # `x \to \infty`: the claims after it are about that limit
            self.limit = float(evaluate(stmt.rhs, {}, device=self.device))
            return None
        if stmt.kind == "claim" and any(r in ("<", ">", "<=", ">=") for r in stmt.rels):
            return self.unverified("inequality", "an inequality (no reference to compare with)")
        if stmt.kind == "claim" and any(r in ("in", "sim") for r in stmt.rels):
            return self.unverified("not-a-claim", f"“{stmt.text}” says what a symbol ranges over or how it is "
                                   "distributed")
        named = _constant(stmt)
        if named is not None:
            self.definition(*named)
            return None
        if stmt.kind in ("assign", "expr"):
            losses = [t for t in _candidates(self.card, stmt, formula) if t.loss is not None]
            if losses:
                return self.loss(losses[0], stmt)
        stmt = _approximation(stmt)
        defined = _defined_function(stmt)
        if defined is not None or stmt.kind == "expr" or self.defines_variable(stmt):
            return self.function(formula, stmt, defined)
        if stmt.kind == "assign" and isinstance(stmt.target, Sym):
            return self.definition(stmt.target.name, stmt.expr)
        if stmt.kind == "claim" and isinstance(stmt.expr, Sym) and stmt.expr.name not in self.env \
                and stmt.rels[0] in ("=", "~"):
            # `e_{t,1} = sign(1·1) = 1`: names a value, then says what it is
            self.definition(stmt.expr.name, stmt.sides[1])
            pairs = list(zip(stmt.sides[1:], stmt.sides[2:], stmt.rels[1:]))
        elif stmt.kind in ("assign", "claim"):
            sides = stmt.sides or (stmt.target if stmt.kind == "assign" else stmt.expr,
                                   stmt.expr if stmt.kind == "assign" else stmt.rhs)
            rels = stmt.rels or (stmt.rel if stmt.rel != "<-" else "=",)
            pairs = list(zip(sides, sides[1:], rels))
        else:
            return self.unverified("not-a-claim", f"“{stmt.text}”")
        for lhs, rhs, rel in pairs:
            outcome = self.claim(stmt, lhs, rhs, rel)
            if outcome is not None:
                return outcome
        return None

    def defines_variable(self, stmt: Statement) -> bool:
        """`y = \\frac{1}{1+e^{-x}}` under a heading that names a function: its definition."""
        free = symbols_in(stmt.expr) - {"e"}
        return (stmt.kind == "assign" and isinstance(stmt.target, Sym) and len(free) == 1
                and not (free & set(self.env) - {"x"})
                and bool(_candidates(self.card, stmt, "")))

    def definition(self, name: str, expr: Any) -> None:
        """`β = 0.9`, `当 T=10 时`, `y_i = +1`: a value (a case, a condition) the notes give a
        symbol; it holds for what follows. A second value is another case, not a contradiction."""
        self.defined.append(name)
        if symbols_in(expr) - {"e"}:
            return None
        digits = [_decimals(n.value) for n in nodes(expr) if isinstance(n, Num)]
        if isinstance(expr, (Num, Op)) and digits and max(digits) > 0:
            self.rounded[name] = 0.5 * 10 ** (-max(digits))  # `λ ≈ 1.0507` is λ to four decimals
        try:
            self.env[name] = evaluate(expr, self.env, device=self.device)
        except (Unbound, LatexError, RuntimeError):
            pass
        return None

    def function(self, formula: str, stmt: Statement, defined: Call | None) -> Result | None:
        if isinstance(stmt.target, Call) and stmt.target.args and all(isinstance(a, Sym) for a in stmt.target.args) \
                and not symbols_in(stmt.expr) - {"e"}:
            # (“Se $|C_I| = 1$ → …”, “$\\sigma(x) = 1/2$”: a value it takes somewhere, or a case's condition, no function)
            return self.unverified("not-a-claim", f"“{stmt.text}” gives a value, not the function")
        targets = _candidates(self.card, stmt, formula)
        if not targets and defined is not None:
            found = self.density(stmt, defined, formula)
            if found is not False:
                return found
        if not targets:
            if defined is not None:
                self.defined.append(defined.func)
                self.env[f"{defined.func}()"] = _helper(stmt, defined.args[0].name, dict(self.env), self.device)
                return None  # the notes' own function: a definition, not a claim
            what = f"“{stmt.target.name}”" if isinstance(stmt.target, Sym) else "this expression"
            return self.unverified("no-reference", f"no reference for {what}", name=self.card.deck[-1])
        free = sorted(symbols_in(stmt.expr) - {"e"})
        var = defined.args[0].name if defined is not None else (free[0] if len(free) == 1 else "x")
        x = self.grid
        try:
            values = evaluate(stmt.expr, {**self.env, var: x}, device=self.device)
        except (Unbound, LatexError, RuntimeError) as exc:
            self.concept = targets[0].name
            return self.unverified("unbound", str(exc), symbols=getattr(exc, "name", ""))
        best: tuple[Target, Reference, Comparison] | None = None
        tol = self.rounding_tolerance(stmt.expr)
        for target in targets:
            for ref in target.refs:
                cmp = _compare(values, ref(x), tol)
                if cmp.ok is None:
                    continue
                if cmp.ok:
                    return self.agreed(target, ref, cmp, stmt)
                if best is None or cmp.diff < best[2].diff:
                    best = (target, ref, cmp)
        if best is None:
            return self.unverified("overflow", "both sides overflow (∞ or NaN) everywhere")
        target, ref, cmp = best
        self.concept = target.name
        if len({t.name for t in targets}) > 1:
            return self.unverified("concepts-compete", "the notes name several functions here: "
                                   + ", ".join(t.name for t in targets), names=", ".join(t.name for t in targets))
        if stmt.rel == "~" or (stmt.rels and stmt.rels[0] == "~"):
            close = _compare(values, ref(x), _approx)
            if close.ok:
                self.approx = True
                return self.agreed(target, ref, close, stmt)
            near = self.near_point(stmt, stmt.expr, var, ref, cmp)
            if near is not False:
                return near
        return self.differs(ref, values, x, cmp, var)

    def as_function_of(self, expr: Any, var: str) -> Callable:
        """``expr`` as a function of ``var``, the other symbols as the card has them now."""
        env = dict(self.env)
        return lambda t: evaluate(expr, {**env, var: t}, device=self.device)

    def near_point(self, stmt: Statement, expr: Any, var: str, ref: Callable, cmp: Comparison) -> "Result | None | bool":
        """An approximation that fails over the whole range but holds as x nears 0 or ∞ (“\\sin x ≈ x”, “\\log(1+x)
        ≈ x”): where the card's words put it there (“for small x”, “x 很小时”; “for large x”), it holds there (None);
        where they do not, it is unverified, and says where it holds; False where it holds nowhere."""
        where = _holds_near(self.as_function_of(expr, var),
                            [self.as_function_of(term, var) for term in _additive_terms(expr)], ref, self.device)
        if where is None:
            return False
        place, at, near_diff = where
        if PLACE_WORDS[place].search(without_math("\n".join((self.card.front, self.card.back, *self.card.deck)), " ")):
            self.near, self.approx = place, True
            self.facts.update(at=at, var=var)
            self.worst = max(self.worst, near_diff)
            self.checked.append(f"{stmt.text} as {var} → {place}")
            return None
        return self.unverified("local-approximation", f"“{stmt.text}” holds only as {var} → {place} (|Δ| "
                               f"{near_diff:.2g} at {var} = {at}, {cmp.diff:.3g} far from it); say for which {var} it "
                               "holds", claim=stmt.text, var=var, where=place, at=at, near=fmt_diff(near_diff), diff=f"{cmp.diff:.3g}")

    def loss(self, target: Target, stmt: Statement) -> Result | None:
        stated = None
        lhs = stmt.target
        if isinstance(lhs, Call) and len(lhs.args) == 2 and all(isinstance(a, Sym) for a in lhs.args):
            stated = (lhs.args[1].name, lhs.args[0].name)  # H(y, ŷ), D(p ‖ q): the target first
        self.concept = target.name
        named = _named_loss(lhs)
        if named and not _same_loss(named, target.loss.name):
            # “\mathcal{L}_{BCE}” under a cross-entropy heading: another loss than the one found
            return self.unverified("other-loss", f"the formula is {named}, not {target.loss.name}",
                                   named=named, function=target.loss.dotted)
        outcome = check_loss(target.loss, stmt.expr, self.env, self.device, stated)
        if isinstance(outcome, RolesUnknown):
            return self.unverified("roles-unknown", f"no arrangement agrees, and nothing says which of {outcome} "
                                   "is the prediction", symbols=str(outcome))
        if isinstance(outcome, str):
            return self.unverified("unbound", outcome, symbols=outcome)
        if outcome.agrees and outcome.swapped and not outcome.roles_stated:
            return self.unverified("direction-unclear", "agrees with the prediction and target the other way round "
                                   "from their usual names; the notes do not say which is which", call=outcome.label)
        facts = {"call": outcome.label, "diff": fmt_diff(outcome.diff), "kwargs": {}}
        if outcome.agrees and not outcome.swapped:
            self.reference = target.loss.dotted
            self.facts.update(facts)
            self.binding.update(outcome.binding)
            self.worst = max(self.worst, outcome.diff)
            self.checked.append(f"{target.name} against {outcome.label}")
            return None
        reason = "loss-swapped" if outcome.agrees else "loss-differs"
        detail = (f"agrees with {outcome.label} only with its prediction and target the other way round"
                  if outcome.agrees else f"disagrees with {outcome.label} (|Δ| {outcome.diff:.3g})")
        facts.update(notes=f"{outcome.notes_value:.6g}", torch=f"{outcome.torch_value:.6g}")
        return Result(self.card.uid, self.card.source, self.concept, Verdict.DISAGREES, detail, outcome.diff,
                      binding=outcome.binding, reason=reason, reference=target.loss.dotted,
                      notes_value=outcome.notes_value, torch_value=outcome.torch_value, facts=facts)

    def density(self, stmt: Statement, defined: Call, formula: str) -> Result | None | bool:
        """`p(x) = …`, `F(x) = …` under a heading or sentence naming a distribution of
        torch.distributions: its density or CDF, its parameters bound by their usual symbols.
        False when no distribution fits."""
        if defined.func.casefold() in MOMENTS:
            return False  # (“$\mathrm{Var}(X) = \lambda$” under “Poisson”: a moment of X, not its density at X)
        var = defined.args[0].name
        words = " ".join(self.card.deck) + " " + self.card.back
        cdf = defined.func in ("F", "Φ") or bool(re.search(r"cdf|distribution function|分布函数|累积", words, re.I))
        free = symbols_in(stmt.expr) - {"e", var}
        prose = re.sub(r"\$[^$]*\$", " ", self.card.back)
        for name in list(reversed(self.card.deck)) + [prose]:
            found = distribution(name, cdf)
            binding = found.bind(free) if found is not None else None
            if binding is None:
                continue
            dotted, fn, support = found.reference(binding, self.device)
            x = self.grid
            env = {**self.env, var: x, **{sym: torch.tensor(v, dtype=torch.float64, device=self.device)
                                          for sym, (_, v) in binding.items()}}
            try:
                values = evaluate(stmt.expr, env, device=self.device).expand_as(x)
            except (Unbound, LatexError, RuntimeError):
                return False
            inside = support(x)
            cmp = _compare(values[inside], fn(x)[inside])
            if cmp.ok is None:
                return self.unverified("overflow", "both sides overflow (∞ or NaN) everywhere")
            ref = Reference(dotted, (), fn)
            self.concept = found.cls.__name__
            self.binding.update({sym: param for sym, (param, _) in binding.items()})
            if not cmp.ok:
                result = self.differs(ref, values[inside], x[inside], cmp, var)
                result.binding = dict(self.binding)
                return result
            self.reference = dotted
            self.facts.update(call=f"{dotted}(x)", kwargs={})
            self.worst = max(self.worst, cmp.diff)
            self.checked.append(f"{self.concept} {'CDF' if found.cdf else 'density'} against {dotted}")
            return None
        return False

    def rounding_tolerance(self, expr: Any):
        """Constants the notes round (λ ≈ 1.0507) make the formula exact only to that many digits."""
        used = [self.rounded[n] / max(abs(float(self.env[n])), 1e-300) for n in symbols_in(expr) if n in self.rounded]
        if not used:
            return None
        share = 2 * sum(used)
        return lambda ref: ATOL + (RTOL + share) * ref.abs()

    def agreed(self, target: Target, ref: Reference, cmp: Comparison, stmt: Statement) -> None:
        self.concept = target.name
        self.reference = ref.name
        self.facts.update(call=ref.label, kwargs=dict(ref.kwargs))
        self.worst = max(self.worst, cmp.diff)
        self.checked.append(f"{target.name} against {ref.label}")
        self.example = _example(target.name, ref, self.device, self.torch_version, self.zh)
        return None

    def differs(self, ref: Reference, values: torch.Tensor, x: torch.Tensor, cmp: Comparison, var: str) -> Result:
        """The notes' function and torch's apart at one point, named by the notes' own variable (“at z = -8”)."""
        at = float(x[cmp.index])
        ours, theirs = float(values.expand_as(x)[cmp.index]), float(ref(x)[cmp.index])
        notes_says, torch_says = fmt_pair(ours, theirs)
        detail = (f"disagrees with {ref.label}: at {var} = {at:g} the notes give {notes_says}, torch {torch_says} "
                  f"(|Δ| {cmp.diff:.3g})" + (f"; read as `{self.reading}`" if self.reading else ""))
        return Result(self.card.uid, self.card.source, self.concept, Verdict.DISAGREES, detail, cmp.diff,
                      {"x": at}, reason="function-differs", reference=ref.name, notes_value=ours,
                      torch_value=theirs, reading=self.reading,
                      facts={"call": ref.label, "var": var, "x": f"{at:g}", "notes": f"{ours:.6g}", "torch": f"{theirs:.6g}",
                             "diff": f"{cmp.diff:.3g}"})

    def claim(self, stmt: Statement, lhs: Any, rhs: Any, rel: str) -> Result | None:
        env = dict(self.env)
        if self.limit is not None:
            far = self.limit if abs(self.limit) < float("inf") else (1e4 if self.limit > 0 else -1e4)
            env["x"] = torch.tensor([far], dtype=torch.float64, device=self.device)
        missing = {n for n in symbols_in((lhs, rhs)) if n not in env and n != "e" and not n.startswith(("E[", "Var["))}
        if missing:
            # `\sum_{i=0}^{t} \beta^i = …`: a statement for every value of its symbols
            held = free_identity(stmt, lhs, rhs, rel, self.card, self.device)
            if held is True:
                self.checked.append(stmt.text)
                return None
            return held if held is not None else self.unbound(stmt, missing)
        try:
            a = evaluate(lhs, env, device=self.device)
            b = evaluate(rhs, env, device=self.device)
        except (Unbound, LatexError, RuntimeError) as exc:
            return self.unbound(stmt, {getattr(exc, "name", str(exc))})
        a, b = _where_both_have_a_value(a, b)
        if a is None:
            # “约定 0 log 0 = 0”: one side has no value as written (0 · −∞), so it states a convention
            # or a limit, which evaluating it cannot check
            return self.unverified("undefined", f"“{stmt.text}”: one side has no value as written (NaN), "
                                   "so it states a convention or a limit; not checked", claim=stmt.text)
        exact = _compare(a, b)
        if exact.ok is None:
            return self.unverified("overflow", f"“{stmt.text}”: both sides overflow (∞ or NaN)", claim=stmt.text)
        cmp = exact
        if not exact.ok:
            tol = _claim_tolerance(lhs, rhs, rel)
            if tol is not None:
                cmp = _compare(a, b, tol)
                self.approx = self.approx or bool(cmp.ok)
        if not cmp.ok and rel == "~" and "x" in symbols_in((lhs, rhs)) and self.limit is None:
            near = self.near_point(stmt, rhs, "x", self.as_function_of(lhs, "x"), cmp)
            if near is not False:
                return near
        self.worst = max(self.worst, cmp.diff)
        if not cmp.ok:
            return Result(self.card.uid, self.card.source, self.concept, Verdict.DISAGREES,
                          f"“{stmt.text}” does not hold (|Δ| {cmp.diff:.3g})", cmp.diff, reason="claim-fails",
                          reading=self.reading, facts={"claim": stmt.text, "diff": f"{cmp.diff:.3g}"})
        self.checked.append(stmt.text)
        return None

    def unbound(self, stmt: Statement, missing: set[str]) -> Result:
        if not self.concept and resolve(self.card.deck) is None and not _sentence_targets(self.card, stmt.text):
            return self.unverified("no-reference", f"no PyTorch reference for “{self.card.deck[-1]}”",
                                   name=self.card.deck[-1])
        shown = ", ".join(sorted(missing))
        return self.unverified("unbound", f"“{stmt.text}” uses symbols with no value ({shown})", symbols=shown)

    def finish(self) -> Result:
        if not self.concept:
            found = resolve(self.card.deck)
            self.concept = found.name if found is not None else ""
        if not self.checked:
            heading = _bare(self.card.deck[-1]) if self.card.deck else ""
            if not self.concept and re.fullmatch(r"[A-Za-z][A-Za-z0-9\-]+", heading):
                return self.unverified("no-reference", f"no PyTorch reference for “{heading}”", name=heading)
            if self.defined:
                names = ", ".join(dict.fromkeys(self.defined))
                return self.unverified("definition", f"defines {names}; nothing to compare", symbols=names)
            return self.unverified("nothing-to-compare", "nothing to compare")
        detail = ("agrees approximately: " if self.approx else "agrees: ") + "; ".join(self.checked) + \
            f" (max |Δ| {fmt_diff(self.worst)})"
        if self.reading:
            detail += f"; the text lost its markup and was read as `{self.reading}`" + \
                (f" ({'; '.join(self.repairs)})" if self.repairs else "")
        facts = dict(self.facts, diff=fmt_diff(self.worst), checked="; ".join(self.checked))
        if self.reading:
            facts["reading"] = self.reading
        reason = "agrees" if self.reference else "claims-hold"
        reason += "-approx" if self.approx else ""
        if self.near:
            reason, facts["where"] = "holds-near", self.near
        return Result(self.card.uid, self.card.source, self.concept, Verdict.AGREES, detail, self.worst, {},
                      self.binding, self.example, reason=reason, reference=self.reference, facts=facts, reading=self.reading)


# Where an approximation holds that does not hold over the whole range: near 0 (“\\log(1+x) ≈ x”, “\\cos x ≈ 1 −
# x^2/2”), or far out (“\\log(1+e^x) ≈ x”, “\\sqrt{x^2+x} ≈ x + 1/2” for large x): what is left over is a small
# share of the smallest term the notes kept, and a smaller share closer in (further out). A wrong coefficient is off by
# as much as its own term (“\\log(1+x) ≈ x + x^2/2”, “\\sqrt{x^2+x} ≈ x + 1”): it holds at neither.
NEAR_ZERO = (1e-2, 1e-3)
# The words that put an approximation where it holds (“for small x”, “x 很小时”, “near 0”; “for large x”, “x → ∞”).
PLACE_WORDS = {
    "0": re.compile(r"\b(?:small|tiny|near (?:zero|0)|close to (?:zero|0))\b|→\s*0|\\to\s*0|很小|较小|趋于\s*0|接近\s*0", re.I),
    "∞": re.compile(r"\b(?:large|big|huge)\b|→\s*∞|\\to\s*\\infty|很大|较大|充分大|趋于\s*(?:∞|无穷)", re.I),
    "−∞": re.compile(r"\blarge negative\b|→\s*[-−]\s*∞|\\to\s*-\s*\\infty|趋于\s*负无穷", re.I),
}
FAR_OUT = (30.0, 300.0)
LEFT_OVER = 0.05


def _holds_near(notes: Callable, terms: list[Callable], ref: Callable, device) -> tuple[str, str, float] | None:
    """("0", "0.001", |Δ| there), ("∞", "300", …) or ("−∞", "-300", …) where the approximation ``notes`` (the sum of
    ``terms``) holds as x nears it, on every side where both have a value; None where it holds nowhere."""
    def at(points: list[float]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor] | None:
        t = torch.tensor(points, dtype=torch.float64, device=device)
        try:
            parts = [torch.as_tensor(term(t), dtype=torch.float64, device=device).expand_as(t) for term in terms]
            a = torch.as_tensor(ref(t), dtype=torch.float64, device=device).expand_as(t)
            b = torch.as_tensor(notes(t), dtype=torch.float64, device=device).expand_as(t)
        except (Unbound, LatexError, RuntimeError, TypeError, ValueError):
            return None
        if not bool(torch.isfinite(a).all() and torch.isfinite(b).all()):
            return None
        kept = torch.stack(parts).abs()
        smallest = torch.where(kept > 0, kept, torch.full_like(kept, float("inf"))).min(0).values
        err = ((a - b).abs() - 64 * torch.finfo(torch.float64).eps * a.abs()).clamp_min(0)  # (rounding is no error)
        return err.cpu(), smallest.cpu(), a.cpu()

    sides = [at([0.0, sign * NEAR_ZERO[0], sign * NEAR_ZERO[1]]) for sign in (1, -1)]
    if any(sides) and all(_shrinks(err[1:], smallest[1:]) and float(err[0]) <= 1e-9 * (1 + float(a[0].abs()))
                          for err, smallest, a in (side for side in sides if side is not None)):
        err = next(side for side in sides if side is not None)[0]
        return "0", f"{NEAR_ZERO[1]:g}", float(err[2])
    for sign, place in ((1, "∞"), (-1, "−∞")):
        side = at([sign * FAR_OUT[0], sign * FAR_OUT[1]])
        if side is None or float(side[2].abs().min()) < 1e-3:
            continue  # (both sides dying away, “x\\Phi(x)” and “1 + \\tanh(x)” as x → −∞: nothing left to compare)
        if _shrinks(side[0], side[1]):
            return place, f"{sign * FAR_OUT[1]:g}", float(side[0][1])
    return None


def _shrinks(err: torch.Tensor, smallest: torch.Tensor) -> bool:
    """What is left over, as a share of the smallest term kept, is small at the second point and at most half what it
    was at the first."""
    share = [float(e) / float(m) for e, m in zip(err, smallest)]
    return share[1] < LEFT_OVER and share[1] <= 0.5 * share[0]


def _additive_terms(expr: Any) -> list[Any]:
    """The terms a sum adds up (“1 - x^2/2”: 1 and x²/2, the sign aside), products and quotients of sums
    multiplied out (“x(1 + x^2/6)”: x and x³/6)."""
    if isinstance(expr, Op) and (expr.op == "+" or expr.op == "-" and len(expr.args) == 2):
        return [term for arg in expr.args for term in _additive_terms(arg)]
    if isinstance(expr, Op) and expr.op == "neg":
        return _additive_terms(expr.args[0])
    if isinstance(expr, Op) and expr.op == "*" and len(expr.args) == 2:
        return [Op("*", (a, b)) for a in _additive_terms(expr.args[0]) for b in _additive_terms(expr.args[1])]
    if isinstance(expr, Op) and expr.op == "/" and len(expr.args) == 2:
        return [Op("/", (a, expr.args[1])) for a in _additive_terms(expr.args[0])]
    return [expr]


def _where_both_have_a_value(a: Any, b: Any) -> tuple[Any, Any]:
    """A claim's two sides where both have a value: where one side alone is NaN (log x for x < 0
    in `e^{\\log x} = x`) lies outside the claim's domain. (None, None) where that is everywhere
    (`0 \\log 0 = 0`: the side has no value as written)."""
    if not isinstance(a, torch.Tensor) or not isinstance(b, torch.Tensor):
        return a, b
    a, b = torch.broadcast_tensors(a, b)
    outside = torch.isnan(a) ^ torch.isnan(b)
    if not bool(outside.any()):
        return a, b
    if bool(outside.all()):
        return None, None
    return a[~outside], b[~outside]


def _constant(stmt: Statement) -> tuple[str, Any] | None:
    """(symbol, value) when a statement gives a symbol a constant: `β = 0.9`, `λ ≈ 1.0507`."""
    if stmt.kind == "assign" and isinstance(stmt.target, Sym) and not symbols_in(stmt.expr) - {"e"}:
        return stmt.target.name, stmt.expr
    if stmt.kind == "claim" and isinstance(stmt.expr, Sym) and len(stmt.sides) == 2 and stmt.rels[0] in ("=", "~") \
            and not symbols_in(stmt.sides[1]) - {"e"}:
        return stmt.expr.name, stmt.sides[1]
    return None


def _approximation(stmt: Statement) -> Statement:
    """`GELU(x) ≈ …` approximates a function by name: compared like a definition, first with
    torch's own approximate variants."""
    if stmt.kind == "claim" and stmt.rels == ("~",) and isinstance(stmt.expr, Call) and len(stmt.expr.args) == 1 \
            and isinstance(stmt.expr.args[0], Sym) and not _own_symbol(stmt.expr.func) \
            and _target_named(stmt.expr.func) is not None:
        return Statement("assign", target=stmt.expr, expr=stmt.rhs, rel="~", text=stmt.text)
    return stmt


def _claim_tolerance(lhs: Any, rhs: Any, rel: str):
    """How close a claim asks to be: `≈ 1.44` states two decimals; `≈` between functions asks
    for closeness; a power of ten (`= 10^{12}`) is an order of magnitude."""
    if rel == "~":
        if not symbols_in((lhs, rhs)):
            digits = [_decimals(n.value) for n in nodes((lhs, rhs)) if isinstance(n, Num)]
            precision = 0.5 * 10 ** (-max(digits, default=0)) + 1e-12
            return lambda ref: torch.full_like(ref, precision)
        return _approx
    if rel == "=" and not symbols_in((lhs, rhs)) and (_power_of_ten(lhs) or _power_of_ten(rhs)):
        return lambda ref: 0.5 * ref.abs()
    return None


def _decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if "e" in text or "." not in text or text.endswith(".0") else len(text.split(".")[1])


def _power_of_ten(node: Any) -> bool:
    return isinstance(node, Op) and node.op == "^" and node.args[0] == Num(10.0) and isinstance(node.args[1], (Num, Op)) \
        and not symbols_in(node.args[1])


def _example(name: str, ref: Reference, device, torch_version: str, zh: bool) -> str:
    points = torch.tensor(EXAMPLE_POINTS, dtype=torch.float64, device=device)
    values = ref(points)
    shown = ("，" if zh else ", ").join(f"{name}({p:g}) = {float(v):.6g}" for p, v in zip(EXAMPLE_POINTS, values))
    tail = f"（{ref.label}，PyTorch {torch_version}，{device}）" if zh else f" ({ref.label}, PyTorch {torch_version}, {device})"
    return ("**算例**：" if zh else "**Worked example**: ") + shown + tail


def _check_plain(card: Card, device, torch_version: str, zh: bool) -> Result:
    """Text that lost its markup: try each reading, say which one was taken."""
    text = card.formulas[0] if card.formulas else card.back.strip("`")
    first_failure: Result | None = None
    for reading in plain_readings(text):
        try:
            statements = parse_formula(reading.latex, set())
        except LatexError:
            continue
        if not statements:
            continue
        checker = _Checker(card, device, torch_version, zh, reading=reading.latex, repairs=reading.repairs)
        result = checker.run([(reading.latex, s) for s in statements])
        if result.verdict is Verdict.AGREES:
            return result
        if first_failure is None or (first_failure.verdict is Verdict.UNVERIFIED and result.verdict is Verdict.DISAGREES):
            first_failure = result
    return first_failure or _unverified(card, "", "unreadable", "the plain-text formula has no reading that parses",
                                        error="no reading parses")


# --- normalizations: formulas over a whole tensor -------------------------------------------

MODULE_CHECKS: dict[str, tuple[Callable, int, str]] = {
    # name: (reference(x, weight, bias, eps), the axis E[·] and sums run along, how it is shown)
    "layer_norm": (lambda x, w, b, eps: F.layer_norm(x, x.shape[-1:], w, b, eps), -1,
                   "F.layer_norm(x, (n,), γ, β, ε)"),
    "rms_norm": (lambda x, w, b, eps: F.rms_norm(x, x.shape[-1:], w, eps), -1, "F.rms_norm(x, (n,), γ, ε)"),
    "batch_norm": (lambda x, w, b, eps: F.batch_norm(x, None, None, w, b, training=True, eps=eps), 0,
                   "F.batch_norm(x, training=True)"),
    "softmax": (lambda x, w, b, eps: torch.softmax(x, -1), -1, "torch.softmax(x, -1)"),
}
ROLES = {"weight": ("γ", "g", "w", "α", "scale"), "bias": ("β", "b"), "eps": ("ε",), "n": ("n", "d", "m", "H", "B")}


class _Definitions(dict):
    """Values by name, with the notes' own definitions (μ̂ = …, σ̂ = …) computed when first read."""

    def __init__(self, definitions: dict[str, Statement], device) -> None:
        super().__init__()
        self.definitions = definitions
        self.device = device
        self.busy: set[str] = set()

    def resolve(self, sym: Sym):
        if sym.name in self or sym.name not in self.definitions or sym.name in self.busy:
            return None
        self.busy.add(sym.name)  # a definition that reads itself is not one to follow
        try:
            self[sym.name] = evaluate(self.definitions[sym.name].expr, self, device=self.device)
        finally:
            self.busy.discard(sym.name)
        return self[sym.name]


def check_module(concept, cards: list[Card], device, torch_version: str, zh: bool) -> list[Result]:
    """A whole-tensor formula (a normalization, softmax) with the helpers and intermediate
    values the notes define for it, against torch's own implementation."""
    reference, axis, shown = MODULE_CHECKS[concept.check]
    gen = torch.Generator().manual_seed(2)
    x = (torch.randn(4, 6, generator=gen, dtype=torch.float64) * 3 + 1).to(device)
    weight = torch.randn(x.shape[-1], generator=gen, dtype=torch.float64).to(device)  # one per feature
    bias = torch.randn(x.shape[-1], generator=gen, dtype=torch.float64).to(device)
    eps = 1e-5
    values = {"weight": weight, "bias": bias, "eps": eps, "n": float(x.shape[axis])}

    parsed: list[tuple[Card, Statement]] = []
    unreadable: dict[str, str] = {}
    for card in cards:
        try:
            parsed.extend((card, st) for f in card.formulas for st in parse_formula(f))
        except LatexError as exc:
            unreadable[card.uid] = f"cannot read the formula ({exc})"
    statements = [st for _, st in parsed]

    def results(verdict: Verdict, detail: str, used: set[str], diff: float | None = None) -> list[Result]:
        reason = {Verdict.AGREES: "agrees", Verdict.DISAGREES: "rule-differs"}.get(verdict, "module-unchecked")
        facts = {"call": shown, "diff": fmt_diff(diff) if diff is not None else "",
                 "why": detail.removeprefix("not checked: ")}
        out = []
        for card in cards:
            if card.uid in used:
                out.append(Result(card.uid, card.source, concept.name, verdict, detail, diff, reason=reason,
                                  reference=_module_reference(shown), facts=facts))
            else:
                why = unreadable.get(card.uid, "not part of the formula that computes the output")
                out.append(Result(card.uid, card.source, concept.name, Verdict.UNVERIFIED, f"not checked: {why}",
                                  reason="unreadable" if card.uid in unreadable else "not-a-step",
                                  facts={"error": why}))
        return out

    def unverified(why: str) -> list[Result]:
        return results(Verdict.UNVERIFIED, f"not checked: {why}", {c.uid for c in cards})

    definitions = {st.target.name: st for st in statements if st.kind == "assign" and isinstance(st.target, Sym)}
    helpers = {d.func: st for st in statements if (d := _defined_function(st)) is not None and lookup(d.func) is not concept}
    final = next((st for st in statements if (d := _defined_function(st)) is not None and lookup(d.func) is concept), None)
    if final is None:  # the output: what the notes compute that nothing else reads
        read = {n for st in statements for n in symbols_in(st.expr)}
        final = next((st for st in reversed(statements) if st.kind == "assign" and isinstance(st.target, Sym)
                      and st.target.name not in read), None)
    if final is None:
        return unverified("no formula that computes the output")
    # what the output depends on: the definitions and helpers it reads, and theirs
    needed: list[Statement] = [final]
    seen_names: set[str] = set()
    while True:
        names = {n for st in needed for n in symbols_in(st.expr)} | {f for st in needed for f in calls_in(st.expr)}
        more = [definitions[n] for n in names if n in definitions and n not in seen_names] + \
               [helpers[n] for n in names if n in helpers and n not in seen_names]
        seen_names |= names
        more = [st for st in more if st not in needed]
        if not more:
            break
        needed.extend(more)
    used = {card.uid for card, st in parsed if st in needed}
    env = _Definitions({n: st for n, st in definitions.items() if st in needed}, device)
    env["__axis__"] = axis
    for name, st in helpers.items():
        if st in needed:
            env[f"{name}()"] = _helper(st, st.target.args[0].name, env, device)
    own_args = {st.target.args[0].name: st for st in needed if st is not final and _defined_function(st)}
    free: set[str] = set()
    for st in needed:
        names = symbols_in(st.expr) - set(env.definitions)
        if st in own_args.values():
            names -= {st.target.args[0].name}
        free |= names
    if _defined_function(final) is not None:
        free.add(final.target.args[0].name)
    inputs = []
    for name in sorted(free):
        if name.startswith(("E[", "Var[")):
            continue  # a moment evaluate() computes
        base, _, sub = name.rpartition("_")
        plain = base if base and len(sub) == 1 and sub.isalpha() else name  # x_i, γ_i: the whole vector
        role = next((r for r, hints in ROLES.items() if plain in hints), None)
        if role is not None and plain != "x":
            env[name] = values[role]
        else:
            inputs.append((name, plain))
    if len({plain for _, plain in inputs}) != 1:
        return results(Verdict.UNVERIFIED, "not checked: cannot tell the input among "
                       + (", ".join(sorted({p for _, p in inputs})) or "no symbols"), used)
    for name, _ in inputs:
        env[name] = x
    try:
        ours = evaluate(final.expr, env, device=device)
    except (Unbound, LatexError, RuntimeError) as exc:
        return results(Verdict.UNVERIFIED, f"not checked: {exc}", used)
    ref = reference(x, weight, bias, eps)
    try:
        cmp = _compare(ours.expand_as(ref), ref)
    except RuntimeError as exc:  # the notes' result has another shape
        return results(Verdict.UNVERIFIED, f"not checked: {exc}", used)
    ok, diff = cmp.ok, cmp.diff
    if ok is None:
        return results(Verdict.UNVERIFIED, "not checked: both sides overflow (∞ or NaN)", used)
    if not ok:
        return results(Verdict.DISAGREES, f"disagrees with {shown} (|Δ| {diff:.3g}, ε = {eps:g})", used, diff)
    return results(Verdict.AGREES, f"agrees: {concept.name} against {shown} on a 4×6 input "
                   f"(max |Δ| {fmt_diff(diff)})", used, diff)


def _module_reference(shown: str) -> str:
    """``F.layer_norm(x, (n,), γ, β, ε)`` -> ``torch.nn.functional.layer_norm``."""
    name = shown.split("(", 1)[0]
    return name.replace("F.", "torch.nn.functional.", 1) if name.startswith("F.") else name


def _helper(stmt: Statement, arg: str, env: dict[str, Any], device):
    def call(value: torch.Tensor) -> torch.Tensor:
        inner = _Definitions(getattr(env, "definitions", {}), device)
        inner.update(env)
        inner[arg] = value
        for name in symbols_in(stmt.expr):
            base, _, sub = name.rpartition("_")
            if base == arg and len(sub) == 1:
                inner[name] = value
        return evaluate(stmt.expr, inner, device=device)
    return call


def _named_loss(lhs) -> str:
    """The loss a formula's left side names by its subscript (“\\mathcal{L}_{BCE}” -> BCE)."""
    name = getattr(lhs, "name", "") or getattr(getattr(lhs, "func", None), "name", "") or ""
    sub = name.rpartition("_")[2].strip("{}")
    return sub if re.fullmatch(r"[A-Z]{2,6}", sub) else ""


def _same_loss(acronym: str, function: str) -> bool:
    """BCE is binary_cross_entropy, MSE mse_loss, NLL nll_loss, KL kl_div, CE cross_entropy."""
    words = [w for w in function.split("_") if w != "loss"]
    low = acronym.lower()
    return low in function or low == "".join(w[0] for w in words) or LOSS_ALIASES.get(low) == function


LOSS_ALIASES = {"mae": "l1_loss", "sse": "mse_loss"}  # names torch does not spell out
