"""An optimizer's update rule, as the notes write it, run step by step against torch.optim.

The notes' formulas for one concept become one program: assignments in order, each under
the conditions that govern it (`\\text{if } \\mu \\neq 0:` above it, `对于 $t = 1$` beside it,
`如果 maximize=True` in its sentence, an `\\text{else}` after an `\\text{if}`). Symbols are bound
to torch's hyper-parameters from the notes' own parameter list, then by searching the
bindings that make the rule agree on benign inputs; the verdict comes from inputs chosen to
expose the known failure modes (tiny gradients for ε placement, maximize with weight decay,
both signs, large magnitudes).
"""

from __future__ import annotations

import inspect
import itertools
import re
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import torch

from studydeck.model import Card, CardKind
from studydeck.verify.blame import culprits, eps_outside_latex
from studydeck.verify.evaluate import Unbound, evaluate
from studydeck.verify.identities import identity_verdict
from studydeck.verify.latex import (Call, LatexError, Num, Op, Statement, Sym, Word, nodes, parse_formula,
                                    symbols_in, words_in)
from studydeck.verify.discover import HINTS, optimizer_hypers, optimizer_switches
from studydeck.verify.registry import Hyper, Optimizer
from studydeck.verify.result import Result, Verdict, fmt_diff, fmt_pair

PARAM_NAMES = ("θ", "x", "w", "W", "p", "params", "θ_t")
STEPS = 5
ATOL, RTOL = 1e-10, 1e-10
PROSE_FLAG = re.compile(r"(?:如果|若|当|if|when)\s*`?(\w+)`?\s*=\s*`?(True|False)`?", re.I)


@dataclass(frozen=True)
class Cond:
    node: Any           # Word, or (rel, lhs, rhs)
    positive: bool = True

    def negated(self) -> "Cond":
        return Cond(self.node, not self.positive)

    def names(self) -> set[str]:
        if isinstance(self.node, Word):
            return {self.node.name}
        return symbols_in((self.node[1], self.node[2])) | words_in(self.node[1]) | words_in(self.node[2])


@dataclass
class Step:
    stmt: Statement
    conds: list[Cond]
    card: Card


@dataclass
class Program:
    steps: list[Step]
    param: str
    grad: str
    states: set[str]
    free: set[str]
    flags: set[str]
    cards: list[Card] = field(default_factory=list)


class NotAProgram(Exception):
    """The formulas are not a complete update rule; the message says what is missing."""


def _sym_name(latex: str) -> str | None:
    try:
        (stmt,) = parse_formula(latex)
    except (LatexError, ValueError):
        return None
    return stmt.expr.name if stmt.kind == "expr" and isinstance(stmt.expr, Sym) else None


# A rule that counts its steps by k or n (“\\theta_{k+1} = \\theta_k - \\eta v_{k+1}”, “x^{(n+1)} = x^{(n)} - …”): the
# same rule as by t. (A rule that writes t, or has no next step, keeps its k: an index over classes or features.)
STEP_INDEX = re.compile(r"_\{\s*([kn])\s*\+\s*1\s*\}|\^\{\s*\(\s*([kn])\s*\+\s*1\s*\)\s*\}")


# Where a gradient is taken: “\\nabla f(”, “\\nabla_\\theta \\mathcal{L}\\big(”, “\\nabla L_i\\left(”, up to its bracket.
GRADIENT_AT = re.compile(r"\\nabla\s*(?:_\{[^{}]*\}|_\\?\w+)?\s*(?:\\(?:math\w+|operatorname)\s*\{\s*\\?\w+\s*\}|\\?[A-Za-z]\w*)?"
                         r"\s*(?:_\{[^{}]*\}|_\\?\w+)?\s*(?:\\(?:left|bigl?|Bigl?|biggl?|Biggl?)\s*)?\(")


def _look_ahead(formula: str) -> str:
    """The point a gradient is taken at, where it is not the parameter itself (“\\nabla f(x_k + \\beta v_k)”,
    “\\nabla \\mathcal{L}\\big(\\theta - \\mu v\\big)”); "" where every gradient is at the parameter (“\\nabla
    f(\\theta_{t-1})”, a step back)."""
    for found in GRADIENT_AT.finditer(formula):
        depth, at = 1, found.end()
        while at < len(formula) and depth:
            depth += (formula[at] == "(") - (formula[at] == ")")
            at += 1
        point = re.sub(r"\\(?:right|bigr?|Bigr?|biggr?|Biggr?)\s*$", "", formula[found.end():at - 1]).strip()
        bare = re.sub(r"[_^]\{[^{}]*\}|[_^]\\?\w+|\{[^{}]*\}", "", point)
        if re.search(r"[+\-−]", bare):
            return point
    return ""


def _steps_by_t(formula: str) -> str:
    found = STEP_INDEX.search(formula)
    if not found or re.search(r"_\{?\s*t\b", formula):
        return formula
    k = found.group(1) or found.group(2)
    formula = re.sub(rf"\^\{{\s*\(\s*{k}\s*([+-]\s*\d+)?\s*\)\s*\}}", lambda m: f"_{{t{(m.group(1) or '').replace(' ', '')}}}",
                     formula)
    formula = re.sub(rf"_\{{\s*{k}\s*([+-]\s*\d+)?\s*\}}", lambda m: f"_{{t{(m.group(1) or '').replace(' ', '')}}}", formula)
    return re.sub(rf"_{k}(?![A-Za-z])", "_t", formula)


