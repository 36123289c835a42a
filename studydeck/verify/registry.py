"""What each concept is in PyTorch: one entry per concept, found by any of its names.

What torch exports under the name the notes use is found without an entry here
(``discover.py``). An entry adds what cannot be discovered: other names for a concept, the
symbols books usually give an optimizer's hyper-parameters (which only order the search for a
binding) and the switches worth testing; a function entry names its references by torch
function name (``selu``) or by a variant of ``functions.REFERENCES`` (``gelu_tanh``). Adding a
concept is adding one entry to ``CONCEPTS``.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from studydeck.model import normalize_name
from studydeck.text import DATED, HEADING_SIGNATURE


@dataclass(frozen=True)
class Hyper:
    key: str                       # the torch keyword (``betas[0]`` for a tuple element)
    hints: tuple[str, ...] = ()    # symbols that usually mean it
    probe: float = 0.5             # a distinct value used to find which symbol is which
    alternatives: tuple[Any, ...] = ()  # values worth testing besides the default


@dataclass(frozen=True)
class Optimizer:
    name: str
    aliases: tuple[str, ...]
    torch_name: str
    hypers: tuple[Hyper, ...]
    flags: tuple[str, ...] = ("maximize",)
    fixed: dict[str, Any] = field(default_factory=dict)  # AMSGrad is Adam(amsgrad=True)
    valid: Callable[[dict[str, Any]], bool] = lambda kw: True

    kind = "optimizer"


@dataclass(frozen=True)
class Function:
    name: str
    aliases: tuple[str, ...]
    references: tuple[tuple[str, str], ...]  # (label, dotted torch call taking x)
    kind: str = "function"


@dataclass(frozen=True)
class Module:
    """A concept computed over a whole tensor (a normalization): ``check`` names its
    reference in ``functions.MODULE_CHECKS``; empty when formulas are not checked yet."""
    name: str
    aliases: tuple[str, ...]
    torch_name: str
    check: str = ""
    kind: str = "module"


LR = Hyper("lr", ("η", "γ", "α", "lr"), probe=0.05, alternatives=(0.1,))
EPS = Hyper("eps", ("ε",), probe=1e-8, alternatives=(1e-3,))
WD = Hyper("weight_decay", ("λ", "wd"), probe=0.03, alternatives=(0.01,))


def _sgd_valid(kw: dict[str, Any]) -> bool:
    return not kw.get("nesterov") or (kw.get("momentum", 0) > 0 and kw.get("dampening", 0) == 0)


CONCEPTS: tuple[Any, ...] = (
    Optimizer("SGD", ("SGD", "随机梯度下降", "stochastic gradient descent", "小批量随机梯度下降",
                      "minibatch sgd", "momentum", "动量法", "sgd with momentum", "梯度下降"),
              "SGD",
              (LR, Hyper("momentum", ("μ", "β", "momentum"), 0.7, (0.9,)),
               Hyper("dampening", ("τ", "dampening"), 0.2, (0.3,)), WD),
              flags=("maximize", "nesterov"), valid=_sgd_valid),
    Optimizer("Adadelta", ("Adadelta",), "Adadelta",
              (LR, Hyper("rho", ("ρ", "γ", "β"), 0.85, (0.5,)), Hyper("eps", ("ε",), 1e-6, (1e-3,)), WD)),
    Optimizer("Adagrad", ("Adagrad", "AdaGrad"), "Adagrad",
              (LR, Hyper("lr_decay", ("lr_decay",), 0.1, (0.1,)), Hyper("eps", ("ε",), 1e-10, (1e-3,)), WD,
               Hyper("initial_accumulator_value", ("s_0",), 0.1, (0.1,)))),
    Optimizer("Adam", ("Adam", "Adam算法"), "Adam",
              (LR, Hyper("betas[0]", ("β_1", "β1"), 0.75, (0.5,)), Hyper("betas[1]", ("β_2", "β2"), 0.9, (0.5,)),
               EPS, WD)),
    Optimizer("AdamW", ("AdamW",), "AdamW",
              (LR, Hyper("betas[0]", ("β_1",), 0.75, (0.5,)), Hyper("betas[1]", ("β_2",), 0.9, (0.5,)),
               EPS, Hyper("weight_decay", ("λ",), 0.03, (0.1,)))),
    Optimizer("AMSGrad", ("AMSGrad",), "Adam",
              (LR, Hyper("betas[0]", ("β_1",), 0.75), Hyper("betas[1]", ("β_2",), 0.9), EPS, WD),
              fixed={"amsgrad": True}),
    Optimizer("RMSprop", ("RMSprop", "RMSProp", "RMSProp算法"), "RMSprop",
              (LR, Hyper("alpha", ("ρ", "α", "γ", "β"), 0.8, (0.5,)), EPS, WD,
               Hyper("momentum", ("μ",), 0.7, (0.9,)))),
    Optimizer("NAdam", ("NAdam", "Nadam"), "NAdam",
              (LR, Hyper("betas[0]", ("β_1",), 0.75), Hyper("betas[1]", ("β_2",), 0.9), EPS, WD)),
    Optimizer("Adafactor", ("Adafactor",), "Adafactor",
              (LR, Hyper("beta2_decay", ("β_2",), -0.8), Hyper("eps[1]", ("ε",), 1e-3), WD)),
    Function("GELU", ("GELU", "高斯误差线性单元"),
             (("F.gelu(x)", "gelu"), ("F.gelu(x, approximate='tanh')", "gelu_tanh"))),
    Function("sigmoid", ("sigmoid", "σ", "logistic", "Sigmoid函数"), (("torch.sigmoid(x)", "sigmoid"),)),
    Function("tanh", ("tanh", "双曲正切函数", "Tanh函数"), (("torch.tanh(x)", "tanh"),)),
    Function("ReLU", ("ReLU", "Relu", "修正线性单元", "ReLU函数"), (("F.relu(x)", "relu"),)),
    Function("LeakyReLU", ("LeakyReLU", "Leaky ReLU", "Leaky Relu"), (("F.leaky_relu(x, 0.01)", "leaky_relu"),)),
    Function("PReLU", ("PReLU", "pReLU"), (("F.prelu(x, 0.25)", "prelu"),)),
    Function("ELU", ("ELU",), (("F.elu(x)", "elu"),)),
    Function("SiLU", ("SiLU", "Swish"), (("F.silu(x)", "silu"),)),
    Function("Softplus", ("Softplus",), (("F.softplus(x)", "softplus"),)),
    Function("Mish", ("Mish",), (("F.mish(x)", "mish"),)),
    Function("erf", ("erf", "误差函数", "error function"), (("torch.erf(x)", "erf"),)),
    Function("Φ", ("Φ", "CDF", "累积分布函数", "累积分布函数(CDF)", "normal cdf", "标准正态分布函数"),
             (("Normal(0, 1).cdf(x)", "normal_cdf"),)),
    Module("Softmax", ("Softmax", "softmax运算", "softmax函数"), "torch.softmax", "softmax"),
    Module("LayerNorm", ("LayerNorm", "层归一化", "layer normalization"), "nn.LayerNorm", "layer_norm"),
    Module("RMSNorm", ("RMSNorm", "均方根归一化"), "nn.RMSNorm", "rms_norm"),
    Module("BatchNorm", ("BatchNorm", "BN", "批量规范化", "批量归一化", "batch normalization"), "nn.BatchNorm1d",
           "batch_norm"),
    Module("MSELoss", ("MSE", "均方误差", "mean squared error", "MSE损失"), "nn.MSELoss"),
    Module("CrossEntropyLoss", ("cross-entropy", "交叉熵", "交叉熵损失", "cross entropy", "cross-entropy loss"),
           "nn.CrossEntropyLoss"),
    Module("L1Loss", ("L1", "L1 loss", "MAE", "mean absolute error", "平均绝对误差"), "nn.L1Loss"),
    Module("HuberLoss", ("Huber", "Huber loss", "Huber损失"), "nn.HuberLoss"),
    Module("SmoothL1Loss", ("Smooth L1", "smooth L1 loss", "平滑L1损失"), "nn.SmoothL1Loss"),
    Module("KLDivLoss", ("KL divergence", "KL散度", "KL 散度", "Kullback-Leibler divergence", "相对熵", "KL"),
           "nn.KLDivLoss"),
    Module("matrix_rank", ("rank", "秩", "矩阵的秩", "matrix rank"), "torch.linalg.matrix_rank"),
)

def _alias_key(name: str) -> str:
    """Names that differ in case or spacing are one name, except a single letter: φ (a
    density) is not Φ (a distribution function)."""
    return name if len(name.strip()) == 1 else normalize_name(name)


_BY_ALIAS = {_alias_key(a): c for c in CONCEPTS for a in (c.name,) + tuple(c.aliases)}
_PROPER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9\-]+$")
# “SGD + momentum（带 dampening）”, “softmax / logsumexp”, “SGD nesterov”: the first name is the concept
_FIRST_NAME = re.compile(r"^([A-Za-z][A-Za-z0-9\-]*)(?=\s*(?:[+/&,，、]|with\b|and\b|和|与|的|\s|$))")


@lru_cache(maxsize=1)
def torch_optimizers() -> dict[str, Optimizer]:
    """Every optimizer class ``torch.optim`` exports, read from its ``__all__`` without
    importing torch (planning a build must stay fast); hyper-parameters come from the class
    itself when the rule is checked."""
    return {_alias_key(n): Optimizer(n, (n,), n, ()) for n in _exported("optim/__init__.py") if n != "Optimizer"}


@lru_cache(maxsize=1)
def torch_schedulers() -> dict[str, Module]:
    """Every learning-rate scheduler ``torch.optim.lr_scheduler`` exports (``StepLR``), read
    the same way: a table of their defaults is checked against their signatures."""
    return {_alias_key(n): Module(n, (n,), f"optim.lr_scheduler.{n}")
            for n in _exported("optim/lr_scheduler.py") if n.endswith(("LR", "Plateau", "Restarts"))}


def _exported(path: str) -> list[str]:
    """The class names a module of torch lists in ``__all__``, without importing torch."""
    spec = importlib.util.find_spec("torch")
    if spec is None or not spec.submodule_search_locations:
        return []
    try:
        text = (Path(list(spec.submodule_search_locations)[0]) / path).read_text(encoding="utf-8")
    except OSError:
        return []
    listed = re.search(r"__all__\s*=\s*\[(.*?)\]", text, re.S)
    return re.findall(r"[\"']([A-Z][A-Za-z0-9]*)[\"']", listed.group(1)) if listed else []


_DOTTED = re.compile(r"^`?(?:torch\.)?(nn|nn\.functional|F|optim)\.([A-Za-z_][A-Za-z0-9_]*)`?$")
_DOTTED_INSIDE = re.compile(r"(?<![\w.])(?:torch\.)?(?:nn\.functional|nn|F|optim)\.[A-Za-z_][A-Za-z0-9_]*(?![\w.(])")


def lookup(name: str) -> Any | None:
    """The concept a heading names: ``RMSprop``, ``RMSProp算法``, ``累积分布函数(CDF)``,
    ``RMSprop (ε after the root)``; a torch callable written out (``nn.BatchNorm2d``) is
    itself, whether or not the registry knows it."""
    called = HEADING_SIGNATURE.fullmatch(name.strip())
    if called and _DOTTED.match(called.group("name")):
        name = called.group("name")  # “nn.Conv2d(in_channels, out_channels, stride=1)”: a signature names its callable
    found = _lookup(name)
    dotted = _DOTTED.match(name.strip())
    named = {m.group() for m in _DOTTED_INSIDE.finditer(name)} if found is None and not dotted else set()
    if len(named) == 1:  # “PyTorch 里的 nn.Embedding”: the one callable the heading names
        dotted = _DOTTED.match(named.pop())
    if found is None and dotted:
        module = {"F": "nn.functional"}.get(dotted.group(1), dotted.group(1))
        return Module(dotted.group(2), (), f"{module}.{dotted.group(2)}")
    return found


def _lookup(name: str) -> Any | None:
    name = re.sub(r"^\s*(第?\d+(\.\d+)*[章节.、)）]?\s+|[IVX]+\.\s+)", "", name)  # “3.2 Adam”, “第3章 …”
    name = DATED.sub("", name)  # “Day 13 · 10/25 · Adam”: a diary's day and date, then its topic
    name = re.sub(r"^`?(torch\.optim\.|torch\.nn\.functional\.|torch\.nn\.|nn\.|F\.|optim\.)", "", name.strip()).strip("`")
    candidates = [name]
    # (the innermost brackets: a bracket that never closes is read once, not from each bracket in it)
    outside = re.sub(r"[（(][^（(）)]*[）)]", " ", name)
    candidates.append(outside)
    candidates.extend(re.findall(r"[（(]([^（(）)]*)[）)]", name))
    first = _FIRST_NAME.match(outside.strip())
    if first:
        candidates.append(first.group(1))
    for candidate in candidates:
        key = _alias_key(candidate)
        if not key:
            continue
        bare = re.sub(r"(算法|函数|优化器|optimizer|algorithm|function)$", "", key)
        found = _BY_ALIAS.get(key) or _BY_ALIAS.get(bare) or torch_optimizers().get(key) or \
            torch_optimizers().get(bare) or torch_schedulers().get(key)
        if found is not None:
            return found
    return None


def resolve(deck: tuple[str, ...]) -> Any | None:
    """The concept a card belongs to: the deepest heading that names one.

    A heading that is a proper name we do not know (``Yogi``) stops the search: its cards
    are about that, not about the chapter around it.
    """
    for part in reversed(deck):
        concept = lookup(part)
        if concept is not None:
            return concept
        if _PROPER_NAME.match(re.sub(r"[（(][^（(）)]*[）)]", "", part).strip()):
            return None
    return None


@lru_cache(maxsize=1)
def _prose() -> re.Pattern[str]:
    """Any function concept's name or alias of three letters or more, longest first; compiled
    when first asked for, not by every command that imports the registry."""
    aliases = sorted({a for c in CONCEPTS if isinstance(c, Function) for a in (c.name,) + tuple(c.aliases)
                      if len(a) >= 3}, key=len, reverse=True)
    return re.compile("|".join(
        (rf"(?<![A-Za-z]){re.escape(a)}(?![A-Za-z])" if a.isascii() else re.escape(a)) for a in aliases), re.I)


def aliases_in(text: str) -> list[tuple[int, str]]:
    """(position, alias) of each function concept a sentence names: “the ReLU activation”."""
    return [(m.start(), m.group()) for m in _prose().finditer(text)]
