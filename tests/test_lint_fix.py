"""--fix keeps the original safe: bytes it does not mean to change stay, backups are never
overwritten, and an unwritable folder or file is a one-line error with nothing changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from studydeck.cli import cli

ROOT = Path(__file__).resolve().parent.parent
TYPO = "# Gradients\n\nThe gradients and the gradints.\n"
NOBODY = 65534


def fix(*args: str):
    return CliRunner().invoke(cli, ["lint", *args, "--fail-on", "error"])


def test_fix_keeps_crlf_bom_and_every_byte_the_diff_does_not_show(tmp_path: Path) -> None:
    md = tmp_path / "n.md"
    before = ("\ufeff" + TYPO.replace("\n", "\r\n") + "Trailing spaces stay   \r\nlast line, no break").encode()
    md.write_bytes(before)
    shown = fix(str(md), "--diff").stdout_bytes.decode("utf-8")  # .output would turn CRLF into LF
    assert md.read_bytes() == before
    result = fix(str(md), "--fix")
    assert result.exit_code == 0, result.output
    after = md.read_bytes()
    assert after == before.replace(b"gradints", b"gradients")
    assert _patched(before, shown, tmp_path) == after   # --diff showed exactly what --fix wrote
    assert (tmp_path / "n.md.bak").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.md", "n.md.bak"]  # no temporary file left


def test_a_second_fix_keeps_the_first_backup(tmp_path: Path) -> None:
    md = tmp_path / "n.md"
    md.write_text(TYPO, encoding="utf-8")
    first = fix(str(md), "--fix").output
    assert f"what it held is in {md}.bak)" in first
    with md.open("a", encoding="utf-8") as fh:
        fh.write("More gradints here.\n")
    once_fixed_plus_line = md.read_bytes()
    second = fix(str(md), "--fix").output
    assert f"what it held is in {md}.bak.2; earlier backups kept: {md}.bak)" in second
    assert (tmp_path / "n.md.bak").read_text(encoding="utf-8") == TYPO          # the learner's first original
    assert (tmp_path / "n.md.bak.2").read_bytes() == once_fixed_plus_line        # and the line added later
    assert md.read_text(encoding="utf-8").count("gradints") == 0


def _patched(original: bytes, diff: str, folder: Path) -> bytes:
    if not shutil.which("patch"):
        pytest.skip("the patch program is not installed: cannot apply the diff to compare")
    copy, patch = folder / "copy.md", folder / "shown.diff"
    copy.write_bytes(original)
    patch.write_text(diff, encoding="utf-8", newline="")
    subprocess.run(["patch", "--binary", "--quiet", str(copy), "-i", str(patch)], check=True)
    out = copy.read_bytes()
    copy.unlink(), patch.unlink()
    return out


def _as_unprivileged(args: list[str], cache: Path) -> subprocess.CompletedProcess:
    """Run the CLI as a user the system refuses, so the test exercises real permissions."""
    command = [sys.executable, "-m", "studydeck", "lint", *args]
    if os.geteuid() == 0:
        if shutil.which("setpriv"):
            command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
        elif shutil.which("runuser"):
            command = ["runuser", "-u", "nobody", "--", *command]
        else:
            pytest.skip("running as root without setpriv or runuser: cannot drop privileges to test permissions")
    env = dict(os.environ, PYTHONPATH=str(ROOT), STUDYDECK_CACHE_DIR=str(cache), HOME=str(cache))
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cache)


@pytest.fixture
def shared_dir():
    """A folder outside pytest's private temp tree, which an unprivileged user can reach."""
    with tempfile.TemporaryDirectory() as name:
        base = Path(name)
        base.chmod(0o755)
        cache = base / "cache"
        cache.mkdir()
        cache.chmod(0o777)
        yield base, cache


def _own_by_unprivileged(path: Path) -> None:
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)


def test_read_only_folder_is_one_line_error_and_nothing_changes(shared_dir) -> None:
    base, cache = shared_dir
    notes = base / "ro"
    notes.mkdir()
    md = notes / "n.md"
    md.write_text(TYPO, encoding="utf-8")
    _own_by_unprivileged(md)                    # the file is writable; its folder is not
    notes.chmod(0o555)
    try:
        result = _as_unprivileged([str(notes), "--fix"], cache)
    finally:
        notes.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr == (f"Error: {notes}/: the folder is not writable (Permission denied); nothing was "
                             "changed — make it writable, or fix a copy of the notes\n")
    assert "Traceback" not in result.stdout + result.stderr
    assert md.read_text(encoding="utf-8") == TYPO and sorted(p.name for p in notes.iterdir()) == ["n.md"]


def test_read_only_file_is_one_line_error_and_no_file_changes(shared_dir) -> None:
    base, cache = shared_dir
    notes = base / "notes"
    notes.mkdir()
    notes.chmod(0o777)
    writable, locked = notes / "a.md", notes / "b.md"
    for md in (writable, locked):
        md.write_text(TYPO, encoding="utf-8")
    _own_by_unprivileged(writable)
    if os.geteuid() != 0:
        locked.chmod(0o444)                     # without root, the bits are what the system enforces
    result = _as_unprivileged([str(notes), "--fix"], cache)
    assert result.returncode == 1
    assert result.stderr == (f"Error: {locked}: the file is read-only; nothing was changed — "
                             "make it writable to fix it\n")
    assert writable.read_text(encoding="utf-8") == TYPO and locked.read_text(encoding="utf-8") == TYPO
    assert sorted(p.name for p in notes.iterdir()) == ["a.md", "b.md"]   # no backup, no temporary file


def test_a_file_made_read_only_is_left_alone_even_by_root(tmp_path: Path) -> None:
    md = tmp_path / "n.md"
    md.write_text(TYPO, encoding="utf-8")
    md.chmod(0o444)
    result = fix(str(md), "--fix")
    assert result.exit_code == 1 and result.output == (f"Error: {md}: the file is read-only; nothing was "
                                                       "changed — make it writable to fix it\n")
    assert md.read_text(encoding="utf-8") == TYPO and not (tmp_path / "n.md.bak").exists()


def test_the_error_speaks_the_notes_language(tmp_path: Path) -> None:
    md = tmp_path / "笔记.md"
    md.write_text("# 梯度下降\n\n梯度下降沿着梯度的反方向更新参数。\n\n梯队下降的步长由学习率决定。\n", encoding="utf-8")
    md.chmod(0o444)
    result = fix(str(md), "--fix")
    assert result.output == f"Error: {md}：文件是只读的，没有改动任何文件；改为可写后再修复\n"
