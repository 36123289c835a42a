"""Verdicts for code cards: read each block, run the ones meant to run in the sandbox, and
compare what they print with what the notes claim.

``check_code_tasks`` runs a whole build's blocks on a pool of warm workers; ``check_code``
is the same for one block. Errors belong to the block where they happen, and a card shows
only its own block's output.
"""

from __future__ import annotations

import atexit
import importlib.util
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable

from studydeck.model import Card, Source
from studydeck.printed import SHOWN_OUTPUT, asserted_claims, evaluated_claims, expected_outputs, loose_outputs
from studydeck.verify.code import (ADDRESS, NUMBER, UNSTEADY, Block, deprecated_calls, expects_error, needs,
                                   read_block, same_output, unsteady, uses_missing_modules)
from studydeck.verify.registry import Module
from studydeck.verify.result import Result, Verdict
from studydeck.verify.sandbox import Limits, Pool, SandboxUnavailable, pool_size
from studydeck.verify.worker import CONVENTIONAL

# How each reason reads in English (``detail``); the notes' language comes from messages.CODE_MESSAGES.
DETAILS = {
    "not-python": "not run: {language} is not Python",
    "unlabelled-not-python": "not run: no language is given and it does not parse as Python",
    "notebook-magic": "not run: a notebook cell ({magic}) is not plain Python",
    "diagram": "not run: a diagram ({char}), not code",
    "signature": "not run: an API's signature, to recall, not code",
    "prose": "not run: prose in a code fence, not code",
    "undefined-names": "not run: it uses {names}, which no earlier block of this file defines",
    "needs-module": "not run: needs {modules}, which is not installed",
    "no-sandbox": "not run: the sandbox cannot start ({why})",
    "budget": "not run: the time budget for code ({scope}) is spent",
    "syntax-error": "the code does not parse at line {line}: {error}",
    "raises": "the code raises at line {line}: {error}",
    "environment": "stopped by the sandbox at line {line}: {error}",
    "earlier-failed": "not run: the block at line {line} it builds on fails",
    "earlier-not-run": "not run: it builds on the block at line {line}, which is not run ({why})",
    "timeout": "still running after {seconds:g} s; stopped",
    "memory": "stopped: used more than {limit} of memory",
    "processes": "stopped: started more than {limit} processes",
    "file-size": "stopped: wrote a file larger than {limit}",
    "output-capped": "stopped: printed more than {limit}",
    "left-running": "stopped what it left running after it ended",
    "crashed": "the code ended abnormally ({signal})",
    "bad-report": "its report was missing or did not match what it printed",
    "wrong-output": "line {line} prints {printed}, the comment says {expected}",
    "wrong-value": "line {line} gives {printed}, the comment says {expected}",
    "wrong-pasted-output": "line {line} prints {printed}, the output pasted under the code shows {expected} there",
    "pasted-output-differs": "ran; it prints {printed}, set out differently from the output pasted under it; "
                             "not compared",
    "expected-error": "raises at line {line}, as the notes say: {error}",
    "unsteady-output": "line {line} prints {printed}, the notes {expected}; its values are random or "
                       "depend on fresh weights or the clock, so this is no error",
    "no-output": "line {line} printed nothing (expected {expected})",
    # a console or IPython session shows its values under its lines; no comment says them
    "wrong-output:session": "line {line} prints {printed}, the session shows {expected}",
    "no-output:session": "line {line} printed nothing, the session shows {expected}",
    "wrong-rank": "prints rank {printed}, torch.linalg.matrix_rank gives {ranks}",
    "ran-no-claims": "ran without error; nothing it prints is claimed in the notes",
    "printed": "ran without error; what it printed is the card's answer",
    "printed-own-way": "ran without error; what it printed is the card's answer (the values beside its prints were not "
                       "compared: only a tensor's or an array's repr is read as an output there)",
    "code-agrees": "ran; {checked} printed value(s) as the notes say",
    "asserts-hold": "ran; the notes' {checked} assert(s) hold",
    "assert-fails": "line {line} asserts {expression} == {expected}; it gives {printed}",
}
DISAGREES = {"syntax-error", "raises", "wrong-output", "wrong-value", "no-output", "wrong-rank", "wrong-pasted-output",
             "assert-fails"}
