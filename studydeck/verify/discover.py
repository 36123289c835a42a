"""What torch itself knows: its elementwise functions and its optimizers' hyper-parameters.

The hand-written registry only adds aliases (层归一化, Swish) and the test inputs that expose
usual mistakes; anything torch exports under a name the notes use is found here.
"""

from __future__ import annotations

import inspect
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import torch
import torch.nn.functional as F

# Modules searched for a function, the later winning a name both export: F.gelu over torch.gelu.
FUNCTION_MODULES = (("torch", torch), ("torch.special", torch.special), ("torch.nn.functional", F))


@dataclass(frozen=True)
class Reference:
    """One torch callable of one tensor: what a formula of x is compared with. ``fn`` has
    ``kwargs`` already applied; they are kept to say which variant it is."""
    dotted: str                       # importable: ``torch.nn.functional.gelu``
    kwargs: tuple[tuple[str, Any], ...]
    fn: Callable[[torch.Tensor], torch.Tensor]

    @property
    def name(self) -> str:
        """What ``Result.reference`` holds: the dotted name, with the call when keywords pick a
        variant (``torch.nn.functional.gelu(x, approximate='tanh')``)."""
        extra = "".join(f", {k}={v!r}" for k, v in self.kwargs)
        return f"{self.dotted}(x{extra})" if extra else self.dotted

    @property
    def label(self) -> str:
        short = self.dotted.replace("torch.nn.functional.", "F.")
        extra = "".join(f", {k}={v!r}" for k, v in self.kwargs)
        return f"{short}(x{extra})"

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        return self.fn(x)


def key(name: str) -> str:
    """``Leaky ReLU``, ``leaky_relu`` and ``LeakyReLU`` are one name."""
    return re.sub(r"[\s_\-]", "", name).casefold()


@lru_cache(maxsize=1)
def _functions() -> dict[str, tuple[str, Callable]]:
    index: dict[str, tuple[str, Callable]] = {}
    for prefix, module in FUNCTION_MODULES:
        for name in dir(module):
            if name.startswith("_") or name.endswith("_"):
                continue  # private, or in place
            fn = getattr(module, name, None)
            if callable(fn) and not isinstance(fn, type):
                index[key(name)] = (f"{prefix}.{name}", fn)
    return index


@lru_cache(maxsize=1)
def _module_names() -> frozenset[str]:
    """``nn.Hardswish``, ``nn.SELU``: class names a sentence may use for the function."""
    return frozenset(n for n in dir(torch.nn) if isinstance(getattr(torch.nn, n), type) and n[:1].isupper())


def elementwise(name: str) -> Reference | None:
    """The torch function of one tensor that ``name`` names, if it is elementwise and
    deterministic (``dropout``, ``normal`` and reductions are not references)."""
    found = _functions().get(key(name))
    if found is None:
        return None
    dotted, fn = found
    probe = torch.linspace(-3, 3, 13, dtype=torch.float64)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            first, second = fn(probe), fn(probe)
    except Exception:  # noqa: BLE001 - any failure means “not a function of one tensor”
        return None
    if not isinstance(first, torch.Tensor) or first.shape != probe.shape or first.dtype != probe.dtype:
        return None
    if not torch.equal(torch.nan_to_num(first), torch.nan_to_num(second)):
        return None
    return Reference(dotted, (), fn)


def named_in_prose(text: str) -> list[tuple[int, str]]:
    """(position, name) of each torch.nn class name written verbatim in prose (``SELU``)."""
    names = _module_names()
    return [(m.start(), m.group()) for m in re.finditer(r"[A-Za-z][A-Za-z0-9]+", text) if m.group() in names]


# --- optimizers ------------------------------------------------------------------------------

# The symbols books give a hyper-parameter; they only order the search for a binding.
HINTS = {"lr": ("η", "γ", "α", "lr"), "eps": ("ε",), "weight_decay": ("λ", "wd"), "momentum": ("μ", "β", "momentum"),
         "dampening": ("τ", "dampening"), "alpha": ("α", "ρ", "γ", "β"), "rho": ("ρ", "γ", "β"),
         "betas[0]": ("β_1", "β1"), "betas[1]": ("β_2", "β2"), "lambd": ("λ",), "lr_decay": ("lr_decay",),
         "momentum_decay": ("ψ",), "etas[0]": ("η^-", "η_-"), "etas[1]": ("η^+", "η_+"),
         "initial_accumulator_value": ("s_0",), "beta2_decay": ("β_2",), "t0": ("t_0",), "d": ("d",)}
