"""Verifying notes' code against the code floor, side by side in one run.

The floor (``verify_floor.py`` of the bench kit) imports torch once, warms it and forks a
child per block with no sandbox and no checks: the least any verifier must do. studydeck is
timed doing the same blocks in its sandboxed warm workers, both through ``verify`` (one task
at a time) and through the batch entry point (the whole build on the pool). Each is the median
of ``--repeat`` runs in fresh processes; peak memory is the largest proportional set size
(PSS) the process tree held at once.

Prints figures; it is a measurement, not a test.

    python benchmarks/verify_speed.py --bench ../shared/bench --items 10000 [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STUDYDECK = """
import sys, time
from pathlib import Path
from studydeck.pipeline import collect
from studydeck.verify import plan
from studydeck.verify import code_check, verify, torch_version
t0 = time.perf_counter()
cards = [c for d in collect([Path(sys.argv[1])]) for c in d.cards]
tasks = [t for t in plan(cards) if t.kind == "code"]
if sys.argv[2] == "batch":
    results = [r for rs in code_check.check_code_tasks(tasks, torch_version()) for r in rs]
else:
    code = [c for t in tasks for c in t.cards]
    results = verify(code, device="cpu", cache_path=None).results
code_check.shutdown()
reasons = {}
for r in results:
    reasons[r.reason] = reasons.get(r.reason, 0) + 1
print(f"blocks {len(results)} seconds {time.perf_counter() - t0:.2f} reasons {sorted(reasons.items())}")
"""


def _tree_pss(root: int) -> int:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_bytes().rsplit(b")", 1)[1].split()
                children.setdefault(int(stat[1]), []).append(int(name))
            except (OSError, IndexError, ValueError):
                pass
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except (OSError, ValueError):
            pass
    return total


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_pss(proc.pid))
            done.wait(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv[:3])} failed:\n{out[-2000:]}")
    return seconds, peak[0], out.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--modes", default="floor,batch,verify")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([sys.executable, str(args.bench / "gen_corpus.py"), str(args.items), str(corpus)],
                       check=True, capture_output=True)
        runs = {"floor": [sys.executable, str(args.bench / "verify_floor.py"), str(corpus)],
                "batch": [sys.executable, "-c", STUDYDECK, str(corpus), "batch"],
                "verify": [sys.executable, "-c", STUDYDECK, str(corpus), "verify"]}
        figures = {}
        load = os.getloadavg()[0]
        for _ in range(args.repeat):
            for mode in args.modes.split(","):  # interleaved, so load drifts hit every mode alike
                figures.setdefault(mode, []).append(timed(runs[mode], env))
    floor = statistics.median(s for s, _, _ in figures["floor"]) if "floor" in figures else None
    print(f"{args.items} items, median of {args.repeat}, load {load:.2f} at start, {os.cpu_count()} cores")
    for mode, rows in figures.items():
        seconds = statistics.median(s for s, _, _ in rows)
        ratio = f"{seconds / floor:.2f}x the code floor" if floor else ""
        print(f"{mode:>7}: {seconds:7.2f} s  {ratio:>24}  peak {max(p for _, p, _ in rows) / 2**20:7.0f} MiB"
              f"  | {rows[-1][2]}")


if __name__ == "__main__":
    main()