def card_steps(card: Card, last_if: list[Cond | None]) -> list[Step]:
    conds: list[Cond] = []
    for guard in card.guards:
        for s in parse_formula(guard):
            if s.kind in ("guard", "if"):
                conds.append(Cond(s.cond))
                break
    prose = re.sub(r"\$[^$]*\$", " ", card.back)
    for match in PROSE_FLAG.finditer(prose):
        conds.append(Cond(Word(match.group(1)), match.group(2).lower() == "true"))
    steps: list[Step] = []
    local: list[Cond] = []
    for formula in card.formulas:
        pending: list[Cond] = []
        ahead = _look_ahead(formula)
        if ahead:
            # (“v_{k+1} = βv_k − α∇f(x_k + βv_k)”: the gradient at a look-ahead point, which the rule's symbols for
            # the gradient cannot say; checked as if at x_k, any look-ahead would “agree”)
            raise NotAProgram(f"the gradient is taken at {ahead}, a point the check cannot follow")
        for s in parse_formula(_steps_by_t(formula)):
            if s.kind == "guard":
                local.append(Cond(s.cond))
            elif s.kind == "if":
                pending = [Cond(s.cond)]
                last_if[0] = pending[0]
            elif s.kind == "else":
                if last_if[0] is None:
                    raise NotAProgram(f"line {card.source.line}: “else” without an “if” before it")
                pending = [last_if[0].negated()]
            elif s.kind in ("assign", "update", "claim") and _is_time_condition(s):
                node = (s.rel or "=", s.target or s.expr, s.expr if s.target is not None else s.rhs)
                local.append(Cond(node if s.kind != "claim" else (s.rel, s.expr, s.rhs)))
            elif s.kind in ("assign", "update") and isinstance(s.target, Sym):
                if s.target.name == "∇f":
                    continue  # `∇f(x) = 1/n ∑ ∇f_i(x)`: says what the gradient is; it is an input here
                if not symbols_in(s.expr) and s.target.time is None:
                    continue  # `β_1 = 0.9`, `ε = 10^{-6}`: a value the text suggests, not a step
                if s.target.time is not None and s.target.time < 0:
                    continue  # `v_0 = 0` style initial values are the zeros every run starts from
                steps.append(Step(s, conds + local + pending, card))
                pending = []
    return steps


def _is_time_condition(s: Statement) -> bool:
    sides = [x for x in (s.target, s.expr, s.rhs) if x is not None]
    names = symbols_in(tuple(sides))
    return names == {"t"}


def collect_steps(cards: list[Card], unreadable: dict[str, str] | None = None) -> list[Step]:
    """The steps of all cards, in order; a card that cannot be read is set aside with why."""
    last_if: list[Cond | None] = [None]
    steps: list[Step] = []
    for card in cards:
        try:
            steps.extend(card_steps(card, last_if))
        except (LatexError, NotAProgram) as exc:
            if unreadable is None:
                raise
            unreadable[card.uid] = str(exc)
    # `θ_t = θ_{t-1} − γΔx` and, under “如果 maximize=True”, `θ_t = θ_{t-1} + γΔx`: alternatives
    for i, later in enumerate(steps):
        if later.stmt.kind != "assign":
            continue
        for earlier in steps[:i]:
            if (earlier.stmt.kind == "assign" and earlier.stmt.target == later.stmt.target
                    and set(earlier.conds) < set(later.conds)):
                for extra in set(later.conds) - set(earlier.conds):
                    earlier.conds.append(extra.negated())
    return steps


def make_program(steps: list[Step], cards: list[Card], strict: bool = True) -> Program:
    """Name the parts of a rule: which symbol is the parameter, the gradient, a state, a
    hyper-parameter or a switch."""
    if not steps:
        raise NotAProgram("no update steps")
    twice = written_twice(steps)
    if twice:
        # “θ_{t+1} = θ_t − η v_{t+1}” and, below it, “θ_{t+1} = θ_t − η(g_t + μ v_{t+1})”: two ways of
        # writing one rule (the paper's and PyTorch's), not one program
        raise NotAProgram(f"{twice} is written twice, in two different ways")
    targets = [s.stmt.target.name for s in steps]
    used = set().union(*(symbols_in(s.stmt.expr) for s in steps))
    grad = next((s.stmt.target.name for s in steps if symbols_in(s.stmt.expr) == {"∇f"}), None)
    if grad is None:
        grad = "g" if "g" in used or "g" in targets else ("∇f" if "∇f" in used else None)
    if grad is None:
        if strict:
            raise NotAProgram("no gradient (g or ∇f) in the rule")
        grad = "g"
    param = next((s.stmt.target.name for s in reversed(steps)
                  if s.stmt.target.name.rstrip("'") in PARAM_NAMES), None)
    if param is None:
        raise NotAProgram("no update of the parameters (θ, x or w)")
    flags = {c.node.name for s in steps for c in s.conds if isinstance(c.node, Word)}
    cond_names = set().union(*(c.names() for s in steps for c in s.conds))
    free = {f for f in (used | cond_names) - set(targets) - {"t", "e", "∇f", grad, param} - flags
            if not f.startswith("∇")}
    return Program(order_steps(steps), param, grad, set(targets) - {param, grad}, free, flags, cards)


