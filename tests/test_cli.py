"""The command line: exit codes and the exact text a user sees."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import NOTES, ROOT
from studydeck.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def all_commands():
    return sorted(cli.commands)


@pytest.mark.parametrize("name", all_commands())
def test_every_command_has_help(name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    command = cli.commands[name]
    assert command.help and "Example" in command.help
    assert f"Usage: cli {name}" in result.output or f"Usage: studydeck {name}" in result.output


def test_missing_path(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "nope.md"), "-o", str(tmp_path / "d"))
    assert result.exit_code == 1
    assert result.output == f"Error: {(tmp_path / 'nope.md').as_posix()}: no such file or folder; check the path\n"


def test_not_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes("# 标题\n\n- ok\n".encode("utf-8") + "- 中文\n".encode("gbk"))
    result = run("build", str(bad), "-o", str(tmp_path / "d"))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad.as_posix()}:4: not UTF-8 (byte 0xd6); save the file as UTF-8")
    assert "Traceback" not in result.output
    assert not (tmp_path / "d").exists()


def test_unwritable_output(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("build", str(NOTES), "-o", str(blocker / "decks"))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Error: {blocker / 'decks'}: cannot create the output directory (Not a directory); choose another with -o")
    assert blocker.read_text() == "not a folder"


def test_damaged_state_file_is_named_and_kept(tmp_path: Path) -> None:
    out = tmp_path / "d"
    out.mkdir()
    (out / "pytorch-notes.state.json").write_text("{oops")
    result = run("build", str(NOTES), "-o", str(out))
    assert result.exit_code == 1
    assert "pytorch-notes.state.json: damaged state file" in result.output
    assert (out / "pytorch-notes.state.json").read_text() == "{oops"
    assert not (out / "pytorch-notes.apkg").exists()


def test_build_summary(tmp_path: Path) -> None:
    result = run("build", str(NOTES), "-o", str(tmp_path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("cards by kind: cloze ")
    assert "notes/pytorch-notes.md:3: “张量”一节是空的" in result.stderr
    assert any(line.startswith(f"wrote {tmp_path / 'pytorch-notes.apkg'}: ") and "new, 0 updated, 0 removed" in line
               for line in lines)
    again = run("build", str(NOTES), "-o", str(tmp_path))
    assert again.exit_code == 0 and again.output.startswith("nothing changed since the last build")


def test_rebuild_with_nothing_changed_imports_nothing_heavy(notes_copy: Path, tmp_path: Path) -> None:
    """A no-change rebuild hashes the notes and stops: no torch, no genanki, no Markdown parser."""
    out = tmp_path / "d"
    assert run("build", str(notes_copy), "-o", str(out)).exit_code == 0
    code = ("import sys; from studydeck.cli import main; sys.argv=['studydeck','build',sys.argv[1],'-o',sys.argv[2]]\n"
            "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "heavy = [m for m in ('torch', 'genanki', 'markdown_it') if m in sys.modules]\n"
            "assert not heavy, heavy\n")
    done = subprocess.run([sys.executable, "-c", code, str(notes_copy), str(out)], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert "nothing changed" in done.stdout
    # a changed file is built again: the one new note is new, no other note changes
    notes = notes_copy / "pytorch-notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\n## 新的一节\n\n新术语：一个新的定义。\n", encoding="utf-8")
    changed = run("build", str(notes_copy), "-o", str(out))
    assert changed.exit_code == 0 and "nothing changed" not in changed.output
    assert "(1 new, 0 updated, 0 removed)" in changed.output


def test_help_does_not_import_torch() -> None:
    code = "import sys; from studydeck.cli import main; sys.argv=['studydeck','--help']\n" \
           "try:\n    main()\nexcept SystemExit:\n    pass\nassert 'torch' not in sys.modules, 'torch imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)


def test_python_m_studydeck() -> None:
    out = subprocess.run([sys.executable, "-m", "studydeck", "--version"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("studydeck, version ")


def test_a_changed_file_rewrites_its_own_deck_only(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# A\n\n## 术语\n\n学习率：每一步更新的步长。\n", encoding="utf-8")
    (notes / "b.md").write_text("# B\n\n## 术语\n\n动量：过去梯度的指数平均。\n", encoding="utf-8")
    out = tmp_path / "d"
    assert run("build", str(notes), "-o", str(out), "--no-verify").exit_code == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    (notes / "b.md").write_text("# B\n\n## 术语\n\n动量：过去梯度的指数滑动平均。\n", encoding="utf-8")
    again = run("build", str(notes), "-o", str(out), "--no-verify")
    assert again.exit_code == 0 and "b.apkg: 1 notes, 1 cards (0 new, 1 updated, 0 removed)" in again.output
    after = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    assert after["a.apkg"] == before["a.apkg"] and after["a.state.json"] == before["a.state.json"]
    assert after["b.apkg"] != before["b.apkg"]


def test_build_counts_what_was_left_out_as_lint_lists_it(tmp_path: Path) -> None:
    """Two candidates of one line left out for one reason are two findings of `studydeck lint`,
    each quoting its own formula, and two in the count `build` prints."""
    notes = tmp_path / "n.md"
    notes.write_text("# Linear algebra\n\n## Products\n\nWe could simply compute $\\mathbf{A} = \\mathbf{B}\\mathbf{C}$. "
                     "We could also compute $\\mathbf{D} = \\mathbf{E}\\mathbf{F}$.\n\n## Norms\n\n"
                     "- **L2 norm**: the square root of the sum of squares.\n", encoding="utf-8")
    built = run("build", str(notes), "-o", str(tmp_path / "out"), "--no-verify")
    linted = run("lint", str(notes), "--fail-on", "error")
    assert built.exit_code == 0 and linted.exit_code == 0, built.output + linted.output
    listed = linted.output.count("[left-out:no-subject]")
    assert listed == 2 and f"note: {listed} candidate card(s) left out ({listed} no-subject)" in built.output
    assert "$\\mathbf{A} = ?$" in linted.output and "$\\mathbf{D} = ?$" in linted.output


def test_r_markdown_and_quarto_notes_in_a_folder_are_read(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "hw4.Rmd").write_text("---\ntitle: HW4\noutput: html_document\n---\n\n# Likelihood\n\n"
                                   "**Fisher information**: the variance of the score.\n", encoding="utf-8")
    (notes / "ridge.qmd").write_text("# Ridge\n\n**Ridge penalty**: $\\lambda \\lVert \\beta \\rVert_2^2$ added to the loss.\n",
                                     encoding="utf-8")
    (notes / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    result = run("build", str(notes), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.apkg")) == ["hw4.apkg", "ridge.apkg"], result.output