# outcomes of a block that ran to its end (or to the error its notes show)
RAN_THROUGH = {"code-agrees", "asserts-hold", "printed", "printed-own-way", "ran-no-claims", "wrong-output", "wrong-value",
               "no-output", "wrong-rank", "unsteady-output", "expected-error", "wrong-pasted-output", "pasted-output-differs"}
# verdicts that say more about this run than about the notes: not worth keeping in a cache
AGREES = {"code-agrees", "asserts-hold"}


def same_form(pasted: str, printed: str) -> bool:
    """Set out the same way, whatever the numbers and truth values in it: the same words,
    brackets and shapes of text (another version's repr, or a part of the output, is not)."""
    a, b = (" ".join(NUMBER.sub("#", re.sub(r"\b(?:True|False)\b", "?", ADDRESS.sub("0x…", text))).split())
            for text in (pasted, printed))
    return a == b


def _first_differing_print(answer: dict, pasted: str) -> tuple[int, str, str]:
    """The first print whose numbers (or truth values) are not the pasted ones: its line, what
    it printed, and the values the pasted output shows in their place."""
    expected = VALUE.findall(ADDRESS.sub("", pasted))
    seen = 0
    for line, text in answer.get("records") or []:
        values = VALUE.findall(ADDRESS.sub("", text))
        if any(seen + i >= len(expected) or not _same_value(expected[seen + i], v) for i, v in enumerate(values)):
            return int(line), text.strip(), ", ".join(expected[seen:seen + len(values)])
        seen += len(values)
    return 0, "", ""


def _without_warnings(pasted: str) -> str:
    """The pasted output less the warnings in it, each with the source line Python echoes under it."""
    kept, echo = [], False
    for line in pasted.splitlines():
        if WARNING_LINE.match(line):
            echo = True
        elif not (echo and line[:1].isspace() and line.strip()):
            kept.append(line)
            echo = False
    return "\n".join(kept)


# A warning as Python prints it (“UserWarning: …”, “/x.py:12: UserWarning: …”): stderr's, not stdout's.
WARNING_LINE = re.compile(r"\s*(?:\S*\.py:\d+:\s*)?\w*Warning:")
VALUE = re.compile(NUMBER.pattern + r"|\b(?:True|False)\b")


def _same_value(stated: str, printed: str) -> bool:
    return stated == printed or same_output(stated, printed)


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:g} {unit}"
        n /= 1024
    return f"{n:g} GB"


@dataclass
class Job:
    card: Card
    concept: object
    block: Block
    earlier: list[Card]
    skip: tuple[str, dict] | None
    implied: tuple[str, ...] = ()  # torch, nn, F, np …: used without an import, as notes do
    prefix: list[Card] = field(default_factory=list)  # every earlier block that runs, in order
    replay: bool = False  # run after the whole prefix, each earlier block as far as it goes


def prepare(card: Card, concept, earlier: list[Card]) -> Job:
    """Decide whether the card's block runs, and after which earlier blocks."""
    blocks = [read_block(c.code, c.language) for c in earlier] + [read_block(card.code, card.language)]
    block = blocks[-1]
    if "signature" in card.flags:
        return Job(card, concept, block, [], ("signature", {}))
    if block.skip is not None:
        return Job(card, concept, block, [], block.skip)
    need = needs(len(blocks) - 1, blocks)
    implied = tuple(sorted(need.missing & CONVENTIONAL.keys()))
    if need.missing - set(implied):
        return Job(card, concept, block, [], ("undefined-names", {"names": ", ".join(sorted(need.missing - set(implied)))}))
    absent = sorted({CONVENTIONAL[n].split(".")[0] for n in implied} - _installed())
    if absent:
        return Job(card, concept, block, [], ("needs-module", {"modules": ", ".join(absent)}))
    if need.blocked:
        first = need.blocked[0]
        return Job(card, concept, block, [], ("earlier-not-run", {"line": earlier[first].source.line,
                                                                  "why": blocks[first].skip[0]}))
    wanted = need.run_first
    run_before = [earlier[i] for i in wanted]
    modules = uses_missing_modules("\n".join([blocks[i].source for i in wanted] + [block.source]))
    if modules:
        return Job(card, concept, block, [], ("needs-module", {"modules": ", ".join(modules)}))
    prefix = [c for c, b in zip(earlier, blocks) if b.skip is None]
    return Job(card, concept, block, run_before, None, implied, prefix)


