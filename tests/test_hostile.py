"""Notes from anyone: hostile and broken input through every command.

No traceback, nothing written outside the output, nothing from outside the notes folder in
a deck, and the rest of the notes still build.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECRET = "canary-7f3a9c-not-for-decks"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


def _hostile_notes(base: Path) -> Path:
    notes = base / "notes"
    (notes / "sub").mkdir(parents=True)
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET)
    (outside / "secret.md").write_text(f"# 外面\n\n秘密：{SECRET}\n")
    (outside / "leak.png").write_bytes(PNG + SECRET.encode())
    (notes / "ok.md").write_text("# 好笔记\n\n## 学习率\n\n学习率：每一步更新的步长。\n", encoding="utf-8")
    (notes / "media.md").write_text(
        "# 图片\n\n## 环境\n\n环境：![env](/proc/self/environ)\n\n"
        "## 秘密\n\n秘密：![s](../outside/secret.txt) 和 ![h](/etc/hostname)\n\n"
        "## 链接\n\n链接：![l](link.png)\n", encoding="utf-8")
    (notes / "link.png").symlink_to(outside / "leak.png")
    (notes / "elsewhere.md").symlink_to(outside / "secret.md")
    (notes / "loop").symlink_to(notes, target_is_directory=True)
    (notes / "bombs.md").write_text(
        "# 公式炸弹\n\n## 括号\n\n- $f(x) = " + "(" * 165 + "x" + ")" * 165 + "$\n\n"
        "## 重复\n\n- f(x)=x\n" + "2\n" * 60 + "\n## 溢出\n\n- $10^{10^{10}} = 10^{10^{10}} + 1$\n",
        encoding="utf-8")
    (notes / "text.md").write_text(
        "---\ntitle: [unclosed\n  : : bad yaml\n---\n# 标题\u202e反转\u200b\n\n"
        "## 价格\n\n价格：$5 和 $10 之间。\n\n## 填空\n\n自己写的填空 {{c1::没有闭合\n", encoding="utf-8")
    (notes / "latin1.md").write_bytes("# caf\xe9\n\nterm: d\xe9finition\n".encode("latin-1"))
    (notes / "nul.md").write_bytes(b"# a\x00b\n\nterm: x\n")
    (notes / "sub" / "plain.md").write_text("# sub\n\nterm: a definition\n", encoding="utf-8")
    os.makedirs(os.fsencode(notes / "sub") + b"/\xff-folder", exist_ok=True)
    with open(os.fsencode(notes / "sub") + b"/\xff-folder/n\xe9.md", "wb") as fh:
        fh.write("# 名字\n\n术语：文件名不是 UTF-8。\n".encode("utf-8"))
    return notes


def _tree(base: Path, skip: tuple[Path, ...]) -> dict[str, int]:
    out = {}
    for here, dirs, files in os.walk(base, followlinks=False):
        if any(Path(here).is_relative_to(s) for s in skip):
            continue
        for name in files:
            path = Path(here) / name
            out[os.fsdecode(path)] = path.lstat().st_mtime_ns
    return out


def _run(*args: str, env: dict[str, str], cwd: Path, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studydeck", *args], cwd=cwd, env=env, input=stdin,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def hostile(tmp_path: Path):
    notes = _hostile_notes(tmp_path)
    env = dict(os.environ, STUDYDECK_CACHE_DIR=str(tmp_path / "cache"), STUDYDECK_CANARY=SECRET,
               STUDYDECK_NOW="2026-01-01T10:00:00+00:00")
    return tmp_path, notes, env


def test_every_command_survives_hostile_notes(hostile) -> None:
    base, notes, env = hostile
    out, cache = base / "decks", base / "cache"
    before = _tree(base, (out, cache))
    commands = [
        ("build", str(notes), "-o", str(out), "--device", "cpu"),
        ("verify", str(notes), "--device", "cpu"),
        ("verify", str(notes), "--json", "--device", "cpu"),
        ("lint", str(notes)),
        ("mindmap", str(notes), "-o", str(out / "map.html")),
        ("quiz", str(notes), "--db", str(out / "reviews.sqlite3")),
        ("stats", "--db", str(out / "reviews.sqlite3")),
    ]
    for args in commands:
        done = _run(*args, env=env, cwd=base, stdin="q")
        assert "Traceback" not in done.stderr + done.stdout, (args, done.stderr[-3000:])
        assert done.returncode in (0, 1), (args, done.returncode, done.stderr[-2000:])
        assert SECRET not in done.stdout, args
    # nothing outside the output folder and the cache was written or touched
    assert _tree(base, (out, cache)) == before
    # the good notes were built; nothing from outside the notes folder is in any deck
    decks = sorted(out.glob("*.apkg"))
    assert any(d.name == "ok.apkg" for d in decks)
    for deck in decks:
        with zipfile.ZipFile(deck) as zf:
            for name in zf.namelist():
                data = zf.read(name)
                assert SECRET.encode() not in data, (deck.name, name)
                if name == "collection.anki2":
                    assert b"PATH=" not in data and b"HOME=" not in data
    assert not (out / "elsewhere.apkg").exists()


def test_damaged_state_cache_and_database_are_one_line_errors(hostile) -> None:
    base, notes, env = hostile
    out = base / "decks"
    out.mkdir()
    (out / "ok.state.json").mkdir()  # a folder where the state file should be
    done = _run("build", str(notes / "ok.md"), "-o", str(out), "--no-verify", env=env, cwd=base)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "ok.state.json" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    # a verify cache whose entries have the wrong shape is only a slower build
    shards = base / "cache" / "verify"
    shards.mkdir(parents=True, exist_ok=True)
    for name in (f"{i:02x}" for i in range(256)):  # whichever file the card's key falls in
        (shards / f"{name}.json").write_text('{"k": {"results": [{"oops": 1}]}, "j": 5}')
    (out / "ok.state.json").rmdir()
    done = _run("build", str(notes / "ok.md"), "-o", str(out), "--device", "cpu", env=env, cwd=base)
    assert done.returncode == 0, done.stderr
    # a review database from a newer studydeck is refused and left as it is
    db = base / "reviews.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    done = _run("quiz", str(notes / "ok.md"), "--db", str(db), env=env, cwd=base, stdin="q")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert db.read_bytes() == before and not Path(f"{db}-wal").exists()


def test_two_thousand_tiny_files_build(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(2000):
        (notes / f"n{i:04d}.md").write_text(f"# 笔记 {i}\n\n术语{i}：定义{i}。\n", encoding="utf-8")
    env = dict(os.environ, STUDYDECK_CACHE_DIR=str(tmp_path / "cache"))
    done = _run("build", str(notes), "-o", str(tmp_path / "d"), "--no-verify", env=env, cwd=tmp_path)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert len(list((tmp_path / "d").glob("*.apkg"))) == 2000
