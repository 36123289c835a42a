"""Check every formula and code card with PyTorch, and attach what was computed.

Torch is imported only when a card's check is not in the cache: ``plan`` and the cache
work from the cards alone, so a rebuild of unchanged notes never loads it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from studydeck.model import Card, CardKind
from studydeck.notes import CJK
from studydeck.verify.registry import Module, Optimizer, resolve
from studydeck.verify.result import Result, Verdict

@lru_cache(maxsize=1)
def verifier_version() -> str:
    """A fingerprint of the checking code itself: a changed checker never reuses old results."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted(here.glob("*.py")) + [here.parent / "model.py", here.parent / "text.py"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Task:
    kind: str                 # optimizer | defaults | function | code
    concept: Any
    cards: list[Card]
    context: list[Card] = field(default_factory=list)  # cards it may read but does not judge

    def key(self, torch_version: str, device: str) -> str:
        payload = [verifier_version(), self.kind, getattr(self.concept, "name", None), torch_version, device,
                   [_card_key(c) for c in self.cards], [_card_key(c) for c in self.context]]
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _card_key(card: Card) -> dict:
    data = card.to_dict()
    data.pop("computed", None)
    data.pop("verdict", None)
    return data


@dataclass
class Report:
    results: list[Result]
    torch_version: str
    device: str

    def counts(self) -> dict[str, int]:
        out = {v.value: 0 for v in Verdict}
        for r in self.results:
            out[r.verdict.value] += 1
        return out

    @property
    def disagreements(self) -> list[Result]:
        return [r for r in self.results if r.verdict is Verdict.DISAGREES]


def torch_version() -> str:
    try:
        return metadata.version("torch").split("+")[0]
    except metadata.PackageNotFoundError:
        return "none"


def plan(cards: list[Card]) -> list[Task]:
    tasks: list[Task] = []
    by_doc: dict[str, list[Card]] = {}
    for card in cards:
        by_doc.setdefault(card.doc, []).append(card)
    for doc_cards in by_doc.values():
        decks: dict[tuple[str, ...], list[Card]] = {}
        for card in doc_cards:
            decks.setdefault(card.deck, []).append(card)
        doc_formulas = [c for c in doc_cards if c.kind is CardKind.FORMULA]
        for deck, group in decks.items():
            concept = resolve(deck)
            formulas = [c for c in group if c.kind is CardKind.FORMULA]
            if isinstance(concept, Optimizer):
                if [c for c in formulas if not c.plain_formula]:
                    tasks.append(Task("optimizer", concept, group, doc_formulas))
                params = [c for c in group if c.param]
                if params:
                    tasks.append(Task("defaults", concept, params))
                formulas = [c for c in formulas if c.plain_formula]
            if isinstance(concept, Module) and concept.check and formulas:
                tasks.append(Task("module", concept, formulas))
                formulas = []
            for card in formulas:
                tasks.append(Task("function", concept, [card]))
        earlier: list[Card] = []
        for card in doc_cards:
            if card.kind is CardKind.CODE:
                # every block gets a verdict or the reason it has none; the earlier blocks are
                # where the names it uses may come from (the runner picks the ones it needs)
                tasks.append(Task("code", resolve(card.deck), [card], list(earlier)))
                earlier.append(card)
    return tasks


def default_cache_path() -> Path:
    base = os.environ.get("STUDYDECK_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "studydeck")
    return Path(base) / "verify.json"


def _load_cache(path: Path | None) -> dict[str, list[dict]]:
    if path is None or not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}  # a damaged cache is only a slower build


CACHE_ENTRIES = 20_000


def _save_cache(path: Path | None, cache: dict[str, list[dict]]) -> None:
    if path is None:
        return
    for key in list(cache)[: max(0, len(cache) - CACHE_ENTRIES)]:
        del cache[key]  # the least recently used go first: a hit moves its entry to the end
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def verify(cards: list[Card], *, device: str = "auto", cache_path: Path | None = None,
           code_timeout: float = 30.0, cached_only: bool = False) -> Report:
    """Check the cards; with ``cached_only`` return only what the cache already knows
    (never imports torch: the quiz uses this)."""
    tasks = plan(cards)
    version = torch_version()
    cache = _load_cache(cache_path)
    results: list[Result] = []
    pending: list[tuple[Task, str]] = []
    devices: set[str] = set()
    # reading the cache only, any device's results will do
    lookups = [device] + ([d for d in ("auto", "cpu", "cuda") if d != device] if cached_only else [])
    for task in tasks:
        key = task.key(version, device)
        hit = next((k for k in (task.key(version, d) for d in lookups) if k in cache), None)
        entry = cache.pop(hit) if hit is not None else None
        if hit is not None:
            cache[hit] = entry  # most recently used last
        if isinstance(entry, dict) and "results" in entry:
            results.extend(Result.from_dict(r) for r in entry["results"])
            devices.add(entry.get("device", device))
        elif not cached_only:
            pending.append((task, key))
    report = Report(results, version, device)
    if pending:
        from studydeck.verify.run import resolve_device, run_task

        dev = resolve_device(device)
        report.device = str(dev)
        for task, key in pending:
            task_results = run_task(task, dev, version, code_timeout)
            cache[key] = {"device": str(dev), "results": [r.to_dict() for r in task_results]}
            results.extend(task_results)
        _save_cache(cache_path, cache)
    elif devices:
        report.device = ", ".join(sorted(devices))
        if not cached_only:
            _save_cache(cache_path, cache)
    order = {c.uid: i for i, c in enumerate(cards)}
    report.results = sorted(results, key=lambda r: order.get(r.uid, len(order)))
    return report


def apply(cards: list[Card], report: Report) -> list[Card]:
    """Cards with the verdict and the computed answer in the fields the deck shows."""
    by_uid: dict[str, Result] = {}
    for result in report.results:
        by_uid.setdefault(result.uid, result)
    out = []
    for card in cards:
        result = by_uid.get(card.uid)
        if result is None:
            out.append(card)
            continue
        zh = bool(CJK.search(card.front))
        out.append(replace(card, verdict=result.verdict.value, computed=answer_text(result, zh)))
    return out


def answer_text(result: Result, zh: bool) -> str:
    head = {
        Verdict.AGREES: ("✔ 与 PyTorch 一致" if zh else "✔ agrees with PyTorch"),
        Verdict.DISAGREES: ("✘ 与 PyTorch 不一致" if zh else "✘ disagrees with PyTorch"),
        Verdict.UNVERIFIED: ("未验证" if zh else "not verified"),
    }[result.verdict]
    where = ""
    if result.fix_at and result.verdict is Verdict.DISAGREES:
        where = f"（改第 {result.fix_at.line} 行）" if zh else f" (fix line {result.fix_at.line})"
    parts = [f"{head}：{result.detail}{where}" if zh else f"{head}: {result.detail}{where}"]
    if result.example:
        parts.append(result.example)
    return "\n\n".join(parts)
