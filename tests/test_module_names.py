"""The rule modules define each pattern and helper once: a second definition of a name silently replaces the first
for every rule that reads it."""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

import studydeck

MODULES = sorted(Path(studydeck.__file__).parent.glob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_top_level_name_is_defined_twice(path: Path) -> None:
    names: Counter = Counter()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] += 1
    assert not [name for name, n in names.items() if n > 1]
