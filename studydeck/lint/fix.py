"""Apply fixes without risk to the notes: only the chosen edits change the text, every other byte
stays (line endings, BOM), the first original is never overwritten, and the rewrite is atomic."""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from studydeck.errors import StudydeckError
from studydeck.lint.findings import Finding, LintResult
from studydeck.lint.text import is_chinese

BOM = "\ufeff"
LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


class FixError(StudydeckError):
    """A fixed file cannot be written; nothing was changed."""


def chosen(result: LintResult, rules: set[str] | None = None) -> list[Finding]:
    """The findings whose edits a fix applies: the certain ones, or every edit of the rules the
    learner picked."""
    if rules:
        return [f for f in result.findings if f.edit is not None and f.rule in rules]
    return [f for f in result.findings if f.certain]


def apply_fixes(result: LintResult, rules: set[str] | None = None) -> dict[str, str]:
    """The fixed text of each file a chosen edit changes (nothing is written here)."""
    by_path: dict[str, list[Finding]] = {}
    for f in chosen(result, rules):
        by_path.setdefault(f.source.path, []).append(f)
    out = {}
    for path, findings in by_path.items():
        text = result.texts[path]
        parts, end = [], 0
        for edit in sorted({f.edit for f in findings}, key=lambda e: (e.start, e.end)):
            if edit.start < end:
                continue  # overlaps an edit already made: the first one wins
            parts += [text[end:edit.start], edit.text]
            end = edit.end
        fixed = "".join(parts) + text[end:]
        if fixed != text:
            out[path] = fixed
    return out


def diff(result: LintResult, fixed: dict[str, str]) -> str:
    """A unified diff of exactly the bytes a fix writes (a BOM, when there is one, included)."""
    chunks = []
    for path, text in fixed.items():
        bom = BOM if path in result.boms else ""
        for line in difflib.unified_diff(LINES.findall(bom + result.texts[path]), LINES.findall(bom + text),
                                         fromfile=f"a/{path}", tofile=f"b/{path}"):
            chunks.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(chunks)


@dataclass(frozen=True)
class Written:
    target: Path
    backup: Path
    earlier: list[Path]     # backups from earlier fixes, kept as they were


def write_fixes(result: LintResult, fixed: dict[str, str]) -> list[Written]:
    """Write each fixed file atomically, after keeping what it held in a new backup beside it.
    Every file is prepared before any is replaced; on any failure nothing is changed."""
    prepared: list[tuple[Path, Path, str, list[Path]]] = []
    try:
        for shown, text in fixed.items():
            prepared.append(_prepare(result, shown, text))
    except FixError:
        for _, backup, tmp, _ in prepared:
            _remove(backup)
            _remove(Path(tmp))
        raise
    written = []
    for target, backup, tmp, earlier in prepared:
        os.replace(tmp, target)
        _sync_dir(target.parent)
        written.append(Written(target, backup, earlier))
    return written


def _prepare(result: LintResult, shown: str, text: str) -> tuple[Path, Path, str, list[Path]]:
    target = result.paths.get(shown, Path(shown))
    bom = BOM if shown in result.boms else ""
    zh = is_chinese(result.texts[shown])  # messages speak the notes' language
    try:
        original = target.read_bytes()
    except OSError as exc:
        raise FixError(_say(zh, f"{shown}：无法再次读取（{exc.strerror}），没有改动任何文件",
                           f"{shown}: cannot be read again ({exc.strerror}); nothing was changed")) from None
    if original != (bom + result.texts[shown]).encode("utf-8"):
        raise FixError(_say(zh, f"{shown}：读取后文件又被改过，没有改动任何文件；请重新运行 lint",
                           f"{shown}: changed since lint read it; nothing was changed — run lint again"))
    if not _writable(target):
        raise FixError(_say(zh, f"{shown}：文件是只读的，没有改动任何文件；改为可写后再修复",
                           f"{shown}: the file is read-only; nothing was changed — make it writable to fix it"))
    backup = tmp = None
    try:
        backup, earlier = _backup(target, original)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write((bom + text).encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
    except OSError as exc:
        for path in (backup, tmp):
            if path is not None:
                _remove(Path(path))
        folder = target.parent.as_posix() or "."
        raise FixError(_say(zh, f"{folder}/：文件夹不可写（{exc.strerror}），没有改动任何文件；改为可写，或修复笔记的副本",
                           f"{folder}/: the folder is not writable ({exc.strerror}); nothing was changed — "
                           "make it writable, or fix a copy of the notes")) from None
    return target, backup, tmp, earlier


def _say(zh: bool, cn: str, en: str) -> str:
    return cn if zh else en


def _writable(target: Path) -> bool:
    """A file the learner made read-only is not rewritten, even by a user the system would let."""
    if not os.stat(target).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return False
    try:
        os.close(os.open(target, os.O_WRONLY))  # opening for writing changes nothing, and asks the system
    except OSError:
        return False
    return True


def _backup(target: Path, original: bytes) -> tuple[Path, list[Path]]:
    """A new backup, NAME.bak or the first free NAME.bak.N: an earlier backup may hold the only
    copy of the text before the first fix."""
    earlier = []
    n = 1
    while True:
        backup = target.with_name(target.name + (".bak" if n == 1 else f".bak.{n}"))
        try:
            fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IMODE(os.stat(target).st_mode))
        except FileExistsError:
            earlier.append(backup)
            n += 1
            continue
        with os.fdopen(fd, "wb") as fh:
            fh.write(original)
            fh.flush()
            os.fsync(fh.fileno())
        return backup, earlier


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
