"""Lint reads formulas with build's own parser: what build renders as math is never a finding."""

from __future__ import annotations

from pathlib import Path

from studydeck.pipeline import Workspace
from studydeck.render import to_html

FIXTURES = Path(__file__).parent / "fixtures" / "lint"


def paragraphs_and_dollar_findings():
    result = Workspace.load([FIXTURES / "math-wrapped.md"]).lint(allow_torch=False)
    text = next(iter(result.texts.values()))
    lines = text.splitlines()
    flagged = {lines[f.source.line - 1] for f in result.findings if f.rule == "unbalanced-dollar"}
    paragraphs = [p for p in text.split("\n\n") if not p.startswith("#")]
    return [(p, any(line in flagged for line in p.splitlines())) for p in paragraphs], result


def test_lint_flags_a_dollar_exactly_where_build_leaves_one_in_the_text() -> None:
    rows, _ = paragraphs_and_dollar_findings()
    assert len(rows) == 4
    for paragraph, flagged in rows:
        # what build shows: math becomes \( \); an escaped \$ is a dollar the author meant
        shown = to_html(paragraph.replace("\\$", ""))
        assert flagged == ("$" in shown), (paragraph, shown)


def test_the_wrapped_formula_renders_and_the_open_one_is_a_warning() -> None:
    rows, result = paragraphs_and_dollar_findings()
    assert [flagged for _, flagged in rows] == [False, False, False, True]
    assert "\\(L = \\sum_i (y_i -\n\\hat y_i)^2\\)" in to_html(rows[0][0])
    assert {f.severity.name for f in result.findings if f.rule == "unbalanced-dollar"} == {"WARNING"}
