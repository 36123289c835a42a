"""Run one verification task with torch (imported here, and only here)."""

from __future__ import annotations

import torch

from studydeck.errors import StudydeckError
from studydeck.verify import Task
from studydeck.verify.code_check import check_code
from studydeck.verify.functions import check_function_card, check_module
from studydeck.verify.defaults import check_defaults
from studydeck.verify.optimizers import check_optimizer
from studydeck.verify.result import Result, Verdict


class DeviceError(StudydeckError):
    """The device asked for is not there."""


def resolve_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise DeviceError("--device cuda: no CUDA device is available to this torch build; use --device cpu")
    return torch.device(name)


def run_task(task: Task, device: torch.device, version: str, code_timeout: float, **options) -> list[Result]:
    if task.kind == "code":
        return _dispatch(task, device, version, code_timeout, **options)
    try:
        return _dispatch(task, device, version, code_timeout, **options)
    except (RecursionError, MemoryError, ArithmeticError):
        raise  # verify() says these in words of their own
    except Exception as exc:  # noqa: BLE001 - a formula the checker trips on is unverified, never a crash
        why = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        return [Result(c.uid, c.source, getattr(task.concept, "name", ""), Verdict.UNVERIFIED,
                       f"not checked: the checker failed on this formula ({why})", reason="checker-failed",
                       facts={"error": why}) for c in task.cards if c.formulas or c.param]


def _dispatch(task: Task, device: torch.device, version: str, code_timeout: float, **options) -> list[Result]:
    zh = any(c.lang == "zh" for c in task.cards)
    if task.kind == "optimizer":
        return check_optimizer(task.concept, task.cards, task.context, device, version, zh)
    if task.kind == "defaults":
        return check_defaults(task.concept, task.cards)
    if task.kind == "module":
        return check_module(task.concept, task.cards, device, version, zh)
    if task.kind == "function":
        return [check_function_card(task.cards[0], device, version, zh, task.context)]
    if task.kind == "code":
        return [check_code(task.cards[0], task.concept, version, code_timeout, task.context, **options)]
    raise ValueError(task.kind)
