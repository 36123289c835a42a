"""The layering written in pyproject.toml holds: no module imports from a layer above it."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT


def test_import_layers_hold() -> None:
    exe = shutil.which("lint-imports")
    if exe is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    done = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
