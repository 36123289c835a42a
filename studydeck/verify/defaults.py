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
        called = _not_the_signature(card, params)
        if called:
            # “### nn.Linear(d_model, d_ff, bias=False)”: a call with its own values, not the defaults
            out.append(Result(card.uid, card.source, concept.name, Verdict.UNVERIFIED,
                              f"{dotted} takes no parameter `{called}` where the heading names it: the heading "
                              "reads as a call with values of its own, not the signature",
                              reason="a-call", reference=dotted, facts={"param": card.param, "name": called}))
            continue
        out.append(_one(card, concept.name, dotted, params))
    return out


def _not_the_signature(card: Card, params: dict) -> str | None:
    """For a default read off a signature the notes copy (“nn.Conv2d(in_channels, …, stride=1)”):
    the first name it gives that is not one of the callable's own parameters, in their order,
    if any."""
    flag = next((f for f in card.flags if f.startswith("signature:")), None)
    if flag is None:
        return None
    order = list(params)  # (in order; a class that passes its arguments on may take one first:
    rest = iter(order)    # nn.LSTM's are nn.RNNBase's, after `mode`)
    return next((n for n in flag.removeprefix("signature:").split(",") if n and n not in rest), None)


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