def written_twice(steps: list[Step]) -> str | None:
    """A variable that two unconditional steps set at the same time index to different values,
    the later one not building on the earlier (“g ← g + λθ” does)."""
    seen: dict[tuple[str, int], Any] = {}
    for s in steps:
        if s.conds or s.stmt.kind != "assign":
            continue
        key = (s.stmt.target.name, s.stmt.target.time or 0)
        if key in seen and repr(seen[key]) != repr(s.stmt.expr):
            builds_on = any(isinstance(n, Sym) and n.name == key[0] and (n.time or 0) == key[1]
                            for n in nodes(s.stmt.expr))
            if not builds_on:
                return key[0]
        seen.setdefault(key, s.stmt.expr)
    return None


def build_program(cards: list[Card]) -> Program:
    return make_program(collect_steps(cards), cards)


def undefined_states(program: Program) -> set[str]:
    """State symbols the rule reads but never computes (m̂ in AdamW's rule). Greek letters
    are hyper-parameters even with a time index (η_t is a schedule, not a state)."""
    out = set()
    for s in program.steps:
        for node in nodes(s.stmt.expr):
            if isinstance(node, Sym) and node.time is not None and node.name in program.free \
                    and re.match(r"[A-Za-z]", node.name):
                out.add(node.name)
    return out


def own_index(steps: list[Step]) -> dict[str, int]:
    """The time index each variable is written with where it is assigned (θ_{t+1} -> 1)."""
    out: dict[str, int] = {}
    for s in steps:
        out.setdefault(s.stmt.target.name, s.stmt.target.time or 0)
    return out


def reads(node: Any, index: dict[str, int]) -> tuple[set[str], set[str]]:
    """(variables read at their current value, variables read at their previous value)."""
    now, before = set(), set()
    for n in nodes(node):
        if isinstance(n, Sym) and n.name in index:
            if n.time is not None and n.time < index[n.name]:
                before.add(n.name)
            else:
                now.add(n.name)
    return now, before


def order_steps(steps: list[Step]) -> list[Step]:
    """File order, except that a step runs after the steps that compute what it reads.

    Books often write the parameter update first and define its parts after it
    (d2l's Adadelta: x_t = x_{t-1} − g'_t, “where g'_t = …”).
    """
    index = own_index(steps)
    n = len(steps)
    edges: dict[int, set[int]] = {i: set() for i in range(n)}
    for i, s in enumerate(steps):
        now, before = reads(s.stmt.expr, index)
        for c in s.conds:
            if not isinstance(c.node, Word):
                more_now, more_before = reads((c.node[1], c.node[2]), index)
                now |= more_now
                before |= more_before
        for name in now - {s.stmt.target.name} if s.stmt.kind == "assign" else now:
            writers = [j for j in range(n) if steps[j].stmt.target.name == name and j != i]
            earlier = [j for j in writers if j < i]
            if earlier:
                edges[i].add(earlier[-1])
            elif writers:
                edges[i].add(writers[0])
        for name in before:
            for j in range(n):
                if j != i and steps[j].stmt.target.name == name and steps[j].stmt.kind == "assign":
                    edges[j].add(i)  # read the old value before it is overwritten
    done: list[int] = []
    remaining = set(range(n))
    while remaining:
        ready = [i for i in sorted(remaining) if not (edges[i] & remaining)]
        if not ready:  # a cycle: the text order is the best guess
            return [steps[i] for i in done] + [steps[i] for i in sorted(remaining)]
        done.append(ready[0])
        remaining.discard(ready[0])
    return [steps[i] for i in done]


class StepEnv(dict):
    """Values by name; a symbol with an older time index than its own reads last step's value."""

    def __init__(self, index: dict[str, int]) -> None:
        super().__init__()
        self.index = index
        self.previous: dict[str, Any] = {}

    def resolve(self, sym: Sym) -> Any | None:
        own = self.index.get(sym.name)
        if own is not None and sym.time is not None and sym.time < own and sym.name in self.previous:
            return self.previous[sym.name]
        return None


# --- running ------------------------------------------------------------------------------

def test_inputs(device: torch.device) -> tuple[torch.Tensor, list[torch.Tensor]]:
    """θ₀ and the gradient of each step: zero, tiny and huge gradients, both signs, and noise."""
    special = [(1.0, 0.0), (1.0, 1e-6), (-1.0, -1e-9), (0.5, 0.3), (2.0, -2.0), (-3.0, 1e3),
               (1e3, -1e3), (0.0, 1.0), (1.0, -1e-6), (-0.2, 5e-5)]
    gen = torch.Generator().manual_seed(0)
    noise_theta = torch.randn(6, generator=gen, dtype=torch.float64)
    noise_grads = torch.randn(STEPS, 6, generator=gen, dtype=torch.float64)
    theta0 = torch.cat([torch.tensor([t for t, _ in special], dtype=torch.float64), noise_theta])
    factors = [1.0, 0.7, -0.4, 1.3, 0.9]
    grads = [torch.cat([torch.tensor([g * factors[k] for _, g in special], dtype=torch.float64), noise_grads[k]])
             for k in range(STEPS)]
    return theta0.to(device), [g.to(device) for g in grads]


def example_inputs(device: torch.device) -> tuple[torch.Tensor, list[torch.Tensor]]:
    return (torch.tensor([1.0], dtype=torch.float64, device=device),
            [torch.tensor([v], dtype=torch.float64, device=device) for v in (0.5, -0.25)])


