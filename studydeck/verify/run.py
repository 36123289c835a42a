"""Run one verification task with torch (imported here, and only here)."""

from __future__ import annotations

import torch

from studydeck.errors import StudydeckError
from studydeck.model import Card
from studydeck.verify import Task
from studydeck.verify.code import deprecated_calls, expected_outputs, run_code, same_output, uses_missing_modules
from studydeck.verify.functions import check_function_card, check_module
from studydeck.verify.defaults import check_defaults
from studydeck.verify.optimizers import check_optimizer
from studydeck.verify.registry import Module
from studydeck.verify.result import Result, Verdict


class DeviceError(StudydeckError):
    """The device asked for is not there."""


def resolve_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise DeviceError("--device cuda: no CUDA device is available to this torch build; use --device cpu")
    return torch.device(name)


def _zh(cards: list[Card]) -> bool:
    return any(c.lang == "zh" for c in cards)


def run_task(task: Task, device: torch.device, version: str, code_timeout: float, **options) -> list[Result]:
    if task.kind == "code":
        return _dispatch(task, device, version, code_timeout)
    try:
        return _dispatch(task, device, version, code_timeout)
    except (RecursionError, MemoryError, ArithmeticError):
        raise  # verify() says these in words of their own
    except Exception as exc:  # noqa: BLE001 - a formula the checker trips on is unverified, never a crash
        why = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        return [Result(c.uid, c.source, getattr(task.concept, "name", ""), Verdict.UNVERIFIED,
                       f"not checked: the checker failed on this formula ({why})", reason="checker-failed",
                       facts={"error": why}) for c in task.cards if c.formulas or c.param]


def _dispatch(task: Task, device: torch.device, version: str, code_timeout: float) -> list[Result]:
    zh = _zh(task.cards)
    if task.kind == "optimizer":
        return check_optimizer(task.concept, task.cards, task.context, device, version, zh)
    if task.kind == "defaults":
        return check_defaults(task.concept, task.cards)
    if task.kind == "module":
        return check_module(task.concept, task.cards, device, version, zh)
    if task.kind == "function":
        return [check_function_card(task.cards[0], device, version, zh, task.context)]
    if task.kind == "code":
        return [check_code(task.cards[0], task.concept, device, version, zh, code_timeout, task.context)]
    raise ValueError(task.kind)


def check_code(card: Card, concept, device: torch.device, version: str, zh: bool, timeout: float,
               earlier: list[Card] = ()) -> Result:
    name = getattr(concept, "name", "")
    missing = uses_missing_modules(card.code)
    if missing:
        return Result(card.uid, card.source, name, Verdict.UNVERIFIED,
                      f"not run: needs {', '.join(missing)}, which is not installed")
    run = run_code(card.code, timeout=timeout, device=device.type)
    if run.status == "error" and run.error.startswith("NameError") and earlier:
        # a notebook: run the blocks before it first, as the reader would have
        prefix = "\n".join(c.code.rstrip("\n") for c in earlier) + "\n"
        missing = uses_missing_modules(prefix)
        if missing:
            return Result(card.uid, card.source, name, Verdict.UNVERIFIED,
                          f"not run: it builds on earlier blocks that need {', '.join(missing)}, which is not installed")
        offset = prefix.count("\n")
        run = run_code(prefix + card.code, timeout=timeout, device=device.type)
        run.records = [(line - offset, text) for line, text in run.records if line > offset]
        if run.error_line is not None:
            run.error_line -= offset
    notes: list[str] = []
    for line, call, replacement in deprecated_calls(card.code):
        notes.append(f"line {line}: {call} is deprecated; use {replacement}")
    for w in run.warnings:
        if w["line"] and w["category"] in ("UserWarning", "DeprecationWarning", "FutureWarning") and \
                "deprecated" in w["message"].lower():
            text = w["message"].splitlines()[0]
            if not any(text[:20] in n for n in notes):
                notes.append(f"line {w['line']}: {text}")
    output = run.stdout.rstrip()
    example = ((f"**输出**（PyTorch {version}，{device}）：" if zh else f"**Output** (PyTorch {version}, {device}):")
               + "\n\n```text\n" + output + "\n```") if output else ""
    if run.status in ("timeout", "memory", "error"):
        where = f" at line {run.error_line}" if run.error_line and run.error_line > 0 else ""
        return Result(card.uid, card.source, name, Verdict.DISAGREES if run.status == "error" else Verdict.UNVERIFIED,
                      f"the code {'raises' if run.status == 'error' else 'was stopped'}{where}: {run.error}",
                      None, {}, {}, example)
    mismatches, checked = [], 0
    printed = {}
    for line, text in run.records:
        printed.setdefault(line, text)
    for line, expected in expected_outputs(card.code).items():
        checked += 1
        if line not in printed:
            mismatches.append(f"line {line} printed nothing (expected {expected})")
        elif not same_output(expected, printed[line]):
            mismatches.append(f"line {line} prints {printed[line].strip()}, the comment says {expected}")
    rank_note = ""
    inputs = _literal_matrices(card.code)
    ranks = {r for name, r in run.ranks if name in inputs}
    if isinstance(concept, Module) and concept.name == "matrix_rank" and ranks:
        import re

        # the number each print ends with: “通过 SVD 计算的秩: 2”, “2”
        ints = [int(m[-1]) for _, text in run.records if (m := re.findall(r"-?\d+", text))]
        wrong = [i for i in ints if i not in ranks]
        checked += len(ints)
        if wrong:
            mismatches.append(f"prints rank {wrong[0]}, torch.linalg.matrix_rank gives {sorted(ranks)}")
        rank_note = f"torch.linalg.matrix_rank = {', '.join(str(r) for r in sorted(ranks))}"
    extras = "; ".join(notes)
    if mismatches:
        return Result(card.uid, card.source, name, Verdict.DISAGREES,
                      "; ".join(mismatches) + (f"; {extras}" if extras else ""), None, {}, {}, example)
    if checked == 0:
        return Result(card.uid, card.source, name, Verdict.UNVERIFIED,
                      "ran without error; nothing it prints is claimed in the notes" + (f"; {extras}" if extras else ""),
                      None, {}, {}, example)
    detail = f"ran; {checked} printed value(s) as the notes say" + (f" ({rank_note})" if rank_note else "")
    if extras:
        detail += f"; {extras}"
    return Result(card.uid, card.source, name, Verdict.AGREES, detail, None, {}, {}, example)


def _literal_matrices(code: str) -> set[str]:
    """Names bound to a matrix written out in the code (``A = torch.tensor([[…]])``)."""
    import ast

    names: set[str] = set()
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return names
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and node.value.args and \
                isinstance(node.value.args[0], ast.List):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


