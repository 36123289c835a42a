"""Exercises from verified results: textbook numbers, answers computed by torch in float64.

Only what agrees with torch becomes an exercise, and an optimizer rule only in the
configurations where it agrees: an exercise must never teach a wrong number.
"""

from __future__ import annotations

import inspect
import itertools
import random
from functools import lru_cache
from typing import Any, Callable

import torch

from studydeck.exercise import Exercise, Variant, round4, subscript
from studydeck.model import Card, CardKind
from studydeck.verify.evaluate import Unbound, evaluate
from studydeck.verify.functions import reference
from studydeck.verify.latex import Call, LatexError, Statement, Sym, parse_formula, plain_readings, symbols_in
from studydeck.verify.optimizers import (NotAProgram, _borrow, collect_steps, make_program, run_program,
                                         undefined_states, with_hyper)
from studydeck.verify.registry import Function, Optimizer, lookup
from studydeck.verify.result import Result, Verdict

PARAM_NAMES = ("θ", "x", "w", "W", "p")
# Start values and gradients a textbook would pick: small, round, both signs.
THETAS = (0.5, 1.0, -1.0, 2.0, -0.5, 1.5, 0.2, -2.0, 0.0, -1.5, 3.0, 0.8)
GRADS = (0.2, -0.5, 0.3, 1.0, -0.1, 2.0, -0.4, 0.05, -1.0, 0.5, -0.2, 0.6, -2.0)
POINTS = (1.0, 0.5, -1.0, 2.0, -0.5, 1.5, -2.0, 0.1, 3.0, -1.5, 0.2, -0.2, 2.5, -3.0, 0.8, -0.8, 1.2,
          0.3, -0.3, 0.7, -2.5, 4.0, -0.1, 1.8)
SAME = 1e-9  # the notes' value and the reference's must agree this closely at every point
CONFIGS_PER_EXERCISE = 4


def make_exercise(card: Card, result: Result, *, device: torch.device | str = "cpu", k: int = 20,
                  seed: int = 0, context: list[Card] = ()) -> Exercise | None:
    """The exercise for one card and its verification result, or ``None`` where there is
    none to give: not verified as agreeing, not a definition of a function, not the line
    that updates an optimizer's parameters, or no reference torch can run.

    ``context``, the cards of the same notes, lets an optimizer's worked answer show the
    notes' own intermediate values (m̂, v̂) under the notes' names."""
    if card.kind is not CardKind.FORMULA or result.uid != card.uid:
        return None
    device = torch.device(device)
    rng = random.Random(f"{seed}:{card.uid}")
    concept = lookup(result.concept) if result.concept else None
    if result.reference.startswith("torch.optim.") or isinstance(concept, Optimizer):
        return _optimizer_exercise(card, result, concept, device, k, rng, list(context))
    if isinstance(concept, Function) and result.verdict is Verdict.AGREES:
        return _function_exercise(card, result, concept, device, k, rng)
    return None


def make_exercises(cards: list[Card], results: list[Result], *, device: torch.device | str = "cpu",
                   k: int = 20, seed: int = 0) -> list[Exercise]:
    """One exercise per function definition and one per optimizer rule: a rule spread over
    several cards is exercised once, on the last card that updates the parameters."""
    by_uid = {r.uid: r for r in results}
    chosen: dict[Any, Exercise] = {}
    for card in reversed(cards):  # the last card of a rule is its exercise
        result = by_uid.get(card.uid)
        if result is None:
            continue
        optimizer = result.reference.startswith("torch.optim.") or isinstance(lookup(result.concept), Optimizer)
        rule = (card.doc, card.deck, result.concept) if optimizer else card.uid
        if rule in chosen:
            continue
        ex = make_exercise(card, result, device=device, k=k, seed=seed, context=cards)
        if ex is not None:
            chosen[rule] = ex
    return list(reversed(chosen.values()))


# --- optimizers ---------------------------------------------------------------------------