def run_program(program: Program, values: dict[str, float], flags: dict[str, bool],
                theta0: torch.Tensor, grads: list[torch.Tensor], trace: list | None = None) -> list[torch.Tensor]:
    env = StepEnv(own_index(program.steps))
    env.update({name: torch.zeros_like(theta0) for name in program.states})
    env.update(values)
    env.update(flags)
    env[program.param] = theta0.clone()
    out = []
    for t, g in enumerate(grads, start=1):
        env.previous = {name: env[name] for name in env.index if name in env}
        env["t"] = float(t)
        env["∇f"] = g
        env[program.grad] = g
        record: dict[str, torch.Tensor] = {}
        for step in program.steps:
            if all(_holds(c, env, theta0.device) for c in step.conds):
                value = evaluate(step.stmt.expr, env, device=theta0.device)
                env[step.stmt.target.name] = value.expand_as(theta0).clone() if value.dim() == 0 else value
                record[step.stmt.target.name] = env[step.stmt.target.name]
        out.append(env[program.param].clone())
        if trace is not None:
            trace.append(record)
    return out


def _holds(cond: Cond, env: dict[str, Any], device) -> bool:
    if isinstance(cond.node, Word):
        if cond.node.name not in env:
            raise Unbound(cond.node.name)
        value = bool(env[cond.node.name])
    else:
        rel, lhs, rhs = cond.node
        a = evaluate(lhs, env, device=device)
        b = evaluate(rhs, env, device=device)
        table = {"=": a == b, "!=": a != b, ">": a > b, "<": a < b, ">=": a >= b, "<=": a <= b, "->": a == b,
                 "<-": a == b}
        if rel not in table:
            raise LatexError(f"the condition “{rel}” cannot be decided")
        value = bool(table[rel].all())
    return value == cond.positive


def torch_class(spec: Optimizer):
    return getattr(torch.optim, spec.torch_name)


_FULL: dict[str, Optimizer] = {}


def full_spec(spec: Optimizer) -> Optimizer:
    """The concept with every hyper-parameter and switch torch's class has, read from its
    signature; the registry's own entries (their probes and test values) come first."""
    if spec.name not in _FULL:
        cls = torch_class(spec)
        known = {h.key for h in spec.hypers}
        extra = tuple(Hyper(key, HINTS.get(key, ()), _probe(default), (_alternative(default),))
                      for key, default in optimizer_hypers(cls) if key not in known)
        flags = tuple(dict.fromkeys(spec.flags + optimizer_switches(cls)))
        _FULL[spec.name] = replace(spec, hypers=spec.hypers + extra, flags=flags)
    return _FULL[spec.name]


def _probe(default: float) -> float:
    """A value unlike the others, to tell which symbol is which."""
    return round(default * 0.83, 12) if default else 0.17


def _alternative(default: float) -> float:
    return round(default * 0.5, 12) if default else 0.1


def defaults(spec: Optimizer) -> dict[str, Any]:
    sig = inspect.signature(torch_class(spec))
    return {name: p.default for name, p in sig.parameters.items() if p.default is not inspect.Parameter.empty}


def hyper_value(key: str, kwargs: dict[str, Any]) -> float:
    name, _, index = key.partition("[")
    value = kwargs[name]
    return float(value[int(index[:-1])]) if index else float(value)


