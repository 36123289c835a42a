"""Evaluate formula trees with torch, in float64, on any device."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any, Callable

import torch
import torch.nn.functional as F

from studydeck.verify.latex import (Call, Integral, LatexError, Num, Op, Reduce, Sym, Word, over_a_range,
                                    parse_formula, symbols_in)

Env = dict[str, Any]
MAX_TERMS = 10_000  # the longest range of integers a sum or a product is evaluated over


class Unbound(LatexError):
    """A symbol has no value: the notes use it without saying what it is."""

    def __init__(self, name: str) -> None:
        super().__init__(f"“{name}” has no value")
        self.name = name


def normal_cdf(x: torch.Tensor) -> torch.Tensor:
    return torch.distributions.Normal(torch.zeros((), dtype=x.dtype, device=x.device),
                                      torch.ones((), dtype=x.dtype, device=x.device)).cdf(x)


def _sgn(x: torch.Tensor) -> torch.Tensor:
    return torch.sign(x)


BUILTINS: dict[str, Callable[..., torch.Tensor]] = {
    "exp": torch.exp, "ln": torch.log, "log": torch.log, "sqrt": torch.sqrt, "sin": torch.sin,
    "cos": torch.cos, "tan": torch.tan, "tanh": torch.tanh, "sinh": torch.sinh, "cosh": torch.cosh,
    "erf": torch.erf, "erfc": torch.erfc, "abs": torch.abs, "sgn": _sgn, "sign": _sgn,
    "sigmoid": torch.sigmoid, "σ": torch.sigmoid, "softplus": F.softplus, "relu": F.relu,
    "silu": F.silu, "mish": F.mish, "gelu": F.gelu, "Φ": normal_cdf,
    "max": torch.maximum, "min": torch.minimum, "floor": torch.floor, "ceil": torch.ceil,
    "indicator": lambda cond: cond.to(torch.float64),
    "factorial": lambda n: torch.exp(torch.lgamma(n + 1)),
    "norm": lambda v: torch.linalg.vector_norm(v, dim=-1, keepdim=True),  # ‖x‖ along the feature axis
}


def evaluate(node: Any, env: Env, functions: dict[str, Callable] | None = None,
             device: torch.device | str = "cpu") -> torch.Tensor:
    funcs = BUILTINS if functions is None else functions

    def const(value: float) -> torch.Tensor:
        return torch.tensor(value, dtype=torch.float64, device=device)

    def ev(n: Any) -> torch.Tensor:
        if isinstance(n, Num):
            return const(n.value)
        if isinstance(n, Sym):
            resolver = getattr(env, "resolve", None)
            if resolver is not None:
                found = resolver(n)
                if found is not None:
                    return found if isinstance(found, torch.Tensor) else const(float(found))
            if n.name in env:
                value = env[n.name]
                return value if isinstance(value, torch.Tensor) else const(float(value))
            if n.name == "e" and n.time is None:  # e_t, e_{t,1}: the notes' own e
                return const(math.e)
            if n.name.startswith(("E[", "Var[")) and n.name.endswith("]"):
                return moment(n.name)
            raise Unbound(n.name)
        if isinstance(n, Word):
            if n.name in env:
                return const(float(bool(env[n.name])))
            raise Unbound(n.name)
        if isinstance(n, Op):
            if n.op == "neg":
                return -ev(n.args[0])
            a, b = ev(n.args[0]), ev(n.args[1])
            if n.op == "+":
                return a + b
            if n.op == "-":
                return a - b
            if n.op == "*":
                return a * b
            if n.op == "/":
                return a / b
            if n.op == "^":
                return torch.pow(a, b)
            if n.op in COMPARE:
                return COMPARE[n.op](a, b)
        if isinstance(n, Call) and n.func == "cases":
            return cases([ev(a) for a in n.args])
        if isinstance(n, Call):
            func = env.get(f"{n.func}()") or funcs.get(n.func) or funcs.get(n.func.lower()) or _torch_function(n.func)
            if func is None:
                raise Unbound(f"{n.func}(…)")
            return func(*[ev(a) for a in n.args])
        if isinstance(n, Integral):
            return integrate(lambda t: ev_with(n.body, n.var, t), ev(n.lower), ev(n.upper))
        if isinstance(n, Reduce) and over_a_range(n):
            return integer_range(n)
        if isinstance(n, Reduce):
            # x_i inside \sum_i is x itself; the sum runs along the feature axis
            inner = dict(env)
            for name in symbols_in(n.body):
                base, _, sub = name.rpartition("_")
                if sub == n.index and base in env:
                    inner[name] = env[base]
            value = evaluate(n.body, inner, funcs, device)
            axis = env.get("__axis__", -1)
            if n.op == "sum":
                return value.sum(dim=axis, keepdim=True)
            if n.op == "prod":
                return value.prod(dim=axis, keepdim=True)
            return (value.amax if n.op == "max" else value.amin)(dim=axis, keepdim=True)
        raise LatexError(f"cannot evaluate {n!r}")

    def moment(name: str) -> torch.Tensor:
        """E[x] or Var[x] with nothing bound to that name: the mean or the (biased) variance
        of what is inside, along the feature axis (the batch axis for batch norm)."""
        kind, inner = name.split("[", 1)
        (stmt,) = parse_formula(inner[:-1])
        value = ev(stmt.expr)
        axis = env.get("__axis__", -1)
        if kind == "E":
            return value.mean(dim=axis, keepdim=True)
        return value.var(dim=axis, unbiased=False, keepdim=True)

    def integer_range(n: Reduce) -> torch.Tensor:
        """\\sum_{i=0}^{t} \\beta^i: the body at each integer from the lower bound to the upper."""
        lo, hi = ev(n.lower), ev(n.upper)
        if lo.numel() != 1 or hi.numel() != 1 or float(lo) != round(float(lo)) or float(hi) != round(float(hi)) \
                or not 0 <= float(hi) - float(lo) < MAX_TERMS:
            raise LatexError(f"the bounds of \\{n.op}_{n.index} are not a short range of integers")
        terms = [ev_with(n.body, n.index, const(float(k))) for k in range(int(lo), int(hi) + 1)]
        if not terms:
            return const(0.0 if n.op == "sum" else 1.0)
        out = terms[0]
        for term in terms[1:]:
            out = out + term if n.op == "sum" else out * term
        return out

    def ev_with(body: Any, var: str, value: torch.Tensor) -> torch.Tensor:
        inner = dict(env)
        inner[var] = value
        return evaluate(body, inner, funcs, device)

    try:
        return ev(node)
    except RecursionError:
        raise LatexError("the formula is too large to evaluate") from None


COMPARE = {"<": torch.lt, ">": torch.gt, "<=": torch.le, ">=": torch.ge, "=": torch.eq, "!=": torch.ne}


def cases(args: list[torch.Tensor]) -> torch.Tensor:
    """Piecewise: the first row whose condition holds (rows are value, condition, …)."""
    rows = list(zip(args[0::2], args[1::2]))
    value, _ = rows[-1]
    out = value
    for value, cond in reversed(rows[:-1]):
        out = torch.where(cond.bool(), value, out)
    last_value, last_cond = rows[-1]
    if not bool(torch.as_tensor(last_cond).bool().all()):
        held = torch.stack([torch.broadcast_to(c.bool(), out.shape) for _, c in rows]).any(0)
        out = torch.where(held, out, torch.full_like(out, float("nan")))  # no row holds: undefined
    return out


def _torch_function(name: str) -> Callable | None:
    """A function the notes call by its torch name (``ReLU6``, ``softsign``)."""
    if len(name) < 3:
        return None  # f, g, σ: the notes' own symbols
    from studydeck.verify.discover import elementwise

    found = elementwise(name)
    return found.fn if found is not None else None


@lru_cache(maxsize=4)
def _gauss_legendre(n: int, device: str) -> tuple[torch.Tensor, torch.Tensor]:
    """Nodes and weights on [-1, 1] (Golub–Welsch)."""
    k = torch.arange(1, n, dtype=torch.float64)
    beta = k / torch.sqrt(4 * k * k - 1)
    jacobi = torch.diag(beta, 1) + torch.diag(beta, -1)
    nodes, vectors = torch.linalg.eigh(jacobi)
    weights = 2 * vectors[0] ** 2
    return nodes.to(device), weights.to(device)


def integrate(f: Callable[[torch.Tensor], torch.Tensor], lower: torch.Tensor, upper: torch.Tensor,
              panels: int = 32, order: int = 20) -> torch.Tensor:
    """Composite Gauss–Legendre quadrature of f from lower to upper, elementwise."""
    lower, upper = torch.broadcast_tensors(lower, upper)
    nodes, weights = _gauss_legendre(order, str(lower.device))
    edges = torch.linspace(0, 1, panels + 1, dtype=torch.float64, device=lower.device)
    a = lower.unsqueeze(-1) + (upper - lower).unsqueeze(-1) * edges[:-1]
    b = lower.unsqueeze(-1) + (upper - lower).unsqueeze(-1) * edges[1:]
    mid, half = (a + b) / 2, (b - a) / 2
    points = mid.unsqueeze(-1) + half.unsqueeze(-1) * nodes
    values = f(points)
    return (values * weights * half.unsqueeze(-1)).sum(dim=(-1, -2))
