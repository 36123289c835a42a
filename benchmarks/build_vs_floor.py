"""studydeck side by side with the floors, in one run, as ratios (median of N runs each).

The floors are the least work any notes -> .apkg tool must do (``floor.py``: one regex pass
and genanki) and the least work for running the notes' code (``verify_floor.py``: torch
imported once, each block in a forked child). Both, and the corpus generator, come with the
benchmark corpus kit (``bench/`` beside the corpora); pass its folder with --bench.

    python benchmarks/build_vs_floor.py --bench ../shared/bench [--items 10000] [--runs 3] [--verify] [--single-mb 5]

Prints seconds, × the floor, and the peak resident memory of each command (its own process;
code blocks run in children of their own). With --single-mb, it also builds one notes file of
that size (the generator's items, concatenated) and compares its time per item with the
corpus's. It is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one command."""
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: a chatty build must never block on it
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed ({code}): {err.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def median(cmd_factory, runs: int, before=None) -> tuple[float, float]:
    times, peaks = [], []
    for i in range(runs):
        if before is not None:
            before()
        seconds, peak = run(cmd_factory(i))
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, required=True, help="the folder with gen_corpus.py and the floors")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--verify", action="store_true", help="also time a cold build that verifies everything")
    parser.add_argument("--single-mb", type=float, default=0,
                        help="also time a cold build of one notes file of this many MB, per item")
    args = parser.parse_args()
    py = sys.executable
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="studydeck-bench-") as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        subprocess.run([py, str(args.bench / "gen_corpus.py"), str(args.items), str(corpus)], check=True,
                       stdout=subprocess.DEVNULL)
        files = len(list(corpus.glob("*.md")))
        size = sum(p.stat().st_size for p in corpus.glob("*.md")) / 1e6
        rows: list[tuple[str, float, float, float | None]] = []

        floor, floor_mem = median(lambda i: [py, str(args.bench / "floor.py"), str(corpus), str(tmp / "floor.apkg")],
                                  args.runs)
        rows.append(("floor (regex + genanki)", floor, floor_mem, 1.0))

        cache = tmp / "cache"
        out = tmp / "decks"

        def fresh() -> None:
            shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)

        env = dict(os.environ, STUDYDECK_CACHE_DIR=str(cache))
        # As on a user's machine, studydeck's modules are compiled once and the bytecode kept
        # (as the floor's genanki was when pip installed it): a machine that sets
        # PYTHONDONTWRITEBYTECODE would otherwise recompile them in every timed run.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([py, "-c", "import studydeck.cli, studydeck.pipeline, studydeck.cards, studydeck.export, "
                        "studydeck.lint, studydeck.mindmap.tree, studydeck.render"], check=True, env=env)
        build = [py, "-m", "studydeck", "build", str(corpus), "-o", str(out)]
        global run
        plain_run = run

        def run_env(cmd, env=env):  # every studydeck command sees the benchmark's own cache
            return plain_run(cmd, env)

        run = run_env
        cold, cold_mem = median(lambda i: build + ["--no-verify"], args.runs, before=fresh)
        rows.append(("build --no-verify, cold", cold, cold_mem, cold / floor))
        again, again_mem = median(lambda i: build + ["--no-verify"], args.runs)
        rows.append(("build --no-verify, nothing changed", again, again_mem, again / floor))
        notes = sorted(corpus.glob("*.md"))[0]

        def touch_one() -> None:
            notes.write_text(notes.read_text(encoding="utf-8") + "\n- 新术语: 一条新的定义\n", encoding="utf-8")

        one, one_mem = median(lambda i: build + ["--no-verify"], args.runs, before=touch_one)
        rows.append(("build --no-verify, one file changed", one, one_mem, one / floor))
        per_item = None
        if args.single_mb:
            items = max(1, int(args.items * args.single_mb * 1e6 / (size * 1e6)))
            parts = tmp / "parts"
            subprocess.run([py, str(args.bench / "gen_corpus.py"), str(items), str(parts)], check=True,
                           stdout=subprocess.DEVNULL)
            single = tmp / "single"
            single.mkdir()
            with open(single / "notes.md", "w", encoding="utf-8") as fh:
                for part in sorted(parts.glob("*.md")):
                    fh.write(part.read_text(encoding="utf-8") + "\n")
            big = (single / "notes.md").stat().st_size / 1e6
            one_file, one_file_mem = median(lambda i: [py, "-m", "studydeck", "build", str(single), "-o",
                                                       str(tmp / "single-decks"), "--no-verify"], 1, before=fresh)
            per_item = (one_file / items) / (cold / args.items)
            rows.append((f"one {big:.1f} MB file ({items} items), cold", one_file, one_file_mem, None))
        if args.verify:
            run = plain_run
            code_floor, code_mem = median(lambda i: [py, str(args.bench / "verify_floor.py"), str(corpus)], 1)
            rows.append(("code floor (torch warm, fork per block)", code_floor, code_mem, None))
            run = run_env
            full, full_mem = median(lambda i: build, 1, before=fresh)
            rows.append(("build (verifying), cold", full, full_mem, full / (floor + code_floor)))
    print(f"{args.items} items, {files} files, {size:.1f} MB; load average at start "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    print(f"{'what':44} {'seconds':>8} {'× floor':>8} {'peak MB':>8}")
    for what, seconds, peak, ratio in rows:
        shown = "" if ratio is None else f"{ratio:.2f}"
        print(f"{what:44} {seconds:8.2f} {shown:>8} {peak:8.0f}")
    if args.verify:
        print("(the verifying build's ratio is to floor + code floor)")
    if per_item is not None:
        print(f"time per item, one large file / the {args.items}-item corpus: {per_item:.2f}×")


if __name__ == "__main__":
    main()
