"""Formulas that define or state something about a function: GELU, erf, Φ, identities, limits."""

from __future__ import annotations

import re
from typing import Any, Callable

import torch
import torch.nn.functional as F

from studydeck.model import Card
from studydeck.verify.evaluate import Unbound, evaluate, normal_cdf
from studydeck.verify.latex import (Call, LatexError, Num, Statement, Sym, calls_in, parse_formula, plain_readings,
                                    symbols_in)
from studydeck.verify.registry import Function, lookup, resolve
from studydeck.verify.result import Result, Verdict, fmt_diff

REFERENCES: dict[str, tuple[str, Callable[[torch.Tensor], torch.Tensor]]] = {
    "gelu": ("F.gelu(x)", F.gelu),
    "gelu_tanh": ("F.gelu(x, approximate='tanh')", lambda x: F.gelu(x, approximate="tanh")),
    "sigmoid": ("torch.sigmoid(x)", torch.sigmoid),
    "tanh": ("torch.tanh(x)", torch.tanh),
    "relu": ("F.relu(x)", F.relu),
    "leaky_relu": ("F.leaky_relu(x, 0.01)", lambda x: F.leaky_relu(x, 0.01)),
    "prelu": ("F.prelu(x, 0.25)", lambda x: torch.where(x >= 0, x, 0.25 * x)),
    "elu": ("F.elu(x)", F.elu),
    "silu": ("F.silu(x)", F.silu),
    "softplus": ("F.softplus(x)", F.softplus),
    "mish": ("F.mish(x)", F.mish),
    "erf": ("torch.erf(x)", torch.erf),
    "normal_cdf": ("Normal(0, 1).cdf(x)", normal_cdf),
    "softmax": ("torch.softmax(x, -1)", lambda x: torch.softmax(x, -1)),
}
ATOL, RTOL = 1e-9, 1e-9
EXAMPLE_POINTS = (-1.0, 0.0, 1.0, 2.0)


def grid(device) -> torch.Tensor:
    dense = torch.linspace(-8, 8, 321, dtype=torch.float64)
    extra = torch.tensor([-2.7, -1e-6, 1e-6, 0.5, -0.5, 3.3], dtype=torch.float64)
    return torch.cat([dense, extra]).to(device)


def _defined_function(stmt: Statement) -> Call | None:
    """`f(x) = …`: the function a statement defines, when it defines one of one variable
    (`erf(−x) = −erf(x)` is an identity instead)."""
    target = stmt.target
    if stmt.kind == "assign" and isinstance(target, Call) and len(target.args) == 1 and isinstance(target.args[0], Sym):
        return target
    return None


def _concept_of(card: Card, stmt: Statement) -> Function | None:
    if isinstance(stmt.target, Call):
        found = lookup(stmt.target.func)
        if isinstance(found, Function):
            return found
    for part in reversed(card.deck):
        found = lookup(part)
        if isinstance(found, Function):
            return found
    return None


def _compare(values: torch.Tensor, ref: torch.Tensor) -> tuple[bool, float, int]:
    values, ref = values.reshape(-1), ref.reshape(-1)
    err = (values - ref).abs()
    err = torch.where(torch.isnan(err) & ~torch.isnan(ref), torch.full_like(err, float("inf")), err)
    err = torch.nan_to_num(err, nan=0.0)
    bad = err > ATOL + RTOL * ref.abs()
    i = int(torch.argmax(err))
    return not bool(bad.any()), float(err[i]), i


def check_function_card(card: Card, device, torch_version: str, zh: bool) -> Result:
    """One formula card about a function: a definition, an identity, a limit or a value."""
    if card.plain_formula:
        return _check_plain(card, device, torch_version, zh)
    try:
        statements = [s for f in card.formulas for s in parse_formula(f)]
    except LatexError as exc:
        return Result(card.uid, card.source, "", Verdict.UNVERIFIED, f"not checked: cannot read the formula ({exc})")
    return _check_statements(card, statements, device, torch_version, zh)


