"""Stated defaults of any torch callable the notes name, against ``inspect.signature``."""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Any

from studydeck.model import Card, CardKind
from studydeck.verify.result import Result, Verdict

PREFIXES = (("nn.", "torch.nn."), ("F.", "torch.nn.functional."), ("optim.", "torch.optim."))


def dotted_name(concept: Any) -> str:
    """``torch.optim.SGD``, ``torch.nn.LayerNorm``: the callable a concept stands for."""
    name = concept.torch_name
    if getattr(concept, "kind", "") == "optimizer":
        return f"torch.optim.{name}"
    for short, full in PREFIXES:
        if name.startswith(short):
            return full + name[len(short):]
    return name if name.startswith("torch.") else f"torch.{name}"


def torch_callable(dotted: str) -> Any | None:
    module, _, attr = dotted.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attr, None)
    except ImportError:
        return None


def check_defaults(concept: Any, cards: list[Card]) -> list[Result]:
    dotted = dotted_name(concept)
    target = torch_callable(dotted)
    if target is None:
        return []
    params, hidden = _parameters(target)
    out = []
    for card in cards:
        if card.kind not in (CardKind.PARAMETER, CardKind.CLOZE) or not card.param:
            continue
        if card.param not in params and hidden:
            # “nn.LSTM(*args, **kwargs)”: its parameters are passed on, and not all are visible here
            out.append(Result(card.uid, card.source, concept.name, Verdict.UNVERIFIED,
                              f"{dotted} takes *args/**kwargs; `{card.param}` cannot be looked up",
                              reason="hidden-parameters", reference=dotted, facts={"param": card.param}))
            continue
        out.append(_one(card, concept.name, dotted, params))
    return out


def _parameters(target: Any) -> tuple[dict, bool]:
    """The named parameters of ``target``, with those of the classes it passes ``*args`` and
    ``**kwargs`` on to (``nn.LSTM`` → ``nn.RNNBase``), and whether some may still be hidden."""
    params: dict = {}
    hidden = False
    for owner in (getattr(target, "__mro__", None) or (target,)):
        try:
            signature = inspect.signature(owner)
        except (TypeError, ValueError):
            continue
        passes_on = False
        for name, param in signature.parameters.items():
            if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                passes_on = True
            else:
                params.setdefault(name, param)
        if not passes_on:
            return params, False
        hidden = True
    return params, hidden


def _one(card: Card, concept: str, dotted: str, params) -> Result:
    name = card.param
    facts: dict[str, Any] = {"param": name}
    if name not in params:
        return Result(card.uid, card.source, concept, Verdict.DISAGREES, f"{dotted} has no parameter `{name}`",
                      reason="no-parameter", reference=dotted, facts=facts)
    actual = params[name].default
    if card.default is None:
        shown = "required" if actual is inspect.Parameter.empty else f"default {actual!r}"
        facts["torch"] = shown
        return Result(card.uid, card.source, concept, Verdict.AGREES, f"{dotted} has `{name}` ({shown})",
                      reason="has-parameter", reference=dotted, facts=facts)
    ok, shown = same_default(card.default, actual)
    facts.update(torch=shown, stated=card.default)
    detail = (f"{dotted}: `{name}` defaults to {shown} (inspect.signature)" if ok else
              f"{dotted}: `{name}` defaults to {shown}, the notes say {card.default}")
    return Result(card.uid, card.source, concept, Verdict.AGREES if ok else Verdict.DISAGREES, detail, None,
                  {"stated": card.default, "torch": shown}, reason="default-agrees" if ok else "default-differs",
                  reference=dotted, facts=facts)


def same_default(stated: str, actual: Any) -> tuple[bool, str]:
    if actual is inspect.Parameter.empty:
        return False, "nothing (it is required)"
    shown = repr(actual)
    text = stated.strip().strip("`")
    if text in ("None", "True", "False"):
        return repr(actual) == text, shown
    numbers = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?", text)]
    if isinstance(actual, (tuple, list)):
        return len(numbers) == len(actual) and all(float(a) == n for a, n in zip(actual, numbers)), shown
    if isinstance(actual, str):
        return text.strip("'\"") == actual, shown  # “默认 `'mean'`”, “default: mean”
    if isinstance(actual, bool) or actual is None:
        return False, shown
    if isinstance(actual, (int, float)) and len(numbers) == 1:
        return float(actual) == numbers[0], shown
    return False, shown
