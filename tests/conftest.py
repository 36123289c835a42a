from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTES = ROOT / "notes"
SHIPPED = NOTES / "pytorch-notes.md"
CORPUS = ROOT.parent / "shared" / "corpus" / "d2l-zh"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Verification results are cached per test session, never in the user's cache."""
    monkeypatch.setenv("STUDYDECK_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def notes_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped notes folder, safe to edit."""
    dest = tmp_path / "notes"
    shutil.copytree(NOTES, dest)
    return dest


def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("the d2l-zh corpus is not beside this checkout (../shared/corpus/d2l-zh)")
    return CORPUS