def with_hyper(kwargs: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    out = dict(kwargs)
    name, _, index = key.partition("[")
    if index:
        items = list(out[name])
        items[int(index[:-1])] = value
        out[name] = tuple(items)
    else:
        out[name] = value
    return out


def run_torch(spec: Optimizer, kwargs: dict[str, Any], theta0: torch.Tensor, grads: list[torch.Tensor]):
    param = torch.nn.Parameter(theta0.clone())
    opt = torch_class(spec)([param], **{**kwargs, **spec.fixed, "foreach": False})
    out = []
    for g in grads:
        param.grad = g.clone()
        opt.step()
        out.append(param.detach().clone())
    return out


# --- binding and checking -----------------------------------------------------------------

@dataclass
class Binding:
    symbols: dict[str, str]    # notes' symbol -> torch hyper key
    source: str                # "parameter list", "search" or a mix
    # symbols the search gave a hyper-parameter that fits nothing better and whose name is not one of its usual ones
    # (a batch size `B` taken for SGD's momentum): what the rule says under such a guess is no finding
    guessed: tuple[str, ...] = ()


def stated_bindings(cards: list[Card], spec: Optimizer) -> dict[str, str]:
    keys = {h.key for h in spec.hypers}
    out: dict[str, str] = {}
    for card in cards:
        for kwarg, latex in card.symbols:
            name = _sym_name(latex)
            key = next((k for k in keys if k == kwarg or k.startswith(kwarg + "[")), None)
            if name and key and key == kwarg:
                out[name] = key
    return out


def bind(program: Program, spec: Optimizer, stated: dict[str, str], device) -> Binding:
    symbols = {s: k for s, k in stated.items() if s in program.free}
    unknown = sorted(program.free - set(symbols))
    for flag in program.flags:
        if flag not in spec.flags:
            raise NotAProgram(f"the condition “if {flag}” names no switch of torch.optim.{spec.torch_name}")
    if not unknown:
        return Binding(symbols, "the notes' parameter list")
    keys = [h.key for h in spec.hypers if h.key not in symbols.values()]
    if len(unknown) > len(keys):
        raise NotAProgram(f"{', '.join(unknown)}: more symbols than torch.optim.{spec.torch_name} has hyper-parameters")
    hints = {h.key: h.hints for h in spec.hypers}
    probes = {h.key: h.probe for h in spec.hypers}
    base = defaults(spec)
    gen = torch.Generator().manual_seed(1)
    theta0 = torch.randn(8, generator=gen, dtype=torch.float64).to(device)
    grads = [torch.randn(8, generator=gen, dtype=torch.float64).to(device) for _ in range(3)]
    scored: list[tuple[float, int, dict[str, str]]] = []
    for chosen in itertools.permutations(keys, len(unknown)):
        trial = dict(symbols)
        trial.update(zip(unknown, chosen))
        kwargs = dict(base)
        for key in set(trial.values()):
            kwargs = with_hyper(kwargs, key, probes[key])
        try:
            diff = compare(program, spec, trial, kwargs, theta0, grads)[0]
        except (Unbound, LatexError, RuntimeError, ValueError, TypeError):
            continue
        prior = sum(sym in hints[key] or sym.replace("_", "") in hints[key] for sym, key in trial.items())
        scored.append((diff if diff == diff else float("inf"), prior, trial))
    if not scored:
        raise NotAProgram("no binding of its symbols to torch's hyper-parameters runs")
    # Bindings that fit about as well are told apart by the usual names: ε under a root fits
    # Adagrad's initial accumulator almost as well as its eps, but it is meant as eps.
    # When nothing fits (a wrong sign, a missing term), the usual names are the best guess,
    # and the verdict will say how the rule differs under them.
    least = min(d for d, _, _ in scored)
    close = [entry for entry in scored if entry[0] <= max(1e-6, 10 * least)] if least <= 1e-6 else scored
    best = max(close, key=lambda e: (e[1], -e[0]))
    how = "search" if not symbols else "the notes' parameter list and search"
    guessed = () if best[0] <= 1e-6 else tuple(sym for sym in unknown if sym not in hints[best[2][sym]]
                                                 and sym.replace("_", "") not in hints[best[2][sym]])
    return Binding(best[2], how, guessed)


class Failure(NamedTuple):
    features: dict[str, Any]   # the switches and values this configuration sets
    kwargs: dict[str, Any]
    ours: list[torch.Tensor]   # θ after each step, by the notes
    ref: list[torch.Tensor]    # θ after each step, by torch
    maxdiff: float


def compare(program: Program, spec: Optimizer, binding: dict[str, str], kwargs: dict[str, Any],
            theta0: torch.Tensor, grads: list[torch.Tensor]):
    """Run both; return (max |Δ|, whether they disagree, notes' θ per step, torch's θ per step)."""
    values = {sym: hyper_value(key, kwargs) for sym, key in binding.items()}
    flags = {f: bool(kwargs.get(f, False)) for f in program.flags}
    ours = run_program(program, values, flags, theta0, grads)
    ref = run_torch(spec, kwargs, theta0, grads)
    errors = [torch.nan_to_num((a - b).abs(), nan=float("inf")) for a, b in zip(ours, ref)]
    maxdiff = max(float(e.max()) for e in errors)
    disagree = any(bool((e > ATOL + RTOL * b.abs()).any()) for e, b in zip(errors, ref))
    return maxdiff, disagree, ours, ref


def configurations(program: Program, spec: Optimizer, binding: dict[str, str]) -> list[dict[str, Any]]:
    base = defaults(spec)
    features: list[tuple[str, Any]] = []
    bound = set(binding.values())
    for h in spec.hypers:
        if h.key in bound:
            features.extend((h.key, v) for v in h.alternatives)
    features.extend((f, True) for f in spec.flags if f in program.flags)
    configs = []
    for r in range(len(features) + 1):
        for combo in itertools.combinations(features, r):
            keys = [k for k, _ in combo]
            if len(set(keys)) != len(keys):
                continue
            kwargs = dict(base)
            for key, value in combo:
                kwargs = with_hyper(kwargs, key, value)
            if spec.valid(kwargs):
                configs.append((dict(combo), kwargs))
    return configs


def check_optimizer(spec: Optimizer, cards: list[Card], all_cards: list[Card], device, torch_version: str,
                    zh: bool) -> list[Result]:
    spec = full_spec(spec)
    formula_cards = [c for c in cards if c.kind is CardKind.FORMULA and not c.plain_formula]
    concept = spec.name
    unreadable: dict[str, str] = {}
    try:
        program = make_program(collect_steps(formula_cards, unreadable), formula_cards, strict=False)
        missing = undefined_states(program)
        if missing:
            program = _borrow(program, missing, cards, all_cards)
        else:
            program = make_program(program.steps, formula_cards)
        stated = stated_bindings(cards, spec)
        binding = bind(program, spec, stated, device)
    except (NotAProgram, LatexError) as exc:
        return [(identity_verdict(c, concept, device) if c.uid not in unreadable else None) or
                Result(c.uid, c.source, concept, Verdict.UNVERIFIED, f"not checked: {unreadable.get(c.uid) or exc}",
                       reason="unreadable" if c.uid in unreadable else "not-a-rule",
                       facts={"error": unreadable.get(c.uid) or str(exc)}) for c in formula_cards]
    theta0, grads = test_inputs(device)
    failures = []
    worst_overall = 0.0
    checked = 0
    configs = configurations(program, spec, binding.symbols)
    for features, kwargs in configs:
        try:
            maxdiff, disagree, ours, ref = compare(program, spec, binding.symbols, kwargs, theta0, grads)
        except (Unbound, LatexError) as exc:
            return [Result(c.uid, c.source, concept, Verdict.UNVERIFIED, f"not checked: {exc}", reason="unbound",
                           facts={"symbols": getattr(exc, "name", str(exc))}) for c in formula_cards]
        except (RuntimeError, TypeError, ValueError) as exc:  # torch's class will not run this way (LBFGS)
            return [Result(c.uid, c.source, concept, Verdict.UNVERIFIED,
                           f"not checked: torch.optim.{spec.torch_name} cannot be run step by step here ({exc})",
                           reason="torch-refused", reference=f"torch.optim.{spec.torch_name}") for c in formula_cards]
        checked += 1
        worst_overall = max(worst_overall, maxdiff)
        if disagree:
            failures.append(Failure(features, kwargs, ours, ref, maxdiff))
    shown = ", ".join(f"{sym}→{key}" for sym, key in sorted(binding.symbols.items()))
    example = worked_example(program, spec, binding.symbols, device, torch_version, zh)
    used_cards = []
    for s in program.steps:
        if s.card not in used_cards and s.card in formula_cards:
            used_cards.append(s.card)
    reference = f"torch.optim.{spec.torch_name}"
    common = {"concept": concept, "binding": binding.symbols, "example": example, "reference": reference,
              "configs_checked": [dict(f) for f, _ in configs], "configs_failing": [dict(f.features) for f in failures]}
    if not failures:
        detail = (f"agrees with {reference} over {checked} configurations × {STEPS} steps "
                  f"(max |Δ| {fmt_diff(worst_overall)}); symbols {shown} (from {binding.source})")
        facts = {"checked": checked, "steps": STEPS, "diff": fmt_diff(worst_overall), "kwargs": dict(spec.fixed)}
        return [_result(c, Verdict.AGREES, detail, worst_overall, "optimizer-agrees", facts, **common)
                for c in used_cards] + _unused(formula_cards, used_cards, concept, unreadable, device)
    if binding.guessed:
        # (“$g_t = \frac{1}{B}\sum_i \nabla \ell_i$” under SGD: B, a batch size, fits no hyper-parameter; taken for
        # the momentum it “disagrees” by ∞; “g_1” from a worked line taken for the weight decay): no verdict
        names = ", ".join(binding.guessed)
        keys = ", ".join(binding.symbols[sym] for sym in binding.guessed)
        return [Result(c.uid, c.source, concept, Verdict.UNVERIFIED,
                       f"not checked: {names} matches no parameter of torch.optim.{spec.torch_name} (read as {keys} "
                       f"it disagrees)", reason="guessed-binding", reference=f"torch.optim.{spec.torch_name}",
                       facts={"symbols": names, "keys": keys})
                for c in formula_cards]
    averaged = [sym for sym, key in binding.symbols.items() if spec.torch_name == "SGD" and key == "momentum"
                and any(_one_minus(s.stmt.expr, sym) for s in program.steps)
                and all(f.features.get(key) for f in failures)]
    if averaged:
        # (“v_{k+1} = βv_k + (1−β)∇f(x_k)”: momentum as an average of the gradients; torch's dampening is the nearest
        # and starts only at step 2, so no setting of torch's follows it step by step; where momentum is off it must agree)
        names = ", ".join(averaged)
        return [Result(c.uid, c.source, concept, Verdict.UNVERIFIED,
                       f"not checked: {names} is both the momentum and, as (1 − {names}), a weight on the gradient (an "
                       f"average of the gradients), which torch.optim.SGD's dampening follows only from step 2",
                       reason="averaged-momentum",
                       reference=f"torch.optim.{spec.torch_name}", facts={"symbols": names})
                for c in formula_cards]
    # show the simplest configuration that disagrees, at the first step where it does
    features, kwargs, ours, ref, _ = min(failures, key=lambda f: (len(f.features), -f.maxdiff))
    maxdiff = max(f.maxdiff for f in failures)
    k, i = _first_disagreement(ours, ref, theta0)
    cause, fix_card = diagnose(program, spec, binding.symbols, failures, checked, kwargs, theta0, grads, device)
    shown_kwargs = ", ".join(f"{key}={kwargs[key] if '[' not in key else hyper_value(key, kwargs)}"
                             for key in sorted(set(binding.symbols.values()) | set(features)) if key.split('[')[0] in kwargs)
    inputs = {"failing": [dict(f.features) for f in failures],
              "step": k + 1, "theta0": float(theta0[i]), "grad": [float(g[i]) for g in grads[: k + 1]],
              "config": {key: (hyper_value(key, kwargs) if "[" in key else kwargs[key].__repr__()) for key in features} or "defaults",
              "notes": float(ours[k][i]), "torch": float(ref[k][i])}
    where = "" if not features else " with " + ", ".join(f"{key}={val}" for key, val in features.items())
    notes_says, torch_says = fmt_pair(float(ours[k][i]), float(ref[k][i]))
    detail = (f"disagrees with {reference}{where}: at step {k + 1}, θ₀={float(theta0[i]):g}, "
              f"g={float(grads[0][i]):g} ({shown_kwargs}) the notes give {notes_says}, torch "
              f"{torch_says} (|Δ| {abs(float(ours[k][i]) - float(ref[k][i])):.3g}); {cause}; "
              f"{len(failures)} of {checked} configurations disagree; symbols {shown}")
    common.update(inputs=inputs, notes_value=float(ours[k][i]), torch_value=float(ref[k][i]))
    facts = {"diff": f"{maxdiff:.3g}", "switches": " + ".join(sorted({k for f in failures for k in f.features})),
             "kwargs": dict(spec.fixed),  # AMSGrad is torch.optim.Adam(amsgrad=True)
             "fix_zh": "", "fix_en": ""}  # the culprit's formula as it should read, where it can be written
    blamed = culprits(program, binding.symbols,
                      lambda repaired: _agrees_everywhere(repaired, spec, binding.symbols, configs, theta0, grads))
    if blamed is None:
        fix_at = fix_card.source if fix_card else None
        reason = _reason_of(cause)
        return [_result(c, Verdict.DISAGREES, detail, maxdiff, reason, facts, fix_at=fix_at, **common)
                for c in used_cards] + _unused(formula_cards, used_cards, concept, unreadable, device)
    reason, steps = blamed
    if cause.startswith("the rule differs") and reason in BLAMED:
        detail = detail.replace(cause, BLAMED[reason])
        cause = BLAMED[reason]
    wrong = [s.card for s in steps]
    lines = [c.source for c in dict.fromkeys(wrong)]
    facts["lines"] = "、".join(str(s.line) for s in lines) if zh else ", ".join(str(s.line) for s in lines)
    out = []
    for c in used_cards:
        if c in wrong:
            out.append(_result(c, Verdict.DISAGREES, detail, maxdiff, reason, _as_it_should_read(c, reason, facts),
                               fix_at=lines[0], culprits=lines, **common))
        else:
            step_detail = (f"this step agrees with {reference}; the rule as a whole disagrees at line "
                           f"{facts['lines']}: {cause}")
            out.append(_result(c, Verdict.AGREES, step_detail, None, "step-agrees", facts, culprits=lines, **common))
    return out + _unused(formula_cards, used_cards, concept, unreadable, device)


def _one_minus(expr: Any, sym: str) -> bool:
    """Whether ``expr`` holds 1 − ``sym`` (“(1-\\beta)\\nabla f”)."""
    return any(isinstance(n, Op) and n.op == "-" and len(n.args) == 2 and isinstance(n.args[0], Num)
               and n.args[0].value == 1 and isinstance(n.args[1], Sym) and n.args[1].name == sym for n in nodes(expr))


def _result(card: Card, verdict: Verdict, detail: str, diff: float | None, reason: str, facts: dict[str, Any],
            **more: Any) -> Result:
    return Result(card.uid, card.source, more.pop("concept"), verdict, detail, diff, reason=reason, facts=dict(facts),
                  **more)


# what a repair that made the rule agree says about it, where the diagnosis had no words
BLAMED = {"no-bias-correction": "the bias correction m/(1−β₁ᵗ), v/(1−β₂ᵗ) is missing",
          "wrong-sign": "the update has the wrong sign (the notes step uphill)"}


def _as_it_should_read(card: Card, reason: str, facts: dict[str, Any]) -> dict[str, Any]:
    """``facts`` with the culprit's own formula repaired, where the repair can be written in its
    LaTeX (ε moved out of the square root)."""
    fixed = eps_outside_latex(card.formulas[0]) if reason == "eps-inside-root" and len(card.formulas) == 1 else None
    if fixed is None:
        return facts
    return {**facts, "fix_zh": f"，应为 ${fixed}$", "fix_en": f"; it should read ${fixed}$"}


def _reason_of(cause: str) -> str:
    if cause.startswith("ε inside"):
        return "eps-inside-root"
    if cause.startswith("only with maximize"):
        return "maximize-weight-decay"
    if cause.startswith("only when"):
        return "only-with"
    if "wrong sign" in cause:
        return "wrong-sign"
    return "rule-differs"


def _agrees_everywhere(program: Program, spec: Optimizer, binding: dict[str, str], configs, theta0, grads) -> bool:
    return not any(compare(program, spec, binding, kwargs, theta0, grads)[1] for _, kwargs in configs)


def _first_disagreement(ours: list[torch.Tensor], ref: list[torch.Tensor],
                        theta0: torch.Tensor) -> tuple[int, int]:
    """The first step that disagrees, and there the input where the notes' step is most
    wrong relative to torch's own step (a step in the wrong direction is the clearest)."""
    before = theta0
    for k, (a, b) in enumerate(zip(ours, ref)):
        err = torch.nan_to_num((a - b).abs(), nan=float("inf"))
        bad = err > ATOL + RTOL * b.abs()
        if bool(bad.any()):
            step = (b - before).abs() + 1e-300
            return k, int(torch.argmax(torch.where(bad, err / step, torch.zeros_like(err))))
        before = b
    return 0, 0


def _unused(formula_cards: list[Card], used: list[Card], concept: str,
            unreadable: dict[str, str] | None = None, device=None) -> list[Result]:
    """The cards no step of the rule came from: an identity among them checked on its own, the
    rest unverified, saying why."""
    unreadable = unreadable or {}
    out = []
    for c in formula_cards:
        if c in used:
            continue
        if c.uid in unreadable:
            out.append(Result(c.uid, c.source, concept, Verdict.UNVERIFIED,
                              f"not checked: cannot read the formula ({unreadable[c.uid]})",
                              reason="unreadable", facts={"error": unreadable[c.uid]}))
        else:
            out.append(identity_verdict(c, concept, device) or Result(
                c.uid, c.source, concept, Verdict.UNVERIFIED,
                "not checked: not a step of the update rule (a condition, an initial value or a remark)",
                reason="not-a-step", facts={}))
    return out


def _borrow(program: Program, missing: set[str], cards: list[Card], all_cards: list[Card]) -> Program:
    """AdamW's rule reads m̂ and v̂ “同 Adam”: take their steps from the concept that defines them."""
    text = " ".join(c.front + " " + c.back for c in cards)
    by_deck: dict[tuple, list[Card]] = {}
    for c in all_cards:
        if c.kind is CardKind.FORMULA and c.doc == cards[0].doc and c.deck != cards[0].deck:
            by_deck.setdefault(c.deck, []).append(c)
    candidates = []
    for deck, group in by_deck.items():
        try:
            other = build_program(group)
        except (NotAProgram, LatexError):
            continue
        defined = {s.stmt.target.name for s in other.steps}
        if missing <= defined:
            candidates.append((deck[-1] in text, deck, other))
    if not candidates:
        raise NotAProgram(f"{', '.join(sorted(missing))} used but never defined")
    candidates.sort(key=lambda c: not c[0])
    other = candidates[0][2]
    borrowed = [s for s in other.steps if s.stmt.target.name != other.param]
    return make_program(borrowed + program.steps, program.cards)


def diagnose(program, spec, binding, failures, checked, kwargs, theta0, grads, device):
    """Say why in words, and which card to edit."""
    cards = [s.card for s in program.steps]
    # the update goes the other way
    ours, ref = failures[0].ours, failures[0].ref
    if torch.allclose(ours[0] - theta0, -(ref[0] - theta0), rtol=1e-6, atol=1e-12) and \
            bool(((ref[0] - theta0).abs() > 0).any()):
        return "the update has the wrong sign (the notes step uphill)", _last_param_card(program)
    # only some switches together
    sets = [frozenset(f.features) for f in failures]
    common = frozenset.intersection(*sets) if sets else frozenset()
    if common and len(failures) < checked:
        names = sorted(common)
        if {"maximize", "weight_decay"} <= set(names):
            card = next((c for c in cards if "maximize" in c.back), cards[0])
            return ("only with maximize and weight decay together: torch negates the gradient for maximize "
                    "before adding λθ, the notes add λθ first (so the decay pushes θ the wrong way)"), card
        card = next((c for c in cards if any(n in c.back for n in names)), cards[0])
        return f"only when {' and '.join(names)} {'is' if len(names) == 1 else 'are'} set", card
    # ε placement: agree when ε vanishes
    eps_syms = [s for s, key in binding.items() if key.startswith("eps")]
    if eps_syms:
        zero = dict(kwargs)
        key = binding[eps_syms[0]]
        zero = with_hyper(zero, key, 0.0)
        safe = [g + (g == 0).to(g.dtype) for g in grads]  # no 0/0 once ε is gone
        try:
            _, disagree, *_ = compare(program, spec, binding, zero, theta0, safe)
        except Exception:
            disagree = True
        if not disagree:
            card = next((s.card for s in program.steps if _eps_under_root(s.stmt.expr, eps_syms[0])), None)
            if card is not None:
                return "ε inside the square root; torch adds ε after it", card
            return "ε is placed differently from torch", _last_param_card(program)
    return f"the rule differs from torch.optim.{spec.torch_name}", _last_param_card(program)


def _last_param_card(program: Program) -> Card:
    return next(s.card for s in reversed(program.steps) if s.stmt.target.name == program.param)


def _eps_under_root(node: Any, eps: str) -> bool:
    for n in nodes(node):
        if isinstance(n, Call) and n.func == "sqrt" and eps in symbols_in(n.args[0]):
            return True
        if isinstance(n, Op) and n.op == "^" and isinstance(n.args[1], Num) and n.args[1].value == 0.5 \
                and eps in symbols_in(n.args[0]):
            return True
    return False


def worked_example(program, spec, binding, device, torch_version: str, zh: bool) -> str:
    kwargs = defaults(spec)
    for key in binding.values():
        if key == "lr" and hyper_value(key, kwargs) < 0.01:
            kwargs = with_hyper(kwargs, "lr", 0.1)
    theta0, grads = example_inputs(device)
    trace: list[dict] = []
    values = {sym: hyper_value(key, kwargs) for sym, key in binding.items()}
    flags = {f: False for f in program.flags}
    try:
        ours = run_program(program, values, flags, theta0, grads, trace)
    except (Unbound, LatexError):
        return ""
    try:
        ref = run_torch(spec, kwargs, theta0, grads)
    except (RuntimeError, TypeError, ValueError):
        return ""
    hp = "，".join(f"{sym} = {values[sym]:g}" for sym in sorted(values)) if zh else \
        ", ".join(f"{sym} = {values[sym]:g}" for sym in sorted(values))
    parts = []
    for t, record in enumerate(trace, start=1):
        shown = [f"{name}{_sub(t)} = {float(v[0]):.6g}" for name, v in record.items()
                 if name not in (program.param, program.grad)]
        shown.append(f"{program.param}{_sub(t)} = {float(ours[t - 1][0]):.6g}")
        parts.append(("第 %d 步：" % t if zh else f"step {t}: ") + ("，".join(shown) if zh else ", ".join(shown)))
    torch_part = ", ".join(f"{program.param}{_sub(t)} = {float(r[0]):.6g}" for t, r in enumerate(ref, 1))
    dev = str(device)
    if zh:
        return "\n\n".join([f"**算例**：{program.param}₀ = 1，g₁ = 0.5，g₂ = −0.25，{hp}", *parts,
                            f"torch.optim.{spec.torch_name}：{torch_part}（PyTorch {torch_version}，{dev}，float64）"])
    return "\n\n".join([f"**Worked example**: {program.param}₀ = 1, g₁ = 0.5, g₂ = −0.25, {hp}", *parts,
                        f"torch.optim.{spec.torch_name}: {torch_part} (PyTorch {torch_version}, {dev}, float64)"])


def _sub(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