@lru_cache(maxsize=1)
def _installed() -> frozenset[str]:
    """Which of the modules notes use without importing them can be imported here."""
    return frozenset(m for m in {v.split(".")[0] for v in CONVENTIONAL.values()}
                     if importlib.util.find_spec(m) is not None)


def _said(session: bool) -> dict:
    """Where the notes state a value: a session shows it under its line (else a comment says it)."""
    return {"session": True} if session else {}


def result(job: Job, reason: str, facts: dict, *, output: str = "", example: str = "",
           extras: list[dict] = (), line: int | None = None) -> Result:
    card = job.card
    verdict = Verdict.DISAGREES if reason in DISAGREES else Verdict.AGREES if reason in AGREES else Verdict.UNVERIFIED
    detail = DETAILS.get(f"{reason}:session" if facts.get("session") else reason, DETAILS[reason]).format(**facts)
    if line is None and verdict is Verdict.DISAGREES and isinstance(facts.get("line"), int):
        line = facts["line"] or None
    if extras:
        detail += "; " + "; ".join(deprecation_text(d) for d in extras)
    where = Source(card.source.path, card.source.line + line) if line else None
    return Result(card.uid, card.source, getattr(job.concept, "name", "") or card.concept, verdict, detail, example=example,
                  reason=reason, facts=facts, output=output, deprecations=list(extras), fix_at=where,
                  culprits=[where] if where and verdict is Verdict.DISAGREES else [])