SWITCHES = ("maximize", "nesterov", "amsgrad", "centered", "decoupled_weight_decay")
NOT_MATH = {"foreach", "capturable", "differentiable", "fused", "params"}


def optimizer_hypers(cls: type) -> list[tuple[str, float]]:
    """(torch keyword, default) of every numeric hyper-parameter, tuples element by element."""
    out: list[tuple[str, float]] = []
    for name, p in inspect.signature(cls).parameters.items():
        value = p.default
        if name in NOT_MATH or isinstance(value, bool):
            continue
        if isinstance(value, torch.Tensor):
            value = float(value)
        if isinstance(value, (int, float)):
            out.append((name, float(value)))
        elif isinstance(value, tuple) and all(isinstance(v, (int, float)) for v in value):
            out.extend((f"{name}[{i}]", float(v)) for i, v in enumerate(value))
    return out


def optimizer_switches(cls: type) -> tuple[str, ...]:
    params = inspect.signature(cls).parameters
    return tuple(s for s in SWITCHES if s in params)


# --- distributions ---------------------------------------------------------------------------

DISTRIBUTION_ALIASES = {"gaussian": "Normal", "高斯": "Normal", "正态": "Normal", "指数": "Exponential",
                        "拉普拉斯": "Laplace", "柯西": "Cauchy", "逻辑斯蒂": "Logistic"}
# the symbols books give a distribution's parameters, and a value unlike the others to test with
PARAMETERS = {"loc": (("μ", "m"), 0.3), "scale": (("σ", "b", "s"), 1.7), "rate": (("λ",), 0.8)}


@dataclass(frozen=True)
class Density:
    cls: type
    cdf: bool               # the distribution function rather than the density

    def bind(self, symbols: set[str]) -> dict[str, tuple[str, float]] | None:
        """notes' symbol -> (torch parameter, test value); None when they do not all match."""
        params = [p for p in inspect.signature(self.cls.__init__).parameters if p not in ("self", "validate_args")]
        if any(p not in PARAMETERS for p in params):
            return None
        out: dict[str, tuple[str, float]] = {}
        for sym in symbols:
            param = next((p for p in params if sym in PARAMETERS[p][0]), None)
            if param is None:
                return None
            out[sym] = (param, PARAMETERS[param][1])
        if {param for param, _ in out.values()} != set(params):
            return None  # a formula of this distribution names every parameter (h(x) = 1/√(2π) is not one)
        return out

    def reference(self, binding: dict[str, tuple[str, float]], device="cpu"):
        params = [p for p in inspect.signature(self.cls.__init__).parameters if p not in ("self", "validate_args")]
        values = {param: value for param, value in binding.values()}
        kwargs = {p: values.get(p, 0.0 if p == "loc" else 1.0) for p in params}
        dist = self.cls(**{k: torch.tensor(v, dtype=torch.float64, device=device) for k, v in kwargs.items()},
                        validate_args=False)
        shown = ", ".join(f"{k}={v:g}" for k, v in sorted(kwargs.items()))
        dotted = f"torch.distributions.{self.cls.__name__}({shown}).{'cdf' if self.cdf else 'log_prob'}"

        def fn(x: torch.Tensor) -> torch.Tensor:
            return dist.cdf(x) if self.cdf else dist.log_prob(x).exp()

        def support(x: torch.Tensor) -> torch.Tensor:
            return dist.support.check(x)

        return dotted, fn, support


def distribution(name: str, cdf: bool) -> Density | None:
    low = name.casefold()
    wanted = next((cls for word, cls in DISTRIBUTION_ALIASES.items() if word in low), None)
    names = {key(n): n for n in dir(torch.distributions) if n[:1].isupper()}
    wanted = wanted or next((names[k] for k in (key(w) for w in re.findall(r"[A-Za-z]+", name)) if k in names), None)
    if wanted is None:
        return None
    cls = getattr(torch.distributions, wanted, None)
    if not isinstance(cls, type) or not issubclass(cls, torch.distributions.Distribution):
        return None
    return Density(cls, cdf)
