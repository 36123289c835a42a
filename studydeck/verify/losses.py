"""Losses: formulas of a prediction and a target, against ``torch.nn.functional``.

The notes' two symbols are bound to torch's ``input`` and ``target`` by their usual names
(ŷ, q: the prediction; y, p: the target) when those decide it, else in both orders; the
reduction follows the formula (no sum: ``none``; ``\\sum``: ``sum``; ``\\frac{1}{n}\\sum``: ``mean``).
A rule that agrees only with its symbols the other way round is a swapped direction (KL).
"""

from __future__ import annotations

import inspect
import warnings
from dataclasses import dataclass
from typing import Any, Callable

import torch
import torch.nn.functional as F

from studydeck.verify.discover import key
from studydeck.verify.evaluate import Unbound, evaluate
from studydeck.verify.latex import LatexError, Reduce, nodes, symbols_in

PREDICTION = ("ŷ", "q", "Q", "x", "o", "z", "f", "ỹ", "y'", "input", "pred")
TARGET = ("y", "p", "P", "t", "target", "label")
COUNTS = ("n", "N", "m", "M", "B", "d")
HYPER_HINTS = {"δ": "delta", "β": "beta", "Δ": "delta"}
# losses whose torch input is not the prediction itself: torch wants log-probabilities
LOG_INPUT = {"kl_div", "cross_entropy", "nll_loss"}
DISTRIBUTIONS = {"kl_div", "cross_entropy", "nll_loss", "binary_cross_entropy"}


@dataclass(frozen=True)
class Loss:
    name: str                 # ``mse_loss``
    fn: Callable

    @property
    def dotted(self) -> str:
        return f"torch.nn.functional.{self.name}"

    def defaults(self) -> dict[str, float]:
        return {n: float(p.default) for n, p in inspect.signature(self.fn).parameters.items()
                if isinstance(p.default, float)}

    def __call__(self, pred: torch.Tensor, target: torch.Tensor, reduction: str, **kw: float) -> torch.Tensor:
        first = pred.log() if self.name in LOG_INPUT else pred
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # kl_div's note on 'mean'
            return self.fn(first, target, reduction=reduction, **kw)


def find_loss(name: str) -> Loss | None:
    """``nn.MSELoss``, ``MSELoss``, ``mse_loss``, ``KLDivLoss`` -> the functional form."""
    bare = name.rsplit(".", 1)[-1]
    wanted = {key(bare), key(bare.removesuffix("Loss")), key(bare) + "loss"}
    for attr in dir(F):
        fn = getattr(F, attr)
        if key(attr) in wanted and callable(fn) and not attr.startswith("_"):
            try:
                params = inspect.signature(fn).parameters
            except (TypeError, ValueError):
                continue
            if "target" in params and "reduction" in params:
                return Loss(attr, fn)
    return None


def inputs(loss: Loss, device) -> tuple[torch.Tensor, torch.Tensor]:
    gen = torch.Generator().manual_seed(3)
    if loss.name in DISTRIBUTIONS:
        pred = torch.softmax(torch.randn(5, generator=gen, dtype=torch.float64), -1)
        target = torch.softmax(torch.randn(5, generator=gen, dtype=torch.float64) * 2, -1)
    else:  # both sides of δ = 1 for Huber
        pred = torch.tensor([0.3, -1.7, 2.5, 0.05, -0.4, 3.1, -2.2, 0.9], dtype=torch.float64)
        target = torch.tensor([0.1, 0.2, -0.6, 0.0, -0.5, 1.0, 0.3, 0.8], dtype=torch.float64)
    return pred.to(device), target.to(device)


class RolesUnknown(str):
    """No arrangement of the two symbols agrees, and none is named as the prediction."""


@dataclass
class LossOutcome:
    agrees: bool
    swapped: bool
    diff: float
    label: str
    binding: dict[str, str]
    notes_value: float
    torch_value: float
    roles_stated: bool = False  # the roles come from the formula's own left side, not from usual names