class Runner:
    """A build's code: blocks on a pool of warm sandboxed workers, within per-file and per-build budgets."""

    def __init__(self, limits: Limits | None = None, version: str = "", device: str = "cpu", *,
                 unsafe_run_code: bool = False) -> None:
        self.limits = limits or Limits()
        self.version, self.device = version, device
        self.spent: dict[str, float] = {}
        self.total = 0.0
        self.lock = threading.Lock()
        self.unavailable: str | None = None
        self.pool = Pool(self.limits, pool_size(1 << 10), unsafe_run_code=unsafe_run_code)
        # bwrap's --die-with-parent follows the *thread* that started it: the threads that start
        # workers must live as long as the workers do
        self.threads = ThreadPoolExecutor(max_workers=self.pool.size)

    def check_all(self, jobs: list[Job]) -> list[Result]:
        return self.start_all(jobs)()

    def start_all(self, jobs: list[Job]) -> Callable[[], list[Result]]:
        """Start every job on the pool; the returned function waits for their results, in order."""
        futures = {id(j): self.threads.submit(self._run, self.pool, j) for j in jobs if j.skip is None}
        return lambda: [futures[id(j)].result() if id(j) in futures else result(j, *j.skip) for j in jobs]

    def close(self) -> None:
        self.threads.shutdown(wait=True)
        self.pool.close()

    def _budget(self, doc: str) -> tuple[float, str | None]:
        with self.lock:
            left_file = self.limits.per_file - self.spent.get(doc, 0.0)
            left_build = self.limits.per_build - self.total
        if left_build <= 0:
            return 0, "this build"
        if left_file <= 0:
            return 0, "this file"
        return min(self.limits.timeout, left_file, left_build), None

    def _run(self, pool: Pool, job: Job) -> Result:
        if self.unavailable:
            return result(job, "no-sandbox", {"why": self.unavailable})
        timeout, spent_scope = self._budget(job.card.doc)
        if spent_scope:
            return result(job, "budget", {"scope": spent_scope})
        try:
            worker = pool.acquire()
        except SandboxUnavailable as exc:
            self.unavailable = exc.why
            return result(job, "no-sandbox", {"why": exc.why})
        request = {**self.limits.request(), "timeout": timeout,
                   "code": job.block.source, "earlier": [read_block(c.code, c.language).source for c in job.earlier],
                   "earlier_may_raise": [i for i, c in enumerate(job.earlier) if job.replay or "shows-error" in c.flags],
                   "implied": list(job.implied)}
        started = time.monotonic()
        answer = worker.run(request)
        pool.release(worker)
        with self.lock:
            used = time.monotonic() - started
            self.spent[job.card.doc] = self.spent.get(job.card.doc, 0.0) + used
            self.total += used
        verdict = self.judge(job, answer, timeout)
        if verdict.reason in ("raises", "assert-fails") and len(job.prefix) > len(job.earlier):
            # a notebook's cell may need what an earlier cell did rather than defined (“y.backward()”
            # filled x.grad): it raises only if it still does after every earlier cell
            # (every earlier cell, each as far as it goes: one that fails, as the notebook's reader
            # saw it fail, leaves done what it did before)
            # (so may an assert that fails without them: “x.add_(1)” in the cell before)
            again = self._run(pool, replace(job, earlier=job.prefix, implied=job.implied, replay=True))
            return again if again.reason in RAN_THROUGH else verdict
        return verdict

    def judge(self, job: Job, answer: dict, timeout: float) -> Result:
        output = str(answer.get("stdout", ""))[: self.limits.output_cap].rstrip()
        example = self._example(job.card, output)
        status = answer.get("status")
        limits = {"timeout": {"seconds": timeout}, "memory": {"limit": _size(self.limits.memory)},
                  "processes": {"limit": self.limits.processes}, "file-size": {"limit": _size(self.limits.file_size)},
                  "output-capped": {"limit": _size(self.limits.output_cap)}}
        if status in limits:
            return result(job, status, limits[status], output=output, example=example)
        if status in ("no-report", "forged-report", "report-too-large"):
            return result(job, "bad-report", {}, output=output, example=example)
        if status != "ok" and status != "error" and status != "earlier-error":
            return result(job, "crashed", {"signal": answer.get("signal") or status}, output=output, example=example)
        if status == "earlier-error":
            index = answer.get("earlier")
            line = job.earlier[index].source.line if isinstance(index, int) and index < len(job.earlier) else 0
            return result(job, "earlier-failed", {"line": line})
        extras = self._deprecations(job.card.code, answer.get("warnings") or [])
        if status == "error":
            kind = answer.get("error_kind") or "raises"
            line = answer.get("error_line") or 0
            facts = {"error": str(answer.get("error") or "")[:300], "line": line}
            if kind in limits:
                return result(job, kind, limits[kind], output=output, example=example)
            if kind == "needs-module":
                return result(job, "needs-module", {"modules": facts["error"].split("'")[1:2][0]
                                                     if "'" in facts["error"] else facts["error"]})
            reason = "raises" if kind == "raises" else "environment"
            asserted = asserted_claims(job.card.code).get(line) if reason == "raises" and line \
                and not expects_error(job.card.code, line, facts["error"]) else None
            gave = next((text for at, text in answer.get("records") or [] if at == line), None)
            if asserted and gave is not None and facts["error"].startswith("AssertionError"):
                # (“assert (torch.tensor([-7]) // 2).item() == -3”: what the left side gave, printed before it failed)
                return result(job, "assert-fails", {"line": line, "expression": asserted[0], "expected": asserted[1],
                                                    "printed": gave.strip()},
                              output=output, example=example, extras=extras, line=line)
            if reason == "raises" and ("shows-error" in job.card.flags
                                       or expects_error(job.card.code, line, facts["error"])):
                reason = "expected-error"
                # what the lines before the error say they give is still checked
                wrong = self._claims(job, answer, output, example, extras, before=line) if line else None
                if wrong is not None and wrong.verdict is Verdict.DISAGREES:
                    return wrong
            return result(job, reason, facts, output=output, example=example, extras=extras, line=line or None)
        if answer.get("left_running"):
            return result(job, "left-running", {}, output=output, example=example)
        return self._claims(job, answer, output, example, extras)

    def _claims(self, job: Job, answer: dict, output: str, example: str, extras: list[dict],
                before: int | None = None) -> Result:
        """The block's stated outputs against what it printed (``before``: only those of the lines
        above that one, where the block stopped at an error its notes show)."""
        printed: dict[int, str] = {}
        for line, text in answer.get("records") or []:
            printed.setdefault(line, text)
        checked = 0
        session = job.block.shown is not None
        claims = job.block.shown if session else expected_outputs(job.card.code)
        if before is not None:
            claims = {line: value for line, value in claims.items() if line < before}
        for line, expected in claims.items():
            checked += 1
            if line not in printed:
                return result(job, "no-output", {"line": line, "expected": expected, **_said(session)}, output=output,
                              example=example, extras=extras, line=line)
            if not same_output(expected, printed[line]):
                if unsteady("\n".join([c.code for c in job.earlier] + [job.block.source]), expected, printed[line]):
                    return result(job, "unsteady-output", {"line": line, "expected": expected,
                                                          "printed": printed[line].strip()},
                                  output=output, example=example, extras=extras)
                # (an expression with its value beside it gives that value; it prints nothing)
                wrong = "wrong-value" if line in evaluated_claims(job.card.code) else "wrong-output"
                return result(job, wrong, {"line": line, "expected": expected, "printed": printed[line].strip(),
                                           **_said(session)},
                              output=output, example=example, extras=extras, line=line)
        pasted = next((f[len(SHOWN_OUTPUT):] for f in job.card.flags if f.startswith(SHOWN_OUTPUT)), None)
        if pasted is not None and not claims and before is None:
            # the output pasted under the block: what it printed, all of it, as the notes show it
            # (a warning pasted with it went to stderr, not among what it printed)
            pasted = _without_warnings(pasted)
            # what its prints printed (not what a library wrote to the same stream from C)
            prints = "".join(text for _, text in answer.get("records") or []).rstrip() or output
            if same_output(pasted, prints):
                checked += 1
            elif not same_form(pasted, prints):  # another version's repr, a part of it: no verdict on a guess
                return result(job, "pasted-output-differs", {"printed": _short(prints)}, output=output,
                              example=example, extras=extras)
            else:
                line, printed_there, stated_there = _first_differing_print(answer, pasted)
                facts = {"expected": _short(stated_there or pasted), "printed": _short(printed_there or prints),
                         "line": line}
                if unsteady("\n".join([c.code for c in job.earlier] + [job.block.source]), pasted, prints):
                    return result(job, "unsteady-output", facts, output=output, example=example, extras=extras)
                return result(job, "wrong-pasted-output", facts, output=output, example=example, extras=extras,
                              line=line or None)
        rank = self._rank(job, answer)
        if rank is not None:
            wrong, ranks, count = rank
            if wrong is not None:
                return result(job, "wrong-rank", {"printed": wrong, "ranks": ranks}, output=output,
                              example=example, extras=extras)
            checked += count
        # (it ran to its end: every assert it ran held; one whose value it printed ran)
        held = sum(line in printed for line in asserted_claims(job.card.code)) if before is None and not session else 0
        if held and checked == 0:
            return result(job, "asserts-hold", {"checked": held}, output=output, example=example, extras=extras)
        checked += held
        if checked == 0:
            # whether what it printed may differ at the next run: then it is no answer to learn
            code = "\n".join([c.code for c in job.earlier] + [job.block.source])
            facts = {"random": True} if UNSTEADY.search(code) else {}
            # a card that asks what the code prints has this output as its answer
            reason = "printed" if "computed-output" in job.card.flags else "ran-no-claims"
            if reason == "printed" and loose_outputs(job.block.source):
                reason = "printed-own-way"  # (“print(pi)  # [0.8333 0.1667]”: said, but not read as a claim)
            return result(job, reason, facts, output=output, example=example, extras=extras)
        facts = {"checked": checked}
        res = result(job, "code-agrees", facts, output=output, example=example, extras=extras)
        if rank is not None:
            res.detail = res.detail.replace("as the notes say", f"as the notes say (torch.linalg.matrix_rank = {rank[1]})")
            res.reference = "torch.linalg.matrix_rank"
        return res

    @staticmethod
    def _rank(job: Job, answer: dict):
        """A matrix-rank card: every number it prints must be the rank torch computes."""
        concept = job.concept
        if not (isinstance(concept, Module) and concept.name == "matrix_rank"):
            return None
        inputs = _literal_matrices(job.block.source)
        ranks = sorted({r for name, r in answer.get("ranks") or [] if name in inputs})
        if not ranks:
            return None
        asserted = asserted_claims(job.card.code)  # (what an assert's left side gave is no rank it prints)
        ints = [int(m[-1]) for line, text in answer.get("records") or []
                if line not in asserted and (m := re.findall(r"-?\d+", text))]
        wrong = next((i for i in ints if i not in ranks), None)
        return wrong, ", ".join(map(str, ranks)), len(ints)

    def _deprecations(self, code: str, warnings: list[dict]) -> list[dict]:
        """Deprecated calls, as facts: ``{"line", "call", "use"}`` from torch's own documentation,
        ``{"line", "message"}`` from a warning the block raised."""
        found: list[dict] = [{"line": line, "call": call, "use": replacement}
                             for line, call, replacement in deprecated_calls(code)]
        for w in warnings:
            if not isinstance(w, dict):
                continue
            message = str(w.get("message", ""))
            if w.get("line") and w.get("category") in ("UserWarning", "DeprecationWarning", "FutureWarning") and \
                    "deprecated" in message.lower():
                text = message.splitlines()[0][:200]
                if not any(text[:20] in deprecation_text(d) for d in found):
                    found.append({"line": int(w["line"]), "message": text})
        return found

    def _example(self, card: Card, output: str) -> str:
        if not output:
            return ""
        head = (f"**输出**（PyTorch {self.version}，{self.device}）：" if card.lang == "zh"
                else f"**Output** (PyTorch {self.version}, {self.device}):")
        return head + "\n\n```text\n" + output + "\n```"


