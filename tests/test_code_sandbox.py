"""Hostile notes' code through the real sandbox: every escape is stopped, the card says why,
the build finishes, nothing leaks into a deck and no process outlives the build."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from studydeck.pipeline import collect
from studydeck.model import CardKind
from studydeck.verify import code_check, sandbox, verify
from studydeck.verify.messages import answer_markdown, verdict_line
from studydeck.verify.result import Verdict

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "code" / "hostile.md"
CANARY = "canary-" + uuid.uuid4().hex

# heading of the block -> the reason its card must give
EXPECTED = {
    "Write outside its folder": "environment",
    "Read a file outside the notes": "environment",
    "Read a canary environment variable": "environment",
    "Connect to a listener": "environment",
    "Fork without bound": "processes",
    "Allocate 10 GB": "memory",
    "Loop forever": "timeout",
    "Leave a child behind": "left-running",
    "Flood the output": "output-capped",
    "Forge its own report": "bad-report",
    "Kill its worker": "crashed",
}

pytestmark = pytest.mark.skipif(sandbox.sandbox_problem() is not None,
                                reason=f"the sandbox cannot start here: {sandbox.sandbox_problem()}")


def _world(base: Path) -> dict:
    """A folder outside the notes holding a secret, a listener on 127.0.0.1, and the notes."""
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(CANARY)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    token = "sd" + uuid.uuid4().hex[:10]
    notes = base / "notes"
    notes.mkdir()
    text = HOSTILE.read_text(encoding="utf-8").format(outside=outside, port=listener.getsockname()[1], token=token)
    (notes / "hostile.md").write_text(text, encoding="utf-8")
    return {"outside": outside, "listener": listener, "token": token, "notes": notes}


def _alive(token: str) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        try:
            if name.isdigit() and Path(f"/proc/{name}/comm").read_text().strip() == token:
                found.append(int(name))
        except OSError:
            pass
    return found


def _check(base: Path) -> dict:
    world = _world(base)
    cards = [c for d in collect([world["notes"]]) for c in d.cards if c.kind is CardKind.CODE]
    report = verify(cards, device="cpu", code_timeout=4)
    code_check.shutdown()
    by_uid = {r.uid: r for r in report.results}
    shown = {c.deck[-1]: answer_markdown(by_uid[c.uid], c.lang) for c in cards}  # what each card shows
    return {"world": world, "cards": cards, "report": report, "shown": shown}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    old = os.environ.get("STUDYDECK_TEST_CANARY")
    os.environ["STUDYDECK_TEST_CANARY"] = CANARY
    try:
        yield _check(tmp_path_factory.mktemp("hostile"))
    finally:
        if old is None:
            os.environ.pop("STUDYDECK_TEST_CANARY", None)
        else:
            os.environ["STUDYDECK_TEST_CANARY"] = old


def _by_heading(run: dict) -> dict:
    by_uid = {r.uid: r for r in run["report"].results}
    return {card.deck[-1]: by_uid[card.uid] for card in run["cards"]}


@pytest.mark.parametrize("heading, reason", sorted(EXPECTED.items()))
def test_each_escape_is_stopped_and_the_card_says_why(hostile, heading, reason) -> None:
    result = _by_heading(hostile)[heading]
    assert result.reason == reason, result.detail
    assert result.verdict is Verdict.UNVERIFIED
    assert hostile["shown"][heading].startswith(verdict_line(result, "en"))
    assert verdict_line(result, "en").startswith("unverified")


def test_a_killed_worker_is_replaced(hostile) -> None:
    after = _by_heading(hostile)["Run after its worker was killed"]
    assert (after.reason, after.output) == ("code-agrees", "42")


def test_nothing_escaped(hostile) -> None:
    world = hostile["world"]
    assert not (world["outside"] / "escaped.txt").exists()
    with pytest.raises(BlockingIOError):
        world["listener"].accept()  # no connection ever reached it
    assert _alive(world["token"]) == []


def test_no_secret_reaches_a_card(hostile) -> None:
    everything = json.dumps([r.to_dict() for r in hostile["report"].results], ensure_ascii=False)
    everything += "".join(hostile["shown"].values())
    assert CANARY not in everything
    env_card = _by_heading(hostile)["Read a canary environment variable"]
    assert "STUDYDECK_TEST_CANARY" not in env_card.output and "PATH" in env_card.output


def test_output_is_capped_on_the_card(hostile) -> None:
    flood = _by_heading(hostile)["Flood the output"]
    assert 0 < len(flood.output) <= sandbox.Limits().output_cap


@pytest.fixture
def no_sandbox(monkeypatch):
    """A machine where bubblewrap cannot be found; the workers started meanwhile are stopped."""
    monkeypatch.setattr(sandbox, "bwrap_path", lambda: None)
    sandbox.sandbox_problem.cache_clear()
    code_check.shutdown()
    yield
    code_check.shutdown()
    sandbox.sandbox_problem.cache_clear()


def _code_cards(tmp_path, text: str) -> list:
    notes = tmp_path / "n.md"
    notes.write_text(text)
    return [c for d in collect([notes]) for c in d.cards if c.kind is CardKind.CODE]


def test_without_a_sandbox_code_is_not_run_and_one_note_says_how(tmp_path, no_sandbox) -> None:
    cards = _code_cards(tmp_path, "# T\n\n## A\n\n```python\nprint(1)  # 输出：1\n```\n\n## B\n\n```python\nprint(2)\n```\n")
    report = verify(cards, device="cpu", cache_path=None)
    assert [r.reason for r in report.results] == ["no-sandbox", "no-sandbox"]
    note = sandbox.take_note()
    assert note and "bubblewrap" in note and "--unsafe-run-code" in note
    assert sandbox.take_note() is None  # one note per build


def test_unsafe_run_code_runs_without_the_sandbox(tmp_path, no_sandbox) -> None:
    cards = _code_cards(tmp_path, "# T\n\n## A\n\n```python\nprint(1 + 1)  # 输出：2\n```\n")
    (result,) = verify(cards, device="cpu", cache_path=None, unsafe_run_code=True).results
    assert result.reason == "code-agrees" and result.output == "2"


SCRIPT = """
import json, os, sys
sys.path.insert(0, sys.argv[1])
os.environ["STUDYDECK_TEST_CANARY"] = sys.argv[3]
from pathlib import Path
from studydeck.pipeline import collect
from studydeck.model import CardKind
from studydeck.verify import code_check, verify
cards = [c for d in collect([Path(sys.argv[2])]) for c in d.cards if c.kind is CardKind.CODE]
report = verify(cards, device="cpu", code_timeout=4, cache_path=None)
code_check.shutdown()
print(json.dumps({c.deck[-1]: [r.reason, r.output] for c in cards for r in report.results if r.uid == c.uid}))
"""


def test_the_same_as_an_ordinary_user() -> None:
    if os.geteuid() != 0:
        pytest.skip("dropping to another user needs root; this run is already an ordinary user")
    drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if subprocess.run(drop + ["true"], capture_output=True).returncode != 0:
        pytest.skip("setpriv cannot switch to uid 65534 here")
    base = Path(tempfile.mkdtemp(prefix="studydeck-nobody-"))
    try:
        base.chmod(0o755)
        world = _world(base)
        for path in (base, world["outside"], world["notes"]):
            path.chmod(0o777)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(base), "LANG": "C.UTF-8"}
        proc = subprocess.run(drop + [sys.executable, "-c", SCRIPT, str(ROOT), str(world["notes"]), CANARY],
                              capture_output=True, text=True, env=env, timeout=600)
        assert proc.returncode == 0, proc.stderr[-2000:]
        reasons = json.loads(proc.stdout.strip().splitlines()[-1])
        assert {h: r for h, (r, _) in reasons.items()} == {**EXPECTED, "Run after its worker was killed": "code-agrees"}
        assert CANARY not in proc.stdout
        assert not (world["outside"] / "escaped.txt").exists()
        assert _alive(world["token"]) == []
        world["listener"].close()
    finally:
        subprocess.run(["rm", "-rf", str(base)])


def test_one_worker_serves_many_blocks() -> None:
    """A warm worker is reused for a whole build: nothing it holds may grow with each block."""
    limits = sandbox.Limits(timeout=20)
    worker = sandbox.Worker(limits)
    try:
        answers = [worker.run({**limits.request(), "code": f"print({i} * 2)", "earlier": []}) for i in range(300)]
    finally:
        worker.close()
    assert [a["status"] for a in answers] == ["ok"] * 300
    assert [a["stdout"] for a in answers] == [f"{i * 2}\n" for i in range(300)]


def test_killing_the_build_kills_its_blocks(tmp_path) -> None:
    """kill -9 of the build leaves no block running (bwrap's --die-with-parent, the pid namespace)."""
    token = "sd" + uuid.uuid4().hex[:10]
    notes = tmp_path / "loop.md"
    notes.write_text(f'# Loop\n\n## Spin\n\n```python\nopen("/proc/self/comm", "w").write("{token}")\n'
                     'while True:\n    pass\n```\n', encoding="utf-8")
    script = ("import sys\nsys.path.insert(0, sys.argv[1])\nfrom pathlib import Path\n"
              "from studydeck.pipeline import collect\nfrom studydeck.verify import verify\n"
              "cards = [c for d in collect([Path(sys.argv[2])]) for c in d.cards]\n"
              "verify(cards, device='cpu', code_timeout=300, cache_path=None)\n")
    build = subprocess.Popen([sys.executable, "-c", script, str(ROOT), str(notes)])
    try:
        for _ in range(1200):  # until the block is running (bounded: the build may be slow to start)
            if _alive(token) or build.poll() is not None:
                break
            time.sleep(0.1)
        assert _alive(token), "the block never started"
    finally:
        build.kill()
        build.wait()
    for _ in range(100):  # the kernel tears the namespace down asynchronously
        if not _alive(token):
            break
        time.sleep(0.1)
    assert _alive(token) == []


def test_a_python_installed_under_tmp_is_still_seen_inside_the_sandbox(monkeypatch) -> None:
    """A checkout (and its venv) under /tmp: the sandbox's own /tmp must not hide the interpreter's files."""
    with tempfile.TemporaryDirectory(dir="/tmp") as venv:
        (Path(venv) / "marker.txt").write_text("here", encoding="utf-8")
        monkeypatch.setattr(sandbox, "_python_dirs", lambda: [venv])
        argv = sandbox.command(sandbox.bwrap_path(), 1 << 20) + ["/bin/cat", f"{venv}/marker.txt"]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and done.stdout == "here", done.stderr