def _check_statements(card: Card, statements: list[Statement], device, torch_version, zh,
                      repaired: str = "") -> Result:
    x = grid(device)
    env: dict[str, Any] = {"x": x}
    checked: list[str] = []
    worst = 0.0
    concept_name = ""
    example = ""
    limit: float | None = None
    for stmt in statements:
        if stmt.kind == "claim" and stmt.rel == "->" and isinstance(stmt.expr, Sym) and not symbols_in(stmt.rhs):
            # `x \to \infty`: the claims after it are about that limit
            limit = float(evaluate(stmt.rhs, {}, device=device))
            continue
        if stmt.kind == "claim" and stmt.rel in ("<", ">", "<=", ">="):
            return Result(card.uid, card.source, concept_name, Verdict.UNVERIFIED,
                          "not checked: an inequality (no reference to compare with)")
        if stmt.kind == "assign" and isinstance(stmt.target, Sym) and isinstance(stmt.expr, Num):
            env[stmt.target.name] = torch.tensor(stmt.expr.value, dtype=torch.float64, device=device)
            continue
        defined = _defined_function(stmt)
        if defined is not None or stmt.kind == "expr":
            # `GELU(x) = …` or a bare expression under its concept: compare with torch
            concept = _concept_of(card, stmt)
            if concept is None:
                what = f"“{defined.func}”" if defined is not None else "this expression"
                return Result(card.uid, card.source, "", Verdict.UNVERIFIED, f"not checked: no reference for {what}")
            concept_name = concept.name
            var = defined.args[0].name if defined is not None else "x"
            try:
                values = evaluate(stmt.expr, {**env, var: x}, device=device)
            except (Unbound, LatexError, RuntimeError) as exc:
                return Result(card.uid, card.source, concept_name, Verdict.UNVERIFIED, f"not checked: {exc}")
            label, ok, diff, i = _against_references(concept, values, x)
            worst = max(worst, diff)
            if not ok:
                return Result(card.uid, card.source, concept_name, Verdict.DISAGREES,
                              f"disagrees with {label}: at x = {float(x[i]):g} the notes give "
                              f"{float(values.expand_as(x)[i]):.6g}, torch {_ref(concept, label)(x)[i]:.6g} "
                              f"(|Δ| {diff:.3g})" + (f"; read as {repaired}" if repaired else ""), diff,
                              {"x": float(x[i])})
            checked.append(f"{concept.name} against {label}")
            example = _example(concept.name, label, _ref(concept, label), device, torch_version, zh)
            continue
        if stmt.kind in ("assign", "claim"):
            lhs = stmt.target if stmt.kind == "assign" else stmt.expr
            rhs = stmt.expr if stmt.kind == "assign" else stmt.rhs
            point_env = dict(env)
            if limit is not None:
                point_env["x"] = torch.tensor([limit if abs(limit) < float("inf") else (1e4 if limit > 0 else -1e4)],
                                              dtype=torch.float64, device=device)
            result = _identity(lhs, rhs, point_env, device)
            if result is None:
                return _unbound(card, concept_name, stmt)
            ok, diff, _ = result
            if not ok and stmt.rel == "~":
                ok = diff <= _stated_precision(stmt.text)  # ≈ 1.44 claims two decimals
            worst = max(worst, diff)
            if not ok:
                return Result(card.uid, card.source, concept_name, Verdict.DISAGREES,
                              f"“{stmt.text}” does not hold (|Δ| {diff:.3g})", diff)
            checked.append(stmt.text)
            continue
        return Result(card.uid, card.source, concept_name, Verdict.UNVERIFIED, f"not checked: “{stmt.text}”")
    if not concept_name:
        found = resolve(card.deck)
        concept_name = found.name if found is not None else ""
    if not checked:
        return Result(card.uid, card.source, concept_name, Verdict.UNVERIFIED, "not checked: nothing to compare")
    detail = "agrees: " + "; ".join(checked) + f" (max |Δ| {fmt_diff(worst)})"
    if repaired:
        detail += f"; the text lost its markup and was read as {repaired}"
    return Result(card.uid, card.source, concept_name, Verdict.AGREES, detail, worst, {}, {}, example)