def deprecation_text(item: dict) -> str:
    if "call" in item:
        return f"line {item['line']}: {item['call']} is deprecated; use {item['use']}"
    return f"line {item['line']}: {item['message']}"


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


_shared: dict[tuple, Runner] = {}


def runner_for(version: str, timeout: float, unsafe_run_code: bool = False) -> Runner:
    """One runner per process: its warm workers serve every block of the build, and its budget
    is the build's."""
    key = (version, timeout, unsafe_run_code)
    if key not in _shared:
        for old in _shared.values():
            old.close()
        _shared.clear()
        _shared[key] = Runner(Limits(timeout=timeout), version, unsafe_run_code=unsafe_run_code)
        atexit.register(_shared[key].close)
    return _shared[key]


def shutdown() -> None:
    """Stop every worker now (they die with the build anyway)."""
    for runner in _shared.values():
        runner.close()
    _shared.clear()


def check_code_tasks(tasks, version: str, timeout: float = 30.0, *, unsafe_run_code: bool = False,
                     **_options) -> list[list[Result]]:
    """All of a build's code tasks at once, in parallel on the pool: one result list per task.
    ``unsafe_run_code`` runs code without the sandbox where the sandbox cannot start."""
    return start_code_tasks(tasks, version, timeout, unsafe_run_code=unsafe_run_code)()


def start_code_tasks(tasks, version: str, timeout: float = 30.0, *, unsafe_run_code: bool = False,
                     **_options) -> Callable[[], list[list[Result]]]:
    """:func:`check_code_tasks` started: the blocks run on the pool while the caller does other
    work (the formulas); the returned function waits for their results."""
    jobs = [prepare(t.cards[0], t.concept, list(t.context)) for t in tasks]
    wait = runner_for(version, timeout, unsafe_run_code).start_all(jobs)
    return lambda: [[r] for r in wait()]


def check_code(card: Card, concept, version: str, timeout: float, earlier: list[Card] = (), *,
               unsafe_run_code: bool = False, **_options) -> Result:
    runner = runner_for(version, timeout, unsafe_run_code)
    return runner.check_all([prepare(card, concept, list(earlier))])[0]