def _bases(expr: Any) -> dict[str, list[str]]:
    """Symbols by what they stand for: `y_i` and `y` are both the vector y."""
    out: dict[str, list[str]] = {}
    for name in symbols_in(expr) - {"e", "π"}:
        base, _, sub = name.rpartition("_")
        plain = base if base and len(sub) == 1 and sub.isalpha() else name
        out.setdefault(plain, []).append(name)
    return out


def check_loss(loss: Loss, expr: Any, env: dict[str, Any], device,
               stated: tuple[str, str] | None = None) -> LossOutcome | str:
    """Compare; a string says why nothing was compared. ``stated`` is (prediction, target)
    as the formula's own left side orders them (`D(p \\| q)`, `H(y, ŷ)`: the target first)."""
    bases = _bases(expr)
    values = {n: v for n, v in env.items() if isinstance(v, torch.Tensor) and n != "x"}
    pred, target = inputs(loss, device)
    kwargs = loss.defaults()
    fixed: dict[str, Any] = {}
    for base, names in list(bases.items()):
        if base in values:
            del bases[base]
        elif base in COUNTS:
            fixed.update({n: float(pred.shape[-1]) for n in names})
            del bases[base]
        elif base in HYPER_HINTS and HYPER_HINTS[base] in kwargs:
            fixed.update({n: kwargs[HYPER_HINTS[base]] for n in names})
            del bases[base]
    if len(bases) != 2:
        return f"cannot tell the prediction and the target among {', '.join(sorted(bases)) or 'no symbols'}"
    a, b = sorted(bases)
    roles = stated if stated is not None and set(stated) == {a, b} else _roles(a, b)
    by_lhs = roles is not None and roles == stated
    reductions = ["sum", "mean"] + (["batchmean"] if loss.name == "kl_div" else []) \
        if any(isinstance(n, Reduce) for n in nodes(expr)) else ["none"]
    best: LossOutcome | None = None
    for first, second in ((a, b), (b, a)):  # (prediction, target)
        env_run = dict(values, **fixed)
        env_run.update({n: pred for n in bases[first]})
        env_run.update({n: target for n in bases[second]})
        try:
            ours = evaluate(expr, env_run, device=device)
        except (Unbound, LatexError, RuntimeError) as exc:
            return str(exc)
        for reduction in reductions:
            ref = loss(pred, target, reduction)
            if ours.numel() != 1 and ours.shape != ref.shape:
                continue
            diff = float((ours.reshape(ref.shape) - ref).abs().max()) if ours.numel() != 1 else \
                float((ours.reshape(()) - ref).abs().max())
            diff = diff if diff == diff else float("inf")
            swapped = roles is not None and roles != (first, second)
            label = f"F.{loss.name}({first}, {second}, reduction='{reduction}')"
            outcome = LossOutcome(diff <= 1e-9 * (1 + float(ref.abs().max())), swapped, diff, label,
                                  {first: "input", second: "target"}, float(ours.reshape(-1)[0]),
                                  float(ref.reshape(-1)[0]), by_lhs)
            if best is None or _rank(outcome) > _rank(best):
                best = outcome
    if best is not None and not best.agrees and roles is None:
        # (μ, σ) or (a, b): which one torch takes as the prediction is a guess, and a guess
        # cannot say the notes are wrong
        return RolesUnknown(f"{a}, {b}")
    return best if best is not None else "the formula's shape matches no reduction"


def _rank(outcome: LossOutcome) -> tuple:
    """Agreeing as named first, then agreeing at all, then the names' own order, then closeness."""
    return (outcome.agrees and not outcome.swapped, outcome.agrees, not outcome.swapped, -outcome.diff)


def _roles(a: str, b: str) -> tuple[str, str] | None:
    """(prediction, target) when the usual names decide it."""
    def role(name: str) -> str | None:
        plain = name.rstrip("'")
        if name in PREDICTION or "\u0302" in name or "\u0303" in name:
            return "pred"
        if plain in TARGET:
            return "target"
        return None
    ra, rb = role(a), role(b)
    if ra == "pred" and rb == "target":
        return a, b
    if rb == "pred" and ra == "target":
        return b, a
    return None
