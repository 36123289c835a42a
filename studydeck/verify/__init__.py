"""Check every formula and code card with PyTorch, and attach what was computed.

Torch is imported only when a card's check is not in the cache: ``plan`` and the cache
work from the cards alone, so a rebuild of unchanged notes never loads it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from studydeck.cache import installed_version
from studydeck.model import Card, CardKind
from studydeck.text import atomic_write
from studydeck.verify.registry import Module, Optimizer, lookup, resolve
from studydeck.verify.result import TRANSIENT, Result, Verdict

@lru_cache(maxsize=1)
def verifier_version() -> str:
    """A fingerprint of the checking code itself: a changed checker never reuses old results."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    # (and what reads the notes' code for its claims, and echoes its values as it runs: ``printed``)
    for path in sorted(here.glob("*.py")) + [here.parent / name for name in ("model.py", "text.py", "printed.py")]:
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
                   [_card_digest(c) for c in self.cards], [_card_digest(c) for c in self.context]]
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@lru_cache(maxsize=None)
def _card_digest(card: Card) -> str:
    """A card's content as the checks see it; computed once per card however many tasks read it."""
    return hashlib.sha256(json.dumps(_card_key(card), ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _card_key(card: Card) -> dict:
    data = card.to_dict()
    for name in ("legacy_key", "sibling"):
        data.pop(name, None)  # how the deck files it, not what is checked
    # the notes file by its name inside the notes folder, not as this run spells its path (“notes/a.md”,
    # “./notes/a.md”, an absolute one): the same card, the same checks
    data["source"] = {"doc": card.doc, "line": card.source.line}
    return data


# In a kept verdict, a path of the notes stands as the place in its task of the first card from that file,
# after this mark (the task's cards are in the order its key fixes; two folders may hold a file of one name).
CARD_MARK = "\x00card:"


def _respelled(value: Any, paths: dict[str, str]) -> Any:
    """``value`` (a result's dict, or a part of one) with each ``{"path": …, "line": …}`` whose path
    ``paths`` names written with the path it maps to."""
    if isinstance(value, dict):
        if set(value) == {"path", "line"} and value["path"] in paths:
            return {"path": paths[value["path"]], "line": value["line"]}
        return {k: _respelled(v, paths) for k, v in value.items()}
    if isinstance(value, list):
        return [_respelled(v, paths) for v in value]
    return value


def _task_cards(task: Task) -> list[Card]:
    return [*task.cards, *task.context]


def _kept(task: Task, results: list[Result]) -> list[dict]:
    """The results as the cache keeps them: each path of the notes by the first of the task's cards from it."""
    paths: dict[str, str] = {}
    for i, card in enumerate(_task_cards(task)):
        paths.setdefault(card.source.path, f"{CARD_MARK}{i}")
    return [_respelled(r.to_dict(), paths) for r in results]


def _read_back(task: Task, entry: Any) -> list[Result] | None:
    """A cache entry's results, with the notes' paths as this run spells them (None: not an entry)."""
    paths = {f"{CARD_MARK}{i}": card.source.path for i, card in enumerate(_task_cards(task))}
    try:
        return [Result.from_dict(_respelled(r, paths)) for r in entry["results"]]
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


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
    version = installed_version("torch")
    return "none" if version is None else version.split("+")[0]


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
            params = [c for c in group if c.param]
            if params and getattr(concept, "torch_name", None):
                tasks.append(Task("defaults", concept, params))  # any torch callable the heading names
            if isinstance(concept, Optimizer):
                for named, part in _by_named_optimizer(concept, deck, group):
                    if [c for c in part if c.kind is CardKind.FORMULA and not c.plain_formula]:
                        tasks.append(Task("optimizer", named, part, doc_formulas))
                formulas = [c for c in formulas if c.plain_formula]
            if isinstance(concept, Module) and concept.check and formulas:
                tasks.append(Task("module", concept, formulas))
                formulas = []
            for card in formulas:  # the file's other formulas say what its symbols mean
                tasks.append(Task("function", concept, [card], [c for c in doc_formulas if c is not card]))
        earlier: list[Card] = []
        for card in doc_cards:
            if card.kind is CardKind.CODE:
                # every block gets a verdict or the reason it has none; the earlier blocks are
                # where the names it uses may come from (the runner picks the ones it needs)
                tasks.append(Task("code", resolve(card.deck), [card], list(earlier)))
                earlier.append(card)
    return tasks


def _by_named_optimizer(concept: Optimizer, deck: tuple[str, ...], group: list[Card]) -> list[tuple[Optimizer, list[Card]]]:
    """The cards of a section on ``concept``, parted by the optimizer a formula's own label names where the heading
    names it too (“## AdaGrad / RMSProp” over “AdaGrad：$$…$$” and “RMSProp：$$…$$”): each label's formulas, and those
    after it, are that optimizer's; the rest (and every card that is no formula) the section's."""
    named_here = {found.name for part in HEADING_PARTS.split(deck[-1] if deck else "")
                  if isinstance(found := lookup(part), Optimizer)}
    parts: dict[str, tuple[Optimizer, list[Card]]] = {concept.name: (concept, [])}
    current = concept
    for card in group:
        if card.kind is CardKind.FORMULA and len(named_here) > 1:  # (only where the heading names them both)
            label = OWN_LABEL.match(card.back)
            named = lookup(label.group(1)) if label else None
            if isinstance(named, Optimizer) and named.name in named_here:
                current = named
        owner = current if card.kind is CardKind.FORMULA else concept
        parts.setdefault(owner.name, (owner, []))[1].append(card)
    if len(parts) > 1:  # (every part keeps the section's parameter lists and other cards)
        others = [c for c in parts[concept.name][1] if c.kind is not CardKind.FORMULA]
        for name, (_, cards) in parts.items():
            if name != concept.name:
                cards.extend(others)
    return [part for part in parts.values() if part[1]]


# Where a heading names several things (“AdaGrad / RMSProp”, “Momentum 与 Nesterov”, “Adam vs AdamW”).
HEADING_PARTS = re.compile(r"\s*+(?:/|&|\+|,|、|，|\band\b|\bvs\.?|\bversus\b|与|和|及)\s*+|\s++[—–-]+\s++", re.I)
# The label a formula's text opens on, before its colon (“RMSProp：”, “**AdaGrad**: ”, “RMSProp（Hinton 课上讲的）：”).
OWN_LABEL = re.compile(r"\s*+(?:\*\*)?([^\s：:，,。$*（(][^：:，,。$\n（(]{0,40}?)(?:\s*+[（(][^）)\n]*+[）)])?(?:\*\*)?\s*+[:：]")


class VerifyCache:
    """The verdicts of earlier checks, by task key (a SHA-256 hex digest), in 256 JSON files named
    by the key's first two characters: a run reads, and rewrites, only the files its own keys fall
    in, so a quiz over one notes file does not read the verdicts of every deck ever built. Each
    file keeps its entries least recently used first."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.shards: dict[str, dict[str, dict]] = {}
        self.dirty: set[str] = set()

    def __bool__(self) -> bool:
        return self.folder is not None and self.folder.is_dir() and any(self.folder.glob("??.json"))

    def _shard(self, key: str) -> dict[str, dict]:
        name = key[:2]
        if name not in self.shards:
            data: Any = {}
            if self.folder is not None:
                try:
                    data = json.loads((self.folder / f"{name}.json").read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    data = {}  # a damaged cache is only a slower build
            self.shards[name] = data if isinstance(data, dict) else {}
        return self.shards[name]

    def __contains__(self, key: str) -> bool:
        return key in self._shard(key)

    def pop(self, key: str) -> dict:
        self.dirty.add(key[:2])
        return self._shard(key).pop(key)

    def __setitem__(self, key: str, value: dict) -> None:
        self.dirty.add(key[:2])
        self._shard(key)[key] = value

    def save(self) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name in sorted(self.dirty):
                shard = self.shards[name]
                for key in list(shard)[: max(0, len(shard) - SHARD_ENTRIES)]:
                    del shard[key]  # the least recently used go first: a hit moves its entry to the end
                atomic_write(self.folder / f"{name}.json", json.dumps(shard, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # no cache is only a slower next build
        self.dirty.clear()


# Verdicts kept per file: 256 files of 256 each (a build of more checks than fit a file's share
# checks the least recently used of them again next time).
SHARD_ENTRIES = 256


def verify(cards: list[Card], *, device: str = "auto", cache_path: Path | None = None,
           code_timeout: float = 30.0, cached_only: bool = False,
           progress: Callable[[int, int], None] | None = None, **options: Any) -> Report:
    """Check the cards; with ``cached_only`` return only what the cache already knows
    (never imports torch: the quiz uses this). ``cache_path``: the folder of the
    :class:`VerifyCache`."""
    version = torch_version()
    cache = VerifyCache(cache_path)
    if cached_only and not cache:
        return Report([], version, device)  # nothing to look up: no need to plan the checks
    tasks = plan(cards)
    results: list[Result] = []
    pending: list[tuple[Task, str]] = []
    devices: set[str] = set()
    # reading the cache only, any device's results will do
    lookups = [device] + ([d for d in ("auto", "cpu", "cuda") if d != device] if cached_only else [])
    for task in tasks:
        key = task.key(version, device)
        hit = next((k for k in (task.key(version, d) for d in lookups) if k in cache), None)
        entry = cache.pop(hit) if hit is not None else None
        cached = _read_back(task, entry)
        if cached is not None:
            cache[hit] = entry  # most recently used last
            results.extend(cached)
            devices.add(str(entry.get("device", device)))
        elif not cached_only:
            pending.append((task, key))
    report = Report(results, version, device)
    if pending:
        from studydeck.verify.code_check import start_code_tasks
        from studydeck.verify.run import resolve_device, run_task

        dev = resolve_device(device)
        report.device = str(dev)
        done = 0

        def keep(task: Task, key: str, task_results: list[Result]) -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, len(pending))
            if not any(r.reason in TRANSIENT for r in task_results):  # a timeout may pass next time
                cache[key] = {"device": str(dev), "results": _kept(task, task_results)}
            results.extend(task_results)

        code = [(task, key) for task, key in pending if task.kind == "code"]
        # all blocks at once, on the pool of warm workers, while this process checks the formulas
        code_results = start_code_tasks([t for t, _ in code], version, code_timeout, **options) if code else None
        for task, key in pending:
            if task.kind == "code":
                continue
            try:
                task_results = run_task(task, dev, version, code_timeout, **options)
            except (RecursionError, MemoryError, OverflowError, ArithmeticError) as exc:
                # a formula too deep or too large to check: no verdict, and the build goes on
                task_results = [_unchecked(card, task, exc) for card in task.cards]
            keep(task, key, task_results)
        if code_results is not None:
            for (task, key), task_results in zip(code, code_results()):
                keep(task, key, task_results)
        if progress is not None:
            progress(len(pending), len(pending))
        cache.save()
    elif devices:
        report.device = ", ".join(sorted(devices))
        if not cached_only:
            cache.save()
    order = {c.uid: i for i, c in enumerate(cards)}
    report.results = sorted(results, key=lambda r: order.get(r.uid, len(order)))
    return report


def _unchecked(card: Card, task: Task, exc: BaseException) -> Result:
    what = {RecursionError: "nested too deeply", MemoryError: "too large"}.get(type(exc), "beyond float range")
    return Result(card.uid, card.source, getattr(task.concept, "name", "") or "", Verdict.UNVERIFIED,
                  f"not checked: the formula is {what} to evaluate", reason="too-complex",
                  facts={"what": what})


def sandbox_note() -> str | None:
    """The note to print when code was skipped for want of a sandbox (None otherwise)."""
    import sys

    sandbox = sys.modules.get("studydeck.verify.sandbox")
    return sandbox.take_note() if sandbox is not None else None