def _stated_precision(text: str) -> float:
    numbers = re.findall(r"\d+\.(\d+)", text.split("\\approx")[-1])
    decimals = len(numbers[-1]) if numbers else 0
    return 0.5 * 10 ** (-decimals) + 1e-12


def _unbound(card, concept, stmt) -> Result:
    if not concept and resolve(card.deck) is None:
        return Result(card.uid, card.source, "", Verdict.UNVERIFIED,
                      f"not checked: no PyTorch reference for “{card.deck[-1]}”")
    return Result(card.uid, card.source, concept, Verdict.UNVERIFIED,
                  f"not checked: “{stmt.text}” uses symbols with no value")


def _identity(lhs, rhs, env, device):
    try:
        a = evaluate(lhs, env, device=device)
        b = evaluate(rhs, env, device=device)
    except (Unbound, LatexError, RuntimeError):
        return None
    a, b = torch.broadcast_tensors(a, b)
    return _compare(a, b)


def _ref(concept: Function, label: str):
    for ref_label, key in concept.references:
        if ref_label == label:
            return REFERENCES[key][1]
    raise KeyError(label)


def _against_references(concept: Function, values: torch.Tensor, x: torch.Tensor):
    best = None
    for label, key in concept.references:
        ref = REFERENCES[key][1](x)
        ok, diff, i = _compare(values.expand_as(ref), ref)
        if ok:
            return label, True, diff, i
        if best is None or diff < best[2]:
            best = (label, False, diff, i)
    return best


def _example(name: str, label: str, ref, device, torch_version: str, zh: bool) -> str:
    points = torch.tensor(EXAMPLE_POINTS, dtype=torch.float64, device=device)
    values = ref(points)
    shown = ("，" if zh else ", ").join(f"{name}({p:g}) = {float(v):.6g}" for p, v in zip(EXAMPLE_POINTS, values))
    tail = f"（{label}，PyTorch {torch_version}，{device}）" if zh else f" ({label}, PyTorch {torch_version}, {device})"
    return ("**算例**：" if zh else "**Worked example**: ") + shown + tail


def _check_plain(card: Card, device, torch_version: str, zh: bool) -> Result:
    """Text that lost its markup: try each reading, say which one was taken."""
    text = card.formulas[0] if card.formulas else card.back.strip("`")
    readings = plain_readings(text)
    first_failure: Result | None = None
    for reading in readings:
        try:
            statements = parse_formula(reading.latex, set())
        except LatexError:
            continue
        if not statements:
            continue
        result = _check_statements(card, statements, device, torch_version, zh,
                                   repaired=f"`{reading.latex}`" + (f" ({'; '.join(reading.repairs)})" if reading.repairs else ""))
        if result.verdict is Verdict.AGREES:
            return result
        if first_failure is None or (first_failure.verdict is Verdict.UNVERIFIED and result.verdict is Verdict.DISAGREES):
            first_failure = result
    return first_failure or Result(card.uid, card.source, "", Verdict.UNVERIFIED,
                                   "not checked: the plain-text formula has no reading that parses")


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
        out = []
        for card in cards:
            if card.uid in used:
                out.append(Result(card.uid, card.source, concept.name, verdict, detail, diff))
            else:
                why = unreadable.get(card.uid, "not part of the formula that computes the output")
                out.append(Result(card.uid, card.source, concept.name, Verdict.UNVERIFIED, f"not checked: {why}"))
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
        ok, diff, _ = _compare(ours.expand_as(ref), ref)
    except RuntimeError as exc:  # the notes' result has another shape
        return results(Verdict.UNVERIFIED, f"not checked: {exc}", used)
    if not ok:
        return results(Verdict.DISAGREES, f"disagrees with {shown} (|Δ| {diff:.3g}, ε = {eps:g})", used, diff)
    return results(Verdict.AGREES, f"agrees: {concept.name} against {shown} on a 4×6 input "
                   f"(max |Δ| {fmt_diff(diff)})", used, diff)


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