def _optimizer_exercise(card: Card, result: Result, spec: Any, device, k: int, rng,
                        context: list[Card]) -> Exercise | None:
    param = _updated_parameter(card)
    cls = _optimizer_class(result, spec)
    if param is None or cls is None:
        return None
    fixed = dict(spec.fixed) if isinstance(spec, Optimizer) else {}
    configs = _agreeing_configs(result, spec, cls)
    if not configs:
        return None
    configs = sorted(configs, key=lambda c: _plainness(c, result.binding, cls))[:CONFIGS_PER_EXERCISE]
    eps_keys = [key for key in result.binding.values() if key.startswith("eps")]
    program = _notes_program(card, context)
    variants: list[Variant] = []
    used: set[tuple] = set()
    for i in itertools.count():
        if len(variants) == k or i > 10 * k:
            break
        features = configs[i % len(configs)]
        n_steps = 1 + (i // len(configs)) % 2
        kwargs = _with(_defaults(cls), features)
        eps = _value(kwargs, eps_keys[0]) if eps_keys else None
        tiny = isinstance(eps, float) and 0 < eps < 1e-3 and len(variants) % 6 == 1
        theta0, grads = _start(i, n_steps, eps if tiny else None, rng)
        if (theta0, grads, tuple(sorted(features.items()))) in used:
            continue
        used.add((theta0, grads, tuple(sorted(features.items()))))
        variant = _optimizer_variant(cls, kwargs, fixed, features, result.binding, param, theta0, grads, device,
                                     program)
        if variant is not None:
            variants.append(variant)
    if not variants:
        return None
    reference = result.reference or f"torch.optim.{cls.__name__}"
    prompt = _say(card.lang, "按笔记中的 {concept} 更新（{ref}）：{{inputs}}。求 {{target}}。",
                  "{concept} as the notes write it ({ref}): {{inputs}}. {{target}} = ?",
                  concept=result.concept, ref=reference)
    return Exercise(Exercise.uid_for(card.uid), card.uid, card.deck, card.source, card.lang, result.concept,
                    reference, prompt, tuple(variants))


def _notes_program(card: Card, context: list[Card]):
    """The notes' update rule as the verifier reads it, to show its intermediate values;
    ``None`` when the cards around the card are not given or do not make a runnable rule."""
    group = [c for c in context if c.doc == card.doc and c.deck == card.deck]
    formulas = [c for c in group if c.kind is CardKind.FORMULA and not c.plain_formula]
    if card not in formulas:
        return None
    try:
        program = make_program(collect_steps(formulas, {}), formulas, strict=False)
        missing = undefined_states(program)
        if missing:
            doc_formulas = [c for c in context if c.doc == card.doc and c.kind is CardKind.FORMULA]
            return _borrow(program, missing, group, doc_formulas)
        return make_program(program.steps, formulas)
    except (NotAProgram, LatexError):
        return None


def _updated_parameter(card: Card) -> str | None:
    """The parameter the card's formula updates (θ, x, w), if it is the update step."""
    for formula in card.formulas:
        try:
            statements = parse_formula(formula)
        except (LatexError, ValueError):
            continue
        for s in statements:
            if s.kind in ("assign", "update") and isinstance(s.target, Sym) and s.target.name in PARAM_NAMES \
                    and s.target.name in symbols_in(s.expr):
                return s.target.name
    return None


def _optimizer_class(result: Result, spec: Any):
    name = result.reference.removeprefix("torch.optim.") if result.reference else \
        (spec.torch_name if isinstance(spec, Optimizer) else "")
    cls = getattr(torch.optim, name, None) if name.isidentifier() else None
    return cls if isinstance(cls, type) and issubclass(cls, torch.optim.Optimizer) else None


def _defaults(cls) -> dict[str, Any]:
    return dict(_signature_defaults(cls))


@lru_cache(maxsize=None)
def _signature_defaults(cls) -> tuple[tuple[str, Any], ...]:
    return tuple((name, p.default) for name, p in inspect.signature(cls).parameters.items()
                 if p.default is not inspect.Parameter.empty)


def _with(kwargs: dict[str, Any], features: dict[str, Any]) -> dict[str, Any]:
    for key, value in features.items():
        kwargs = with_hyper(kwargs, key, value)
    return dict(kwargs)


def _value(kwargs: dict[str, Any], key: str) -> Any:
    name, _, index = key.partition("[")
    value = kwargs.get(name)
    return value[int(index[:-1])] if index and value is not None else value


def _agreeing_configs(result: Result, spec: Any, cls) -> list[dict[str, Any]]:
    """The configurations the verifier ran and found agreeing. Without a list of those
    checked, they are rebuilt as the verifier builds them (every combination of the
    bound hyper-parameters' alternative values) with no switch set, since which switches
    the notes use is not known here."""
    failing = result.configs_failing or list(result.inputs.get("failing", ()) or ())
    if result.verdict is Verdict.DISAGREES and not failing:
        return []  # disagrees, and not in any configuration one could avoid
    if result.verdict not in (Verdict.AGREES, Verdict.DISAGREES):
        return []
    checked = result.configs_checked or _rebuilt_configs(result, spec, cls)
    bad = [_canon(f) for f in failing]
    return [dict(c) for c in checked if _canon(c) not in bad]


def _rebuilt_configs(result: Result, spec: Any, cls) -> list[dict[str, Any]]:
    if not isinstance(spec, Optimizer):
        return [{}]
    bound = set(result.binding.values())
    features = [(h.key, v) for h in spec.hypers if h.key in bound for v in h.alternatives]
    out = []
    for r in range(len(features) + 1):
        for combo in itertools.combinations(features, r):
            keys = [key for key, _ in combo]
            if len(set(keys)) == len(keys) and spec.valid(_with(_defaults(cls), dict(combo))):
                out.append(dict(combo))
    return out


def _canon(config: dict[str, Any]) -> frozenset:
    return frozenset((k, _number(v)) for k, v in config.items() if not isinstance(v, (list, tuple, dict)))


def _number(value: Any) -> Any:
    """A configuration's value compared as a number however it was written (0.1, "0.1")."""
    if isinstance(value, bool):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def _plainness(features: dict[str, Any], binding: dict[str, str], cls) -> tuple:
    """Textbook settings first: a step size big enough to see, every term of the rule in
    play (a bound hyper-parameter at zero removes its term), then the fewest changes."""
    kwargs = _with(_defaults(cls), features)
    lr = _value(kwargs, "lr")
    small_lr = isinstance(lr, (int, float)) and lr < 0.01
    zeros = sum(1 for key in set(binding.values()) if _value(kwargs, key) == 0)
    return small_lr, zeros, len(features), sorted((k, str(v)) for k, v in features.items())


def _start(i: int, n_steps: int, tiny: float | None, rng) -> tuple[float, tuple]:
    """θ₀ and the gradients of variant ``i``: the first is fixed so the deck's default face
    is the same on every build; ``tiny`` is a first gradient as small as ε, to set against it."""
    if i == 0:
        return 0.5, (0.2,)[:n_steps]
    theta0 = rng.choice(THETAS)
    grads = tuple(rng.choice(GRADS) for _ in range(n_steps))
    if tiny is not None:
        grads = (tiny,) + grads[1:]
    return theta0, grads


def _optimizer_variant(cls, kwargs, fixed, features, binding, param, theta0, grads, device,
                       program=None) -> Variant | None:
    ref = _run_torch(cls, {**kwargs, **fixed}, theta0, grads, device)
    notes = _run_notes(program, binding, kwargs, theta0, grads, device) if program is not None else None
    if notes is not None and not all(_close(n[program.param], r[1]) for n, r in zip(notes, ref)):
        return None  # never show the notes' intermediate values beside a result they do not give
    steps = _worked(ref, notes, param, program, _state_symbols(binding))
    answer = ref[-1][1]
    if not all(v == v and abs(v) != float("inf") for v in [answer] + [s for _, s in steps]):
        return None
    inputs: list[tuple[str, Any]] = [(f"{param}₀", theta0)]
    inputs += [(f"g{subscript(t)}", g) for t, g in enumerate(grads, start=1)]
    for sym, key in sorted(binding.items(), key=lambda item: _hyper_order(item[1], cls)):
        value = _value(kwargs, key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            inputs.append((_display(sym), float(value)))
    inputs += [(key, True) for key, value in sorted(features.items()) if value is True]
    call = [("param", theta0), ("grads", grads)]
    call += [(key, _plain(_value(kwargs, key))) for key in sorted(set(binding.values()) | set(features))]
    call += [(key, _plain(value)) for key, value in sorted(fixed.items())]
    return Variant(tuple(inputs), f"{param}{subscript(len(grads))}", round4(answer), tuple(steps), tuple(call))


def _run_torch(cls, kwargs, theta0: float, grads: tuple, device) -> list[tuple[dict[str, float], float]]:
    """The optimizer's one-element state tensors and θ after each step."""
    p = torch.nn.Parameter(torch.tensor([theta0], dtype=torch.float64, device=device))
    opt = cls([p], **{**kwargs, "foreach": False})
    out = []
    for g in grads:
        p.grad = torch.tensor([g], dtype=torch.float64, device=device)
        opt.step()
        states = {key: float(value) for key, value in opt.state[p].items()
                  if key != "step" and torch.is_tensor(value) and value.numel() == 1}
        out.append((states, float(p.detach()[0])))
    return out


def _run_notes(program, binding, kwargs, theta0: float, grads: tuple, device) -> list[dict[str, float]] | None:
    """Every value the notes' own rule computes at each step (m, v, m̂, v̂, θ), or ``None``
    where the rule cannot be run with these numbers."""
    values = {sym: float(_value(kwargs, key)) for sym, key in binding.items()
              if isinstance(_value(kwargs, key), (int, float))}
    flags = {f: bool(kwargs.get(f, False)) for f in program.flags}
    trace: list[dict] = []
    start = torch.tensor([theta0], dtype=torch.float64, device=device)
    try:
        ours = run_program(program, values, flags, start,
                           [torch.tensor([g], dtype=torch.float64, device=device) for g in grads], trace)
    except (Unbound, LatexError, RuntimeError, KeyError):
        return None
    out = []
    for record, theta in zip(trace, ours):
        step = {name: float(v.reshape(-1)[0]) for name, v in record.items() if name != program.grad}
        step[program.param] = float(theta[0])
        out.append(step)
    return out


def _worked(ref, notes, param: str, program, state_names: dict[str, str]) -> list[tuple[str, float]]:
    """The intermediate values of each step: the notes' own where their rule was run (a torch
    state that equals one of them goes by the notes' name), then torch's remaining states."""
    steps: list[tuple[str, float]] = []
    for t, (states, theta) in enumerate(ref, start=1):
        mine = notes[t - 1] if notes is not None else {}
        named = {name: v for name, v in mine.items() if name != program.param} if notes is not None else {}
        steps += [(f"{_display(name)}{subscript(t)}", round4(v)) for name, v in named.items()]
        for key, value in states.items():
            if not any(_close(value, v) for v in named.values()):
                steps.append((f"{state_names.get(key, key)}{subscript(t)}", round4(value)))
        steps.append((f"{param}{subscript(t)}", round4(theta)))
    return steps


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 + 1e-9 * abs(b)


def _plain(value: Any) -> Any:
    return value if isinstance(value, bool) else float(value)


def _hyper_order(key: str, cls) -> int:
    names = [name for name, _ in _signature_defaults(cls)]
    base = key.split("[")[0]
    return names.index(base) * 10 + (int(key.split("[")[1][:-1]) if "[" in key else 0) if base in names else 999


def _state_symbols(binding: dict[str, str]) -> dict[str, str]:
    """State tensors the binding names (``m`` -> ``state[exp_avg]``); the rest keep torch's name."""
    out = {}
    for sym, key in binding.items():
        for prefix in ("state[", "state."):
            if key.startswith(prefix):
                out[key[len(prefix):].strip("]'\"")] = _display(sym)
    return out


def _display(sym: str) -> str:
    """``β_1`` -> ``β₁``: the notes' symbol as it reads."""
    base, _, sub = sym.partition("_")
    return base + subscript(int(sub)) if sub.isdigit() else sym


# --- functions ----------------------------------------------------------------------------

def _function_exercise(card: Card, result: Result, concept: Function, device, k: int, rng) -> Exercise | None:
    rest = list(POINTS[1:])
    rng.shuffle(rest)
    points = [POINTS[0]] + rest[: k - 1]
    x = torch.tensor(points, dtype=torch.float64, device=device)
    for stmt, var in _definitions(card, concept):
        try:
            ours = evaluate(stmt.expr, {var: x}, device=device).expand_as(x)
        except (Unbound, LatexError, RuntimeError):
            continue
        label, ref = _function_reference(result, concept, ours, x)
        if ref is not None:
            return _function_variants(card, concept, label, var, points, ref(x).tolist())
    return None


def _function_variants(card: Card, concept: Function, label: str, var: str, points: list[float],
                       values: list[float]) -> Exercise | None:
    variants = tuple(Variant(((var, p),), f"{concept.name}({p:g})", round4(v), (), (("x", p),))
                     for p, v in zip(points, values) if v == v and abs(v) != float("inf"))
    if not variants:
        return None
    prompt = _say(card.lang, "按笔记中 {concept} 的定义（{ref}）：{{inputs}}。求 {{target}}。",
                  "{concept} as the notes define it ({ref}): {{inputs}}. {{target}} = ?",
                  concept=concept.name, ref=label)
    return Exercise(Exercise.uid_for(card.uid), card.uid, card.deck, card.source, card.lang, concept.name,
                    label, prompt, variants)


def _statements(card: Card) -> list[list[Statement]]:
    """Each way to read the card's formula: as LaTeX, or each reading of text that lost its markup."""
    if card.plain_formula:
        text = card.formulas[0] if card.formulas else card.back.strip("`")
        readings = [r.latex for r in plain_readings(text)]
        sets = []
        for latex in readings:
            try:
                sets.append(parse_formula(latex, set()))
            except LatexError:
                continue
        return sets
    try:
        return [[s for f in card.formulas for s in parse_formula(f)]]
    except LatexError:
        return []


def _definitions(card: Card, concept: Function):
    """Each reading of the card that defines the function (`Φ(x) = …`, or a bare expression
    in x under its heading); identities, limits and values are not something to compute."""
    for statements in _statements(card):
        if len(statements) != 1:
            continue
        (s,) = statements
        target = s.target
        if s.kind == "assign" and isinstance(target, Call) and len(target.args) == 1 and \
                isinstance(target.args[0], Sym) and lookup(target.func) in (concept, None):
            yield s, target.args[0].name
        elif s.kind == "expr" and "x" in symbols_in(s.expr) and symbols_in(s.expr) <= {"x", "e", "π"}:
            yield s, "x"


def _function_reference(result: Result, concept: Function, ours: torch.Tensor,
                        x: torch.Tensor) -> tuple[str, Callable | None]:
    """The reference the notes' formula agrees with at every exercise point. The result
    names it when the verifier records it; else each of the concept's references is tried,
    and only one that matches is taken."""
    candidates = [(label, ref.fn) for label, key in concept.references if (ref := reference(key)) is not None]
    if result.reference:
        named = [(label, fn) for label, fn in candidates if _same_call(label, result.reference)]
        candidates = named or candidates
    for label, fn in candidates:
        ref = fn(x)
        if bool(((ours - ref).abs() <= SAME + SAME * ref.abs()).all()):
            return (result.reference or label), fn
    return "", None


def _same_call(label: str, reference: str) -> bool:
    def canon(text: str) -> str:
        for long, short in (("torch.nn.functional.", "F."), ("torch.distributions.", ""), ("(x)", ""),
                            ("(x, ", "("), (" ", "")):
            text = text.replace(long, short)
        return text
    return canon(label) == canon(reference)


def _say(lang: str, zh: str, en: str, **kw: str) -> str:
    return (zh if lang == "zh" else en).format(**kw)
